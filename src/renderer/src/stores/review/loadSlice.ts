import { callApi } from '../../lib/api'
import { currentIntegrationId } from '../sessionStore'
import { loadDetailsAround } from './details'
import { firstRowsApply, keepFirstRowDetail, showFirstRows } from './firstRows'
import { commitResults } from './listSlice'
import { EMPTY_DATA, visibleUsers } from './listModel'
import { rowChangeMark, usersChangedSince } from './rowChanges'
import type { GetReview, ReviewState, SetReview } from './state'
import { employeesFromTable } from '../../../../shared/dto/employees'
import type { DecisionEvent } from '../../../../shared/dto/match'
import type { AppError } from '../../../../shared/result'

/** Matches again (match:run answers with the summary alone), then reads the stored results as a list. */
async function matchAgainThenList(integrationId: string) {
  const run = await callApi('match:run', { integrationId })
  if (!run.ok) return run
  return callApi('match:results', { integrationId, view: 'list' })
}

/**
 * The log as read, plus the events this window recorded after the read was sent (appended to `now`
 * since `before`): without them the next decision about those users would rest on an older event and
 * be refused.
 */
function withEventsNotedSince(
  read: readonly DecisionEvent[],
  before: readonly DecisionEvent[],
  now: readonly DecisionEvent[],
): DecisionEvent[] {
  const noted =
    now.length >= before.length && now[before.length - 1] === before.at(-1) ? now.slice(before.length) : []
  const known = new Set(read.map((event) => event.id))
  const missing = noted.filter((event) => !known.has(event.id))
  if (missing.length === 0) return [...read]
  return [...read, ...missing].sort((a, b) => a.id - b.id)
}

const TABLE_MISMATCH: AppError = {
  code: 'INTERNAL',
  message: 'The desk sent employees in columns this window does not know: reload the page.',
}

/** Orders loads: only the latest one may write its answer. */
let loadSequence = 0

/** Loading one integration's review: the stored match results, the people on both sides, the log. */
export function createLoadSlice(set: SetReview, get: GetReview): Pick<ReviewState, 'load'> {
  return {
    async load({ force = false, stamp = '', rematch = false } = {}) {
      const integrationId = currentIntegrationId()
      if (!integrationId) return
      const unchanged = get().loadedFor === integrationId && get().loadedStamp === stamp
      if (!force && unchanged && (get().status === 'ready' || get().status === 'loading')) return
      const ticket = ++loadSequence
      if (get().loadedFor !== integrationId) {
        // Another integration: never show its predecessor's people while this one's are on their way.
        set({ ...EMPTY_DATA, loadedFor: integrationId, undoStack: [], filterChosen: false })
      }
      set({ status: 'loading', error: null, loadedStamp: stamp })
      // Nothing of this integration on screen yet: its first rows first, then the whole list.
      if (!rematch && firstRowsApply(get)) {
        await showFirstRows(set, get, integrationId, () => ticket === loadSequence)
        if (ticket !== loadSequence) return
      }
      // Decisions may be made on the first rows while the rest is read: what changed after this mark
      // keeps what the window shows when the (older) whole list lands.
      const changeMark = rowChangeMark()
      const historyBefore = get().history
      // Stored results unless asked to match again: matching re-runs by itself when its inputs changed.
      const [match, employees, legacy, decisions] = await Promise.all([
        // The list only: each user's candidates are read when the selection reaches them.
        rematch
          ? matchAgainThenList(integrationId)
          : callApi('match:results', { integrationId, view: 'list' }),
        // As a table: half the JSON of the list at 100,000 employees (docs/architecture.md, Matching).
        callApi('employees:table', { integrationId }),
        callApi('legacy:list', { integrationId }),
        callApi('match:decisions', { integrationId }),
      ])
      // A newer load (another integration, fresher data) started meanwhile: its answer wins.
      if (ticket !== loadSequence) return
      if (!match.ok || !employees.ok || !legacy.ok || !decisions.ok) {
        const failure = [match, employees, legacy, decisions].find((r) => !r.ok)
        set({ status: 'error', error: failure && !failure.ok ? failure.error : null, partial: false })
        return
      }
      const employeeRows = employeesFromTable(employees.value)
      if (!employeeRows) {
        set({ status: 'error', error: TABLE_MISMATCH, partial: false })
        return
      }
      const results = match.value.results
      const keepSelection = get().selectedUserId
      const history = withEventsNotedSince(decisions.value, historyBefore, get().history)
      const lastEventByUser = new Map<string, number>()
      for (const event of history) lastEventByUser.set(event.user_id, event.id)
      const shownRows = get().resultByUser
      set({
        history,
        lastEventByUser,
        status: 'ready',
        loadedFor: integrationId,
        results,
        summary: match.value.summary,
        employees: employeeRows,
        employeeById: new Map(employeeRows.map((e) => [e.id, e])),
        legacyById: new Map(legacy.value.map((u) => [u.user_id, u])),
        // Start where the work is: suggestions if any, else everything.
        filter:
          get().filterChosen || get().results.length > 0
            ? get().filter
            : match.value.summary.suggested > 0
              ? 'suggested'
              : 'all',
      })
      const resultByUser = new Map(results.map((r) => [r.user_id, r]))
      if (get().partial) keepFirstRowDetail(shownRows, resultByUser)
      for (const userId of usersChangedSince(changeMark)) {
        const shown = shownRows.get(userId)
        if (shown) resultByUser.set(userId, shown)
      }
      const { legacyById, filter, userQuery, view } = get()
      const firstVisible = visibleUsers(results, resultByUser, legacyById, filter, userQuery, view)[0] ?? null
      commitResults(
        set,
        get,
        resultByUser,
        keepSelection && resultByUser.has(keepSelection) ? keepSelection : firstVisible,
      )
      set({ partial: false })
      const selected = get().selectedUserId
      if (selected) void loadDetailsAround(set, get, selected)
    },
  }
}
