/**
 * Why a legacy user should lose access:
 * - no_employee: unmatched after review, and no employee was even worth suggesting;
 * - no_match_decided: the specialist decided this user has no employee;
 * - deleted / vanished / terminated: the linked employee left (deleted upstream, no longer returned by
 *   a full fetch, or inactive / past their termination date).
 */
export type RemoveReason = 'no_employee' | 'no_match_decided' | 'deleted' | 'vanished' | 'terminated'

/** Reasons that come from the HRIS (a sync), as opposed to the legacy file and the review. */
export type DepartureReason = Extract<RemoveReason, 'deleted' | 'vanished' | 'terminated'>

/** What ties a new employee record to a departed, previously linked one, strongest first. */
export type RehireEvidence = 'remote_id' | 'work_email' | 'name_and_private_email' | 'name_and_birth_date'

export interface AddAction {
  kombo_id: string
  remote_id: string
  work_email: string | null
  first_name: string | null
  last_name: string | null
  /** The HRIS status (ACTIVE, PENDING for a future starter, LEAVE, ...), so the product can time invites. */
  employment_status: string | null
  /** The user id this person had before leaving, when this is a re-hire. */
  rehire_of: string | null
  rehire_evidence: RehireEvidence | null
}

export type ChangedField = 'email' | 'first_name' | 'last_name' | 'full_name' | 'employment_status'

export interface FieldChange {
  field: ChangedField
  /** The product's current value. */
  from: string | null
  /** The HRIS value the product should take. */
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

export interface PendingReview {
  user_id: string
  /** The best suggestion. */
  kombo_id: string | null
  score: number
  /** Every employee the suggestion names (best first); none of them is listed as an add meanwhile. */
  candidates: string[]
}

export interface DeletionGuard {
  tripped: boolean
  /** Share of linked users one sync may remove before the guard trips (0..1). */
  threshold: number
  /** Legacy users linked to an employee before this sync's departures (the share's denominator). */
  linked: number
  /** Removals of linked users this sync caused (new since the previous plan): the share's numerator. */
  removals: number
  /** The specialist confirmed this basis run's removals. */
  confirmed: boolean
  confirmedAt: string | null
  /** Removals left out of `remove` until confirmed (listed in `withheldRemovals`). */
  withheld: number
}

export interface StalePlanNotice {
  /** The run that was not good. */
  runId: number
  outcome: string
  explanation: string
  nextStep: string
  logUrl: string | null
}

/** One list element of a plan read back as stored: its JSON text (UTF-8), or an entry a decision put there. */
export type StreamedPlanElement = Uint8Array | AddAction | UpdateAction | RemoveAction | PendingReview

/** A field of a plan read back as stored, in the plan's order (see CallContext.onPlanField). */
export type StreamedPlanField =
  { key: string; value: unknown } | { key: string; elements: Iterable<StreamedPlanElement> }

export interface ActionPlan {
  integrationId: string
  /** The successful sync run the plan rests on (null before the first successful sync). */
  basisRunId: number | null
  generatedAt: string
  add: AddAction[]
  update: UpdateAction[]
  remove: RemoveAction[]
  /** Removals the deletion guard holds back until the specialist confirms them. */
  withheldRemovals: RemoveAction[]
  /** Legacy users whose suggestions still await review: neither added nor removed. */
  pendingReview: PendingReview[]
  guard: DeletionGuard
  /** Set when the latest sync was not good and these are the last good lists. */
  stale: StalePlanNotice | null
  /** Plain sentences about gaps in the inputs (e.g. legacy users never matched). */
  notices: string[]
}
