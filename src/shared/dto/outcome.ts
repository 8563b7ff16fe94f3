import type { SyncOutcome } from './sync'
import type { DepartureReason, RehireEvidence } from './diff'

export interface OutcomeGuidance {
  outcome: SyncOutcome
  /** Data from this sync can be used (and removals proposed from it). */
  usable: boolean
  /** Who can fix it: nobody needed, Kombo, or the customer / specialist. */
  fixableBy: 'none' | 'kombo' | 'customer'
  explanation: string
  nextStep: string
}

/** What changed in the HRIS between two syncs (changes after `fromRunId`, up to and including `toRunId`). */
export interface DriftReport {
  integrationId: string
  /** Null: from the very beginning. */
  fromRunId: number | null
  /** Null when there is no successful sync to report on. */
  toRunId: number | null
  hires: { kombo_id: string; name: string | null; work_email: string | null }[]
  leavers: { kombo_id: string; user_id: string | null; name: string | null; reason: DepartureReason }[]
  rehires: { kombo_id: string; rehire_of: string; evidence: RehireEvidence }[]
  emailChanges: { kombo_id: string; user_id: string | null; from: string | null; to: string | null }[]
  nameChanges: {
    kombo_id: string
    user_id: string | null
    field: 'first_name' | 'last_name'
    from: string | null
    to: string | null
  }[]
  /** Links that no longer hold: the employee left, or its remote id (the mapping's hris_id) changed. */
  linksInvalidated: { user_id: string; kombo_id: string; reason: DepartureReason | 'remote_id_changed' }[]
}
