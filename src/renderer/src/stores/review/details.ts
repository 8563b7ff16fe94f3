import type { MatchResult } from '../../../../shared/dto/match'
import { callApi } from '../../lib/api'
import { currentIntegrationId } from '../sessionStore'
import { defaultFocus } from './listModel'
import type { GetReview, SetReview } from './state'

/**
 * Review opens on the list view of the results (no candidates, docs/architecture.md, Matching); the
 * selected user's candidates, and those of the next rows, are read when the selection gets there.
 */
const DETAIL_READ_AHEAD = 5

/** A row read as part of the list: its candidates and reasons are still to be read. */
export function needsDetail(result: MatchResult | undefined): boolean {
  return result !== undefined && result.candidateCount !== undefined
}

export async function loadDetailsAround(set: SetReview, get: GetReview, userId: string): Promise<void> {
  const integrationId = currentIntegrationId()
  const { visibleUserIds, resultByUser, loadedFor } = get()
  if (!integrationId || loadedFor !== integrationId) return
  const index = visibleUserIds.indexOf(userId)
  const ahead = index < 0 ? [] : visibleUserIds.slice(index + 1, index + 1 + DETAIL_READ_AHEAD)
  const wanted = [userId, ...ahead].filter((id) => needsDetail(resultByUser.get(id)))
  if (wanted.length === 0) return
  const fresh = await callApi('match:results', { integrationId, userIds: wanted })
  if (!fresh.ok || currentIntegrationId() !== integrationId || get().loadedFor !== integrationId) return
  // Filled in place (see ReviewState.rowsVersion): copying the map at 100,000 users on every move is slow.
  const next = get().resultByUser
  let changed = false
  for (const result of fresh.value.results) {
    const shown = next.get(result.user_id)
    // Only a list row is filled in: a row a decision changed meanwhile keeps what it shows.
    if (!shown || !needsDetail(shown) || shown.status !== result.status || shown.kombo_id !== result.kombo_id)
      continue
    next.set(result.user_id, result)
    changed = true
  }
  if (!changed) return
  const { selectedUserId, focusedEmployeeId } = get()
  set({ rowsVersion: get().rowsVersion + 1 })
  // A user with only weak candidates shows the best of them once they are known.
  if (selectedUserId && focusedEmployeeId === null && wanted.includes(selectedUserId)) {
    set({ focusedEmployeeId: defaultFocus(next.get(selectedUserId)) })
  }
}
