import type { Database } from '../store/database'
import type {
  DiffDecision,
  DiffEmployee,
  DiffLegacyUser,
  DiffLink,
  DiffMatch,
  DiffState,
  DiffTombstone,
} from './diffState'
import { previouslyReleasedUsers, readGuardThreshold, removalsConfirmedAt } from './planStore'

interface MatchRow {
  user_id: string
  status: DiffMatch['status']
  kombo_id: string | null
  score: number
  detail: string | null
}

/**
 * Reads everything the diff needs in one read transaction, so the plan never mixes two syncs (a sync
 * committing meanwhile is either wholly in or wholly out). Only the columns the diff uses are read.
 */
export function loadDiffState(
  db: Database,
  integrationId: string,
  basisRunId: number | null,
  generatedAt: string,
): DiffState {
  return db.transaction((): DiffState => {
    const employees = db
      .prepare(
        `SELECT id, remote_id, first_name, last_name, work_email, personal_email, employment_status,
                termination_date, date_of_birth, remote_deleted_at, vanished_at
         FROM employees WHERE integration_id = ? ORDER BY id`,
      )
      .all(integrationId) as DiffEmployee[]
    const legacyUsers = db
      .prepare(
        `SELECT user_id, email, first_name, last_name, full_name, private_email, status
         FROM legacy_users WHERE integration_id = ? ORDER BY line, user_id`,
      )
      .all(integrationId) as DiffLegacyUser[]
    // Only suggestions need their candidate list; skipping the detail of the rest keeps the read cheap.
    const matchRows = db
      .prepare(
        `SELECT user_id, status, kombo_id, score,
                CASE WHEN status = 'suggested' THEN detail END AS detail
         FROM match_results WHERE integration_id = ?`,
      )
      .all(integrationId) as MatchRow[]
    const decisions = db
      .prepare(`SELECT id, user_id, kind, undoes FROM match_decisions WHERE integration_id = ? ORDER BY id`)
      .all(integrationId) as DiffDecision[]
    const links = db
      .prepare(
        `SELECT user_id, kombo_id, remote_id, last_linked_at FROM link_history WHERE integration_id = ?`,
      )
      .all(integrationId) as DiffLink[]
    const tombstones = db
      .prepare(
        `SELECT kombo_id, remote_id, work_email_hash, reason FROM identity_tombstones
         WHERE integration_id = ?`,
      )
      .all(integrationId) as DiffTombstone[]
    return {
      integrationId,
      basisRunId,
      generatedAt,
      employees,
      legacyUsers,
      matches: matchRows.map((row) => ({
        user_id: row.user_id,
        status: row.status,
        kombo_id: row.kombo_id,
        score: row.score,
        candidates: row.detail === null ? [] : candidateIds(row.detail),
      })),
      decisions,
      links,
      tombstones,
      guard: {
        threshold: readGuardThreshold(db, integrationId),
        confirmedAt: basisRunId === null ? null : removalsConfirmedAt(db, integrationId, basisRunId),
        previouslyReleased:
          basisRunId === null ? null : previouslyReleasedUsers(db, integrationId, basisRunId),
      },
    }
  })()
}

/**
 * The candidate employees in a suggestion's detail JSON ({candidates: [{kombo_id}, ...]}, best first).
 * Read leniently: a detail of another shape names no extra candidates rather than failing the diff.
 */
export function candidateIds(detail: string): string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    return []
  }
  if (typeof parsed !== 'object' || parsed === null || !('candidates' in parsed)) return []
  const candidates = (parsed as { candidates: unknown }).candidates
  if (!Array.isArray(candidates)) return []
  const ids: string[] = []
  for (const candidate of candidates as unknown[]) {
    if (typeof candidate === 'string') ids.push(candidate)
    else if (typeof candidate === 'object' && candidate !== null && 'kombo_id' in candidate) {
      const id = (candidate as { kombo_id: unknown }).kombo_id
      if (typeof id === 'string') ids.push(id)
    }
  }
  return ids
}
