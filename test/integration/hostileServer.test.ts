import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import BetterSqlite3 from 'better-sqlite3'
import { generateCompany } from '../../src/main/core/demo/generateCompany'
import { startStandIn, type StandIn } from '../../src/main/core/demo/standInServer'
import { makeTempDir } from '../support/tempDir'
import { runCli, singleErrorLine, startCli } from '../support/runCli'
import { startHostileKombo, type HostileBehaviour, type HostileKombo } from '../support/hostileKombo'

const API_KEY = 'test-key-hostile-1234'
const INTEGRATION = 'personio:hostile'
/** Short deadlines so the drip and the silent server end quickly; the defaults are minutes. */
const REQUEST_DEADLINE_MS = 2_000
const RUN_DEADLINE_MS = 20_000
/** Acceptance bounds for every misbehaving server. */
const MAX_SECONDS = 60
const MAX_PEAK_RSS_BYTES = 500 * 1024 * 1024
const PEAK_RSS_PRELOAD = pathToFileURL(join(import.meta.dirname, '../support/peakRss.mjs')).href

interface StoredState {
  employees: string
  watermark: string | null
  lastRun: { outcome: string; error_code: string | null; error_message: string | null }
}

function storedState(dbPath: string): StoredState {
  const db = new BetterSqlite3(dbPath)
  try {
    // Taking the write lock proves no sync still holds it.
    db.prepare('BEGIN IMMEDIATE').run()
    db.prepare('ROLLBACK').run()
    return {
      employees: JSON.stringify(db.prepare('SELECT * FROM employees ORDER BY id').all()),
      watermark: db
        .prepare('SELECT last_sync_started_at FROM integrations WHERE integration_id = ?')
        .pluck()
        .get(INTEGRATION) as string | null,
      lastRun: db
        .prepare('SELECT outcome, error_code, error_message FROM sync_runs ORDER BY id DESC LIMIT 1')
        .get() as StoredState['lastRun'],
    }
  } finally {
    db.close()
  }
}

describe('a sync against a server that misbehaves on purpose', () => {
  let temp: ReturnType<typeof makeTempDir>
  let baseline: string
  let before: StoredState
  let hostile: HostileKombo | null = null
  let caseNo = 0

  beforeAll(async () => {
    temp = makeTempDir()
    baseline = join(temp.dir, 'baseline.db')
    const standIn: StandIn = await startStandIn({
      apiKey: API_KEY,
      integrations: { [INTEGRATION]: generateCompany({ seed: 5, size: 40 }) },
    })
    try {
      const run = await runCli(
        ['sync', '--db', baseline, '--integration', INTEGRATION, '--base-url', standIn.baseUrl],
        { KOMBO_API_KEY: API_KEY },
      )
      expect(run.code, run.stderr).toBe(0)
    } finally {
      await standIn.close()
    }
    before = storedState(baseline)
    expect(JSON.parse(before.employees)).toHaveLength(40)
  })

  afterEach(async () => {
    await hostile?.close()
    hostile = null
  })

  afterAll(() => temp.cleanup())

  /** Syncs a copy of the baseline against the hostile server with the real CLI, measuring it. */
  async function syncAgainst(
    behaviour: HostileBehaviour,
    options: { redirectTo?: string; env?: NodeJS.ProcessEnv } = {},
  ) {
    hostile = await startHostileKombo(behaviour, options)
    caseNo += 1
    const db = join(temp.dir, `case-${caseNo}.db`)
    copyFileSync(baseline, db)
    const rssFile = join(temp.dir, `case-${caseNo}.rss`)
    const started = Date.now()
    const run = await runCli(
      ['sync', '--db', db, '--integration', INTEGRATION, '--base-url', hostile.baseUrl],
      {
        KOMBO_API_KEY: API_KEY,
        KOMBO_RECONCILE_REQUEST_DEADLINE_MS: String(REQUEST_DEADLINE_MS),
        KOMBO_RECONCILE_RUN_DEADLINE_MS: String(RUN_DEADLINE_MS),
        NODE_OPTIONS: `--import=${PEAK_RSS_PRELOAD}`,
        PEAK_RSS_FILE: rssFile,
        ...options.env,
      },
    )
    const seconds = (Date.now() - started) / 1000
    expect(existsSync(rssFile)).toBe(true)
    const peakRss = Number(readFileSync(rssFile, 'utf8'))
    const after = storedState(db)
    return { run, seconds, peakRss, after, error: singleErrorLine(run) }
  }

  function expectBoundedFailure(outcome: Awaited<ReturnType<typeof syncAgainst>>): void {
    expect(outcome.run.code).toBe(1)
    expect(outcome.seconds).toBeLessThan(MAX_SECONDS)
    expect(outcome.peakRss).toBeLessThan(MAX_PEAK_RSS_BYTES)
    expect(outcome.after.employees).toBe(before.employees)
    expect(outcome.after.watermark).toBe(before.watermark)
    expect(outcome.after.lastRun.outcome).toBe('FAILED')
    expect(outcome.after.lastRun.error_message).toContain('nothing stored was changed')
  }

  it('stops when the same cursor comes back', async () => {
    const outcome = await syncAgainst('repeated-cursor')
    expectBoundedFailure(outcome)
    expect(outcome.error).toMatch(/pagination did not end: page 2 returned a cursor already used/)
    expect(outcome.after.lastRun.error_code).toBe('KOMBO_PAGINATION_BROKEN')
    expect(hostile!.requests).toHaveLength(2)
  })

  it('stops when two cursors alternate', async () => {
    const outcome = await syncAgainst('alternating-cursors')
    expectBoundedFailure(outcome)
    expect(outcome.error).toMatch(/page 3 returned a cursor already used/)
    expect(hostile!.requests).toHaveLength(3)
  })

  it('gives up on a body dripping one byte a second at the request deadline', async () => {
    const outcome = await syncAgainst('drip')
    expectBoundedFailure(outcome)
    expect(outcome.error).toMatch(/no complete answer from http:\/\/127\.0\.0\.1:\d+ within 2\.0 s, 2 times/)
    expect(outcome.after.lastRun.error_code).toBe('KOMBO_TIMEOUT')
    // Two attempts of one deadline each, plus one short backoff and the CLI's start.
    expect(outcome.seconds).toBeLessThan((2 * REQUEST_DEADLINE_MS) / 1000 + 8)
  })

  it('gives up on a server that never sends headers at the request deadline', async () => {
    const outcome = await syncAgainst('no-headers')
    expectBoundedFailure(outcome)
    expect(outcome.error).toMatch(/no complete answer .* within 2\.0 s, 2 times/)
    expect(outcome.seconds).toBeLessThan((2 * REQUEST_DEADLINE_MS) / 1000 + 8)
  })

  it('cuts off an endless body at the page cap while it streams', async () => {
    // A deadline long enough for 64 MB on a loaded machine: the cap, not the deadline, must stop it.
    const outcome = await syncAgainst('endless-body', {
      env: { KOMBO_RECONCILE_REQUEST_DEADLINE_MS: '45000' },
    })
    expectBoundedFailure(outcome)
    expect(outcome.error).toMatch(/sent a page of more than 64 MB/)
    expect(outcome.after.lastRun.error_code).toBe('KOMBO_RESPONSE_REFUSED')
    expect(hostile!.requests).toHaveLength(1)
  })

  it('refuses a 1 GiB page without reading it', async () => {
    const outcome = await syncAgainst('gigantic-page')
    expectBoundedFailure(outcome)
    expect(outcome.error).toMatch(/a page of more than 64 MB \(1024 MB or more\)/)
  })

  it('refuses JSON nested far deeper than Kombo sends', async () => {
    const outcome = await syncAgainst('deep-nesting')
    expectBoundedFailure(outcome)
    expect(outcome.error).toMatch(/a page nested more than 64 levels deep/)
    expect(hostile!.requests).toHaveLength(1)
  })

  it('stops at the run deadline when every page is slow but new', async () => {
    const outcome = await syncAgainst('slow-fresh-cursors', {
      env: { KOMBO_RECONCILE_RUN_DEADLINE_MS: '3000', KOMBO_RECONCILE_RUN_PER_PAGE_MS: '100' },
    })
    expectBoundedFailure(outcome)
    expect(outcome.error).toMatch(/ran past its deadline \(\d+ s for \d+ pages\)/)
    expect(outcome.after.lastRun.error_code).toBe('SYNC_DEADLINE_PASSED')
    expect(outcome.seconds).toBeLessThan(15)
  })

  it('does not follow a redirect, so the key never reaches the other host', async () => {
    const elsewhere = await startHostileKombo('repeated-cursor')
    try {
      const outcome = await syncAgainst('redirect', { redirectTo: `${elsewhere.baseUrl}/hris/employees` })
      expectBoundedFailure(outcome)
      expect(outcome.error).toMatch(
        /a redirect \(HTTP 302 to http:\/\/127\.0\.0\.1:\d+\/v1\/hris\/employees\)/,
      )
      expect(elsewhere.requests).toHaveLength(0)
    } finally {
      await elsewhere.close()
    }
  })

  it('tells a second command that a sync holds the database, not "unexpected failure"', async () => {
    hostile = await startHostileKombo('stall-after-first-page')
    const db = join(temp.dir, 'locked.db')
    copyFileSync(baseline, db)
    const sync = startCli(['sync', '--db', db, '--integration', INTEGRATION, '--base-url', hostile.baseUrl], {
      KOMBO_API_KEY: API_KEY,
      KOMBO_RECONCILE_REQUEST_DEADLINE_MS: '60000',
    })
    try {
      // The writer takes the lock once the first page is in: wait until a writer is refused.
      const probe = new BetterSqlite3(db, { timeout: 0 })
      for (;;) {
        try {
          probe.prepare('BEGIN IMMEDIATE').run()
          probe.prepare('ROLLBACK').run()
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_BUSY') break
          throw error
        }
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      probe.close()
      const csv = join(import.meta.dirname, '../fixtures/legacy/reimport-v1.csv')
      const second = await runCli(['import', '--db', db, '--integration', INTEGRATION, '--file', csv])
      expect(second.code).toBe(1)
      expect(singleErrorLine(second)).toMatch(
        /^error: a sync is writing to this database right now; wait for it/,
      )
    } finally {
      sync.child.kill('SIGKILL')
      await sync.done
    }
    expect(storedState(db).employees).toBe(before.employees)
  })
})
