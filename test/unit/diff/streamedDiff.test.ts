import { describe, expect, it } from 'vitest'
import { diffEmployees } from '../../../src/main/core/diff/diffEmployees'
import { loadDiffState } from '../../../src/main/core/diff/loadDiffState'
import { currentPlan } from '../../../src/main/core/diff/planService'
import { storedPlanIfCurrent, writeGuardThreshold } from '../../../src/main/core/diff/planStore'
import { storeCurrentLists } from '../../../src/main/core/diff/streamedDiff'
import type { ActionPlan } from '../../../src/shared/dto/diff'
import { fillRandomCompany } from './randomCompany'
import { insertRun, useSeededStore } from './seed'

const INTEGRATION = 'personio:streamed'
const NOW = new Date('2030-06-15T09:00:00.000Z')
const DAY = NOW.toISOString().slice(0, 10)

const store = useSeededStore(INTEGRATION)

/** The lists the diff computes whole from the store as it is now. */
function computedWhole(run: number): ActionPlan {
  return diffEmployees(loadDiffState(store.db, INTEGRATION, run, NOW.toISOString()))
}

/** The lists computed into the store chunk by chunk, read back as current. */
function computedIntoStore(run: number, chunkRows: number): ActionPlan | null {
  expect(storeCurrentLists(store.db, INTEGRATION, NOW, chunkRows)).toBe(true)
  return storedPlanIfCurrent(store.db, INTEGRATION, run, DAY)
}

describe('storeCurrentLists', () => {
  // Chunks of 1, 7 and 5,000 rows: every chunk boundary, a few, and none.
  it.each([
    [1, 1],
    [2, 7],
    [3, 5000],
  ])('stores the lists the whole diff computes (seed %i, chunks of %i rows)', (seed, chunkRows) => {
    const run = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
    fillRandomCompany(store.db, INTEGRATION, run, 400, seed)
    const whole = computedWhole(run)
    expect(whole.add.some((a) => a.rehire_of !== null)).toBe(true)
    expect(whole.update.length).toBeGreaterThan(0)
    expect(whole.pendingReview.length).toBeGreaterThan(0)
    expect(computedIntoStore(run, chunkRows)).toEqual(whole)
  })

  it.each([0, 0.05, 1])('weighs departures as the whole diff does (guard at %f)', (threshold) => {
    const first = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
    fillRandomCompany(store.db, INTEGRATION, first, 300, 4)
    writeGuardThreshold(store.db, INTEGRATION, threshold)
    // An earlier plan, whose released removals no longer count as new.
    currentPlan(store.db, INTEGRATION, NOW)
    store.db
      .prepare(
        `UPDATE employees SET remote_deleted_at = '2030-06-14T00:00:00Z'
         WHERE integration_id = ? AND id IN ('r3', 'r5', 'r8', 'r13', 'r21', 'r34')`,
      )
      .run(INTEGRATION)
    const run = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
    const whole = computedWhole(run)
    expect(whole.remove.length + whole.withheldRemovals.length).toBeGreaterThan(0)
    if (threshold === 0) expect(whole.withheldRemovals.length).toBeGreaterThan(0)
    expect(computedIntoStore(run, 11)).toEqual(whole)
  })

  it('stores nothing after a failed sync: the last good lists stand, as currentPlan explains', () => {
    const good = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
    fillRandomCompany(store.db, INTEGRATION, good, 50, 5)
    insertRun(store.db, INTEGRATION, { outcome: 'FAILED' })
    expect(storeCurrentLists(store.db, INTEGRATION, NOW)).toBe(false)
    expect(store.db.prepare('SELECT count(*) FROM action_plans').pluck().get()).toBe(0)
  })
})
