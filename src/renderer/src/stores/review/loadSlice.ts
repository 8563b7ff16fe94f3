import { callApi } from '../../lib/api'
import { currentIntegrationId } from '../sessionStore'
import { loadDetailsAround } from './details'
import { firstRowsApply, keepFirstRowDetail, showFirstRows } from './firstRows'
import { commitResults } from './listSlice'
import { EMPTY_DATA, visibleUsers } from './listModel'
import type { GetReview, ReviewState, SetReview } from './state'

/** Matches again (match:run answers with the summary alone), then reads the stored results as a list. */
async function matchAgainThenList(integrationId: string) {
  const run = await callApi('match:run', { integrationId })
  if (!run.ok) return run
  return callApi('match:results', { integrationId, view: 'list' })
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
      // Stored results unless asked to match again: matching re-runs by itself when its inputs changed.
      const [match, employees, legacy, decisions] = await Promise.all([
        // The list only: each user's candidates are read when the selection reaches them.
        rematch
          ? matchAgainThenList(integrationId)
          : callApi('match:results', { integrationId, view: 'list' }),
        callApi('employees:list', { integrationId }),
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
      const results = match.value.results
      const keepSelection = get().selectedUserId
      const lastEventByUser = new Map<string, number>()
      for (const event of decisions.value) lastEventByUser.set(event.user_id, event.id)
      set({
        history: decisions.value,
        lastEventByUser,
        status: 'ready',
        loadedFor: integrationId,
        results,
        summary: match.value.summary,
        employees: employees.value,
        employeeById: new Map(employees.value.map((e) => [e.id, e])),
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
      if (get().partial) keepFirstRowDetail(get().resultByUser, resultByUser)
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
