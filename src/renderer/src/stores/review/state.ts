import type { StoreApi } from 'zustand'
import type { StoredEmployee } from '../../../../shared/dto/employees'
import type { LegacyUser } from '../../../../shared/dto/legacy'
import type { DecisionEvent, MatchResult, MatchSummary } from '../../../../shared/dto/match'
import type { AppError } from '../../../../shared/result'
import type { OpenDomainSuggestions } from './domainOffers'
import type { StatusLists } from './statusLists'
import type { EmployeeFilter, ListView, UserFilter } from './listModel'

/** The review store's shape, shared by its slices (see stores/reviewStore.ts). */

export interface UndoEntry {
  userId: string
  previous: MatchResult
}

export interface ReviewState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  error: AppError | null
  loadedFor: string | null
  /** What the loaded data rests on (integration, sync and import versions); a new stamp reloads. */
  loadedStamp: string | null
  /**
   * Only the first rows of the list are loaded (match:first-rows) and the rest is on its way: the rows
   * can be read and moved through, decisions wait for the whole list.
   */
  partial: boolean
  results: MatchResult[]
  resultByUser: Map<string, MatchResult>
  /**
   * Moves on when rows of resultByUser (and linkedUserByEmployee) change in place: a decision changes a
   * row or two, and copying maps of 100,000 entries for it would cost more than a key press may take.
   */
  rowsVersion: number
  legacyById: Map<string, LegacyUser>
  employees: StoredEmployee[]
  employeeById: Map<string, StoredEmployee>
  /** Employee id -> the user it is linked to (matched results only). */
  linkedUserByEmployee: Map<string, string>
  summary: MatchSummary | null
  counts: Record<UserFilter, number>
  /** Domain-change suggestions still open, per old domain: kept with the rows like the counts. */
  openDomainSuggestions: OpenDomainSuggestions
  /** Each status tab's users in file order, kept with the rows (what a plain list shows). */
  statusLists: StatusLists
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
  /** The selection just moved on and its row is settling (ADVANCE_SETTLE_MS): decisions wait, shown as disabled. */
  settling: boolean
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
  /** Undoes a whole batch (a bulk or domain accept) in one step. */
  undoBatch(batch: number): Promise<void>
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

export type SetReview = StoreApi<ReviewState>['setState']
export type GetReview = StoreApi<ReviewState>['getState']
