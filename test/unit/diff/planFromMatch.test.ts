import { describe, expect, it } from 'vitest'
import { diffEmployees } from '../../../src/main/core/diff/diffEmployees'
import { loadDiffState } from '../../../src/main/core/diff/loadDiffState'
import { workEmailHash } from '../../../src/main/core/diff/normalise'
import { storedPlanFor } from '../../../src/main/core/diff/planStore'
import { runMatch } from '../../../src/main/core/match/matchRun'
import {
  insertRun,
  putDecision,
  putEmployee,
  putLegacyUsers,
  putTombstone,
  useSeededStore,
  type LegacySeed,
} from './seed'

/**
 * A match run computes the lists from the rows it already holds (diffStateFromMatch) instead of reading
 * them back. Those lists must be the ones the diff computes from the store afterwards, whatever the data.
 */
const INTEGRATION = 'personio:plan-from-match'
const NOW = new Date('2030-06-15T09:00:00.000Z')

const store = useSeededStore(INTEGRATION)

/** A messy company from small pools: namesakes, moved domains, leavers, re-hires, decisions, odd statuses. */
function fillMessyCompany(size: number, seed: number): number {
  const db = store.db
  const run = insertRun(db, INTEGRATION, { outcome: 'SUCCEEDED' })
  let state = seed
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state % n
  }
  const pick = <T>(values: readonly T[]): T => values[next(values.length)] as T
  const given = ['Ann', 'Anna', 'Bo', 'Ciro', 'Ćiro', 'Dana', null] as const
  const family = ['Lee', 'Leigh', 'Novak', 'Schmidt', 'Smith', null] as const
  const statuses = ['ACTIVE', 'ACTIVE', 'INACTIVE', 'LEAVE', 'PENDING', null] as const
  const words = ['active', 'disabled', 'Aktiv', null, 'odd', ''] as const
  const users: LegacySeed[] = []
  for (let i = 0; i < size; i++) {
    const first = pick(given)
    const last = pick(family)
    const email = `p${i}@acme.example`
    putEmployee(db, INTEGRATION, run, {
      id: `k${i}`,
      remote_id: `R${i}`,
      first_name: first,
      last_name: last,
      work_email: next(6) === 0 ? null : email,
      personal_email: next(4) === 0 ? `home${i}@mail.example` : null,
      employment_status: pick(statuses),
      termination_date: next(10) === 0 ? '2030-01-01T00:00:00.000Z' : null,
      date_of_birth: next(3) === 0 ? `19${70 + next(20)}-0${1 + next(9)}-1${next(9)}` : null,
      remote_deleted_at: next(15) === 0 ? '2030-06-01T00:00:00Z' : null,
      vanished_at: next(20) === 0 ? '2030-06-01T00:00:00Z' : null,
    })
    if (next(9) === 0) continue // a new hire: no user yet
    const kind = next(5)
    users.push({
      user_id: `u${i}`,
      email: kind === 0 ? `p${i}@old-acme.example` : kind === 1 ? null : email,
      first_name: next(7) === 0 ? pick(given) : first,
      last_name: last,
      full_name: next(8) === 0 ? 'Ann Lee' : null,
      hris_id: next(5) === 0 ? `R${next(7) === 0 ? next(size) : i}` : null,
      private_email: next(4) === 0 ? `home${i}@mail.example` : null,
      status: pick(words),
    })
  }
  // People the product still has though nobody in the HRIS matches them, and leavers who come back.
  for (let i = 0; i < size / 10; i++) {
    users.push({
      user_id: `gone${i}`,
      email: `gone${i}@acme.example`,
      first_name: pick(given),
      last_name: 'Old',
    })
  }
  putLegacyUsers(db, INTEGRATION, users)
  putTombstone(db, INTEGRATION, {
    kombo_id: 'left',
    remote_id: 'R-left',
    work_email_hash: workEmailHash('gone1@acme.example'),
    reason: 'deleted',
  })
  db.prepare(
    `INSERT INTO link_history (integration_id, user_id, kombo_id, remote_id, first_linked_at, last_linked_at)
     VALUES (?, 'gone1', 'left', 'R-left', '2029-01-01T00:00:00Z', '2029-05-01T00:00:00Z')`,
  ).run(INTEGRATION)
  putEmployee(db, INTEGRATION, run, { id: 'back', remote_id: 'R-left', work_email: 'returned@acme.example' })
  putDecision(db, INTEGRATION, { user_id: 'u3', kind: 'none' })
  putDecision(db, INTEGRATION, { user_id: 'u5', kind: 'accept', kombo_id: 'k7' })
  putDecision(db, INTEGRATION, { user_id: 'u8', kind: 'reject', kombo_id: 'k8' })
  return run
}

describe('the lists a match run stores', () => {
  it.each([1, 2, 3])('are the lists the diff computes from the store afterwards (seed %i)', (seed) => {
    const run = fillMessyCompany(300, seed)
    const { summary, stored } = runMatch({ db: store.db, version: 'test', now: NOW }, INTEGRATION)
    expect(stored).toBe(true)
    // The company really exercises the lists: links, suggestions and people with no counterpart.
    expect(summary.matched).toBeGreaterThan(0)
    expect(summary.suggested).toBeGreaterThan(0)
    expect(summary.unmatched).toBeGreaterThan(0)

    const fromMatch = storedPlanFor(store.db, INTEGRATION, run)
    const fromStore = diffEmployees(loadDiffState(store.db, INTEGRATION, run, NOW.toISOString()))
    expect(fromMatch).toEqual({ ...fromStore, stale: null })
    expect(fromStore.update.length).toBeGreaterThan(0)
    expect(fromStore.remove.length).toBeGreaterThan(0)
    expect(fromStore.pendingReview.length).toBeGreaterThan(0)
    expect(fromStore.add.some((add) => add.rehire_of === 'gone1')).toBe(true)
  })
})
