import { create } from 'zustand'
import type { StoredEmployee } from '../../../shared/dto/employees'
import type { LegacyUser } from '../../../shared/dto/legacy'
import type {
  DecisionEvent,
  DecisionKind,
  MatchMethod,
  MatchResult,
  MatchStatus,
  MatchSummary,
} from '../../../shared/dto/match'
import type { AppError } from '../../../shared/result'
import { callApi } from '../lib/api'
import { announceReviewChange, onReviewChange } from '../lib/reviewChannel'
import { searchEmployees } from '../lib/employeeSearch'
import { useNoticeStore } from './noticeStore'
import { currentIntegrationId } from './sessionStore'

export type UserFilter = 'all' | MatchStatus
export type EmployeeFilter = 'all' | 'linked' | 'unlinked'

interface UndoEntry {
  userId: string
  previous: MatchResult
}

interface ReviewState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  error: AppError | null
  loadedFor: string | null
  /** What the loaded data rests on (integration, sync and import versions); a new stamp reloads. */
  loadedStamp: string | null
  results: MatchResult[]
  resultByUser: Map<string, MatchResult>
  legacyById: Map<string, LegacyUser>
  employees: StoredEmployee[]
  employeeById: Map<string, StoredEmployee>
  /** Employee id -> the user it is linked to (matched results only). */
  linkedUserByEmployee: Map<string, string>
  summary: MatchSummary | null
  counts: Record<UserFilter, number>
  filter: UserFilter
  /** Set once the reviewer picks a filter; until then each load starts where the work is. */
  filterChosen: boolean
  userQuery: string
  visibleUserIds: string[]
  selectedUserId: string | null
  /** The employee shown beside the selected user: a candidate, or one picked on the right for a manual pair. */
  focusedEmployeeId: string | null
  employeeFilter: EmployeeFilter
  employeeQuery: string
  visibleEmployeeIds: string[]
  undoStack: UndoEntry[]
  busy: boolean
  /** The decision log as last read (oldest first), for the history panel. */
  history: DecisionEvent[]
  /** user -> the latest decision event about them this window knows: the basis of its next decision. */
  lastEventByUser: Map<string, number>
  /** Decisions sent and not answered yet; they are sent one after another, in the order made. */
  pending: number
  /** When the selection last moved on by itself after a decision (performance.now()). */
  advancedAt: number
  load(options?: { force?: boolean; stamp?: string; rematch?: boolean }): Promise<void>
  /** Undoes one decision of the history (and whatever it brought with it), wherever it is in the log. */
  undoEvent(event: DecisionEvent): Promise<void>
  setFilter(filter: UserFilter): void
  view: ListView
  setView(change: Partial<ListView>): void
  setUserQuery(query: string): void
  select(userId: string): void
  move(delta: number): void
  focusEmployee(employeeId: string | null): void
  setEmployeeFilter(filter: EmployeeFilter): void
  setEmployeeQuery(query: string): void
  /** Runs a pending search now and shows its best hit beside the selected user (Enter in the box). */
  focusFirstMatch(): void
  accept(options?: DecideOptions): Promise<void>
  reject(options?: DecideOptions): Promise<void>
  noMatch(options?: DecideOptions): Promise<void>
  pair(employeeId: string, options?: DecideOptions): Promise<void>
  /** Links the focused employee here although another user holds it: that pair is rejected. */
  moveLinkHere(): Promise<void>
  undo(): Promise<void>
  acceptDomain(from: string, to: string): Promise<void>
}

export interface DecideOptions {
  /**
   * How many clicks this activation is part of (MouseEvent.detail) or whether a held key repeats:
   * the second click of a double click must not decide about the next, unseen row.
   */
  repeat?: boolean
}

/**
 * After a decision moves the selection on, the next row must be on screen this long before a decision
 * applies to it: longer than a double click's second press (tens of ms apart), shorter than reading a row.
 */
export const ADVANCE_SETTLE_MS = 350

const EMPTY_COUNTS: Record<UserFilter, number> = { all: 0, matched: 0, suggested: 0, unmatched: 0 }

function countByStatus(results: Iterable<MatchResult>): Record<UserFilter, number> {
  const counts = { ...EMPTY_COUNTS }
  for (const result of results) {
    counts.all++
    counts[result.status]++
  }
  return counts
}

function linksOf(results: Iterable<MatchResult>): Map<string, string> {
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

function visibleUsers(
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
    if (filter !== 'all' && result.status !== filter) continue
    if (view.method !== 'any' && result.method !== view.method) continue
    if (!inBand(result.score, view.band)) continue
    if (view.conflictsOnly && result.conflicts.length === 0) continue
    if (view.decided !== 'any' && (result.method === 'decision') !== (view.decided === 'decided')) continue
    if (!userMatchesQuery(legacyById.get(result.user_id), result.user_id, query)) continue
    kept.push(result)
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

function visibleEmployees(
  employees: readonly StoredEmployee[],
  links: Map<string, string>,
  filter: EmployeeFilter,
  query: string,
): string[] {
  if (query.trim() !== '') return searchEmployees(employees, query)
  const ids: string[] = []
  for (const employee of employees) {
    const linked = links.has(employee.id)
    if (filter === 'linked' && !linked) continue
    if (filter === 'unlinked' && linked) continue
    ids.push(employee.id)
  }
  return ids
}

/** What the server will say after this decision, applied at once so review never waits on a re-match. */
function applyDecision(result: MatchResult, kind: DecisionKind, employeeId: string | null): MatchResult {
  switch (kind) {
    case 'accept':
    case 'manual': {
      const candidate = result.candidates.find((c) => c.kombo_id === employeeId)
      return {
        ...result,
        status: 'matched',
        method: 'decision',
        kombo_id: employeeId,
        score: candidate?.score ?? 1,
        reasons: kind === 'manual' ? ['paired by hand'] : ['accepted by hand', ...(candidate?.reasons ?? [])],
        // The person looked and decided: the notes that asked for a look are settled.
        conflicts: [],
      }
    }
    case 'reject': {
      const candidates = result.candidates.filter((c) => c.kombo_id !== employeeId)
      const next = candidates[0]
      return next
        ? {
            ...result,
            status: 'suggested',
            method: next.method,
            kombo_id: next.kombo_id,
            score: next.score,
            reasons: next.reasons,
            candidates,
          }
        : {
            ...result,
            status: 'unmatched',
            method: 'none',
            kombo_id: null,
            score: 0,
            reasons: [],
            candidates,
          }
    }
    case 'none':
      return {
        ...result,
        status: 'unmatched',
        method: 'decision',
        kombo_id: null,
        score: 0,
        reasons: ['no match, decided by hand'],
        conflicts: [],
      }
  }
}

/**
 * The employee shown beside a user at first: the link or best suggestion, else the best weak candidate;
 * none once the specialist decided there is no match (showing a candidate then reads as a contradiction).
 */
function defaultFocus(result: MatchResult | undefined): string | null {
  if (!result) return null
  if (result.status === 'unmatched' && result.method === 'decision') return null
  return result.kombo_id ?? result.candidates[0]?.kombo_id ?? null
}

/** The data one integration's review rests on, empty. */
const EMPTY_DATA = {
  results: [] as MatchResult[],
  resultByUser: new Map<string, MatchResult>(),
  legacyById: new Map<string, LegacyUser>(),
  employees: [] as StoredEmployee[],
  employeeById: new Map<string, StoredEmployee>(),
  linkedUserByEmployee: new Map<string, string>(),
  summary: null,
  counts: { all: 0, matched: 0, suggested: 0, unmatched: 0 },
  visibleUserIds: [] as string[],
  selectedUserId: null,
  focusedEmployeeId: null,
  visibleEmployeeIds: [] as string[],
}

/** Pause in typing after which the employee search runs. */
const SEARCH_DEBOUNCE_MS = 120
let searchTimer: ReturnType<typeof setTimeout> | undefined

/** Orders loads: only the latest one may write its answer. */
let loadSequence = 0

export const useReviewStore = create<ReviewState>()((set, get) => {
  /** Recomputes everything derived from results after a local change, keeping the selection's place. */
  function commitResults(resultByUser: Map<string, MatchResult>, nextSelected?: string | null): void {
    const state = get()
    const links = linksOf(resultByUser.values())
    const visibleUserIds = visibleUsers(
      state.results,
      resultByUser,
      state.legacyById,
      state.filter,
      state.userQuery,
      state.view,
    )
    let selectedUserId = nextSelected === undefined ? state.selectedUserId : nextSelected
    if (selectedUserId && !visibleUserIds.includes(selectedUserId)) {
      // The decided row left the filtered list: select the row that took its place.
      const oldIndex = state.visibleUserIds.indexOf(selectedUserId)
      selectedUserId = visibleUserIds[Math.min(Math.max(oldIndex, 0), visibleUserIds.length - 1)] ?? null
    }
    const selected = selectedUserId ? resultByUser.get(selectedUserId) : undefined
    set({
      resultByUser,
      linkedUserByEmployee: links,
      counts: countByStatus(resultByUser.values()),
      visibleUserIds,
      selectedUserId,
      focusedEmployeeId: defaultFocus(selected),
      visibleEmployeeIds: visibleEmployees(state.employees, links, state.employeeFilter, state.employeeQuery),
    })
  }

  /** Server calls run one after another, so each knows the event its predecessor recorded. */
  let queue: Promise<void> = Promise.resolve()

  function enqueue(task: () => Promise<void>): Promise<void> {
    set((state) => ({ pending: state.pending + 1 }))
    const run = queue.then(task).finally(() => set((state) => ({ pending: state.pending - 1 })))
    queue = run.catch(() => undefined)
    return run
  }

  function noteEvent(event: DecisionEvent): void {
    set((state) => {
      const lastEventByUser = new Map(state.lastEventByUser)
      lastEventByUser.set(event.user_id, event.id)
      return { lastEventByUser, history: [...state.history, event] }
    })
  }

  /** Takes the server's word for these users (what matching made of the decision) and the counts. */
  /**
   * Local changes per user whose server call has not finished. While a newer one is pending (an undo
   * pressed before the accept's answer came back), an older answer must not overwrite what is shown.
   */
  const pendingByUser = new Map<string, number>()
  function beginLocalChange(userId: string): () => void {
    pendingByUser.set(userId, (pendingByUser.get(userId) ?? 0) + 1)
    return () => {
      const left = (pendingByUser.get(userId) ?? 1) - 1
      if (left > 0) pendingByUser.set(userId, left)
      else pendingByUser.delete(userId)
    }
  }

  async function refreshUsers(integrationId: string, userIds: string[]): Promise<void> {
    const fresh = await callApi('match:results', { integrationId, userIds })
    if (!fresh.ok || currentIntegrationId() !== integrationId) return
    const next = new Map(get().resultByUser)
    for (const result of fresh.value.results) {
      if (!pendingByUser.has(result.user_id)) next.set(result.user_id, result)
    }
    set({ summary: fresh.value.summary })
    commitResults(next)
  }

  /** A refused or failed decision: say why, then show the state as stored (another window may have decided). */
  async function recover(error: AppError): Promise<void> {
    useNoticeStore.getState().pushError(error)
    set({ undoStack: [] })
    await get().load({ force: true, stamp: get().loadedStamp ?? '' })
  }

  async function decide(
    kind: DecisionKind,
    employeeId: string | null,
    options: DecideOptions & { moveLink?: boolean } = {},
  ): Promise<void> {
    const integrationId = currentIntegrationId()
    const { selectedUserId, resultByUser } = get()
    if (!integrationId || !selectedUserId || options.repeat) return
    if (performance.now() - get().advancedAt < ADVANCE_SETTLE_MS) return
    const previous = resultByUser.get(selectedUserId)
    if (!previous) return
    if (kind !== 'none' && !employeeId) return
    const userId = selectedUserId
    // Shown at once, so review never waits on the server; the server's answer replaces it.
    const next = new Map(resultByUser)
    next.set(userId, applyDecision(previous, kind, employeeId))
    const holder = employeeId ? get().linkedUserByEmployee.get(employeeId) : undefined
    set((state) => ({ undoStack: [...state.undoStack, { userId, previous }] }))
    commitResults(next)
    // Accepting or pairing moves on to the next row, as a reviewer works down the list.
    if (get().selectedUserId === userId && kind !== 'reject') get().move(1)
    // Moved on (the row left the filtered list, or by the step above): the next row needs a moment.
    if (get().selectedUserId !== userId) set({ advancedAt: performance.now() })
    const settled = beginLocalChange(userId)
    await enqueue(async () => {
      settled()
      const result = await callApi('match:decide', {
        integrationId,
        userId,
        kind,
        ...(employeeId ? { komboId: employeeId } : {}),
        basedOn: get().lastEventByUser.get(userId) ?? null,
        ...(options.moveLink ? { moveLink: true } : {}),
      })
      if (!result.ok) return recover(result.error)
      noteEvent(result.value)
      const moved = options.moveLink && holder && holder !== userId ? [holder] : []
      if (moved.length > 0) await get().load({ force: true, stamp: get().loadedStamp ?? '' })
      else await refreshUsers(integrationId, [userId])
      announceReviewChange(integrationId)
    })
  }

  return {
    status: 'idle',
    error: null,
    loadedFor: null,
    loadedStamp: null,
    results: [],
    resultByUser: new Map(),
    legacyById: new Map(),
    employees: [],
    employeeById: new Map(),
    linkedUserByEmployee: new Map(),
    summary: null,
    counts: EMPTY_COUNTS,
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
      // Stored results unless asked to match again: matching re-runs by itself when its inputs changed.
      const [match, employees, legacy, decisions] = await Promise.all([
        rematch ? callApi('match:run', { integrationId }) : callApi('match:results', { integrationId }),
        callApi('employees:list', { integrationId }),
        callApi('legacy:list', { integrationId }),
        callApi('match:decisions', { integrationId }),
      ])
      // A newer load (another integration, fresher data) started meanwhile: its answer wins.
      if (ticket !== loadSequence) return
      const failure = [match, employees, legacy, decisions].find((r) => !r.ok)
      if (failure && !failure.ok) {
        set({ status: 'error', error: failure.error })
        return
      }
      if (!match.ok || !employees.ok || !legacy.ok || !decisions.ok) return
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
      const firstVisible =
        visibleUsers(results, resultByUser, get().legacyById, get().filter, get().userQuery, get().view)[0] ??
        null
      commitResults(
        resultByUser,
        keepSelection && resultByUser.has(keepSelection) ? keepSelection : firstVisible,
      )
    },

    setFilter(filter) {
      set({ filter, filterChosen: true })
      const state = get()
      const visibleUserIds = visibleUsers(
        state.results,
        state.resultByUser,
        state.legacyById,
        filter,
        state.userQuery,
        state.view,
      )
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
      set({
        visibleUserIds: visibleUsers(
          state.results,
          state.resultByUser,
          state.legacyById,
          state.filter,
          userQuery,
          state.view,
        ),
      })
    },

    select(userId) {
      const result = get().resultByUser.get(userId)
      set({
        selectedUserId: userId,
        focusedEmployeeId: defaultFocus(result),
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

    focusEmployee: (focusedEmployeeId) => set({ focusedEmployeeId }),

    setEmployeeFilter(employeeFilter) {
      const state = get()
      set({
        employeeFilter,
        visibleEmployeeIds: visibleEmployees(
          state.employees,
          state.linkedUserByEmployee,
          employeeFilter,
          state.employeeQuery,
        ),
      })
    },

    setEmployeeQuery(employeeQuery) {
      // The field updates at once; the search runs when typing pauses (at 100,000 people a fuzzy pass
      // per keystroke would make typing lag).
      set({ employeeQuery })
      if (searchTimer) clearTimeout(searchTimer)
      const run = () => {
        const state = get()
        set({
          visibleEmployeeIds: visibleEmployees(
            state.employees,
            state.linkedUserByEmployee,
            state.employeeFilter,
            state.employeeQuery,
          ),
        })
      }
      if (employeeQuery.trim() === '') run()
      else searchTimer = setTimeout(run, SEARCH_DEBOUNCE_MS)
    },

    focusFirstMatch() {
      if (searchTimer) clearTimeout(searchTimer)
      const state = get()
      const visibleEmployeeIds = visibleEmployees(
        state.employees,
        state.linkedUserByEmployee,
        state.employeeFilter,
        state.employeeQuery,
      )
      set({
        visibleEmployeeIds,
        ...(visibleEmployeeIds[0] ? { focusedEmployeeId: visibleEmployeeIds[0] } : {}),
      })
    },

    accept(options = {}) {
      const { selectedUserId, resultByUser, focusedEmployeeId } = get()
      const result = selectedUserId ? resultByUser.get(selectedUserId) : undefined
      if (!result) return Promise.resolve()
      // Accepting an employee that is not among the candidates is a manual pair, recorded as such.
      const target = focusedEmployeeId ?? result.kombo_id
      if (!target) return Promise.resolve()
      if (result.status === 'matched' && result.kombo_id === target) return Promise.resolve()
      const holder = get().linkedUserByEmployee.get(target)
      // Held by someone else: moving the link is its own, explicit action (moveLinkHere).
      if (holder !== undefined && holder !== selectedUserId) return Promise.resolve()
      const isCandidate = result.candidates.some((c) => c.kombo_id === target)
      return decide(isCandidate ? 'accept' : 'manual', target, options)
    },

    moveLinkHere() {
      const { selectedUserId, resultByUser, focusedEmployeeId } = get()
      const result = selectedUserId ? resultByUser.get(selectedUserId) : undefined
      if (!result || !focusedEmployeeId) return Promise.resolve()
      const isCandidate = result.candidates.some((c) => c.kombo_id === focusedEmployeeId)
      return decide(isCandidate ? 'accept' : 'manual', focusedEmployeeId, { moveLink: true })
    },

    reject(options = {}) {
      const { selectedUserId, resultByUser, focusedEmployeeId } = get()
      const result = selectedUserId ? resultByUser.get(selectedUserId) : undefined
      const target = focusedEmployeeId ?? result?.kombo_id ?? null
      if (!result || !target || !result.candidates.some((c) => c.kombo_id === target))
        return Promise.resolve()
      return decide('reject', target, options)
    },

    noMatch: (options = {}) => {
      const { selectedUserId, resultByUser } = get()
      const result = selectedUserId ? resultByUser.get(selectedUserId) : undefined
      // Already decided so: a second "no match" would only add noise to the history.
      if (result?.status === 'unmatched' && result.method === 'decision') return Promise.resolve()
      return decide('none', null, options)
    },

    pair: (employeeId, options = {}) => decide('manual', employeeId, options),

    async undo() {
      const integrationId = currentIntegrationId()
      const entry = get().undoStack.at(-1)
      if (!integrationId || !entry) return
      const next = new Map(get().resultByUser)
      next.set(entry.userId, entry.previous)
      set((state) => ({ undoStack: state.undoStack.slice(0, -1) }))
      // Undo brings the user back into view even when the filter had hidden it.
      commitResults(next, entry.userId)
      if (!get().visibleUserIds.includes(entry.userId)) get().setFilter('all')
      get().select(entry.userId)
      const settled = beginLocalChange(entry.userId)
      await enqueue(async () => {
        settled()
        const result = await callApi('match:undo', {
          integrationId,
          userId: entry.userId,
          basedOn: get().lastEventByUser.get(entry.userId) ?? null,
        })
        if (!result.ok) return recover(result.error)
        noteEvent(result.value)
        await refreshUsers(integrationId, [entry.userId])
        announceReviewChange(integrationId)
      })
    },

    async undoEvent(event) {
      const integrationId = currentIntegrationId()
      if (!integrationId) return
      await enqueue(async () => {
        const result = await callApi('match:undo', {
          integrationId,
          userId: event.user_id,
          eventId: event.id,
          basedOn: get().lastEventByUser.get(event.user_id) ?? null,
        })
        if (!result.ok) return recover(result.error)
        noteEvent(result.value)
        set((state) => ({ undoStack: state.undoStack.filter((entry) => entry.userId !== event.user_id) }))
        await refreshUsers(integrationId, [event.user_id])
        announceReviewChange(integrationId)
      })
    },

    async acceptDomain(from, to) {
      const integrationId = currentIntegrationId()
      if (!integrationId || get().busy) return
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
      await get().load({ force: true, stamp: get().loadedStamp ?? '' })
    },
  }
})

/** Another window of this desk decided something: show the stored state (keeping this window's place). */
onReviewChange((integrationId) => {
  const review = useReviewStore.getState()
  if (review.loadedFor !== integrationId || currentIntegrationId() !== integrationId) return
  void review.load({ force: true, stamp: review.loadedStamp ?? '' })
})
