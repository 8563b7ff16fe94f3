import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { generateCompany, type KomboEmployeeRecord } from '../../src/main/core/demo/generateCompany'
import { startStandIn, type StandIn, type StandInRequest } from '../../src/main/core/demo/standInServer'
import { makeTempDir } from '../support/tempDir'
import { runCli, singleErrorLine, startCli } from '../support/runCli'

const API_KEY = 'test-key-1234'
const INTEGRATION = 'personio:acme8d1hpPsbjx'
const COMPANY_SIZE = 620 // three pages of 250

interface StoredRow {
  id: string
  remote_id: string
  first_name: string | null
  last_name: string | null
  work_email: string | null
  remote_deleted_at: string | null
  vanished_at: string | null
}

describe('kombo-reconcile sync against the Kombo stand-in', () => {
  let standIn: StandIn
  let temp: ReturnType<typeof makeTempDir>
  let db: string
  const env = { KOMBO_API_KEY: API_KEY }

  const sync = (...extra: string[]) =>
    runCli(['sync', '--db', db, '--integration', INTEGRATION, '--base-url', standIn.baseUrl, ...extra], env)

  const storedEmployees = async (): Promise<StoredRow[]> => {
    const run = await runCli(['employees', '--db', db, '--integration', INTEGRATION, '--json'])
    expect(run.code, run.stderr).toBe(0)
    return JSON.parse(run.stdout) as StoredRow[]
  }

  const expectStoreToMatchServer = async () => {
    const project = (e: StoredRow | KomboEmployeeRecord) => ({
      id: e.id,
      remote_id: e.remote_id,
      first_name: e.first_name ?? null,
      last_name: e.last_name ?? null,
      work_email: e.work_email ?? null,
      remote_deleted_at: e.remote_deleted_at ?? null,
    })
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1)
    const stored = (await storedEmployees()).map(project).sort(byId)
    const server = standIn.listEmployees(INTEGRATION).map(project).sort(byId)
    expect(stored).toEqual(server)
  }

  const employeeRequests = () => standIn.requests.filter((r) => r.path.endsWith('/hris/employees'))

  beforeEach(async () => {
    temp = makeTempDir()
    db = join(temp.dir, 'acme.db')
    standIn = await startStandIn({
      apiKey: API_KEY,
      integrations: { [INTEGRATION]: generateCompany({ seed: 11, size: COMPANY_SIZE }) },
    })
  })

  afterEach(async () => {
    await standIn.close()
    temp.cleanup()
  })

  it('prints a progress line every 20 pages, each once', async () => {
    // 10,000 employees: 40 pages of 250, the last one a multiple of 20 as well.
    standIn.setIntegration(INTEGRATION, generateCompany({ seed: 12, size: 10_000 }))
    const run = await sync('--json')
    expect(run.code, run.stderr).toBe(0)
    const progress = run.stderr.split('\n').filter((line) => line.endsWith(' employees'))
    expect(progress).toEqual(['20 pages, 5000 employees', '40 pages, 10000 employees'])
  })

  it('stores every employee through every fault Kombo can throw, in one run', async () => {
    standIn.setFaults([
      { kind: 'setup-sync-pending', status: 503 },
      { kind: 'setup-sync-pending', status: 409 },
      { kind: 'rate-limited', seconds: 1, via: 'retry-after' },
      null,
      { kind: 'rate-limited', seconds: 1, via: 'ratelimit-reset' },
      { kind: 'html-error', status: 500 },
      { kind: 'connection-reset' },
      { kind: 'truncated-json' },
      { kind: 'slow', delayMs: 300 },
      { kind: 'malformed-record', variant: 'missing-id' },
    ])
    const run = await sync('--json')
    expect(run.code, run.stderr).toBe(0)
    const summary = JSON.parse(run.stdout) as {
      records: number
      skippedRecords: number
      outcome: string
      retries: number
    }
    expect(summary.records).toBe(COMPANY_SIZE)
    expect(summary.skippedRecords).toBe(1)
    // a record without an id is reported, and the data is still usable
    expect(summary.outcome).toBe('PARTIALLY_FAILED')
    expect(summary.retries).toBe(7)
    expect(standIn.pendingFaults).toBe(0)
    expect(run.stderr).toContain("waiting for Kombo's first sync")
    expect(run.stderr).toContain('rate limited by Kombo')
    await expectStoreToMatchServer()
  })

  it('fetches incrementally from the first run’s start with deleted records, ending equal to the server', async () => {
    expect((await sync()).code).toBe(0)
    const company = standIn.listEmployees(INTEGRATION)
    // enough changes for the incremental answer to span two pages
    for (const employee of company.slice(0, 300)) {
      standIn.updateEmployee(INTEGRATION, employee.id, { last_name: `${employee.last_name ?? ''}-Neu` })
    }
    standIn.deleteEmployee(INTEGRATION, company[400]!.id)
    standIn.deleteEmployee(INTEGRATION, company[401]!.id)
    const [hire] = generateCompany({ seed: 99, size: 1 })
    standIn.upsertEmployee(INTEGRATION, { ...hire!, id: 'newhire0000000000000000a' })
    standIn.requests.length = 0

    const run = await sync('--json')
    expect(run.code, run.stderr).toBe(0)
    const summary = JSON.parse(run.stdout) as {
      mode: string
      records: number
      deleted: number
      watermarkUsed: string
    }
    expect(summary.mode).toBe('incremental')

    const sqlite = new BetterSqlite3(db, { readonly: true })
    const firstRunStart = sqlite
      .prepare('SELECT fetch_started_at FROM sync_runs ORDER BY id LIMIT 1')
      .pluck()
      .get()
    sqlite.close()
    const requests = employeeRequests()
    expect(requests.length).toBeGreaterThanOrEqual(2)
    for (const request of requests) {
      expect(request.query.updated_after).toBe(firstRunStart)
      expect(request.query.include_deleted).toBe('true')
      expect(request.query.page_size).toBe('250')
    }
    expect(summary.watermarkUsed).toBe(firstRunStart)
    expect(summary.records).toBe(303)
    expect(summary.deleted).toBe(2)
    await expectStoreToMatchServer()
    const stored = await storedEmployees()
    expect(stored.find((e) => e.id === company[400]!.id)?.remote_deleted_at).not.toBeNull()
  })

  it('keeps the previous state when killed mid-sync, and the next sync completes', async () => {
    expect((await sync()).code).toBe(0)
    const before = await storedEmployees()
    const company = standIn.listEmployees(INTEGRATION)
    // Every record changes, so whatever the killed run wrote would show in the store if it leaked.
    for (const employee of company)
      standIn.updateEmployee(INTEGRATION, employee.id, { first_name: 'Renamed' })
    // The third page (of three) hangs far longer than the test waits for anything.
    standIn.setFaults([null, null, { kind: 'slow', delayMs: 60_000 }])
    standIn.requests.length = 0
    // The sync asks for page 3 only after page 1 went to the writer's open transaction and page 2
    // arrived; so when request 3 arrives, the run is mid-transaction with a page written.
    const thirdPageRequested = new Promise<StandInRequest>((resolve) => {
      let seen = 0
      const stop = standIn.onRequest((request) => {
        if (!request.path.endsWith('/hris/employees') || ++seen < 3) return
        stop()
        resolve(request)
      })
    })

    const { child, done } = startCli(
      ['sync', '--db', db, '--integration', INTEGRATION, '--base-url', standIn.baseUrl, '--full'],
      env,
    )
    const third = await thirdPageRequested
    expect(third.query.cursor).toBeTruthy()
    child.kill('SIGKILL')
    const killed = await done
    expect(killed.signal).toBe('SIGKILL')
    // The page was still in flight when the process died: the kill landed mid-sync.
    expect(third.status).toBeNull()

    const after = await storedEmployees()
    expect(after).toEqual(before)
    const sqlite = new BetterSqlite3(db, { readonly: true })
    const runs = sqlite.prepare('SELECT outcome FROM sync_runs ORDER BY id').pluck().all()
    const watermark = sqlite.prepare('SELECT last_sync_started_at FROM integrations').pluck().get()
    const firstStart = sqlite
      .prepare('SELECT fetch_started_at FROM sync_runs ORDER BY id LIMIT 1')
      .pluck()
      .get()
    sqlite.close()
    expect(runs).toEqual(['SUCCEEDED', 'RUNNING'])
    expect(watermark).toBe(firstStart)

    const next = await sync('--full')
    expect(next.code, next.stderr).toBe(0)
    await expectStoreToMatchServer()
    expect((await storedEmployees()).find((e) => e.id === company[0]!.id)?.first_name).toBe('Renamed')
    const check = new BetterSqlite3(db, { readonly: true })
    expect(check.prepare('SELECT outcome FROM sync_runs ORDER BY id').pluck().all()).toEqual([
      'SUCCEEDED',
      'CANCELLED',
      'SUCCEEDED',
    ])
    check.close()
  })

  it('marks employees a full fetch no longer returns as vanished', async () => {
    expect((await sync()).code).toBe(0)
    const gone = standIn.listEmployees(INTEGRATION)[5]!
    standIn.removeEmployee(INTEGRATION, gone.id)
    const run = await sync('--full', '--json')
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ mode: 'full', vanished: 1 })
    const stored = await storedEmployees()
    expect(stored.find((e) => e.id === gone.id)?.vanished_at).not.toBeNull()
    expect(stored.filter((e) => e.vanished_at !== null)).toHaveLength(1)
  })

  it('explains a wrong API key, an unknown integration and an unreachable host in one line each', async () => {
    expect((await sync()).code).toBe(0)
    const stored = await storedEmployees()

    const wrongKey = await runCli(
      ['sync', '--db', db, '--integration', INTEGRATION, '--base-url', standIn.baseUrl],
      { KOMBO_API_KEY: 'not-the-key' },
    )
    expect(wrongKey.code).toBe(1)
    expect(singleErrorLine(wrongKey)).toMatch(/rejected the API key .*401.*Secrets page/)

    const unknown = await runCli(
      ['sync', '--db', db, '--integration', 'personio:nope', '--base-url', standIn.baseUrl],
      env,
    )
    expect(unknown.code).toBe(1)
    expect(singleErrorLine(unknown)).toMatch(
      /does not know integration personio:nope.*404.*check the integration id/,
    )

    const closed = await startStandIn({ apiKey: API_KEY })
    const unreachableUrl = closed.baseUrl
    await closed.close()
    const unreachable = await runCli(
      ['sync', '--db', db, '--integration', INTEGRATION, '--base-url', unreachableUrl],
      env,
    )
    expect(unreachable.code).toBe(1)
    expect(singleErrorLine(unreachable)).toMatch(/cannot reach Kombo at .*ECONNREFUSED.*check the network/)

    const noKey = await runCli(['sync', '--db', db, '--integration', INTEGRATION])
    expect(singleErrorLine(noKey)).toMatch(/no Kombo API key is set/)

    const badUrl = await runCli(
      ['sync', '--db', db, '--integration', INTEGRATION, '--base-url', 'api.kombo.dev'],
      env,
    )
    expect(badUrl.code).toBe(64)
    expect(singleErrorLine(badUrl)).toMatch(/--base-url must be Kombo's API root with \/v1/)

    expect(await storedEmployees()).toEqual(stored)
  })

  it('exits 75 with --no-wait while the first sync is pending', async () => {
    standIn.setSetupSyncPending(INTEGRATION, 409)
    const run = await sync('--no-wait')
    expect(run.code).toBe(75)
    expect(singleErrorLine(run)).toMatch(/first sync .* has not finished yet/)
    standIn.setSetupSyncPending(INTEGRATION, false)
    expect((await sync()).code).toBe(0)
  })
})
