// The floor for the sync benchmark: walk the same pages with the same HTTP client and parse them,
// one after the other, and do nothing else. A sync cannot be faster than this.
import { request } from 'undici'

const [baseUrl, integrationId, apiKey] = process.argv.slice(2)
if (!baseUrl || !integrationId || !apiKey)
  throw new Error('usage: syncFloor <baseUrl> <integrationId> <apiKey>')

let cursor = null
let records = 0
do {
  const url = new URL(`${baseUrl}/hris/employees`)
  url.searchParams.set('page_size', '250')
  url.searchParams.set('include_deleted', 'true')
  if (cursor) url.searchParams.set('cursor', cursor)
  const response = await request(url, {
    headers: { authorization: `Bearer ${apiKey}`, 'x-integration-id': integrationId },
  })
  const page = JSON.parse(await response.body.text())
  records += page.data.results.length
  cursor = page.data.next
} while (cursor)
process.stdout.write(`${records}\n`)
