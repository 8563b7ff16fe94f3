import { request } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generateCompany, type KomboEmployeeRecord } from '../../../src/main/core/demo/generateCompany'
import { encodeCursor, startStandIn, type StandIn } from '../../../src/main/core/demo/standInServer'

const API_KEY = 'test-key'
const INTEGRATION = 'personio:stand-in-test'
const COMPANY_SIZE = 1234

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

interface SuccessBody {
  status: 'success'
  data: { next: string | null; results: Record<string, unknown>[] }
}

interface ErrorBody {
  status: 'error'
  error: Record<string, unknown>
}

// Shared by every test: the stand-in never changes a record object in place, it stores changed copies.
const company = generateCompany({ seed: 11, size: COMPANY_SIZE })
let standIn: StandIn

beforeEach(async () => {
  standIn = await startStandIn({ apiKey: API_KEY, integrations: { [INTEGRATION]: company } })
})

afterEach(async () => {
  await standIn.close()
})

async function get(
  query: Record<string, string> = {},
  headers: Record<string, string> = { authorization: `Bearer ${API_KEY}`, 'x-integration-id': INTEGRATION },
  path = '/hris/employees',
): Promise<Answer> {
  const url = new URL(`${standIn.baseUrl}${path}`)
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
  const response = await request(url, { headers })
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() }
}

function page(answer: Answer): SuccessBody['data'] {
  expect(answer.status).toBe(200)
  const body = JSON.parse(answer.text) as SuccessBody
  expect(body.status).toBe('success')
  return body.data
}

function komboError(answer: Answer, status: number, code: string): ErrorBody['error'] {
  expect(answer.status).toBe(status)
  expect(answer.headers['content-type']).toContain('application/json')
  const body = JSON.parse(answer.text) as ErrorBody
  expect(body.status).toBe('error')
  expect(body.error.code).toBe(code)
  expect(typeof body.error.title).toBe('string')
  expect(typeof body.error.message).toBe('string')
  expect(typeof body.error.log_url).toBe('string')
  return body.error
}

async function walk(query: Record<string, string>): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const data = page(await get({ ...query, ...(cursor ? { cursor } : {}) }))
    pages += 1
    ids.push(...data.results.map((result) => result.id as string))
    cursor = data.next
  } while (cursor !== null)
  return { ids, pages }
}

describe('pagination', () => {
  it('walks every record exactly once with page_size 250 and ends with next: null', async () => {
    const { ids, pages } = await walk({ page_size: '250', include_deleted: 'true' })
    expect(pages).toBe(Math.ceil(COMPANY_SIZE / 250))
    expect(ids).toHaveLength(COMPANY_SIZE)
    expect(new Set(ids)).toEqual(new Set(company.map((record) => record.id)))
    const resultCounts = standIn.requests.map((entry) => entry.resultCount)
    expect(resultCounts).toEqual([250, 250, 250, 250, COMPANY_SIZE - 1000])
    expect(standIn.requests.at(-1)?.next).toBeNull()
  })

  it('sends the records in the generated wire shape', async () => {
    const data = page(await get({ page_size: '250', include_deleted: 'true' }))
    const byId = new Map(company.map((record) => [record.id, record]))
    for (const result of data.results) {
      expect(result).toEqual(JSON.parse(JSON.stringify(byId.get(result.id as string))))
    }
  })

  it('defaults to 100 per page and refuses page sizes outside 1..250', async () => {
    expect(page(await get()).results).toHaveLength(100)
    expect(page(await get({ page_size: '1' })).results).toHaveLength(1)
    for (const pageSize of ['251', '0', 'ten', '2.5']) {
      const error = komboError(await get({ page_size: pageSize }), 400, 'PLATFORM.INPUT_INVALID')
      expect(error.message).toContain('page_size')
    }
  })

  it('refuses a cursor it did not issue', async () => {
    for (const cursor of ['not a cursor!', 'bm9wZQ', Buffer.from('{"after":1}').toString('base64')]) {
      komboError(await get({ cursor }), 400, 'PLATFORM.INPUT_INVALID')
    }
  })

  it('keeps its position while records change, appear and disappear mid-walk', async () => {
    const sorted = standIn.listEmployees(INTEGRATION).map((record) => record.id)
    const first = page(await get({ page_size: '100', include_deleted: 'true' }))
    expect(first.results.map((result) => result.id)).toEqual(sorted.slice(0, 100))

    // Changes behind the cursor, ahead of it, and a brand-new record ahead of it.
    standIn.updateEmployee(INTEGRATION, sorted[5] as string, { job_title: 'Moved behind the cursor' })
    standIn.removeEmployee(INTEGRATION, sorted[150] as string)
    const updatedAhead = standIn.updateEmployee(INTEGRATION, sorted[300] as string, {
      job_title: 'Changed ahead',
    })
    const newcomer = {
      ...company[0],
      id: 'zzzzzzzzzzzzzzzzzzzzzzzz',
      remote_id: 'new-1',
    } as KomboEmployeeRecord
    standIn.upsertEmployee(INTEGRATION, newcomer)

    const rest: Record<string, unknown>[] = []
    let cursor = first.next
    while (cursor !== null) {
      const data = page(await get({ page_size: '100', include_deleted: 'true', cursor }))
      rest.push(...data.results)
      cursor = data.next
    }
    const restIds = rest.map((result) => result.id)
    const expected = [...sorted.slice(100).filter((id) => id !== sorted[150]), newcomer.id]
    expect(restIds).toEqual(expected)
    expect(rest.find((result) => result.id === updatedAhead.id)?.job_title).toBe('Changed ahead')
  })

  it('encodes the cursor as an opaque base64url keyset position', async () => {
    const data = page(await get({ page_size: '10' }))
    const lastId = data.results.at(-1)?.id as string
    expect(data.next).toBe(encodeCursor(lastId))
    expect(data.next).toMatch(/^[A-Za-z0-9_-]+$/)
  })
})

describe('updated_after and include_deleted', () => {
  it('returns only records touched after the timestamp, and every mutation moves changed_at', async () => {
    const watermark = standIn.clock.now().toISOString()
    standIn.clock.set('2030-01-02T03:04:05.000Z')
    expect(page(await get({ updated_after: watermark, page_size: '250' })).results).toEqual([])

    const target = company[42] as KomboEmployeeRecord
    const updated = standIn.updateEmployee(INTEGRATION, target.id, { last_name: 'Neuer-Name' })
    // One millisecond after the clock: a watermark read in the same millisecond must not miss the change.
    expect(updated.changed_at).toBe('2030-01-02T03:04:05.001Z')
    const changed = page(await get({ updated_after: watermark }))
    expect(changed.results.map((result) => [result.id, result.last_name, result.changed_at])).toEqual([
      [target.id, 'Neuer-Name', '2030-01-02T03:04:05.001Z'],
    ])

    // The watermark formats Kombo accepts: full, without millis, date only.
    expect(page(await get({ updated_after: '2030-01-02T03:04:05.000Z' })).results).toHaveLength(1)
    expect(page(await get({ updated_after: '2030-01-02T03:04:04Z' })).results).toHaveLength(1)
    expect(page(await get({ updated_after: '2030-01-02' })).results).toHaveLength(1)
    expect(page(await get({ updated_after: '2030-01-02T03:04:05.001Z' })).results).toHaveLength(0)
  })

  it('reports a relation-only change through updated_after while changed_at stays', async () => {
    const watermark = standIn.clock.now().toISOString()
    const target = company[7] as KomboEmployeeRecord
    standIn.updateEmployee(INTEGRATION, target.id, { groups: [] }, { touchChangedAt: false })
    const results = page(await get({ updated_after: watermark })).results
    expect(results.map((result) => result.id)).toEqual([target.id])
    expect(results[0]?.changed_at).toBe(target.changed_at)
    expect(results[0]?.groups).toEqual([])
  })

  it('gives successive mutations strictly increasing times even on a frozen clock', async () => {
    standIn.clock.set('2030-05-05T00:00:00.000Z')
    const a = standIn.updateEmployee(INTEGRATION, (company[1] as KomboEmployeeRecord).id, { job_title: 'A' })
    const b = standIn.updateEmployee(INTEGRATION, (company[2] as KomboEmployeeRecord).id, { job_title: 'B' })
    expect(Date.parse(b.changed_at)).toBeGreaterThan(Date.parse(a.changed_at))
    expect(page(await get({ updated_after: a.changed_at })).results.map((result) => result.id)).toEqual([
      b.id,
    ])
  })

  it('hides deleted records unless include_deleted=true, and removed records entirely', async () => {
    const watermark = standIn.clock.now().toISOString()
    const deleted = standIn.deleteEmployee(INTEGRATION, (company[3] as KomboEmployeeRecord).id)
    expect(deleted.remote_deleted_at).not.toBeNull()
    const removed = company[4] as KomboEmployeeRecord
    standIn.removeEmployee(INTEGRATION, removed.id)

    const visible = await walk({ page_size: '250' })
    expect(visible.ids).toHaveLength(COMPANY_SIZE - 2)
    expect(visible.ids).not.toContain(deleted.id)
    const everything = await walk({ page_size: '250', include_deleted: 'true' })
    expect(everything.ids).toHaveLength(COMPANY_SIZE - 1)
    expect(everything.ids).toContain(deleted.id)
    expect(everything.ids).not.toContain(removed.id)

    const incremental = page(await get({ updated_after: watermark, include_deleted: 'true' })).results
    expect(incremental.map((result) => [result.id, result.remote_deleted_at])).toEqual([
      [deleted.id, deleted.remote_deleted_at],
    ])
    expect(page(await get({ updated_after: watermark })).results).toEqual([])
    komboError(await get({ include_deleted: 'yes' }), 400, 'PLATFORM.INPUT_INVALID')
    komboError(await get({ updated_after: 'yesterday' }), 400, 'PLATFORM.INPUT_INVALID')
  })

  it('anonymises a deleted record the way Kombo does after 14 days', async () => {
    const target = company[9] as KomboEmployeeRecord
    standIn.deleteEmployee(INTEGRATION, target.id)
    const anonymised = standIn.anonymizeEmployee(INTEGRATION, target.id)
    expect(anonymised).toMatchObject({
      id: target.id,
      remote_id: target.remote_id,
      first_name: null,
      work_email: null,
    })
    expect(anonymised.remote_deleted_at).not.toBeNull()
  })

  it('applies the list filters, ANDed across and ORed within', async () => {
    const leavers = company.filter((record) => record.employment_status === 'INACTIVE')
    const data = page(await get({ employment_statuses: 'INACTIVE', page_size: '250' }))
    expect(data.results).toHaveLength(leavers.length)
    const emails = company
      .slice(0, 2)
      .map((record) => record.work_email)
      .filter((email): email is string => typeof email === 'string')
    const byEmail = page(await get({ work_emails: emails.map((email) => email.toUpperCase()).join(',') }))
    expect(byEmail.results.map((result) => result.work_email)).toEqual(expect.arrayContaining(emails))
    komboError(await get({ employment_statuses: 'RETIRED' }), 400, 'PLATFORM.INPUT_INVALID')
  })

  it('throws on helpers for unknown integrations or employees', () => {
    expect(() => standIn.updateEmployee(INTEGRATION, 'nope', { job_title: 'x' })).toThrow(/no employee/)
    expect(() => standIn.deleteEmployee('workday:none', 'x')).toThrow(/unknown integration/)
    expect(standIn.getEmployee(INTEGRATION, 'nope')).toBeUndefined()
  })
})

describe('authentication, integration and routing errors', () => {
  it('answers 401 PLATFORM.AUTHENTICATION_INVALID for a missing or wrong key', async () => {
    komboError(await get({}, { 'x-integration-id': INTEGRATION }), 401, 'PLATFORM.AUTHENTICATION_INVALID')
    komboError(
      await get({}, { authorization: 'Bearer wrong', 'x-integration-id': INTEGRATION }),
      401,
      'PLATFORM.AUTHENTICATION_INVALID',
    )
    komboError(
      await get({}, { authorization: API_KEY, 'x-integration-id': INTEGRATION }),
      401,
      'PLATFORM.AUTHENTICATION_INVALID',
    )
  })

  it('answers 400 without X-Integration-Id and 404 for an unknown integration', async () => {
    komboError(await get({}, { authorization: `Bearer ${API_KEY}` }), 400, 'PLATFORM.INPUT_INVALID')
    komboError(
      await get({}, { authorization: `Bearer ${API_KEY}`, 'x-integration-id': 'workday:unknown' }),
      404,
      'PLATFORM.INTEGRATION_NOT_FOUND',
    )
  })

  it('answers 404 for unknown paths and serves check-api-key', async () => {
    const unknown = await get({}, undefined, '/hris/teams')
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.text)).toMatchObject({ status: 'error', error: { code: null } })
    const check = await get({}, { authorization: `Bearer ${API_KEY}` }, '/check-api-key')
    expect(JSON.parse(check.text)).toEqual({
      status: 'success',
      data: { environment_id: 'stand-in-environment' },
    })
  })

  it('puts rate-limit headers on every response, counting down', async () => {
    const answers = [
      await get(),
      await get({}, {}),
      await get({}, undefined, '/nowhere'),
      await get({ page_size: '999' }),
    ]
    for (const answer of answers) {
      expect(answer.headers['ratelimit-limit']).toBe('300')
      expect(Number(answer.headers['ratelimit-reset'])).toBeGreaterThan(0)
    }
    expect(answers.map((answer) => answer.headers['ratelimit-remaining'])).toEqual([
      '299',
      '298',
      '297',
      '296',
    ])
  })

  it('enforces the limit when asked to', async () => {
    await standIn.close()
    standIn = await startStandIn({
      apiKey: API_KEY,
      integrations: { [INTEGRATION]: company.slice(0, 5) },
      rateLimit: { limit: 2, windowSeconds: 60, enforce: true },
    })
    expect((await get()).status).toBe(200)
    expect((await get()).status).toBe(200)
    const limited = await get()
    komboError(limited, 429, 'PLATFORM.RATE_LIMIT_EXCEEDED')
    expect(limited.headers['ratelimit-remaining']).toBe('0')
  })

  it('logs every request with its query, headers of interest, status and fault', async () => {
    standIn.setFaults([{ kind: 'permission-missing' }])
    await get(
      { page_size: '5', include_deleted: 'false' },
      { authorization: 'Bearer x', 'user-agent': 'probe/1' },
    )
    await get({ page_size: '5' })
    await get({ page_size: '5' })
    expect(standIn.requests).toMatchObject([
      {
        method: 'GET',
        path: '/v1/hris/employees',
        query: { page_size: '5', include_deleted: 'false' },
        headers: { authorization: 'Bearer x', integrationId: null, userAgent: 'probe/1' },
        status: 401,
        fault: null,
      },
      { status: 403, fault: 'permission-missing', headers: { integrationId: INTEGRATION } },
      { status: 200, fault: null, resultCount: 5 },
    ])
  })
})

describe('faults', () => {
  it('consumes queued faults in order, one per employees request, null meaning a normal answer', async () => {
    standIn.setFaults([{ kind: 'setup-sync-pending' }, null, { kind: 'rate-limited' }])
    expect(standIn.pendingFaults).toBe(3)
    komboError(await get(), 409, 'INTEGRATION.SETUP_SYNC_PENDING')
    expect(page(await get()).results).toHaveLength(100)
    komboError(await get(), 429, 'PLATFORM.RATE_LIMIT_EXCEEDED')
    expect(page(await get()).results).toHaveLength(100)
    expect(standIn.pendingFaults).toBe(0)
    standIn.queueFaults({ kind: 'permission-missing' })
    komboError(await get(), 403, 'INTEGRATION.PERMISSION_MISSING')
  })

  it('leaves the queue alone for requests that fail authentication', async () => {
    standIn.setFaults([{ kind: 'permission-missing' }])
    komboError(await get({}, {}), 401, 'PLATFORM.AUTHENTICATION_INVALID')
    expect(standIn.pendingFaults).toBe(1)
  })

  it('sends first-sync-pending as 503 with the old message-only envelope', async () => {
    standIn.setFaults([{ kind: 'setup-sync-pending', status: 503 }])
    const answer = await get()
    expect(answer.status).toBe(503)
    const body = JSON.parse(answer.text) as ErrorBody
    expect(body.status).toBe('error')
    expect(Object.keys(body.error)).toEqual(['message'])
  })

  it('keeps first-sync-pending until told otherwise, without touching the queue', async () => {
    standIn.setFaults([{ kind: 'permission-missing' }])
    standIn.setSetupSyncPending(INTEGRATION, 409)
    for (let attempt = 0; attempt < 3; attempt++)
      komboError(await get(), 409, 'INTEGRATION.SETUP_SYNC_PENDING')
    standIn.setSetupSyncPending(INTEGRATION, 503)
    expect((await get()).status).toBe(503)
    expect(standIn.pendingFaults).toBe(1)
    standIn.setSetupSyncPending(INTEGRATION, false)
    komboError(await get(), 403, 'INTEGRATION.PERMISSION_MISSING')
    expect(page(await get()).results).toHaveLength(100)
  })

  it('announces rate-limit waits through Retry-After or only through ratelimit-reset', async () => {
    standIn.setFaults([
      { kind: 'rate-limited', seconds: 1 },
      { kind: 'rate-limited', seconds: 2, via: 'ratelimit-reset' },
      { kind: 'rate-limited', seconds: 3, via: 'retry-after-date' },
    ])
    const withRetryAfter = await get()
    komboError(withRetryAfter, 429, 'PLATFORM.RATE_LIMIT_EXCEEDED')
    expect(withRetryAfter.headers['retry-after']).toBe('1')
    expect(withRetryAfter.headers['ratelimit-remaining']).toBe('0')

    const resetOnly = await get()
    komboError(resetOnly, 429, 'PLATFORM.RATE_LIMIT_EXCEEDED')
    expect(resetOnly.headers['retry-after']).toBeUndefined()
    expect(resetOnly.headers['ratelimit-reset']).toBe('2')

    const withDate = await get()
    const retryAt = Date.parse(withDate.headers['retry-after'] as string)
    expect(retryAt - Date.now()).toBeGreaterThan(0)
    expect(retryAt - Date.now()).toBeLessThanOrEqual(3000)
  })

  it('sends an HTML error page that is not JSON', async () => {
    standIn.setFaults([{ kind: 'html-error' }, { kind: 'html-error', status: 502 }])
    const first = await get()
    expect(first.status).toBe(500)
    expect(first.headers['content-type']).toBe('text/html')
    expect(() => JSON.parse(first.text)).toThrow()
    expect(first.text).toContain('<html>')
    expect((await get()).status).toBe(502)
  })

  it('resets the connection before any response', async () => {
    standIn.setFaults([{ kind: 'connection-reset' }])
    const error = await get().then(
      () => null,
      (caught: unknown) => caught as { code?: string },
    )
    expect(error?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET/)
    expect(standIn.requests.at(-1)).toMatchObject({ status: null, fault: 'connection-reset' })
    expect(page(await get()).results).toHaveLength(100)
  })

  it('cuts the JSON off mid-body while the chunked response itself ends normally', async () => {
    standIn.setFaults([{ kind: 'truncated-json' }])
    const answer = await get({ page_size: '50' })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-length']).toBeUndefined()
    expect(answer.headers['transfer-encoding']).toBe('chunked')
    expect(answer.text.startsWith('{"status":"success","data":{"next":')).toBe(true)
    expect(() => JSON.parse(answer.text)).toThrow()
    const whole = await get({ page_size: '50' })
    expect(answer.text.length).toBeLessThan(whole.text.length)
  })

  it('delays a slow page, and delays any other fault by delayMs', async () => {
    standIn.setFaults([
      { kind: 'slow', delayMs: 150 },
      { kind: 'setup-sync-pending', delayMs: 100 },
    ])
    let started = performance.now()
    expect(page(await get()).results).toHaveLength(100)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    started = performance.now()
    komboError(await get(), 409, 'INTEGRATION.SETUP_SYNC_PENDING')
    expect(performance.now() - started).toBeGreaterThanOrEqual(90)
  })

  it('sends any Kombo error envelope on request', async () => {
    standIn.setFaults([
      { kind: 'kombo-error', status: 409, code: 'INTEGRATION.QA_FAILED', message: 'QA failed.' },
    ])
    const error = komboError(await get(), 409, 'INTEGRATION.QA_FAILED')
    expect(error.message).toBe('QA failed.')
  })

  it('slips one malformed record into an otherwise complete page', async () => {
    const normal = page(await get({ page_size: '20' })).results.map((result) => result.id)
    standIn.requests.length = 0
    standIn.setFaults([
      { kind: 'malformed-record' },
      { kind: 'malformed-record', variant: 'wrong-types', position: 0 },
      { kind: 'malformed-record', record: 'just a string', position: 999 },
    ])

    const missingId = page(await get({ page_size: '20' }))
    expect(missingId.results).toHaveLength(21)
    expect(missingId.results.filter((result) => !('id' in result))).toHaveLength(1)
    expect(missingId.results.filter((result) => 'id' in result).map((result) => result.id)).toEqual(normal)

    const wrongTypes = page(await get({ page_size: '20' }))
    expect(typeof wrongTypes.results[0]?.first_name).toBe('number')
    expect(typeof wrongTypes.results[0]?.remote_id).toBe('number')
    expect(wrongTypes.results.slice(1).map((result) => result.id)).toEqual(normal)

    const custom = (JSON.parse((await get({ page_size: '20' })).text) as { data: { results: unknown[] } })
      .data
    expect(custom.results.at(-1)).toBe('just a string')
    expect(standIn.requests.map((entry) => entry.resultCount)).toEqual([20, 20, 20])
  })
})
