export type RemoveReason = 'no_employee' | 'no_match_decided' | 'deleted' | 'vanished' | 'terminated'

export interface AddAction {
  kombo_id: string
  remote_id: string
  work_email: string | null
  first_name: string | null
  last_name: string | null
  /** The user id this person had before leaving, when this is a re-hire. */
  rehire_of: string | null
  rehire_evidence: string | null
}

export interface FieldChange {
  field: 'email' | 'first_name' | 'last_name' | 'employment_status'
  from: string | null
  to: string | null
}

export interface UpdateAction {
  user_id: string
  kombo_id: string
  changes: FieldChange[]
}

export interface RemoveAction {
  user_id: string
  kombo_id: string | null
  reason: RemoveReason
}

export interface DeletionGuard {
  tripped: boolean
  /** Share of linked users one sync may remove before the guard trips (0..1). */
  threshold: number
  linked: number
  removals: number
  confirmed: boolean
  /** Removals left out of `remove` until confirmed. */
  withheld: number
}

export interface ActionPlan {
  integrationId: string
  /** The sync run the plan rests on. */
  basisRunId: number | null
  generatedAt: string
  add: AddAction[]
  update: UpdateAction[]
  remove: RemoveAction[]
  /** Legacy users whose suggestions still await review: neither added nor removed. */
  pendingReview: { user_id: string; kombo_id: string | null; score: number }[]
  guard: DeletionGuard
  /** Set when the latest sync was not good and these are the last good lists. */
  stale: { outcome: string; explanation: string; nextStep: string } | null
}
