import type { OutcomeGuidance } from '../../../shared/dto/outcome'
import type { SyncOutcome } from '../../../shared/dto/sync'

/** Outcomes whose data can be used, and from which removals may be proposed. */
export const GOOD_OUTCOMES: ReadonlySet<string> = new Set<SyncOutcome>(['SUCCEEDED', 'PARTIALLY_FAILED'])

/** The states Kombo's sync-finished webhook reports (its guide's three tables). */
export const KOMBO_SYNC_STATES = [
  'SUCCEEDED',
  'PARTIALLY_FAILED',
  'CANCELLED',
  'FAILED',
  'TIMED_OUT',
  'AUTHENTICATION_FAILED',
] as const satisfies readonly SyncOutcome[]

const SYNC_OUTCOMES: ReadonlySet<string> = new Set<SyncOutcome>([
  ...KOMBO_SYNC_STATES,
  'FIRST_SYNC_PENDING',
  'RUNNING',
])

export function isSyncOutcome(value: string): value is SyncOutcome {
  return SYNC_OUTCOMES.has(value)
}

export const LAST_GOOD_LISTS_STAND =
  'The add, update and remove lists of the last successful sync stay in force.'

/** What a sync outcome means for the specialist, and what to do next. */
export function guidanceFor(outcome: SyncOutcome): OutcomeGuidance {
  switch (outcome) {
    case 'SUCCEEDED':
      return {
        outcome,
        usable: true,
        fixableBy: 'none',
        explanation: 'The sync completed without errors; the employee data is complete and current.',
        nextStep: 'Nothing to fix: review the lists and hand them to the customer.',
      }
    case 'PARTIALLY_FAILED':
      return {
        outcome,
        usable: true,
        fixableBy: 'kombo',
        explanation:
          'The sync completed, but Kombo met errors it could work around on some records; the data can be used.',
        nextStep:
          'Use the lists as usual. Kombo is alerted and looks into it; if someone you expect is missing, open the log link and sync again later.',
      }
    case 'CANCELLED':
      return {
        outcome,
        usable: false,
        fixableBy: 'kombo',
        explanation: 'Kombo cancelled this sync. That is rare and does no harm: nothing from it was used.',
        nextStep: `No action needed: Kombo schedules a new sync shortly; sync again after it. ${LAST_GOOD_LISTS_STAND}`,
      }
    case 'FAILED':
      return {
        outcome,
        usable: false,
        fixableBy: 'kombo',
        explanation: "The sync failed because of a problem on Kombo's side; nothing from it was used.",
        nextStep: `Kombo is alerted and fixes it; sync again later, and if it keeps failing send Kombo the log link. ${LAST_GOOD_LISTS_STAND}`,
      }
    case 'TIMED_OUT':
      return {
        outcome,
        usable: false,
        fixableBy: 'kombo',
        explanation: 'The sync ran out of time before it completed; nothing from it was used.',
        nextStep: `Kombo restarts the sync automatically and looks into the cause; sync again once it has finished. ${LAST_GOOD_LISTS_STAND}`,
      }
    case 'AUTHENTICATION_FAILED':
      return {
        outcome,
        usable: false,
        fixableBy: 'customer',
        explanation:
          "Kombo could not read the customer's HRIS: the credentials are invalid, or they lack permission for some of the data in scope.",
        nextStep: `Ask the customer to renew the HRIS credentials or grant the missing permissions in the Kombo connection, then sync again; Kombo cannot fix this for them. ${LAST_GOOD_LISTS_STAND}`,
      }
    case 'FIRST_SYNC_PENDING':
      return {
        outcome,
        usable: false,
        fixableBy: 'none',
        explanation:
          "Kombo's first sync of this integration has not finished yet, so there is no employee data to read; it can take from minutes to hours.",
        nextStep: 'Wait, then sync again (a sync without --no-wait keeps polling until the data is ready).',
      }
    case 'RUNNING':
      return {
        outcome,
        usable: false,
        fixableBy: 'none',
        explanation: 'This sync is still running.',
        nextStep: 'Wait for it to finish; the lists are recomputed from its data if it succeeds.',
      }
  }
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
