import { afterEach, describe, expect, it } from 'vitest'
import { currentPlan } from '../../../src/main/core/diff/planService'
import { savePlan, saveStoredPlan, storedPlanOf } from '../../../src/main/core/diff/planStore'
import { runMatch } from '../../../src/main/core/match/matchRun'
import type { Database } from '../../../src/main/core/store/database'
import { seedDemoCompany, tempStore, type TempStore } from './seed'

/**
 * A match run storing through the store thread hands over its lists as a StoredPlan (the head, and each
 * entry's JSON as bytes): saving that must write exactly the rows savePlan writes for the plan itself.
 */
const INTEGRATION = 'personio:stored-plan'
const NOW = new Date('2030-06-15T09:00:00.000Z')
const stores: TempStore[] = []

afterEach(() => {
  for (const store of stores.splice(0)) store.close()
})

function savedRows(db: Database): unknown {
  return {
    plans: db.prepare('SELECT * FROM action_plans ORDER BY id').all(),
    items: db.prepare('SELECT * FROM action_plan_items ORDER BY plan_id, list, seq').all(),
  }
}

describe('saveStoredPlan', () => {
  it('writes the same plan row and list entries as savePlan', () => {
    const store = tempStore()
    stores.push(store)
    const { db } = store
    seedDemoCompany(db, INTEGRATION, { seed: 5, size: 300 })
    runMatch({ db, version: 'test', now: NOW }, INTEGRATION, { storeThread: false })
    const plan = currentPlan(db, INTEGRATION, NOW)
    // Every kind of entry is there to be carried over.
    expect(plan.add.length).toBeGreaterThan(0)
    expect(plan.remove.length).toBeGreaterThan(0)
    expect(plan.pendingReview.length).toBeGreaterThan(0)

    db.transaction(() => savePlan(db, plan, 'inputs-1'))()
    const direct = savedRows(db)
    // Emptied, so that only what saveStoredPlan writes can make the rows equal again.
    db.prepare('DELETE FROM action_plan_items').run()
    db.prepare("UPDATE action_plans SET plan = '{}', inputs = NULL").run()
    expect(savedRows(db)).not.toEqual(direct)
    db.transaction(() => saveStoredPlan(db, storedPlanOf(plan), 'inputs-1'))()
    expect(savedRows(db)).toEqual(direct)
  })
})
