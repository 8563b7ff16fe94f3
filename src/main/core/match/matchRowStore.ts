import type { MatchMethod, MatchResult, MatchStatus } from '../../../shared/dto/match'
import type { Database } from '../store/database'
import { movePlanInputs } from '../store/planInputs'
import { resultWriter } from './matchStore'

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
  const write = resultWriter(db, integrationId, remoteIdOf, now)
  const replaced: ReplacedRow[] = []
  for (const result of results) {
    const row = read.get(integrationId, result.user_id) as
      (Omit<ReplacedRow, 'hasConflicts'> & { hasConflicts: number }) | undefined
    if (row) replaced.push({ ...row, hasConflicts: row.hasConflicts === 1 })
    remove.run(integrationId, result.user_id)
    write(result)
  }
  // Deleting rows one by one moves no plan inputs on its own (migration 6): moved once here.
  movePlanInputs(db, integrationId)
  return replaced
}
