/**
 * What opening Review and deciding cost on the server, for the demo company (about 1,200 employees and
 * 1,100 legacy users): matching from scratch (match:run), the stored results Review now opens from
 * (match:results), and one decision and its undo (each re-matches and re-stores the lists in one
 * transaction). Run: npm run bench:review
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ApiName, ApiRequest, ApiResponses } from '../src/shared/api'
import { openDatabase } from '../src/main/core/store/database'
import { createHostApp, memorySecrets } from '../src/main/host/hostApp'
import { buildLegacyCsv } from '../test/e2e/support/legacyCsv'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const dir = mkdtempSync(join(tmpdir(), 'bench-review-'))
const app = await createHostApp({
  db: openDatabase(join(dir, 'desk.db')),
  secrets: memorySecrets(),
  version: 'bench',
  demo: 'force',
})
const integrationId = 'bench:review'

async function call<N extends ApiName>(name: N, request: ApiRequest<N>): Promise<ApiResponses[N]> {
  const result = await app.call(name, request)
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value
}

async function timed(label: string, run: () => Promise<unknown>): Promise<void> {
  const times: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]!
  console.log(`${label.padEnd(34)} median ${median.toFixed(0).padStart(5)} ms  (min ${times[0]!.toFixed(0)})`)
}

try {
  await call('integrations:connect', { integrationId })
  await call('sync:run', { integrationId, full: true })
  const employees = await call('employees:list', { integrationId })
  const csv = buildLegacyCsv(employees).csv
  await call('legacy:import', {
    integrationId,
    fileName: 'users.csv',
    contentBase64: Buffer.from(csv).toString('base64'),
  })
  const first = await call('match:run', { integrationId })
  console.log(`${employees.length} employees, ${first.results.length} legacy users, ${ROUNDS} rounds`)
  await timed('match:run (match from scratch)', () => call('match:run', { integrationId }))
  await timed('match:results (stored, Review open)', () => call('match:results', { integrationId }))
  await timed('diff:get (lists)', () => call('diff:get', { integrationId }))
  const suggested = first.results.filter((r) => r.status === 'suggested')
  let index = 0
  await timed('match:decide + match:undo', async () => {
    const userId = suggested[index++ % suggested.length]!.user_id
    await call('match:decide', { integrationId, userId, kind: 'accept' })
    await call('match:undo', { integrationId, userId })
  })
} finally {
  await app.close()
  rmSync(dir, { recursive: true, force: true })
}
