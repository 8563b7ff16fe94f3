import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/core/store/database'
import { confirmRemovals, currentPlan, setGuardThreshold } from '../../../src/main/core/diff/planService'
import { PLANS_KEPT } from '../../../src/main/core/diff/planStore'
import type { ActionPlan } from '../../../src/shared/dto/diff'
import { AppFailure } from '../../../src/shared/result'
import {
  insertRun,
  putDecision,
  putEmployee,
  putLegacyUsers,
  putMatches,
  useSeededStore,
  type MatchSeed,
} from './seed'

const INTEGRATION = 'personio:plan'
const NOW = new Date('2030-06-15T09:00:00.000Z')

const store = useSeededStore(INTEGRATION)

/** A good fetch of `count` employees e1..e<count>, each linked to user u<i>, plus one orphan account. */
function goodSyncWithLinkedUsers(count: number): number {
  const run = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
  const users = []
  const matches: MatchSeed[] = []
  for (let i = 1; i <= count; i++) {
    putEmployee(store.db, INTEGRATION, run, { id: `e${i}` })
    users.push({
      user_id: `u${i}`,
      email: `e${i}@acme.example`,
      first_name: `Firste${i}`,
      last_name: `Laste${i}`,
    })
    matches.push({ user_id: `u${i}`, status: 'matched', kombo_id: `e${i}` })
  }
  putLegacyUsers(store.db, INTEGRATION, [...users, { user_id: 'orphan', email: 'old@acme.example' }])
  putMatches(store.db, INTEGRATION, [...matches, { user_id: 'orphan', status: 'unmatched' }])
  return run
}

/** A later good fetch in which employees e<i> for the given i were deleted upstream. */
function syncDeleting(...ids: number[]): number {
  const run = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
  for (const i of ids)
    putEmployee(store.db, INTEGRATION, run, { id: `e${i}`, remote_deleted_at: '2030-06-10T00:00:00Z' })
  return run
}

function expectFailure(body: () => unknown, code: string, message: RegExp): void {
  try {
    body()
  } catch (cause) {
    expect(cause).toBeInstanceOf(AppFailure)
    expect((cause as AppFailure).error.code).toBe(code)
    expect((cause as AppFailure).error.message).toMatch(message)
    return
  }
  throw new Error('expected a failure')
}

describe('currentPlan', () => {
  it('computes from the latest good fetch and keeps one plan per basis run', () => {
    const run = goodSyncWithLinkedUsers(3)
    const plan = currentPlan(store.db, INTEGRATION, NOW)
    expect(plan.basisRunId).toBe(run)
    expect(plan.stale).toBeNull()
    expect(plan.remove).toEqual([{ user_id: 'orphan', kombo_id: null, reason: 'no_employee' }])
    currentPlan(store.db, INTEGRATION, NOW)
    const rows = store.db.prepare('SELECT basis_run_id FROM action_plans').all()
    expect(rows).toEqual([{ basis_run_id: run }])
  })

  it('keeps the lists one entry a row, the plan itself only their head, and replaces the rows on a rewrite', () => {
    const run = goodSyncWithLinkedUsers(3)
    putEmployee(store.db, INTEGRATION, run, { id: 'e9' })
    const plan = currentPlan(store.db, INTEGRATION, NOW)
    expect(plan.add.map((a) => a.kombo_id)).toEqual(['e9'])
    const stored = () => ({
      head: JSON.parse(store.db.prepare('SELECT plan FROM action_plans').pluck().get() as string),
      items: store.db
        .prepare('SELECT list, seq, item FROM action_plan_items ORDER BY plan_id, list, seq')
        .all() as { list: string; seq: number; item: string }[],
    })
    const first = stored()
    const emptyLists = { add: [], update: [], remove: [], withheldRemovals: [], pendingReview: [] }
    expect(first.head).toEqual({ ...plan, ...emptyLists })
    expect(first.items).toEqual([
      { list: 'add', seq: 0, item: JSON.stringify(plan.add[0]) },
      { list: 'remove', seq: 0, item: JSON.stringify(plan.remove[0]) },
    ])
    // Written again whole (a new day): the old rows go, and the lists read back are the new ones.
    putEmployee(store.db, INTEGRATION, run, { id: 'e10' })
    const nextDay = new Date('2030-06-16T09:00:00.000Z')
    const again = currentPlan(store.db, INTEGRATION, nextDay)
    expect(again.add.map((a) => a.kombo_id)).toEqual(['e10', 'e9'])
    expect(stored().items.map((row) => [row.list, row.seq])).toEqual([
      ['add', 0],
      ['add', 1],
      ['remove', 0],
    ])
    expect(currentPlan(store.db, INTEGRATION, nextDay)).toEqual(again)
  })

  it('keeps the last good lists after a failed sync and explains the failure', () => {
    const good = goodSyncWithLinkedUsers(3)
    const before = currentPlan(store.db, INTEGRATION, NOW)
    // Whatever is in the store now, a failed sync must not turn it into removals.
    putEmployee(store.db, INTEGRATION, good, { id: 'e1', remote_deleted_at: '2030-06-14T00:00:00Z' })
    const failed = insertRun(store.db, INTEGRATION, {
      outcome: 'FAILED',
      errorMessage: 'Kombo answered 500 five times',
      logUrl: 'https://app.kombo.dev/logs/1',
    })
    const after = currentPlan(store.db, INTEGRATION, NOW)
    expect(after.remove).toEqual(before.remove)
    expect(after.add).toEqual(before.add)
    expect(after.basisRunId).toBe(good)
    expect(after.stale).toEqual({
      runId: failed,
      outcome: 'FAILED',
      explanation: 'The latest sync, run 2, ended FAILED: Kombo answered 500 five times.',
      nextStep: expect.stringMatching(
        /^Deal with the cause the message names, if it names one, then sync again\. .*stay in force/,
      ),
      logUrl: 'https://app.kombo.dev/logs/1',
    })
  })

  it('treats an imported failed webhook like a failed fetch, and names who must act', () => {
    goodSyncWithLinkedUsers(2)
    insertRun(store.db, INTEGRATION, { outcome: 'AUTHENTICATION_FAILED', source: 'webhook' })
    const plan = currentPlan(store.db, INTEGRATION, NOW)
    expect(plan.stale?.outcome).toBe('AUTHENTICATION_FAILED')
    expect(plan.stale?.explanation).toMatch(/imported webhook.*credentials/)
    expect(plan.stale?.nextStep).toMatch(/customer/)
  })

  it('computes the last good lists when the failure came before anyone asked for them', () => {
    const good = goodSyncWithLinkedUsers(2)
    insertRun(store.db, INTEGRATION, { outcome: 'TIMED_OUT' })
    const plan = currentPlan(store.db, INTEGRATION, NOW)
    expect(plan.basisRunId).toBe(good)
    expect(plan.stale?.outcome).toBe('TIMED_OUT')
    expect(plan.remove).toHaveLength(1)
  })

  it('offers no lists at all when no sync has ever succeeded', () => {
    insertRun(store.db, INTEGRATION, { outcome: 'FIRST_SYNC_PENDING' })
    const plan = currentPlan(store.db, INTEGRATION, NOW)
    expect(plan).toMatchObject({ basisRunId: null, add: [], remove: [], update: [] })
    expect(plan.stale?.explanation).toMatch(/first sync/)
  })

  it('is fresh again once a sync succeeds after the failure', () => {
    goodSyncWithLinkedUsers(2)
    insertRun(store.db, INTEGRATION, { outcome: 'CANCELLED' })
    const next = insertRun(store.db, INTEGRATION, { outcome: 'PARTIALLY_FAILED' })
    const plan = currentPlan(store.db, INTEGRATION, NOW)
    expect(plan.stale).toBeNull()
    expect(plan.basisRunId).toBe(next)
  })

  it('ignores a sync that is still running', () => {
    const good = goodSyncWithLinkedUsers(2)
    insertRun(store.db, INTEGRATION, { outcome: 'RUNNING', finishedAt: null })
    const plan = currentPlan(store.db, INTEGRATION, NOW)
    expect(plan).toMatchObject({ basisRunId: good, stale: null })
  })

  it('keeps a bounded number of plans, the latest ones', () => {
    goodSyncWithLinkedUsers(2)
    const runs: number[] = []
    for (let i = 0; i < PLANS_KEPT + 3; i++) {
      runs.push(insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' }))
      currentPlan(store.db, INTEGRATION, NOW)
    }
    const kept = store.db.prepare('SELECT basis_run_id FROM action_plans ORDER BY basis_run_id').pluck().all()
    expect(kept).toEqual(runs.slice(-PLANS_KEPT))
  })

  it('refuses an unknown integration with what to do', () => {
    expectFailure(() => currentPlan(store.db, 'personio:nope', NOW), 'NOT_FOUND', /connect it and run a sync/)
  })
})

describe('reusing the stored lists', () => {
  const LATER = new Date('2030-06-15T17:30:00.000Z')
  const NEXT_DAY = new Date('2030-06-16T09:00:00.000Z')

  it('reads the lists it computed while nothing they rest on has changed', () => {
    goodSyncWithLinkedUsers(3)
    const first = currentPlan(store.db, INTEGRATION, NOW)
    const again = currentPlan(store.db, INTEGRATION, LATER)
    expect(again).toEqual(first)
    expect(again.generatedAt).toBe(NOW.toISOString())
  })

  // Each change is written to the tables as its use-case leaves them (a run, an import row, a rematch
  // replacing every result), without going through the use-case itself.
  it.each([
    {
      change: 'a review decision',
      apply: () => putDecision(store.db, INTEGRATION, { user_id: 'u2', kind: 'none' }),
      expected: (plan: ActionPlan) =>
        expect(plan.remove).toContainEqual({ user_id: 'u2', kombo_id: null, reason: 'no_match_decided' }),
    },
    {
      change: 'a sync that changed an employee',
      apply: () => {
        const run = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
        putEmployee(store.db, INTEGRATION, run, { id: 'e2', last_name: 'Berg' })
      },
      expected: (plan: ActionPlan) =>
        expect(plan.update).toEqual([
          { user_id: 'u2', kombo_id: 'e2', changes: [{ field: 'last_name', from: 'Laste2', to: 'Berg' }] },
        ]),
    },
    {
      change: 'a legacy import',
      apply: () => {
        store.db
          .prepare(
            `INSERT INTO legacy_imports (integration_id, file_name, imported_at, row_count, encoding, delimiter, columns)
             VALUES (?, 'users.csv', '2030-06-15T10:00:00Z', 4, 'utf-8', ',', '{}')`,
          )
          .run(INTEGRATION)
        store.db.prepare("UPDATE legacy_users SET email = 'new@acme.example' WHERE user_id = 'u3'").run()
      },
      expected: (plan: ActionPlan) =>
        expect(plan.update.map((u) => [u.user_id, u.changes[0]?.field])).toEqual([['u3', 'email']]),
    },
    {
      change: 'a match run',
      apply: () =>
        putMatches(store.db, INTEGRATION, [
          { user_id: 'u1', status: 'matched', kombo_id: 'e1' },
          { user_id: 'u2', status: 'matched', kombo_id: 'e2' },
          { user_id: 'u3', status: 'suggested', kombo_id: 'e3', candidates: ['e3'] },
          { user_id: 'orphan', status: 'unmatched' },
        ]),
      expected: (plan: ActionPlan) => expect(plan.pendingReview.map((p) => p.user_id)).toEqual(['u3']),
    },
    {
      change: 'the guard threshold',
      apply: () => setGuardThreshold(store.db, INTEGRATION, 0.5),
      expected: (plan: ActionPlan) => expect(plan.guard.threshold).toBe(0.5),
    },
  ])('computes them again after $change', ({ apply, expected }) => {
    goodSyncWithLinkedUsers(3)
    currentPlan(store.db, INTEGRATION, NOW)
    apply()
    const plan = currentPlan(store.db, INTEGRATION, LATER)
    expect(plan.generatedAt).toBe(LATER.toISOString())
    expected(plan)
    // and keeps the new lists for the next request
    expect(currentPlan(store.db, INTEGRATION, LATER).generatedAt).toBe(LATER.toISOString())
  })

  it('computes them again when the stored plan is not the outline of a plan', () => {
    goodSyncWithLinkedUsers(3)
    const first = currentPlan(store.db, INTEGRATION, NOW)
    store.db.prepare(`UPDATE action_plans SET plan = '{"add": "not a list"}'`).run()
    const again = currentPlan(store.db, INTEGRATION, LATER)
    expect(again).toEqual({ ...first, generatedAt: LATER.toISOString() })
  })

  it('computes them again on a new day, when a last working day may have passed', () => {
    goodSyncWithLinkedUsers(10)
    putEmployee(store.db, INTEGRATION, 1, { id: 'e2', termination_date: '2030-06-15T00:00:00.000Z' })
    expect(currentPlan(store.db, INTEGRATION, NOW).remove.map((r) => r.user_id)).toEqual(['orphan'])
    const nextDay = currentPlan(store.db, INTEGRATION, NEXT_DAY)
    expect(nextDay.remove.map((r) => [r.user_id, r.reason])).toEqual([
      ['u2', 'terminated'],
      ['orphan', 'no_employee'],
    ])
  })

  it('computes them again after the removals of the run were confirmed', () => {
    goodSyncWithLinkedUsers(10)
    currentPlan(store.db, INTEGRATION, NOW)
    syncDeleting(1, 2, 3, 4, 5)
    expect(currentPlan(store.db, INTEGRATION, NOW).guard.tripped).toBe(true)
    const confirmed = confirmRemovals(store.db, INTEGRATION, LATER)
    expect(confirmed.guard.confirmed).toBe(true)
    expect(currentPlan(store.db, INTEGRATION, LATER)).toEqual(confirmed)
  })
})

describe('deletion guard across syncs', () => {
  it('withholds a large wave until confirmed, then releases it', () => {
    goodSyncWithLinkedUsers(10)
    currentPlan(store.db, INTEGRATION, NOW)
    const wave = syncDeleting(1, 2, 3)
    const held = currentPlan(store.db, INTEGRATION, NOW)
    expect(held.guard).toMatchObject({
      tripped: true,
      linked: 10,
      removals: 3,
      withheld: 3,
      confirmed: false,
    })
    expect(held.remove.map((r) => r.user_id)).toEqual(['orphan'])

    const confirmed = confirmRemovals(store.db, INTEGRATION, NOW)
    expect(confirmed.basisRunId).toBe(wave)
    expect(confirmed.guard).toMatchObject({
      tripped: true,
      confirmed: true,
      withheld: 0,
      confirmedAt: NOW.toISOString(),
    })
    expect(confirmed.remove.map((r) => [r.user_id, r.reason])).toEqual([
      ['u1', 'deleted'],
      ['u2', 'deleted'],
      ['u3', 'deleted'],
      ['orphan', 'no_employee'],
    ])
    const row = store.db
      .prepare('SELECT removals_confirmed_at FROM action_plans WHERE basis_run_id = ?')
      .get(wave)
    expect(row).toEqual({ removals_confirmed_at: NOW.toISOString() })
    expectFailure(() => confirmRemovals(store.db, INTEGRATION, NOW), 'CONFLICT', /already confirmed/)
  })

  it('does not count released removals again, but needs a new confirmation for a new wave', () => {
    goodSyncWithLinkedUsers(10)
    currentPlan(store.db, INTEGRATION, NOW)
    syncDeleting(1, 2, 3)
    currentPlan(store.db, INTEGRATION, NOW)
    confirmRemovals(store.db, INTEGRATION, NOW)

    syncDeleting(4)
    const calm = currentPlan(store.db, INTEGRATION, NOW)
    expect(calm.guard).toMatchObject({ tripped: false, removals: 1, withheld: 0, confirmed: false })
    expect(calm.remove.map((r) => r.user_id)).toEqual(['u1', 'u2', 'u3', 'u4', 'orphan'])

    syncDeleting(5, 6, 7)
    const second = currentPlan(store.db, INTEGRATION, NOW)
    expect(second.guard).toMatchObject({ tripped: true, removals: 3, withheld: 3, confirmed: false })
  })

  it('keeps holding back unconfirmed removals through later syncs', () => {
    goodSyncWithLinkedUsers(10)
    currentPlan(store.db, INTEGRATION, NOW)
    syncDeleting(1, 2, 3)
    currentPlan(store.db, INTEGRATION, NOW)
    insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
    const later = currentPlan(store.db, INTEGRATION, NOW)
    expect(later.guard).toMatchObject({ tripped: true, withheld: 3 })
  })

  it('can confirm the last good lists while the latest sync has failed', () => {
    goodSyncWithLinkedUsers(10)
    currentPlan(store.db, INTEGRATION, NOW)
    syncDeleting(1, 2, 3)
    currentPlan(store.db, INTEGRATION, NOW)
    insertRun(store.db, INTEGRATION, { outcome: 'FAILED' })
    const confirmed = confirmRemovals(store.db, INTEGRATION, NOW)
    expect(confirmed.stale?.outcome).toBe('FAILED')
    expect(confirmed.guard).toMatchObject({ confirmed: true, withheld: 0 })
    expect(confirmed.remove).toHaveLength(4)
    expect(currentPlan(store.db, INTEGRATION, NOW).remove).toHaveLength(4)
  })

  it('refuses to confirm when the guard holds nothing back', () => {
    goodSyncWithLinkedUsers(10)
    syncDeleting(1)
    expectFailure(
      () => confirmRemovals(store.db, INTEGRATION, NOW),
      'CONFLICT',
      /holds back no removals.*1 of 10/,
    )
  })

  it('takes the threshold from the integration settings', () => {
    goodSyncWithLinkedUsers(10)
    currentPlan(store.db, INTEGRATION, NOW)
    syncDeleting(1, 2, 3)
    expect(setGuardThreshold(store.db, INTEGRATION, 0.5)).toBe(0.5)
    expect(currentPlan(store.db, INTEGRATION, NOW).guard).toMatchObject({ threshold: 0.5, tripped: false })
    setGuardThreshold(store.db, INTEGRATION, 0.25)
    expect(currentPlan(store.db, INTEGRATION, NOW).guard).toMatchObject({ threshold: 0.25, tripped: true })
    expectFailure(() => setGuardThreshold(store.db, 'personio:nope', 0.1), 'NOT_FOUND', /unknown integration/)
  })
})

describe('while a sync holds the write lock', () => {
  it('still shows the lists, and says to try again for what must be written', () => {
    goodSyncWithLinkedUsers(10)
    currentPlan(store.db, INTEGRATION, NOW)
    syncDeleting(1, 2, 3)
    // A sync writes every page inside one transaction, on its own connection, until it commits.
    const sync = openDatabase(store.path)
    sync.exec('BEGIN IMMEDIATE')
    try {
      store.db.pragma('busy_timeout = 50')
      const plan = currentPlan(store.db, INTEGRATION, NOW)
      expect(plan.guard).toMatchObject({ tripped: true, withheld: 3 })
      expectFailure(() => confirmRemovals(store.db, INTEGRATION, NOW), 'SYNC_IN_PROGRESS', /try again/)
      expectFailure(() => setGuardThreshold(store.db, INTEGRATION, 0.5), 'SYNC_IN_PROGRESS', /try again/)
    } finally {
      sync.exec('ROLLBACK')
      sync.close()
    }
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM action_plans').get()).toEqual({ n: 1 })
    expect(confirmRemovals(store.db, INTEGRATION, NOW).guard).toMatchObject({ confirmed: true })
  })
})
