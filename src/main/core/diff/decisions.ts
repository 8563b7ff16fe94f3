import type { DiffDecision } from './diffState'

/**
 * Users whose standing decision is "no match". The decision log is append-only: an undo event names the
 * decision it reverts, and a user's standing decision is their latest one that was not undone.
 */
export function usersDecidedNoMatch(decisions: readonly DiffDecision[]): Set<string> {
  const undone = new Set<number>()
  for (const event of decisions) {
    if (event.kind === 'undo' && event.undoes !== null) undone.add(event.undoes)
  }
  const standing = new Map<string, DiffDecision>()
  for (const event of decisions) {
    if (event.kind === 'undo' || undone.has(event.id)) continue
    const current = standing.get(event.user_id)
    if (current === undefined || current.id < event.id) standing.set(event.user_id, event)
  }
  const noMatch = new Set<string>()
  for (const [userId, event] of standing) if (event.kind === 'none') noMatch.add(userId)
  return noMatch
}
