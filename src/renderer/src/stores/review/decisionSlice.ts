import { callApi } from '../../lib/api'
import { announceReviewChange } from '../../lib/reviewChannel'
import { useNoticeStore } from '../noticeStore'
import { currentIntegrationId } from '../sessionStore'
import { isCandidateOf } from './listModel'
import { ReviewDecisions } from './reviewDecisions'
import type { GetReview, ReviewState, SetReview } from './state'

type DecisionActions =
  | 'accept'
  | 'reject'
  | 'noMatch'
  | 'pair'
  | 'moveLinkHere'
  | 'undo'
  | 'undoEvent'
  | 'acceptDomain'
  | 'undoBatch'

/** What the decision buttons and keys do: each checks that it applies, then hands on to ReviewDecisions. */
export function createDecisionSlice(set: SetReview, get: GetReview): Pick<ReviewState, DecisionActions> {
  const decisions = new ReviewDecisions(set, get)
  const selected = () => {
    const { selectedUserId, resultByUser } = get()
    return selectedUserId ? resultByUser.get(selectedUserId) : undefined
  }
  return {
    accept(options = {}) {
      const result = selected()
      // Accepting an employee that is not among the candidates is a manual pair, recorded as such.
      const target = get().focusedEmployeeId ?? result?.kombo_id
      if (!result || !target) return Promise.resolve()
      if (result.status === 'matched' && result.kombo_id === target) return Promise.resolve()
      const holder = get().linkedUserByEmployee.get(target)
      // Held by someone else: moving the link is its own, explicit action (moveLinkHere).
      if (holder !== undefined && holder !== result.user_id) return Promise.resolve()
      const isCandidate = isCandidateOf(result, target)
      return decisions.decide(isCandidate ? 'accept' : 'manual', target, options)
    },

    moveLinkHere() {
      const result = selected()
      const target = get().focusedEmployeeId
      if (!result || !target) return Promise.resolve()
      const isCandidate = isCandidateOf(result, target)
      return decisions.decide(isCandidate ? 'accept' : 'manual', target, { moveLink: true })
    },

    reject(options = {}) {
      const result = selected()
      const target = get().focusedEmployeeId ?? result?.kombo_id ?? null
      if (!result || !target || !result.candidates.some((c) => c.kombo_id === target))
        return Promise.resolve()
      return decisions.decide('reject', target, options)
    },

    noMatch(options = {}) {
      const result = selected()
      // Already decided so: a second "no match" would only add noise to the history.
      if (result?.status === 'unmatched' && result.method === 'decision') return Promise.resolve()
      return decisions.decide('none', null, options)
    },

    pair: (employeeId, options = {}) => decisions.decide('manual', employeeId, options),
    undo: () => decisions.undoLatest(),
    undoEvent: (event) => decisions.undoEvent(event),
    ...createBatchActions(set, get, decisions),
  }
}

/** Steps that decide about many users at once: shown after the host answers, then the review reloads. */
function createBatchActions(
  set: SetReview,
  get: GetReview,
  decisions: ReviewDecisions,
): Pick<ReviewState, 'acceptDomain' | 'undoBatch'> {
  const reload = () => get().load({ force: true, stamp: get().loadedStamp ?? '' })
  return {
    async acceptDomain(from, to) {
      const integrationId = currentIntegrationId()
      if (!integrationId || get().busy || get().partial) return
      set({ busy: true })
      const result = await callApi('match:accept-domain', { integrationId, from, to })
      set({ busy: false })
      if (!result.ok) {
        useNoticeStore.getState().pushError(result.error)
        return
      }
      useNoticeStore
        .getState()
        .push('success', `Accepted ${result.value.accepted} links from ${from} to ${to}.`)
      announceReviewChange(integrationId)
      await reload()
    },

    async undoBatch(batch) {
      const integrationId = currentIntegrationId()
      if (!integrationId || get().partial) return
      await decisions.enqueue(async () => {
        const result = await callApi('match:undo-batch', { integrationId, batch })
        if (!result.ok) return decisions.recover(result.error)
        useNoticeStore
          .getState()
          .push('success', `Undid ${result.value.events.length} decisions of that step.`)
        set({ undoStack: [] })
        announceReviewChange(integrationId)
        await reload()
      })
    },
  }
}
