import type { StoredEmployee } from './employees'
import type { LegacyUser } from './legacy'

export type MatchStatus = 'matched' | 'suggested' | 'unmatched'

export type MatchMethod = 'remote_id' | 'work_email' | 'email_domain_change' | 'fuzzy' | 'decision' | 'none'

export interface MatchCandidate {
  kombo_id: string
  score: number
  method: MatchMethod
  /** Which fields agreed and how, in plain words, e.g. "last name equal", "first name Bob ~ Robert". */
  reasons: string[]
  /**
   * The weight of evidence each compared field added, in bits (log2 of how much likelier the agreement is
   * for one person than for two): positive for agreement, negative for disagreement. Weights are
   * estimated from the files being matched; a rare name agreeing weighs more than a common one.
   */
  evidence?: MatchEvidence[]
}

export interface MatchEvidence {
  field: 'hris_id' | 'work_email' | 'private_email' | 'given_name' | 'family_name'
  /** equal, close, partial, differs, local_part_moved, local_part_elsewhere */
  level: string
  weight: number
}

export interface MatchResult {
  user_id: string
  status: MatchStatus
  method: MatchMethod
  /** The linked employee (matched) or the best suggestion (suggested); null when unmatched. */
  kombo_id: string | null
  /** In [0, 1]: the linked or suggested candidate's score; 1 for a decided link, 0 when unmatched. */
  score: number
  reasons: string[]
  /** Best first; the second entry is the runner-up. */
  candidates: MatchCandidate[]
  /**
   * Why a person has to look even though strong evidence exists: identifiers that disagree, namesakes,
   * several users claiming one employee, a decision that no longer applies. Empty when nothing conflicts.
   */
  conflicts: string[]
  /**
   * Set when the results were read as a list (`match:results` with `view: 'list'`): how many candidates
   * the stored result has; `candidates` and `reasons` are then left empty until read for this user.
   */
  candidateCount?: number
}

export interface DomainMapping {
  from: string
  to: string
  /** Legacy users on `from` whose local part reappears on `to`. */
  support: number
  /** Legacy users on `from`. */
  total: number
}

export interface MatchSummary {
  legacyUsers: number
  employees: number
  matched: number
  suggested: number
  unmatched: number
  byMethod: Partial<Record<MatchMethod, number>>
  /** Results with at least one conflict note. */
  conflicts: number
  /** Old -> new company email domains inferred from the data (rule 3); suggestions only. */
  domainMappings: DomainMapping[]
}

export interface MatchOutput {
  results: MatchResult[]
  summary: MatchSummary
}

export type DecisionKind = 'accept' | 'reject' | 'manual' | 'none'

export interface DecisionEvent {
  id: number
  user_id: string
  kind: DecisionKind | 'undo'
  kombo_id: string | null
  undoes: number | null
  created_at: string
  /**
   * Shared by the events made together in one step (a bulk accept, a domain accept, or the undo of
   * such a step), which are shown and undone as one; absent or null for a decision made on its own.
   */
  batch?: number | null
}

/** The suggestion methods a bulk accept can select by (links by rule 1 and 2 need no review). */
export const BULK_ACCEPT_METHODS = ['email_domain_change', 'fuzzy'] as const
export type BulkAcceptMethod = (typeof BULK_ACCEPT_METHODS)[number]

/** One pair a bulk accept links (or, in a preview, would link), with names on both sides. */
export interface BulkAcceptPair {
  user_id: string
  /** The legacy user's name (or email when the file has no name). */
  user_label: string
  kombo_id: string
  employee_label: string
  score: number
  method: MatchMethod
}

export interface BulkAcceptOutcome {
  /** True when nothing was written: the pairs are what applying would link. */
  dryRun: boolean
  /** The batch the links were recorded under; null for a preview or when there was nothing to link. */
  batch: number | null
  pairs: BulkAcceptPair[]
  /**
   * Suggestions that fit the criteria but are left out: their employee is suggested for another user
   * of the same selection too, or already linked; a person must pick one by one.
   */
  skipped: number
}

export interface BatchUndoOutcome {
  batch: number
  /** The undo events recorded (one per decision of the batch that was still in force). */
  events: DecisionEvent[]
}

/** What `match:run` answers: the plan's summary. The results are read with `match:results`. */
export interface MatchRunOutcome {
  summary: MatchSummary
}

/** Loading the inputs, matching them, storing the results (and the lists that rest on them), finished. */
export type MatchPhase = 'loading' | 'matching' | 'storing' | 'done'

/** How far a match running off the host's main thread has got; sent while `match:run` (and friends) run. */
export interface MatchProgress {
  integrationId: string
  phase: MatchPhase
  employees: number
  legacyUsers: number
  /** Milliseconds since the match started. */
  elapsedMs: number
}

/** The stored results counted by how they came out (`match:outcome`, for the overview). */
export interface MatchOutcomeCounts {
  linkedByHrisId: number
  linkedByEmail: number
  linkedByDecision: number
  suggested: number
  unmatched: number
  summary: MatchSummary
}

/** Review's first rows with the people they name (`match:first-rows`). */
export interface ReviewFirstRows {
  /** The status the rows were chosen by ('all': any); 'auto' is answered with the one it chose. */
  filter: 'all' | MatchStatus
  /** The first rows in the legacy file's order, with candidates and reasons. */
  results: MatchResult[]
  /** The legacy users of those rows. */
  users: LegacyUser[]
  /** Every employee those rows link, suggest or list as a candidate. */
  employees: StoredEmployee[]
  /** The whole file's outcome counts. */
  summary: MatchSummary
}
