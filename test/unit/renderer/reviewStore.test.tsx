import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ApiName, ApiRequest, ApiResponses } from '../../../src/shared/api'
import {
  STORED_EMPLOYEE_FIELDS,
  type EmployeeTable,
  type StoredEmployee,
} from '../../../src/shared/dto/employees'
import type { LegacyUser } from '../../../src/shared/dto/legacy'
import type { MatchResult } from '../../../src/shared/dto/match'
import type { Result } from '../../../src/shared/result'

/**
 * The review store's behaviour with the host replaced: decisions patch results at once, selection moves
 * the way a reviewer works down a list, and undo restores exactly what was there.
 */
const calls: { name: ApiName; request: unknown }[] = []
let answers: Partial<{ [N in ApiName]: Result<ApiResponses[N]> }> = {}
/** What the host answers when asked for single users in full (the review reads candidates on selection). */
let detailRows: MatchResult[] = []
/** While set, the whole list (match:results without userIds) waits for it: Review shows its first rows. */
let holdWholeList: Promise<void> | null = null
/** Each read of single users waits for the next of these, when any are left: the host answers late. */
let userReadHolds: Promise<void>[] = []
/** Each decision or undo waits for the next of these, when any are left. */
let decisionHolds: Promise<void>[] = []
/** When set, what the host has stored for single users at the moment they are read. */
let storedRowsNow: (() => MatchResult[]) | null = null

vi.mock('../../../src/renderer/src/lib/api', () => ({
  callApi: async <N extends ApiName>(name: N, request: ApiRequest<N>) => {
    calls.push({ name, request })
    // After a decision the store asks for the decided users' rows: the host has nothing to add here.
    const userIds = (request as { userIds?: string[] }).userIds
    if (name === 'match:results' && userIds) {
      const results = (storedRowsNow?.() ?? detailRows).filter((row) => userIds.includes(row.user_id))
      const hold = userReadHolds.shift()
      if (hold) await hold
      return { ok: true, value: { results, summary: summaryOf(4) } }
    }
    if (name === 'match:results' && holdWholeList) await holdWholeList
    if (name === 'match:decide' || name === 'match:undo') {
      const hold = decisionHolds.shift()
      if (hold) await hold
    }
    return (
      answers[name] ?? {
        ok: true,
        value: {
          id: calls.length,
          user_id: (request as { userId?: string }).userId ?? '',
          kind: 'accept',
          kombo_id: null,
          undoes: null,
          created_at: '',
        },
      }
    )
  },
  onSyncProgress: () => () => undefined,
}))

function summaryOf(legacyUsers: number) {
  return {
    legacyUsers,
    employees: 4,
    matched: 1,
    suggested: 3,
    unmatched: 0,
    byMethod: {},
    conflicts: 0,
    domainMappings: [],
  }
}

/** The decision calls made, in order (the store also reads rows back after each one). */
const decisionCalls = () => calls.filter((call) => call.name === 'match:decide' || call.name === 'match:undo')

const { useReviewStore, ADVANCE_SETTLE_MS } = await import('../../../src/renderer/src/stores/reviewStore')
const { useSessionStore } = await import('../../../src/renderer/src/stores/sessionStore')
const { useNoticeStore } = await import('../../../src/renderer/src/stores/noticeStore')

const initialReview = useReviewStore.getState()

function employee(id: string): StoredEmployee {
  return {
    id,
    remote_id: `r-${id}`,
    employee_number: null,
    first_name: id,
    last_name: 'Doe',
    display_full_name: null,
    work_email: `${id}@acme.example`,
    personal_email: null,
    employment_status: 'ACTIVE',
    start_date: null,
    termination_date: null,
    date_of_birth: null,
    changed_at: null,
    remote_deleted_at: null,
    vanished_at: null,
  }
}

/** Employees as the host sends them to Review: one array of values each, in the shared column order. */
function tableOf(employees: StoredEmployee[]): EmployeeTable {
  return {
    columns: [...STORED_EMPLOYEE_FIELDS],
    rows: employees.map((e) => STORED_EMPLOYEE_FIELDS.map((field) => e[field])),
  }
}

function user(id: string): LegacyUser {
  return {
    user_id: id,
    email: `${id}@old.example`,
    first_name: id,
    last_name: 'Doe',
    full_name: null,
    hris_id: null,
    private_email: null,
    status: null,
    line: 2,
    extra: {},
  }
}

function suggested(userId: string, ...komboIds: string[]): MatchResult {
  return {
    user_id: userId,
    status: 'suggested',
    method: 'fuzzy',
    kombo_id: komboIds[0] ?? null,
    score: 0.8,
    reasons: ['last name equal'],
    candidates: komboIds.map((kombo_id, i) => ({
      kombo_id,
      score: 0.8 - i / 10,
      method: 'fuzzy',
      reasons: ['x'],
    })),
    conflicts: [],
  }
}

const matched: MatchResult = {
  user_id: 'u9',
  status: 'matched',
  method: 'work_email',
  kombo_id: 'e9',
  score: 1,
  reasons: ['work email equal'],
  candidates: [],
  conflicts: [],
}

beforeEach(async () => {
  calls.length = 0
  detailRows = []
  holdWholeList = null
  userReadHolds = []
  decisionHolds = []
  storedRowsNow = null
  useReviewStore.setState(initialReview, true)
  useNoticeStore.setState({ notices: [] })
  useSessionStore.setState({ integrationId: 'acme:1' })
  const results = [suggested('u1', 'e1', 'e2'), suggested('u2', 'e2'), suggested('u3', 'e3'), matched]
  answers = {
    'match:results': { ok: true, value: { results, summary: summaryOf(4) } },
    'match:decisions': { ok: true, value: [] },
    'employees:table': { ok: true, value: tableOf(['e1', 'e2', 'e3', 'e9'].map(employee)) },
    'legacy:list': { ok: true, value: ['u1', 'u2', 'u3', 'u9'].map(user) },
    'match:first-rows': {
      ok: true,
      value: {
        filter: 'suggested',
        results: results.slice(0, 2),
        users: ['u1', 'u2'].map(user),
        employees: ['e1', 'e2'].map(employee),
        summary: summaryOf(4),
      },
    },
  }
  await useReviewStore.getState().load({ stamp: 'test' })
})

describe('the review store', () => {
  it('starts on the suggestions with the first one selected and its best candidate beside it', () => {
    const state = useReviewStore.getState()
    expect(state.filter).toBe('suggested')
    expect(state.visibleUserIds).toEqual(['u1', 'u2', 'u3'])
    expect(state.selectedUserId).toBe('u1')
    expect(state.focusedEmployeeId).toBe('e1')
    expect(state.counts).toEqual({ all: 4, matched: 1, suggested: 3, unmatched: 0 })
    expect(state.linkedUserByEmployee.get('e9')).toBe('u9')
  })

  it('moves within the visible list and stops at its ends', () => {
    const review = useReviewStore.getState()
    review.move(1)
    expect(useReviewStore.getState().selectedUserId).toBe('u2')
    review.move(5)
    expect(useReviewStore.getState().selectedUserId).toBe('u3')
    review.move(-9)
    expect(useReviewStore.getState().selectedUserId).toBe('u1')
  })

  it('accepts the focused candidate, links it, and moves on to the next suggestion', async () => {
    await useReviewStore.getState().accept()
    expect(decisionCalls()).toEqual([
      {
        name: 'match:decide',
        request: { integrationId: 'acme:1', userId: 'u1', kind: 'accept', komboId: 'e1', basedOn: null },
      },
    ])
    const state = useReviewStore.getState()
    expect(state.resultByUser.get('u1')).toMatchObject({
      status: 'matched',
      method: 'decision',
      kombo_id: 'e1',
    })
    expect(state.counts).toMatchObject({ matched: 2, suggested: 2 })
    expect(state.visibleUserIds).toEqual(['u2', 'u3'])
    expect(state.selectedUserId).toBe('u2')
    expect(state.linkedUserByEmployee.get('e1')).toBe('u1')
  })

  it('rejecting the best candidate promotes the runner-up; rejecting the last leaves the user unmatched', async () => {
    await useReviewStore.getState().reject()
    let u1 = useReviewStore.getState().resultByUser.get('u1')
    expect(u1).toMatchObject({ status: 'suggested', kombo_id: 'e2' })
    expect(useReviewStore.getState().focusedEmployeeId).toBe('e2')
    await useReviewStore.getState().reject()
    u1 = useReviewStore.getState().resultByUser.get('u1')
    expect(u1).toMatchObject({ status: 'unmatched', kombo_id: null, candidates: [] })
  })

  it('an employee picked outside the candidates is recorded as a manual pair', async () => {
    useReviewStore.getState().focusEmployee('e3')
    await useReviewStore.getState().accept()
    expect(decisionCalls().at(-1)?.request).toMatchObject({ userId: 'u1', kind: 'manual', komboId: 'e3' })
  })

  it('does not pair with an employee another user holds unless asked to move the link', async () => {
    useReviewStore.getState().focusEmployee('e9')
    await useReviewStore.getState().accept()
    expect(decisionCalls()).toEqual([])
    await useReviewStore.getState().moveLinkHere()
    expect(decisionCalls().at(-1)?.request).toMatchObject({
      userId: 'u1',
      kind: 'manual',
      komboId: 'e9',
      moveLink: true,
    })
  })

  it('undo restores the previous result and brings the user back into view', async () => {
    await useReviewStore.getState().noMatch()
    expect(useReviewStore.getState().resultByUser.get('u1')?.status).toBe('unmatched')
    const decided = useReviewStore.getState().lastEventByUser.get('u1')
    expect(decided).toBeGreaterThan(0)
    await useReviewStore.getState().undo()
    // The undo names the decision it rests on, so a decision made meanwhile elsewhere is not undone.
    expect(decisionCalls().at(-1)).toEqual({
      name: 'match:undo',
      request: { integrationId: 'acme:1', userId: 'u1', basedOn: decided },
    })
    const state = useReviewStore.getState()
    expect(state.resultByUser.get('u1')).toEqual(suggested('u1', 'e1', 'e2'))
    expect(state.selectedUserId).toBe('u1')
    expect(state.undoStack).toHaveLength(0)
  })

  it('acts once on a double activation: a repeat, or a second press right after moving on', async () => {
    await useReviewStore.getState().accept({ repeat: true })
    expect(decisionCalls()).toEqual([])
    await Promise.all([useReviewStore.getState().accept(), useReviewStore.getState().accept()])
    expect(decisionCalls().map((call) => (call.request as { userId: string }).userId)).toEqual(['u1'])
    expect(useReviewStore.getState().resultByUser.get('u2')?.status).toBe('suggested')
    // A moment later (the next row has been on screen long enough) the press counts.
    useReviewStore.setState({ advancedAt: performance.now() - ADVANCE_SETTLE_MS - 1 })
    await useReviewStore.getState().accept()
    expect(decisionCalls().map((call) => (call.request as { userId: string }).userId)).toEqual(['u1', 'u2'])
  })

  it('counts a decision right after the person chose another status tab themselves', async () => {
    await useReviewStore.getState().accept()
    expect(useReviewStore.getState().settling).toBe(true)
    // Choosing a tab is a deliberate look at its first row, not the second click of a double click.
    useReviewStore.getState().setFilter('suggested')
    const chosen = useReviewStore.getState().selectedUserId
    await useReviewStore.getState().noMatch()
    expect(decisionCalls().map((call) => (call.request as { userId: string }).userId)).toEqual(['u1', chosen])
  })

  it('counts a decision right after the person moved to a row themselves (j, a click, undo)', async () => {
    await useReviewStore.getState().accept()
    expect(useReviewStore.getState().settling).toBe(true)
    // The host answers at once, so the person's next keys land within the settling moment: j then a.
    useReviewStore.getState().move(1)
    const movedTo = useReviewStore.getState().selectedUserId
    expect(useReviewStore.getState().settling).toBe(false)
    await useReviewStore.getState().accept()
    expect(decisionCalls().map((call) => (call.request as { userId: string }).userId)).toEqual([
      'u1',
      movedTo,
    ])
    // The auto-advance after that accept guards its new row again against a second click.
    expect(useReviewStore.getState().settling).toBe(true)
    await useReviewStore.getState().accept()
    expect(decisionCalls()).toHaveLength(2)
  })

  it('sends a decision to the host before the page draws it, when no call is ahead of it', async () => {
    const accepted = useReviewStore.getState().accept()
    // Still inside the key's handler: the call has left, so the host works while the page re-renders.
    expect(decisionCalls().map((call) => call.name)).toEqual(['match:decide'])
    await accepted
    const undone = useReviewStore.getState().undo()
    expect(decisionCalls().map((call) => call.name)).toEqual(['match:decide', 'match:undo'])
    await undone
  })

  it("sends the next decision while the previous one's read is out, and never shows that read over it", async () => {
    const releases: Array<() => void> = []
    userReadHolds = [0, 1].map(() => new Promise<void>((resolve) => releases.push(resolve)))
    // What the host stored after the accept, then after the undo.
    detailRows = [{ ...suggested('u1'), status: 'matched', method: 'decision', kombo_id: 'e1' }]
    await useReviewStore.getState().accept()
    detailRows = [suggested('u1', 'e1', 'e2')]
    await useReviewStore.getState().undo()
    // The undo went to the host though the read after the accept has not come back.
    expect(decisionCalls().map((call) => call.name)).toEqual(['match:decide', 'match:undo'])
    releases[1]!()
    await vi.waitFor(() => expect(useReviewStore.getState().pending).toBe(1))
    releases[0]!()
    await vi.waitFor(() => expect(useReviewStore.getState().pending).toBe(0))
    // The accept's read came back last: the row stays as the undo left it.
    expect(useReviewStore.getState().resultByUser.get('u1')).toEqual(suggested('u1', 'e1', 'e2'))
  })

  it('never shows a read taken before an undo reached the host, whichever answer comes back first', async () => {
    for (const readsInOrder of [true, false]) {
      await useReviewStore.getState().load({ force: true, stamp: 'test' })
      // The reads of the selected rows' candidates that loading starts are done before this begins.
      await vi.waitFor(() => expect(useReviewStore.getState().pending).toBe(0))
      calls.length = 0
      const releaseDecision: Array<() => void> = []
      decisionHolds = [new Promise<void>((resolve) => releaseDecision.push(resolve))]
      const releaseRead: Array<() => void> = []
      userReadHolds = [0, 1].map(() => new Promise<void>((resolve) => releaseRead.push(resolve)))
      // The host's rows as each read finds them: the accept's link until the undo has arrived.
      storedRowsNow = () =>
        calls.some((call) => call.name === 'match:undo')
          ? [suggested('u1', 'e1', 'e2')]
          : [{ ...suggested('u1'), status: 'matched', method: 'decision', kombo_id: 'e1' }]
      expect(useReviewStore.getState().selectedUserId).toBe('u1')
      useReviewStore.setState({ advancedAt: -Infinity })
      const accepted = useReviewStore.getState().accept()
      // Undone before the accept's answer: the undo waits behind it, then goes to the host while the
      // accept's read (which found the link) is still out.
      const undone = useReviewStore.getState().undo()
      expect(useReviewStore.getState().selectedUserId).toBe('u1')
      releaseDecision[0]!()
      await accepted
      await undone
      const userReads = () => calls.filter((call) => call.name === 'match:results')
      await vi.waitFor(() => expect(userReads()).toHaveLength(2))
      const [accepts, undos] = readsInOrder ? [0, 1] : [1, 0]
      releaseRead[accepts]!()
      releaseRead[undos]!()
      await vi.waitFor(() => expect(useReviewStore.getState().pending).toBe(0))
      expect(useReviewStore.getState().resultByUser.get('u1')).toEqual(suggested('u1', 'e1', 'e2'))
      expect(useReviewStore.getState().selectedUserId).toBe('u1')
    }
  })

  it('shows the stored state again and says why when the host refuses a decision', async () => {
    answers['match:decide'] = {
      ok: false,
      error: { code: 'CONFLICT', message: 'employee e1 is already linked to user 7; reject that link first' },
    }
    await useReviewStore.getState().accept()
    expect(useReviewStore.getState().resultByUser.get('u1')?.status).toBe('suggested')
    expect(useNoticeStore.getState().notices.at(-1)?.text).toContain('already linked')
    expect(useReviewStore.getState().undoStack).toHaveLength(0)
  })

  it('puts a refused row back as it was at once, even when the stored state cannot be read', async () => {
    answers['match:decide'] = {
      ok: false,
      error: { code: 'CONFLICT', message: 'user u1 was decided in another window meanwhile' },
    }
    answers['match:results'] = {
      ok: false,
      error: { code: 'INTERNAL', message: 'the desk is not answering' },
    }
    const before = useReviewStore.getState().resultByUser.get('u1')
    await useReviewStore.getState().accept()
    expect(useReviewStore.getState().resultByUser.get('u1')).toEqual(before)
    expect(useReviewStore.getState().counts.suggested).toBe(3)
    expect(useNoticeStore.getState().notices.map((n) => n.text)).toContainEqual(
      expect.stringContaining('decided in another window'),
    )
  })

  it('opens on the list view and reads the candidates of the selected user and the next rows', async () => {
    const whole = [suggested('u1', 'e1', 'e2'), suggested('u2', 'e2'), suggested('u3', 'e3'), matched]
    detailRows = whole
    answers['match:results'] = {
      ok: true,
      value: {
        results: whole.map((r) => ({
          ...r,
          reasons: [],
          candidates: [],
          candidateCount: r.candidates.length,
        })),
        summary: summaryOf(4),
      },
    }
    calls.length = 0
    await useReviewStore.getState().load({ force: true, stamp: 'list' })
    expect(calls.find((call) => call.name === 'match:results')?.request).toMatchObject({ view: 'list' })
    await vi.waitFor(() =>
      expect(useReviewStore.getState().resultByUser.get('u1')?.candidates).toHaveLength(2),
    )
    const read = calls.filter(
      (call) => call.name === 'match:results' && 'userIds' in (call.request as object),
    )
    expect((read[0]!.request as { userIds: string[] }).userIds).toEqual(['u1', 'u2', 'u3'])
    // Accepting a suggestion whose candidates are not read yet is still an accept, not a pair by hand.
    useReviewStore.setState({
      resultByUser: new Map(
        [...useReviewStore.getState().resultByUser].map(([id, r]) => [
          id,
          id === 'u1' ? { ...r, candidates: [], candidateCount: 2 } : r,
        ]),
      ),
    })
    await useReviewStore.getState().accept()
    expect(decisionCalls().at(-1)?.request).toMatchObject({ userId: 'u1', kind: 'accept', komboId: 'e1' })
  })

  it('paints the first rows before the whole list, decides on them at once, and keeps that when the older list lands', async () => {
    let release = () => {}
    holdWholeList = new Promise((resolve) => (release = resolve))
    useSessionStore.setState({ integrationId: 'acme:2' })
    calls.length = 0
    const loading = useReviewStore.getState().load({ stamp: 'first' })
    await vi.waitFor(() => expect(useReviewStore.getState().partial).toBe(true))
    expect(calls[0]).toMatchObject({ name: 'match:first-rows', request: { filter: 'auto' } })
    let state = useReviewStore.getState()
    expect(state.visibleUserIds).toEqual(['u1', 'u2'])
    expect(state.selectedUserId).toBe('u1')
    expect(state.focusedEmployeeId).toBe('e1')
    // The counts are the whole file's, from the summary.
    expect(state.counts).toMatchObject({ all: 4, suggested: 3, matched: 1 })
    expect(state.legacyById.get('u2')?.first_name).toBe('u2')
    state.move(1)
    expect(useReviewStore.getState().selectedUserId).toBe('u2')
    await useReviewStore.getState().accept()
    expect(decisionCalls()).toHaveLength(1)
    expect(decisionCalls()[0]?.request).toMatchObject({ userId: 'u2', kind: 'accept', komboId: 'e2' })
    state = useReviewStore.getState()
    expect(state.resultByUser.get('u2')?.status).toBe('matched')
    expect(state.counts).toMatchObject({ suggested: 2, matched: 2 })
    expect(state.history.map((event) => event.user_id)).toEqual(['u2'])

    // The whole list was read before the decision: it still calls u2 a suggestion.
    release()
    await loading
    state = useReviewStore.getState()
    expect(state.partial).toBe(false)
    expect(state.resultByUser.get('u2')).toMatchObject({ status: 'matched', kombo_id: 'e2' })
    expect(state.visibleUserIds).toEqual(['u1', 'u3'])
    expect(state.counts).toMatchObject({ all: 4, suggested: 2, matched: 2 })
    expect(state.linkedUserByEmployee.get('e2')).toBe('u2')
    expect(state.employees.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e9'])
    // The event recorded meanwhile is kept: the next decision about u2 rests on it.
    expect(state.history.map((event) => event.user_id)).toEqual(['u2'])
    expect(state.lastEventByUser.get('u2')).toBe(state.history[0]?.id)
  })

  it('keeps the list, the counts and the domain offers up to date for the rows a decision changes', async () => {
    const domainRow = (userId: string): MatchResult => ({
      ...suggested(userId, `e-${userId}`),
      method: 'email_domain_change',
    })
    const rows = [domainRow('d1'), suggested('u1', 'e1'), domainRow('d2'), matched, domainRow('d3')]
    answers['match:results'] = { ok: true, value: { results: rows, summary: summaryOf(5) } }
    answers['legacy:list'] = {
      ok: true,
      value: ['d1', 'u1', 'd2', 'u9', 'd3'].map((id) => ({ ...user(id), email: `${id}@Old.example` })),
    }
    await useReviewStore.getState().load({ force: true, stamp: 'domains' })
    let state = useReviewStore.getState()
    expect(state.visibleUserIds).toEqual(['d1', 'u1', 'd2', 'd3'])
    expect(state.openDomainSuggestions.total).toBe(3)
    expect(state.openDomainSuggestions.byDomain.get('old.example')).toBe(3)

    state.select('d2')
    await useReviewStore.getState().accept()
    state = useReviewStore.getState()
    expect(state.visibleUserIds).toEqual(['d1', 'u1', 'd3'])
    expect(state.openDomainSuggestions.byDomain.get('old.example')).toBe(2)
    expect(state.selectedUserId).toBe('d3')
    // Each tab's list is kept in file order too: Matched shows the decided row before u9.
    expect(state.statusLists.matched).toEqual(['d2', 'u9'])
    state.setFilter('matched')
    expect(useReviewStore.getState().visibleUserIds).toEqual(['d2', 'u9'])
    useReviewStore.getState().setFilter('suggested')

    // Undo puts the row back in its place in the file, and the offer counts it again.
    await useReviewStore.getState().undo()
    state = useReviewStore.getState()
    expect(state.visibleUserIds).toEqual(['d1', 'u1', 'd2', 'd3'])
    expect(state.openDomainSuggestions).toMatchObject({ total: 3 })
    expect(state.counts).toMatchObject({ all: 5, suggested: 4, matched: 1 })
    expect(state.statusLists.matched).toEqual(['u9'])

    // The view narrows the list: a decision changes it for its row alone there too.
    state.setView({ method: 'email_domain_change' })
    expect(useReviewStore.getState().visibleUserIds).toEqual(['d1', 'd2', 'd3'])
    useReviewStore.getState().select('d1')
    // Past the settling moment after the accept above moved the selection on.
    useReviewStore.setState({ advancedAt: -Infinity })
    await useReviewStore.getState().noMatch()
    expect(useReviewStore.getState().visibleUserIds).toEqual(['d2', 'd3'])
    expect(useReviewStore.getState().statusLists.unmatched).toEqual(['d1'])
  })

  it('filters by status and by a typed query', () => {
    const review = useReviewStore.getState()
    review.setFilter('all')
    expect(useReviewStore.getState().visibleUserIds).toEqual(['u1', 'u2', 'u3', 'u9'])
    review.setUserQuery('U3@OLD')
    expect(useReviewStore.getState().visibleUserIds).toEqual(['u3'])
  })

  it('searches employees (exact text first, then fuse) and lists the unlinked ones on request', () => {
    const review = useReviewStore.getState()
    review.setEmployeeFilter('unlinked')
    expect(useReviewStore.getState().visibleEmployeeIds).toEqual(['e1', 'e2', 'e3'])
    vi.useFakeTimers()
    try {
      review.setEmployeeQuery('e3@acme')
      // The search waits for a pause in typing.
      expect(useReviewStore.getState().visibleEmployeeIds).toEqual(['e1', 'e2', 'e3'])
      vi.advanceTimersByTime(500)
      expect(useReviewStore.getState().visibleEmployeeIds[0]).toBe('e3')
      // Enter runs it at once and shows the best hit beside the selected user.
      review.setEmployeeQuery('e2@acme')
      review.focusFirstMatch()
      expect(useReviewStore.getState().focusedEmployeeId).toBe('e2')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('searchEmployees', () => {
  it('finds exact text by a plain scan and typos through fuse', async () => {
    const { searchEmployees } = await import('../../../src/renderer/src/lib/employeeSearch')
    const people = ['anna', 'bernd', 'carla'].map(employee)
    expect(searchEmployees(people, 'BERND@acme')).toEqual(['bernd'])
    expect(searchEmployees(people, 'carla@acme.exmaple')[0]).toBe('carla')
    expect(searchEmployees(people, '   ')).toEqual([])
  })
})
