import type { MatchResult } from '../../../../shared/dto/match'
import type { UserFilter } from './listModel'

/**
 * The legacy users of each status tab, in file order: what the list shows while nothing else narrows it
 * (no search, the default view). Built once when the list is loaded and kept up to date for the rows a
 * decision changes, so a tab switch at 100,000 users picks a list instead of filtering them all.
 * The arrays are never changed in place: a change copies the one list it touches.
 */
export type StatusLists = Record<UserFilter, string[]>

export const NO_STATUS_LISTS: StatusLists = { all: [], matched: [], suggested: [], unmatched: [] }

export function statusListsOf(
  results: readonly MatchResult[],
  resultByUser: ReadonlyMap<string, MatchResult>,
): StatusLists {
  const lists: StatusLists = { all: [], matched: [], suggested: [], unmatched: [] }
  for (const original of results) {
    const result = resultByUser.get(original.user_id) ?? original
    lists.all.push(result.user_id)
    lists[result.status].push(result.user_id)
  }
  return lists
}

/** Where a user is, or would go, in a list in file order (found by bisection). */
function placeInFileOrder(
  list: readonly string[],
  userId: string,
  order: ReadonlyMap<string, number>,
): number {
  const place = order.get(userId) ?? Number.MAX_SAFE_INTEGER
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((order.get(list[middle]!) ?? 0) < place) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * A copy of a list in file order with one user added at their place; the list itself when they are
 * in it already. One copy with the user in place: a copy and then a splice moves 100,000 entries twice.
 */
export function insertedInFileOrder(
  list: string[],
  userId: string,
  order: ReadonlyMap<string, number>,
): string[] {
  const at = placeInFileOrder(list, userId, order)
  return list[at] === userId ? list : list.toSpliced(at, 0, userId)
}

/** A copy of a list in file order without the user; the list itself when they are not in it. */
function removed(list: string[], userId: string, order: ReadonlyMap<string, number>): string[] {
  const found = placeInFileOrder(list, userId, order)
  // Bisection finds them without walking the list; a user the order does not know is looked for.
  const at = list[found] === userId ? found : list.indexOf(userId)
  return at < 0 ? list : list.toSpliced(at, 1)
}

/** The lists after some rows changed (each with what it was before, if it was there). */
export function statusListsAfter(
  lists: StatusLists,
  changes: readonly { before: MatchResult | undefined; after: MatchResult }[],
  order: ReadonlyMap<string, number>,
): StatusLists {
  let next = lists
  for (const { before, after } of changes) {
    if (before?.status === after.status) continue
    if (next === lists) next = { ...lists }
    const userId = after.user_id
    if (before) next[before.status] = removed(next[before.status], userId, order)
    else next.all = insertedInFileOrder(next.all, userId, order)
    next[after.status] = insertedInFileOrder(next[after.status], userId, order)
  }
  return next
}
