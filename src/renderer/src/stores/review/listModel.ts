import type { StoredEmployee } from '../../../../shared/dto/employees'
import type { LegacyUser } from '../../../../shared/dto/legacy'
import type { MatchMethod, MatchResult, MatchStatus } from '../../../../shared/dto/match'
import { searchEmployees } from '../../lib/employeeSearch'
import { NO_DOMAIN_SUGGESTIONS } from './domainOffers'
import { NO_STATUS_LISTS } from './statusLists'

/** What the review lists show, computed from results: pure functions the store's actions share. */

export type UserFilter = 'all' | MatchStatus
export type EmployeeFilter = 'all' | 'linked' | 'unlinked'

export const EMPTY_COUNTS: Record<UserFilter, number> = { all: 0, matched: 0, suggested: 0, unmatched: 0 }

export function countByStatus(results: Iterable<MatchResult>): Record<UserFilter, number> {
  const counts = { ...EMPTY_COUNTS }
  for (const result of results) {
    counts.all++
    counts[result.status]++
  }
  return counts
}

export function linksOf(results: Iterable<MatchResult>): Map<string, string> {
  const links = new Map<string, string>()
  for (const result of results)
    if (result.status === 'matched' && result.kombo_id) links.set(result.kombo_id, result.user_id)
  return links
}

function userMatchesQuery(user: LegacyUser | undefined, userId: string, query: string): boolean {
  if (query === '') return true
  const haystack = [
    userId,
    user?.email,
    user?.first_name,
    user?.last_name,
    user?.full_name,
    user?.private_email,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase()
  return haystack.includes(query)
}

export type ScoreBand = 'any' | 'high' | 'medium' | 'low'
export type DecidedFilter = 'any' | 'decided' | 'undecided'
export type UserSort = 'file' | 'score-desc' | 'score-asc' | 'name'

/** How the legacy list is narrowed and ordered beyond the status tabs and the text filter. */
export interface ListView {
  method: MatchMethod | 'any'
  band: ScoreBand
  conflictsOnly: boolean
  decided: DecidedFilter
  sort: UserSort
}

export const DEFAULT_VIEW: ListView = {
  method: 'any',
  band: 'any',
  conflictsOnly: false,
  decided: 'any',
  sort: 'file',
}

/**
 * Score bands as reviewers triage: at or above HIGH_SCORE a suggestion is usually confirmed at a glance;
 * below MEDIUM_SCORE it needs the comparison read line by line.
 */
export const HIGH_SCORE = 0.9
export const MEDIUM_SCORE = 0.7

function inBand(score: number, band: ScoreBand): boolean {
  switch (band) {
    case 'any':
      return true
    case 'high':
      return score >= HIGH_SCORE
    case 'medium':
      return score >= MEDIUM_SCORE && score < HIGH_SCORE
    case 'low':
      return score < MEDIUM_SCORE
  }
}

/** Nothing narrows the list beyond its status tab: no search, the default view (file order). */
export function isPlainList(view: ListView, query: string): boolean {
  const plain = Object.entries(DEFAULT_VIEW).every(([key, value]) => view[key as keyof ListView] === value)
  return plain && query.trim() === ''
}

/** Whether a row belongs in the legacy list as narrowed now (query already trimmed and lower case). */
export function isShown(
  result: MatchResult,
  legacyById: Map<string, LegacyUser>,
  filter: UserFilter,
  query: string,
  view: ListView,
): boolean {
  if (filter !== 'all' && result.status !== filter) return false
  if (view.method !== 'any' && result.method !== view.method) return false
  if (!inBand(result.score, view.band)) return false
  if (view.conflictsOnly && result.conflicts.length === 0) return false
  if (view.decided !== 'any' && (result.method === 'decision') !== (view.decided === 'decided')) return false
  return userMatchesQuery(legacyById.get(result.user_id), result.user_id, query)
}

/** Each user's place in the file (its index in the results), built once per results array. */
const fileOrderCache = new WeakMap<readonly MatchResult[], Map<string, number>>()

export function fileOrderOf(results: readonly MatchResult[]): Map<string, number> {
  let order = fileOrderCache.get(results)
  if (!order) {
    order = new Map(results.map((result, index) => [result.user_id, index]))
    fileOrderCache.set(results, order)
  }
  return order
}

/**
 * The legacy list after a few rows changed (a decision, its undo): those rows leave or join the list
 * shown, and nothing else is looked at, so a key press at 100,000 users does not filter them all
 * again. In file order only (a row's place is found by bisection); other orders filter again.
 */
export function visibleUsersAfterChange(
  shown: string[],
  changed: readonly MatchResult[],
  results: readonly MatchResult[],
  resultByUser: Map<string, MatchResult>,
  legacyById: Map<string, LegacyUser>,
  filter: UserFilter,
  rawQuery: string,
  view: ListView,
): string[] {
  if (view.sort !== 'file') return visibleUsers(results, resultByUser, legacyById, filter, rawQuery, view)
  const query = rawQuery.trim().toLowerCase()
  const order = fileOrderOf(results)
  let ids: string[] | null = null
  for (const row of changed) {
    const place = order.get(row.user_id)
    if (place === undefined) continue
    const list = ids ?? shown
    const at = list.indexOf(row.user_id)
    const belongs = isShown(row, legacyById, filter, query, view)
    if (belongs === at >= 0) continue
    ids ??= shown.slice()
    if (at >= 0) {
      ids.splice(at, 1)
      continue
    }
    let low = 0
    let high = ids.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((order.get(ids[middle]!) ?? 0) < place) low = middle + 1
      else high = middle
    }
    ids.splice(low, 0, row.user_id)
  }
  return ids ?? shown
}

export function visibleUsers(
  results: readonly MatchResult[],
  resultByUser: Map<string, MatchResult>,
  legacyById: Map<string, LegacyUser>,
  filter: UserFilter,
  rawQuery: string,
  view: ListView = DEFAULT_VIEW,
): string[] {
  const query = rawQuery.trim().toLowerCase()
  const kept: MatchResult[] = []
  for (const original of results) {
    // Statuses change locally after decisions; the order stays the server's.
    const result = resultByUser.get(original.user_id) ?? original
    if (isShown(result, legacyById, filter, query, view)) kept.push(result)
  }
  if (view.sort === 'score-desc') kept.sort((a, b) => b.score - a.score)
  else if (view.sort === 'score-asc') kept.sort((a, b) => a.score - b.score)
  else if (view.sort === 'name') {
    const nameOf = (id: string) => {
      const user = legacyById.get(id)
      return `${user?.last_name ?? user?.full_name ?? ''} ${user?.first_name ?? ''}`.trim().toLowerCase()
    }
    kept.sort((a, b) => nameOf(a.user_id).localeCompare(nameOf(b.user_id)))
  }
  return kept.map((result) => result.user_id)
}

/** Every employee's id, once per employees array: unfiltered, the list does not change with decisions. */
const allEmployeeIds = new WeakMap<readonly StoredEmployee[], string[]>()

export function visibleEmployees(
  employees: readonly StoredEmployee[],
  links: Map<string, string>,
  filter: EmployeeFilter,
  query: string,
): string[] {
  if (query.trim() !== '') return searchEmployees(employees, query)
  if (filter === 'all') {
    const ids = allEmployeeIds.get(employees) ?? employees.map((employee) => employee.id)
    allEmployeeIds.set(employees, ids)
    return ids
  }
  const ids: string[] = []
  for (const employee of employees) {
    const linked = links.has(employee.id)
    if (filter === 'linked' && !linked) continue
    if (filter === 'unlinked' && linked) continue
    ids.push(employee.id)
  }
  return ids
}

/**
 * The employee shown beside a user at first: the link or best suggestion, else the best weak candidate;
 * none once the specialist decided there is no match (showing a candidate then reads as a contradiction).
 */
/**
 * Whether an employee is among a user's candidates. The suggestion itself counts even before the
 * candidates are read (a row of the list view), so accepting it is recorded as an accept.
 */
export function isCandidateOf(result: MatchResult, komboId: string | null | undefined): boolean {
  if (!komboId) return false
  return (
    result.candidates.some((c) => c.kombo_id === komboId) ||
    (result.status === 'suggested' && result.kombo_id === komboId)
  )
}

export function defaultFocus(result: MatchResult | undefined): string | null {
  if (!result) return null
  if (result.status === 'unmatched' && result.method === 'decision') return null
  return result.kombo_id ?? result.candidates[0]?.kombo_id ?? null
}

/** The data one integration's review rests on, empty. */
export const EMPTY_DATA = {
  partial: false,
  results: [] as MatchResult[],
  resultByUser: new Map<string, MatchResult>(),
  legacyById: new Map<string, LegacyUser>(),
  employees: [] as StoredEmployee[],
  employeeById: new Map<string, StoredEmployee>(),
  linkedUserByEmployee: new Map<string, string>(),
  summary: null,
  counts: { all: 0, matched: 0, suggested: 0, unmatched: 0 },
  statusLists: NO_STATUS_LISTS,
  openDomainSuggestions: NO_DOMAIN_SUGGESTIONS,
  visibleUserIds: [] as string[],
  selectedUserId: null,
  focusedEmployeeId: null,
  visibleEmployeeIds: [] as string[],
}
