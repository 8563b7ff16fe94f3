/**
 * Everything the diff reads, loaded in one read transaction (see loadDiffState.ts). The diff itself
 * (diffEmployees.ts) is a pure function of this state: no database, no clock.
 */

/** A lookup by id: a map, or rows read one at a time (streamedDiff.ts). */
export type Lookup<V> = Pick<ReadonlyMap<string, V>, 'get' | 'has'>

export interface DiffEmployee {
  id: string
  remote_id: string
  first_name: string | null
  last_name: string | null
  work_email: string | null
  personal_email: string | null
  employment_status: string | null
  termination_date: string | null
  date_of_birth: string | null
  remote_deleted_at: string | null
  vanished_at: string | null
}

export interface DiffLegacyUser {
  user_id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  full_name: string | null
  private_email: string | null
  status: string | null
}

export interface DiffMatch {
  user_id: string
  status: 'matched' | 'suggested' | 'unmatched'
  kombo_id: string | null
  score: number
  /** Candidate employees the matcher named for a suggestion, best first (from match_results.detail). */
  candidates: string[]
}

export interface DiffDecision {
  id: number
  user_id: string
  kind: 'accept' | 'reject' | 'manual' | 'none' | 'undo'
  undoes: number | null
}

/** A (user, employee) pair that was linked at some point. */
export interface DiffLink {
  user_id: string
  kombo_id: string
  remote_id: string | null
  last_linked_at: string
}

/** What survives of a departed employee after Kombo blanks the record. */
export interface DiffTombstone {
  kombo_id: string
  remote_id: string
  /** sha256 hex of the trimmed, lower-cased work email. */
  work_email_hash: string | null
  reason: 'deleted' | 'vanished'
}

export interface GuardSettings {
  threshold: number
  /** When the specialist confirmed the removals of this basis run, if they did. */
  confirmedAt: string | null
  /**
   * Users whose removal an earlier plan already released (its `remove` list, or its withheld list once
   * confirmed). Null when there is no earlier plan: every departure then counts as new.
   */
  previouslyReleased: ReadonlySet<string> | null
}

export interface DiffState {
  integrationId: string
  /** The successful sync the data rests on; null before the first one (no removals are proposed then). */
  basisRunId: number | null
  /** When the plan is computed (ISO); also "today" for termination dates. */
  generatedAt: string
  employees: DiffEmployee[]
  legacyUsers: DiffLegacyUser[]
  matches: DiffMatch[]
  decisions: DiffDecision[]
  links: DiffLink[]
  tombstones: DiffTombstone[]
  /**
   * How many linked pairs the loader proved need nothing (no update, nobody left; see loadDiffState)
   * and left out of legacyUsers, matches, employees and links, so a 100,000-row company reads cheaply.
   * They still count as linked users for the deletion guard. Zero when nothing was left out.
   */
  settledLinks: number
  guard: GuardSettings
}
