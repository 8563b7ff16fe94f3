import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { storedPlanIfCurrent } from '../../src/main/core/diff/planStore'
import { matchInputsStamp } from '../../src/main/core/match/matchStore'
import { openDatabase, type Database } from '../../src/main/core/store/database'
import { createHostApp, memorySecrets, type HostApp } from '../../src/main/host/hostApp'
import type { MatchPhase } from '../../src/shared/dto/match'
import { seedPeople } from '../support/seedPeople'
import { insertRun } from '../unit/diff/seed'
import { makeTempDir } from '../support/tempDir'

/**
 * The match worker of the web host and the Electron main, through the real dispatcher on a real file: it
 * loads, matches and stores on its own connection, leaves the plan unstored when a decision lands while
 * it works, and a cancel while it stores rolls the store back and frees the write lock.
 */
const INTEGRATION = 'personio:worker'
const VERSION = 'test'
const PEOPLE = 12

const temp = makeTempDir('match-worker-')
let path: string
let app: HostApp
/** A second connection to the same file: what another window, an import or a sync would write with. */
let other: Database

beforeEach(async () => {
  path = join(temp.dir, `desk-${Date.now()}-${Math.random()}.db`)
  seedPeople(
    path,
    INTEGRATION,
    Array.from({ length: PEOPLE }, (_, i) => ({
      first: ['Anna', 'Jonas', 'Lea', 'Paul'][i % 4]!,
      last: `Weber${i}`,
      workEmail: `p${i}@acme.example`,
      // Every other user has their work email: some link, the others wait for review.
      legacyEmail: i % 2 === 0 ? `p${i}@acme.example` : `private${i}@mail.example`,
    })),
  )
  app = await createHostApp({
    db: openDatabase(path),
    secrets: memorySecrets(),
    version: VERSION,
    demo: 'off',
    matchOffThread: true,
  })
  other = openDatabase(path)
})

afterEach(async () => {
  other.close()
  await app.close()
})

afterAll(() => temp.cleanup())

function storedRows(): unknown[] {
  return other
    .prepare(
      'SELECT user_id, status, kombo_id, score FROM match_results WHERE integration_id = ? ORDER BY user_id',
    )
    .all(INTEGRATION)
}

function storedStamp(): unknown {
  return other
    .prepare("SELECT value FROM settings WHERE integration_id = ? AND key = 'match_inputs'")
    .pluck()
    .get(INTEGRATION)
}

function decide(userId: string): void {
  other
    .prepare(
      `INSERT INTO match_decisions (integration_id, user_id, kind, kombo_id, undoes, created_at)
       VALUES (?, ?, 'none', NULL, NULL, '2026-03-01T10:00:00.000Z')`,
    )
    .run(INTEGRATION, userId)
}

/** True when another connection holds the write lock right now (a try that does not wait). */
function writeLockTaken(): boolean {
  const probe = new BetterSqlite3(path)
  try {
    probe.pragma('busy_timeout = 0')
    probe.exec('BEGIN IMMEDIATE')
    probe.exec('ROLLBACK')
    return false
  } catch (cause) {
    if ((cause as { code?: string }).code === 'SQLITE_BUSY') return true
    throw cause
  } finally {
    probe.close()
  }
}

describe('the match worker', { timeout: 60_000 }, () => {
  it('stores the plan itself and answers with the summary, reporting each phase', async () => {
    const phases: MatchPhase[] = []
    const run = await app.call(
      'match:run',
      { integrationId: INTEGRATION },
      { onMatchProgress: (progress) => phases.push(progress.phase) },
    )
    expect(run).toMatchObject({ ok: true, value: { summary: { legacyUsers: PEOPLE, employees: PEOPLE } } })
    expect(Object.keys(run.ok ? run.value : {})).toEqual(['summary'])
    expect(phases).toEqual(['loading', 'matching', 'storing', 'done'])
    // Stored, with what it rests on: Review reads these rows instead of matching again.
    expect(storedRows()).toHaveLength(PEOPLE)
    expect(storedStamp()).toBe(matchInputsStamp(other, INTEGRATION, VERSION))
    const results = await app.call('match:results', { integrationId: INTEGRATION, view: 'list' })
    expect(results.ok && results.value.results.map((r) => r.status).slice(0, 2)).toEqual([
      'matched',
      'suggested',
    ])
  })

  it('exports the mapping of a plan the worker recomputed and stored', async () => {
    decide('u0')
    const phases: MatchPhase[] = []
    const exported = await app.call(
      'export:mapping',
      { integrationId: INTEGRATION, format: 'json' },
      { onMatchProgress: (progress) => phases.push(progress.phase) },
    )
    expect(phases).toEqual(['loading', 'matching', 'storing', 'done'])
    expect(storedStamp()).toBe(matchInputsStamp(other, INTEGRATION, VERSION))
    const rows = JSON.parse(exported.ok ? exported.value.content : '[]') as { user_id: string }[]
    // In file order, every user with their work email is linked, except u0: the decision said no match.
    expect(rows.map((row) => row.user_id)).toEqual(['u2', 'u4', 'u6', 'u8', 'u10'])
    // Nothing moved since: the next export reads the stored plan, without a worker.
    phases.length = 0
    const again = await app.call(
      'export:mapping',
      { integrationId: INTEGRATION, format: 'json' },
      { onMatchProgress: (progress) => phases.push(progress.phase) },
    )
    expect(phases).toEqual([])
    expect(again).toEqual(exported)
  })

  it('keeps the add / update / remove lists of the new plan in the same transaction', async () => {
    const run = insertRun(other, INTEGRATION, { outcome: 'SUCCEEDED' })
    const today = () => new Date().toISOString().slice(0, 10)
    expect(storedPlanIfCurrent(other, INTEGRATION, run, today())).toBeNull()
    expect((await app.call('match:run', { integrationId: INTEGRATION })).ok).toBe(true)
    // The lists rest on exactly what is stored now: diff:get reads them instead of computing them here.
    const kept = storedPlanIfCurrent(other, INTEGRATION, run, today())
    expect(kept?.pendingReview.length).toBeGreaterThan(0)
    const shown = await app.call('diff:get', { integrationId: INTEGRATION })
    expect(shown.ok && shown.value.pendingReview).toEqual(kept?.pendingReview)
  })

  it('does not store a plan whose inputs moved while it was computed', async () => {
    // Hold the write lock from the start: the worker reads its inputs, and its store waits for the lock.
    other.exec('BEGIN IMMEDIATE')
    let decided = false
    const run = await app.call(
      'match:run',
      { integrationId: INTEGRATION },
      {
        onMatchProgress: ({ phase }) => {
          if (phase !== 'matching' || decided) return
          // The inputs are loaded: a decision now is one the plan being computed does not know.
          decide('u0')
          other.exec('COMMIT')
          decided = true
        },
      },
    )
    expect(decided).toBe(true)
    expect(run.ok).toBe(true)
    expect(storedRows()).toEqual([])
    expect(storedStamp()).toBeUndefined()
    // The next read matches again, with the decision.
    const results = await app.call('match:results', { integrationId: INTEGRATION, userIds: ['u0'] })
    expect(results.ok && results.value.results[0]).toMatchObject({ status: 'unmatched', method: 'decision' })
  })

  it('rolls back a store in progress when cancelled, keeping the previous results and freeing the lock', async () => {
    await app.call('match:run', { integrationId: INTEGRATION })
    const before = storedRows()
    const stampBefore = storedStamp()
    decide('u0')
    // Each stored row now costs a moment of SQLite work, so the store is still open when the cancel lands.
    other.exec(`
      CREATE TABLE slow (n INTEGER);
      WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 150) INSERT INTO slow SELECT n FROM c;
      CREATE TRIGGER slow_store AFTER INSERT ON match_results BEGIN
        SELECT count(*) FROM slow a, slow b, slow c;
      END;
    `)
    const cancel = new AbortController()
    let lockedWhileStoring = false
    const run = await app.call(
      'match:run',
      { integrationId: INTEGRATION },
      {
        signal: cancel.signal,
        onMatchProgress: ({ phase }) => {
          if (phase !== 'storing') return
          lockedWhileStoring = writeLockTaken()
          cancel.abort()
        },
      },
    )
    expect(lockedWhileStoring).toBe(true)
    expect(run).toMatchObject({ ok: false, error: { code: 'MATCH_CANCELLED' } })
    // Settled only after the worker is gone: the lock is free at once, and nothing of the new plan stayed.
    expect(writeLockTaken()).toBe(false)
    expect(storedRows()).toEqual(before)
    expect(storedStamp()).toBe(stampBefore)
    other.exec('DROP TRIGGER slow_store')
    expect((await app.call('match:results', { integrationId: INTEGRATION, userIds: ['u0'] })).ok).toBe(true)
  })
})

describe('decisions in the match worker', () => {
  /** Counts decisions this host's own connection inserts: a temporary trigger fires for its writes only. */
  function countHostWrites(db: Database): () => number {
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS host_writes (n INTEGER NOT NULL);
      INSERT INTO temp.host_writes VALUES (0);
      CREATE TEMP TRIGGER IF NOT EXISTS host_decisions AFTER INSERT ON main.match_decisions
      BEGIN UPDATE temp.host_writes SET n = n + 1; END;
    `)
    return () => db.prepare('SELECT n FROM temp.host_writes').pluck().get() as number
  }

  it('records decisions on its own connection, with the lists, and the host reads them at once', async () => {
    const run = insertRun(other, INTEGRATION, { outcome: 'SUCCEEDED' })
    await app.call('match:run', { integrationId: INTEGRATION })
    const hostWrites = countHostWrites(app.context.db)
    const results = await app.call('match:results', { integrationId: INTEGRATION })
    expect(results.ok).toBe(true)
    const suggested = results.ok ? results.value.results.filter((r) => r.status === 'suggested') : []
    expect(suggested.length).toBeGreaterThan(1)
    const [first, second] = suggested
    const accept = await app.call('match:decide', {
      integrationId: INTEGRATION,
      userId: first!.user_id,
      kind: 'accept',
    })
    expect(accept.ok).toBe(true)
    const none = await app.call('match:decide', {
      integrationId: INTEGRATION,
      userId: second!.user_id,
      kind: 'none',
    })
    expect(none.ok).toBe(true)
    // Written by the worker's connection, not the host's, and read by the host at once.
    expect(hostWrites()).toBe(0)
    const plan = await app.call('diff:get', { integrationId: INTEGRATION })
    if (!plan.ok) throw new Error(plan.error.message)
    expect(plan.value.basisRunId).toBe(run)
    expect(plan.value.pendingReview.map((p) => p.user_id)).not.toContain(first!.user_id)
    expect(plan.value.remove).toContainEqual({
      user_id: second!.user_id,
      kombo_id: null,
      reason: 'no_match_decided',
    })
    const today = new Date().toISOString().slice(0, 10)
    expect(storedPlanIfCurrent(other, INTEGRATION, run, today)).toEqual({ ...plan.value, stale: null })
    // A refusal comes back as the handler's own error.
    const unknown = await app.call('match:decide', {
      integrationId: INTEGRATION,
      userId: 'nobody',
      kind: 'none',
    })
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND')
    const undo = await app.call('match:undo', { integrationId: INTEGRATION, userId: second!.user_id })
    expect(undo.ok).toBe(true)
    const after = await app.call('diff:get', { integrationId: INTEGRATION })
    if (!after.ok) throw new Error(after.error.message)
    expect(after.value.remove.map((r) => r.user_id)).not.toContain(second!.user_id)
    expect(hostWrites()).toBe(0)
  })
})
