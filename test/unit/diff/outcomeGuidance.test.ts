import { describe, expect, it } from 'vitest'
import { KOMBO_SYNC_STATES, guidanceFor, isSyncOutcome } from '../../../src/main/core/diff/outcomeGuidance'
import { currentPlan } from '../../../src/main/core/diff/planService'
import type { SyncOutcome } from '../../../src/shared/dto/sync'
import { insertRun, putEmployee, useSeededStore } from './seed'

const INTEGRATION = 'personio:guidance'
const NOW = new Date('2030-06-15T09:00:00.000Z')
const ALL_OUTCOMES: SyncOutcome[] = [...KOMBO_SYNC_STATES, 'FIRST_SYNC_PENDING', 'RUNNING']

/**
 * The guidance is what the Sync screen and the stale-plan notice tell a specialist. These tests hold it
 * to what the app does with each outcome, rather than restating its wording.
 */
describe('outcome guidance', () => {
  const store = useSeededStore(INTEGRATION)

  /** A good fetch with one employee, then Kombo reports a sync with the given state. */
  function planAfterKomboReports(state: string) {
    const good = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
    putEmployee(store.db, INTEGRATION, good, { id: 'K1' })
    insertRun(store.db, INTEGRATION, { outcome: state, source: 'webhook' })
    return currentPlan(store.db, INTEGRATION, NOW)
  }

  it.each(KOMBO_SYNC_STATES)(
    '%s: the plan goes stale exactly when the guidance calls the sync unusable, and says what to do',
    (state) => {
      const guidance = guidanceFor(state)
      const plan = planAfterKomboReports(state)
      if (guidance.usable) {
        expect(plan.stale).toBeNull()
      } else {
        expect(plan.stale?.outcome).toBe(state)
        expect(plan.stale?.explanation).toContain(guidance.explanation)
        expect(plan.stale?.nextStep).toBe(guidance.nextStep)
        // The lists of the last good sync are still there to act on.
        expect(plan.add.map((a) => a.kombo_id)).toEqual(['K1'])
      }
    },
  )

  it('a state this version does not know makes the plan stale, naming the state', () => {
    expect(isSyncOutcome('EXPLODED')).toBe(false)
    const plan = planAfterKomboReports('EXPLODED')
    expect(plan.stale?.explanation).toContain('"EXPLODED"')
    expect(plan.stale?.nextStep).toMatch(/last successful sync stay in force/)
  })

  it('tells the specialist that the last good lists stand whenever a sync is unusable', () => {
    const unusable = KOMBO_SYNC_STATES.filter((state) => !guidanceFor(state).usable)
    expect(unusable.length).toBeGreaterThan(0)
    for (const state of unusable)
      expect(guidanceFor(state).nextStep).toMatch(/last successful sync stay in force/)
  })

  it('never shows two outcomes the same explanation or next step', () => {
    const all = ALL_OUTCOMES.map((outcome) => guidanceFor(outcome))
    expect(new Set(all.map((g) => g.explanation)).size).toBe(all.length)
    expect(new Set(all.map((g) => g.nextStep)).size).toBe(all.length)
  })

  it('recognises the outcome vocabulary exactly, case included', () => {
    for (const outcome of ALL_OUTCOMES) expect(isSyncOutcome(outcome)).toBe(true)
    expect(isSyncOutcome('timed_out')).toBe(false)
  })
})
