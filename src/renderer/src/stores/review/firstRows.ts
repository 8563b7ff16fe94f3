import type { MatchResult, MatchSummary, ReviewFirstRows } from '../../../../shared/dto/match'
import { callApi } from '../../lib/api'
import { needsDetail } from './details'
import { countOpenDomainSuggestions } from './domainOffers'
import { defaultFocus, isPlainList, linksOf, type UserFilter } from './listModel'
import { statusListsOf } from './statusLists'
import type { GetReview, SetReview } from './state'

/**
 * Review paints the first rows of the list (match:first-rows) before the whole list has arrived, so it
 * opens as fast at 100,000 users as at 1,000 (docs/architecture.md, Matching). This many rows: a few
 * screens' worth to read and move through while the rest loads.
 */
export const FIRST_ROWS = 100

export function countsOf(summary: MatchSummary): Record<UserFilter, number> {
  const { matched, suggested, unmatched } = summary
  return { all: matched + suggested + unmatched, matched, suggested, unmatched }
}

/** Whether the list as set up now is the one the first rows show: file order, no narrowing, no search. */
export function firstRowsApply(get: GetReview): boolean {
  const { view, userQuery, results } = get()
  return results.length === 0 && isPlainList(view, userQuery)
}

/** Reads and shows the first rows; false when they could not be read (the whole load still follows). */
export async function showFirstRows(
  set: SetReview,
  get: GetReview,
  integrationId: string,
  isCurrent: () => boolean,
): Promise<boolean> {
  const answer = await callApi('match:first-rows', {
    integrationId,
    filter: get().filterChosen ? get().filter : 'auto',
    limit: FIRST_ROWS,
  })
  if (!answer.ok || !isCurrent()) return false
  const rows: ReviewFirstRows = answer.value
  const resultByUser = new Map(rows.results.map((result) => [result.user_id, result]))
  const selectedUserId = rows.results[0]?.user_id ?? null
  const legacyById = new Map(rows.users.map((user) => [user.user_id, user]))
  set({
    partial: true,
    results: rows.results,
    resultByUser,
    legacyById,
    employeeById: new Map(rows.employees.map((employee) => [employee.id, employee])),
    linkedUserByEmployee: linksOf(rows.results),
    summary: rows.summary,
    counts: countsOf(rows.summary),
    openDomainSuggestions: countOpenDomainSuggestions(rows.results, legacyById),
    statusLists: statusListsOf(rows.results, resultByUser),
    filter: rows.filter,
    visibleUserIds: rows.results.map((result) => result.user_id),
    selectedUserId,
    focusedEmployeeId: defaultFocus(selectedUserId ? resultByUser.get(selectedUserId) : undefined),
  })
  return true
}

/**
 * The whole list replaces the first rows: a row read with its candidates keeps them while the list
 * says the same of it, so the comparison on screen does not blink while it is read again.
 */
export function keepFirstRowDetail(
  shown: ReadonlyMap<string, MatchResult>,
  resultByUser: Map<string, MatchResult>,
): void {
  for (const [userId, result] of shown) {
    const listed = resultByUser.get(userId)
    if (
      listed &&
      !needsDetail(result) &&
      listed.status === result.status &&
      listed.method === result.method &&
      listed.kombo_id === result.kombo_id
    )
      resultByUser.set(userId, result)
  }
}
