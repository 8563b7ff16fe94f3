import type { MatchResult } from '../../../../shared/dto/match'
import {
  countByStatus,
  defaultFocus,
  fileOrderOf,
  isPlainList,
  linksOf,
  visibleEmployees,
  visibleUsers,
  visibleUsersAfterChange,
  type UserFilter,
} from './listModel'
import { countOpenDomainSuggestions, openDomainSuggestionsAfter } from './domainOffers'
import { noteRowChanges } from './rowChanges'
import { statusListsAfter, statusListsOf, type StatusLists } from './statusLists'
import type { GetReview, ReviewState, SetReview } from './state'

/** Recomputes everything derived from results after a local change, keeping the selection's place. */
export function commitResults(
  set: SetReview,
  get: GetReview,
  resultByUser: Map<string, MatchResult>,
  nextSelected?: string | null,
): void {
  const state = get()
  const links = linksOf(resultByUser.values())
  const statusLists = statusListsOf(state.results, resultByUser)
  // Each row's place in the file, built now with the lists rather than by the first decision's key
  // (tens of ms at 100,000 rows, see commitChangedRows).
  fileOrderOf(state.results)
  const visibleUserIds = visibleFor(state, statusLists, resultByUser, state.filter)
  set({
    resultByUser,
    rowsVersion: state.rowsVersion + 1,
    linkedUserByEmployee: links,
    counts: countByStatus(resultByUser.values()),
    openDomainSuggestions: countOpenDomainSuggestions(resultByUser.values(), state.legacyById),
    statusLists,
    ...selectionAfter(state, visibleUserIds, resultByUser, nextSelected),
    visibleEmployeeIds: employeesAfter(state, links),
  })
}

/**
 * A few rows changed (a decision, its undo, the host's word on them): they are written into the maps in
 * place and the counts and links are updated for them alone; the lists are filtered again (the cheap
 * part). The rows themselves are new objects, so every row selector sees the change.
 */
export function commitChangedRows(
  set: SetReview,
  get: GetReview,
  rows: readonly MatchResult[],
  nextSelected?: string | null,
): void {
  const state = get()
  const { resultByUser, linkedUserByEmployee: links } = state
  const counts = { ...state.counts }
  noteRowChanges(rows.map((row) => row.user_id))
  const changes = rows.map((row) => ({ before: resultByUser.get(row.user_id), after: row }))
  for (const row of rows) {
    const before = resultByUser.get(row.user_id)
    if (before) {
      counts[before.status]--
      if (before.status === 'matched' && before.kombo_id && links.get(before.kombo_id) === row.user_id)
        links.delete(before.kombo_id)
    } else counts.all++
    counts[row.status]++
    if (row.status === 'matched' && row.kombo_id) links.set(row.kombo_id, row.user_id)
    resultByUser.set(row.user_id, row)
  }
  const statusLists = statusListsAfter(state.statusLists, changes, fileOrderOf(state.results))
  const visibleUserIds = isPlainList(state.view, state.userQuery)
    ? statusLists[state.filter]
    : visibleUsersAfterChange(
        state.visibleUserIds,
        rows,
        state.results,
        resultByUser,
        state.legacyById,
        state.filter,
        state.userQuery,
        state.view,
      )
  set({
    rowsVersion: state.rowsVersion + 1,
    counts,
    statusLists,
    openDomainSuggestions: openDomainSuggestionsAfter(state.openDomainSuggestions, changes, state.legacyById),
    ...selectionAfter(state, visibleUserIds, resultByUser, nextSelected),
    visibleEmployeeIds: employeesAfter(state, links),
  })
}

/**
 * The legacy list for a status tab as the view and search stand: the tab's kept list while nothing else
 * narrows it, else every row filtered.
 */
function visibleFor(
  state: ReviewState,
  statusLists: StatusLists,
  resultByUser: Map<string, MatchResult>,
  filter: UserFilter,
): string[] {
  if (isPlainList(state.view, state.userQuery)) return statusLists[filter]
  return visibleUsers(state.results, resultByUser, state.legacyById, filter, state.userQuery, state.view)
}

/** The employee list over the links as they now are (unfiltered, the same array as before). */
function employeesAfter(state: ReviewState, links: Map<string, string>): string[] {
  return visibleEmployees(state.employees, links, state.employeeFilter, state.employeeQuery)
}

/** The visible list and the selection in it: a decided row that left the list gives way to the next. */
function selectionAfter(
  state: ReviewState,
  visibleUserIds: string[],
  resultByUser: Map<string, MatchResult>,
  nextSelected: string | null | undefined,
): Pick<ReviewState, 'visibleUserIds' | 'selectedUserId' | 'focusedEmployeeId'> {
  let selectedUserId = nextSelected === undefined ? state.selectedUserId : nextSelected
  if (selectedUserId && !visibleUserIds.includes(selectedUserId)) {
    // The decided row left the filtered list: select the row that took its place.
    const oldIndex = state.visibleUserIds.indexOf(selectedUserId)
    selectedUserId = visibleUserIds[Math.min(Math.max(oldIndex, 0), visibleUserIds.length - 1)] ?? null
  }
  const selected = selectedUserId ? resultByUser.get(selectedUserId) : undefined
  return { visibleUserIds, selectedUserId, focusedEmployeeId: defaultFocus(selected) }
}

/** The legacy list's filter, view and selection. */
export function createUserListSlice(
  set: SetReview,
  get: GetReview,
): Pick<ReviewState, 'setFilter' | 'setView' | 'setUserQuery' | 'select' | 'move'> {
  return {
    setFilter(filter: UserFilter) {
      // A tab the person chose is a deliberate look at its first row: a decision made at once counts
      // (the settling moment only guards the row a decision moved on to against a double click).
      set({ filter, filterChosen: true, advancedAt: -Infinity, settling: false })
      const state = get()
      const visibleUserIds = visibleFor(state, state.statusLists, state.resultByUser, filter)
      const selectedUserId =
        state.selectedUserId && visibleUserIds.includes(state.selectedUserId)
          ? state.selectedUserId
          : (visibleUserIds[0] ?? null)
      set({ visibleUserIds })
      if (selectedUserId) get().select(selectedUserId)
      else set({ selectedUserId: null, focusedEmployeeId: null })
    },

    setView(change) {
      set((state) => ({ view: { ...state.view, ...change } }))
      // Same as a new status tab: keep the selection if it is still shown, else take the first row.
      get().setFilter(get().filter)
    },

    setUserQuery(userQuery) {
      set({ userQuery })
      const state = get()
      set({ visibleUserIds: visibleFor(state, state.statusLists, state.resultByUser, state.filter) })
    },

    select(userId) {
      const result = get().resultByUser.get(userId)
      // A row the person moved to (j/k, a click, undo) is a deliberate look, as a chosen tab is: a
      // decision made at once counts. A decision's own auto-advance sets the settling moment after this.
      set({
        selectedUserId: userId,
        focusedEmployeeId: defaultFocus(result),
        advancedAt: -Infinity,
        settling: false,
      })
    },

    move(delta) {
      const { visibleUserIds, selectedUserId } = get()
      if (visibleUserIds.length === 0) return
      const index = selectedUserId ? visibleUserIds.indexOf(selectedUserId) : -1
      const nextIndex = Math.min(Math.max(index + delta, 0), visibleUserIds.length - 1)
      const next = visibleUserIds[nextIndex]
      if (next) get().select(next)
    },
  }
}

/** Pause in typing after which the employee search runs. */
const SEARCH_DEBOUNCE_MS = 120

/** The employee list: its filter, the debounced search, and which employee is shown beside the user. */
export function createEmployeeListSlice(
  set: SetReview,
  get: GetReview,
): Pick<ReviewState, 'focusEmployee' | 'setEmployeeFilter' | 'setEmployeeQuery' | 'focusFirstMatch'> {
  let searchTimer: ReturnType<typeof setTimeout> | undefined
  const searched = () => {
    const state = get()
    return visibleEmployees(
      state.employees,
      state.linkedUserByEmployee,
      state.employeeFilter,
      state.employeeQuery,
    )
  }
  return {
    focusEmployee: (focusedEmployeeId) => set({ focusedEmployeeId }),

    setEmployeeFilter(employeeFilter) {
      set({ employeeFilter })
      set({ visibleEmployeeIds: searched() })
    },

    setEmployeeQuery(employeeQuery) {
      // The field updates at once; the search runs when typing pauses (at 100,000 people a fuzzy pass
      // per keystroke would make typing lag).
      set({ employeeQuery })
      if (searchTimer) clearTimeout(searchTimer)
      const run = () => set({ visibleEmployeeIds: searched() })
      if (employeeQuery.trim() === '') run()
      else searchTimer = setTimeout(run, SEARCH_DEBOUNCE_MS)
    },

    focusFirstMatch() {
      if (searchTimer) clearTimeout(searchTimer)
      const visibleEmployeeIds = searched()
      set({
        visibleEmployeeIds,
        ...(visibleEmployeeIds[0] ? { focusedEmployeeId: visibleEmployeeIds[0] } : {}),
      })
    },
  }
}
