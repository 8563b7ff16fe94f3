import type { MatchMethod, MatchResult, MatchStatus } from '../../../shared/dto/match'
import type { Database } from '../store/database'
import { movePlanInputs } from '../store/planInputs'

/**
 * Replaces the stored results of some users only, for a decision's rematch (incrementalRematch.ts); a
 * whole run replaces them all through matchStore's openMatchWriter, and the rows are written the same way.
 */

/** What a replaced row counted in the stored summary. */
export interface ReplacedRow {
  user_id: string
  status: MatchStatus
  method: MatchMethod
  hasConflicts: boolean
}

/**
 * Replaces these users' rows (and records their links in the link history, as a whole run does), inside
 * the caller's write transaction. Returns the rows as they were, so the caller can move the summary.
 */
export function replaceMatchResults(
  db: Database,
  integrationId: string,
  results: readonly MatchResult[],
  remoteIdOf: (komboId: string) => string | null,
  now: string,
): ReplacedRow[] {
  const read = db.prepare(
    `SELECT user_id, status, method, conflicts <> '[]' AS hasConflicts FROM match_results
     WHERE integration_id = ? AND user_id = ?`,
  )
  const remove = db.prepare('DELETE FROM match_results WHERE integration_id = ? AND user_id = ?')
  const insert = db.prepare(
    `INSERT INTO match_results (integration_id, user_id, status, method, kombo_id, score, detail, conflicts,
       candidate_count, candidate_ids)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const link = db.prepare(
    `INSERT INTO link_history (integration_id, user_id, kombo_id, remote_id, first_linked_at, last_linked_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (integration_id, user_id, kombo_id)
     DO UPDATE SET remote_id = excluded.remote_id, last_linked_at = excluded.last_linked_at`,
  )
  const replaced: ReplacedRow[] = []
  for (const result of results) {
    const row = read.get(integrationId, result.user_id) as
      (Omit<ReplacedRow, 'hasConflicts'> & { hasConflicts: number }) | undefined
    if (row) replaced.push({ ...row, hasConflicts: row.hasConflicts === 1 })
    remove.run(integrationId, result.user_id)
    const detail = JSON.stringify({
      reasons: result.reasons,
      candidates: result.candidates,
      conflicts: result.conflicts,
    })
    insert.run(
      integrationId,
      result.user_id,
      result.status,
      result.method,
      result.kombo_id,
      result.score,
      detail,
      JSON.stringify(result.conflicts),
      result.candidates.length,
      JSON.stringify(result.candidates.map((candidate) => candidate.kombo_id)),
    )
    if (result.status === 'matched' && result.kombo_id !== null) {
      link.run(integrationId, result.user_id, result.kombo_id, remoteIdOf(result.kombo_id), now, now)
    }
  }
  // Deleting rows one by one moves no plan inputs on its own (migration 6): moved once here.
  movePlanInputs(db, integrationId)
  return replaced
}
