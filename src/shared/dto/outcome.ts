import type { SyncOutcome } from './sync'

export interface OutcomeGuidance {
  outcome: SyncOutcome
  /** Data from this sync can be used (and removals proposed from it). */
  usable: boolean
  /** Who can fix it: nobody needed, Kombo, or the customer / specialist. */
  fixableBy: 'none' | 'kombo' | 'customer'
  explanation: string
  nextStep: string
}

export interface DriftReport {
  integrationId: string
  fromRunId: number | null
  toRunId: number | null
  hires: { kombo_id: string; name: string | null; work_email: string | null }[]
  leavers: { kombo_id: string; name: string | null; reason: 'deleted' | 'vanished' | 'terminated' }[]
  rehires: { kombo_id: string; rehire_of: string; evidence: string }[]
  emailChanges: { kombo_id: string; from: string | null; to: string | null }[]
  nameChanges: {
    kombo_id: string
    field: 'first_name' | 'last_name'
    from: string | null
    to: string | null
  }[]
  linksInvalidated: { user_id: string; kombo_id: string; reason: string }[]
}
