import { create } from 'zustand'
import { onReviewChange } from '../lib/reviewChannel'
import { currentIntegrationId } from './sessionStore'
import { createDecisionSlice } from './review/decisionSlice'
import { loadDetailsAround } from './review/details'
import { NO_DOMAIN_SUGGESTIONS } from './review/domainOffers'
import { NO_STATUS_LISTS } from './review/statusLists'
import { DEFAULT_VIEW, EMPTY_COUNTS } from './review/listModel'
import { createEmployeeListSlice, createUserListSlice } from './review/listSlice'
import { createLoadSlice } from './review/loadSlice'
import type { ReviewState } from './review/state'

/**
 * The review of one integration: legacy users beside their proposed employees, and the decisions about
 * them. One store, built from slices (loading, the two lists, decisions) kept in stores/review/.
 */
export {
  DEFAULT_VIEW,
  HIGH_SCORE,
  MEDIUM_SCORE,
  type DecidedFilter,
  type EmployeeFilter,
  type ListView,
  type ScoreBand,
  type UserFilter,
  type UserSort,
} from './review/listModel'
export { ADVANCE_SETTLE_MS, type DecideOptions, type ReviewState } from './review/state'
export { isCandidateOf } from './review/listModel'
export { needsDetail } from './review/details'

export const useReviewStore = create<ReviewState>()((set, get) => ({
  status: 'idle',
  error: null,
  loadedFor: null,
  loadedStamp: null,
  partial: false,
  results: [],
  resultByUser: new Map(),
  rowsVersion: 0,
  legacyById: new Map(),
  employees: [],
  employeeById: new Map(),
  linkedUserByEmployee: new Map(),
  summary: null,
  counts: EMPTY_COUNTS,
  openDomainSuggestions: NO_DOMAIN_SUGGESTIONS,
  statusLists: NO_STATUS_LISTS,
  filter: 'suggested',
  filterChosen: false,
  view: DEFAULT_VIEW,
  userQuery: '',
  visibleUserIds: [],
  selectedUserId: null,
  focusedEmployeeId: null,
  employeeFilter: 'all',
  employeeQuery: '',
  visibleEmployeeIds: [],
  undoStack: [],
  busy: false,
  history: [],
  lastEventByUser: new Map(),
  pending: 0,
  advancedAt: -Infinity,
  settling: false,
  ...createLoadSlice(set, get),
  ...createUserListSlice(set, get),
  ...createEmployeeListSlice(set, get),
  ...createDecisionSlice(set, get),
}))

/** The selection moved: read the candidates of the selected user and the next rows (a load does too). */
useReviewStore.subscribe((state, previous) => {
  if (state.selectedUserId && state.selectedUserId !== previous.selectedUserId) {
    void loadDetailsAround(useReviewStore.setState, useReviewStore.getState, state.selectedUserId)
  }
})

/** Another window of this desk decided something: show the stored state (keeping this window's place). */
onReviewChange((integrationId) => {
  const review = useReviewStore.getState()
  if (review.loadedFor !== integrationId || currentIntegrationId() !== integrationId) return
  void review.load({ force: true, stamp: review.loadedStamp ?? '' })
})
