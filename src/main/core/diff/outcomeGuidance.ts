import type { OutcomeGuidance } from '../../../shared/dto/outcome'
import type { SyncOutcome } from '../../../shared/dto/sync'
import { LAST_GOOD_LISTS_STAND, OUTCOME_WORDS } from '../../../shared/outcomes'

export { guidanceFor, LAST_GOOD_LISTS_STAND } from '../../../shared/outcomes'

/** Outcomes whose data can be used, and from which removals may be proposed. */
export const GOOD_OUTCOMES: ReadonlySet<string> = new Set(
  (Object.keys(OUTCOME_WORDS) as SyncOutcome[]).filter((outcome) => OUTCOME_WORDS[outcome].usable),
)

/** The states Kombo's sync-finished webhook reports (its guide's three tables). */
export const KOMBO_SYNC_STATES = [
  'SUCCEEDED',
  'PARTIALLY_FAILED',
  'CANCELLED',
  'FAILED',
  'TIMED_OUT',
  'AUTHENTICATION_FAILED',
] as const satisfies readonly SyncOutcome[]

const SYNC_OUTCOMES: ReadonlySet<string> = new Set(Object.keys(OUTCOME_WORDS))

export function isSyncOutcome(value: string): value is SyncOutcome {
  return SYNC_OUTCOMES.has(value)
}

/** For an outcome string this app does not know (e.g. from an older version): treated as a failure. */
export function guidanceForUnknown(outcome: string): Omit<OutcomeGuidance, 'outcome'> & { outcome: string } {
  return {
    outcome,
    usable: false,
    fixableBy: 'kombo',
    explanation: `The sync ended with the unrecognised state "${outcome}"; nothing from it was used.`,
    nextStep: `Sync again; if the state persists, send Kombo the log link. ${LAST_GOOD_LISTS_STAND}`,
  }
}
