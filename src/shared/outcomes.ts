import type { OutcomeGuidance } from './dto/outcome'
import type { SyncOutcome } from './dto/sync'

/**
 * What each sync outcome means for the specialist and what to do next, written once: the Sync screen's
 * badges and run history, the guidance after an imported webhook and the stale-plan notice all read
 * this table (docs/architecture.md, Sync).
 */
export const LAST_GOOD_LISTS_STAND =
  'The add, update and remove lists of the last successful sync stay in force.'

export interface OutcomeWords {
  /** The badge text. */
  label: string
  tone: 'good' | 'warn' | 'bad' | 'neutral'
  /** Data from this sync can be used (and removals proposed from it). */
  usable: boolean
  /** Who can fix it: nobody needed, Kombo, or the customer / specialist. */
  fixableBy: 'none' | 'kombo' | 'customer'
  explanation: string
  nextStep: string
}

export const OUTCOME_WORDS: Record<SyncOutcome, OutcomeWords> = {
  SUCCEEDED: {
    label: 'Succeeded',
    tone: 'good',
    usable: true,
    fixableBy: 'none',
    explanation: 'The sync completed without errors; the employee data is complete and current.',
    nextStep: 'Nothing to fix: review the lists and hand them to the customer.',
  },
  PARTIALLY_FAILED: {
    label: 'Partially failed',
    tone: 'warn',
    usable: true,
    fixableBy: 'kombo',
    explanation:
      'The sync completed, but Kombo met errors it could work around on some records; the data can be used.',
    nextStep:
      'Use the lists as usual. Kombo is alerted and looks into it; if someone you expect is missing, open the log link and sync again later.',
  },
  CANCELLED: {
    label: 'Cancelled',
    tone: 'warn',
    usable: false,
    fixableBy: 'kombo',
    explanation: 'The sync was cancelled before it finished, here or by Kombo; nothing from it was used.',
    nextStep: `Sync again when ready; a sync Kombo cancelled is rescheduled by Kombo shortly. ${LAST_GOOD_LISTS_STAND}`,
  },
  FAILED: {
    label: 'Failed',
    tone: 'bad',
    usable: false,
    fixableBy: 'kombo',
    explanation: "The sync failed because of a problem on Kombo's side; nothing from it was used.",
    nextStep: `Kombo is alerted and fixes it; sync again later, and if it keeps failing send Kombo the log link. ${LAST_GOOD_LISTS_STAND}`,
  },
  TIMED_OUT: {
    label: 'Timed out',
    tone: 'bad',
    usable: false,
    fixableBy: 'kombo',
    explanation: 'The sync ran out of time before it completed; nothing from it was used.',
    nextStep: `Kombo restarts the sync automatically and looks into the cause; sync again once it has finished. ${LAST_GOOD_LISTS_STAND}`,
  },
  AUTHENTICATION_FAILED: {
    label: 'Authentication failed',
    tone: 'bad',
    usable: false,
    fixableBy: 'customer',
    explanation:
      "Kombo could not read the customer's HRIS: the credentials are invalid, or they lack permission for some of the data in scope.",
    nextStep: `Ask the customer to renew the HRIS credentials or grant the missing permissions in the Kombo connection, then sync again; Kombo cannot fix this for them. ${LAST_GOOD_LISTS_STAND}`,
  },
  FIRST_SYNC_PENDING: {
    label: 'Waiting for first sync',
    tone: 'neutral',
    usable: false,
    fixableBy: 'none',
    explanation:
      "Kombo's first sync of this integration has not finished yet, so there is no employee data to read; it can take from minutes to hours.",
    nextStep:
      'Wait, then sync again (a sync without --no-wait keeps polling until the data is ready), or paste the sync-finished webhook.',
  },
  RUNNING: {
    label: 'Running',
    tone: 'neutral',
    usable: false,
    fixableBy: 'none',
    explanation: 'This sync is still running.',
    nextStep: 'Wait for it to finish; the lists are recomputed from its data if it succeeds.',
  },
}

/** What a sync outcome means for the specialist, and what to do next. */
export function guidanceFor(outcome: SyncOutcome): OutcomeGuidance {
  const { usable, fixableBy, explanation, nextStep } = OUTCOME_WORDS[outcome]
  return { outcome, usable, fixableBy, explanation, nextStep }
}
