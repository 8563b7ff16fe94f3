import type { DecisionEvent, DecisionKind, MatchResult } from '../../../../shared/dto/match'
import type { AppError } from '../../../../shared/result'
import { callApi } from '../../lib/api'
import { announceReviewChange } from '../../lib/reviewChannel'
import { useNoticeStore } from '../noticeStore'
import { currentIntegrationId } from '../sessionStore'
import { applyDecision } from './applyDecision'
import { commitChangedRows } from './listSlice'
import { ADVANCE_SETTLE_MS, type DecideOptions, type GetReview, type SetReview } from './state'

/**
 * How a decision travels: shown at once (the decided row changes and the selection moves on before any
 * answer), then sent to the host in the order made, then reconciled with what the host stored; a
 * refusal puts the row back as it was and says why. The person never waits on the server, which
 * re-matches and re-stores the lists for every decision (docs/architecture.md, Matching).
 */
export class ReviewDecisions {
  /** Server calls run one after another, so each knows the event its predecessor recorded. */
  private queue: Promise<void> = Promise.resolve()
  /** Calls enqueued whose task has not finished; none means a new one may start at once. */
  private queued = 0
  /** Per user, how many local changes (decisions, undos) were begun here. */
  private readonly changesBegun = new Map<string, number>()
  /**
   * Per user, how many of those the host has answered. A read of a user is shown only when every change
   * begun before it was sent had been answered, and none has begun since: a read sent while an undo was
   * still on its way may have been taken before the host stored it (an undo pressed before the accept's
   * answer goes out right after it, while the accept's read is out).
   */
  private readonly changesAnswered = new Map<string, number>()

  constructor(
    private readonly set: SetReview,
    private readonly get: GetReview,
  ) {}

  enqueue(task: () => Promise<void>): Promise<void> {
    this.set((state) => ({ pending: state.pending + 1 }))
    // With no call ahead, the task starts now, inside the key's handler: its request leaves before the
    // page re-renders, so the host decides while the page draws instead of after it.
    const started = this.queued === 0 ? task() : this.queue.then(task)
    this.queued++
    const run = started.finally(() => {
      this.queued--
      this.set((state) => ({ pending: state.pending - 1 }))
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  /** Marks the row just moved to as settling, and lifts that once ADVANCE_SETTLE_MS has passed. */
  private settleAdvance(): void {
    const advancedAt = performance.now()
    this.set({ advancedAt, settling: true })
    setTimeout(() => {
      if (this.get().advancedAt === advancedAt) this.set({ settling: false })
    }, ADVANCE_SETTLE_MS)
  }

  noteEvents(events: readonly DecisionEvent[]): void {
    this.set((state) => {
      const lastEventByUser = new Map(state.lastEventByUser)
      for (const event of events) lastEventByUser.set(event.user_id, event.id)
      return { lastEventByUser, history: [...state.history, ...events] }
    })
  }

  /** Counts a local change of the user as begun; the function returned counts the host's answer to it. */
  private beginLocalChange(userId: string): () => void {
    this.changesBegun.set(userId, (this.changesBegun.get(userId) ?? 0) + 1)
    return () => this.changesAnswered.set(userId, (this.changesAnswered.get(userId) ?? 0) + 1)
  }

  /** Whether a change of the user begun here still waits for the host's answer. */
  private awaitingAnswer(userId: string): boolean {
    return (this.changesBegun.get(userId) ?? 0) > (this.changesAnswered.get(userId) ?? 0)
  }

  /**
   * Takes the server's word for these users (what matching made of the decision) and the counts, unless
   * the read may miss a change made here: one not yet answered when it was sent, or begun since. That
   * change wins until its own read.
   */
  private async refreshUsers(integrationId: string, userIds: string[]): Promise<void> {
    const asked = new Map(userIds.map((userId) => [userId, this.changesAnswered.get(userId) ?? 0]))
    const fresh = await callApi('match:results', { integrationId, userIds })
    if (!fresh.ok || currentIntegrationId() !== integrationId) return
    const current = (userId: string) => (this.changesBegun.get(userId) ?? 0) === asked.get(userId)
    const settled = fresh.value.results.filter((result) => current(result.user_id))
    if (userIds.every(current)) this.set({ summary: fresh.value.summary })
    commitChangedRows(this.set, this.get, settled)
  }

  /**
   * The read after a decision's answer, outside the queue: the next decision goes to the host without
   * waiting for it (a round trip and a read of the stored results), and it still counts as pending.
   */
  private refreshAfter(integrationId: string, userIds: string[]): void {
    this.set((state) => ({ pending: state.pending + 1 }))
    void this.refreshUsers(integrationId, userIds)
      .catch(() => undefined)
      .finally(() => {
        this.set((state) => ({ pending: state.pending - 1 }))
        announceReviewChange(integrationId)
      })
  }

  /**
   * A refused or failed decision: the row goes back to what it was at once, the reason is said, then
   * the stored state is read (another window may have decided).
   */
  async recover(error: AppError, rollback?: { userId: string; previous: MatchResult }): Promise<void> {
    if (rollback && !this.awaitingAnswer(rollback.userId)) {
      commitChangedRows(this.set, this.get, [rollback.previous])
    }
    useNoticeStore.getState().pushError(error)
    this.set({ undoStack: [] })
    await this.get().load({ force: true, stamp: this.get().loadedStamp ?? '' })
  }

  async decide(
    kind: DecisionKind,
    employeeId: string | null,
    options: DecideOptions & { moveLink?: boolean } = {},
  ): Promise<void> {
    const integrationId = currentIntegrationId()
    const { selectedUserId, resultByUser } = this.get()
    // With only the first rows loaded (partial) a link held by a user further down is not known here:
    // the host refuses such a decision and the row is put back (recover).
    if (!integrationId || !selectedUserId || options.repeat) return
    if (performance.now() - this.get().advancedAt < ADVANCE_SETTLE_MS) return
    const previous = resultByUser.get(selectedUserId)
    if (!previous || (kind !== 'none' && !employeeId)) return
    const userId = selectedUserId
    const holder = employeeId ? this.get().linkedUserByEmployee.get(employeeId) : undefined
    this.set((state) => ({ undoStack: [...state.undoStack, { userId, previous }] }))
    commitChangedRows(this.set, this.get, [applyDecision(previous, kind, employeeId)])
    // Accepting or pairing moves on to the next row, as a reviewer works down the list.
    if (this.get().selectedUserId === userId && kind !== 'reject') this.get().move(1)
    // Moved on (the row left the filtered list, or by the step above): the next row needs a moment.
    if (this.get().selectedUserId !== userId) this.settleAdvance()
    const answered = this.beginLocalChange(userId)
    await this.enqueue(async () => {
      const result = await callApi('match:decide', {
        integrationId,
        userId,
        kind,
        ...(employeeId ? { komboId: employeeId } : {}),
        basedOn: this.get().lastEventByUser.get(userId) ?? null,
        ...(options.moveLink ? { moveLink: true } : {}),
      }).finally(answered)
      if (!result.ok) return this.recover(result.error, { userId, previous })
      this.noteEvents([result.value])
      const moved = options.moveLink && holder && holder !== userId
      if (!moved) return this.refreshAfter(integrationId, [userId])
      await this.get().load({ force: true, stamp: this.get().loadedStamp ?? '' })
      announceReviewChange(integrationId)
    })
  }

  /** Undoes the latest decision of this window (the undo stack), shown at once like a decision. */
  async undoLatest(): Promise<void> {
    const integrationId = currentIntegrationId()
    const entry = this.get().undoStack.at(-1)
    if (!integrationId || !entry) return
    const undone = this.get().resultByUser.get(entry.userId)
    this.set((state) => ({ undoStack: state.undoStack.slice(0, -1) }))
    // Undo brings the user back into view even when the filter had hidden it.
    commitChangedRows(this.set, this.get, [entry.previous], entry.userId)
    if (!this.get().visibleUserIds.includes(entry.userId)) this.get().setFilter('all')
    this.get().select(entry.userId)
    const answered = this.beginLocalChange(entry.userId)
    await this.enqueue(async () => {
      const result = await callApi('match:undo', {
        integrationId,
        userId: entry.userId,
        basedOn: this.get().lastEventByUser.get(entry.userId) ?? null,
      }).finally(answered)
      if (!result.ok) {
        return this.recover(result.error, undone ? { userId: entry.userId, previous: undone } : undefined)
      }
      this.noteEvents([result.value])
      this.refreshAfter(integrationId, [entry.userId])
    })
  }

  /** Undoes one decision of the history (and whatever it brought with it), wherever it is in the log. */
  async undoEvent(event: DecisionEvent): Promise<void> {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    await this.enqueue(async () => {
      const result = await callApi('match:undo', {
        integrationId,
        userId: event.user_id,
        eventId: event.id,
        basedOn: this.get().lastEventByUser.get(event.user_id) ?? null,
      })
      if (!result.ok) return this.recover(result.error)
      this.noteEvents([result.value])
      this.set((state) => ({
        undoStack: state.undoStack.filter((entry) => entry.userId !== event.user_id),
      }))
      this.refreshAfter(integrationId, [event.user_id])
    })
  }
}
