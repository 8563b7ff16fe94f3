import type { SyncOutcome } from '../../../shared/dto/sync'

export interface OutcomeText {
  label: string
  tone: 'good' | 'warn' | 'bad' | 'neutral'
  meaning: string
  nextStep: string
}

/** Kombo's sync-finished vocabulary in plain words (Kombo's "Handling failing syncs" tables). */
export const OUTCOME_TEXT: Record<SyncOutcome, OutcomeText> = {
  SUCCEEDED: {
    label: 'Succeeded',
    tone: 'good',
    meaning: 'Everything went fine.',
    nextStep: 'Nothing to do: the lists rest on this sync.',
  },
  PARTIALLY_FAILED: {
    label: 'Partially failed',
    tone: 'warn',
    meaning: 'The sync went through with non-fatal errors; its data can be used.',
    nextStep: 'Kombo is notified and looks into it; no action needed.',
  },
  CANCELLED: {
    label: 'Cancelled',
    tone: 'warn',
    meaning: 'The sync was cancelled before it finished; the previous data stays in place.',
    nextStep: 'Run it again; Kombo-side cancellations are rescheduled by Kombo shortly after.',
  },
  FAILED: {
    label: 'Failed',
    tone: 'bad',
    meaning: 'The sync failed; only Kombo can fix the cause. The lists rest on the last good sync.',
    nextStep: 'Kombo gets an alert; try again later, and contact Kombo with the log link if it persists.',
  },
  TIMED_OUT: {
    label: 'Timed out',
    tone: 'bad',
    meaning: 'The sync timed out before completing; the previous data stays in place.',
    nextStep: 'Kombo restarts it automatically; sync again once it has finished.',
  },
  AUTHENTICATION_FAILED: {
    label: 'Authentication failed',
    tone: 'bad',
    meaning: "The customer's HRIS credentials are invalid or lack permissions for the requested data.",
    nextStep: 'Ask the customer to update the credentials or add the missing permissions, then sync again.',
  },
  FIRST_SYNC_PENDING: {
    label: 'Waiting for first sync',
    tone: 'neutral',
    meaning:
      "Kombo's first sync of this integration has not finished yet; no data can be read before it does.",
    nextStep:
      'Wait: it can take from seconds to hours. Sync again later, or paste the sync-finished webhook.',
  },
  RUNNING: {
    label: 'Running',
    tone: 'neutral',
    meaning: 'This sync is still running.',
    nextStep: 'Wait for it to finish.',
  },
}
