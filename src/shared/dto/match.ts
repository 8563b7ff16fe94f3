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
}
