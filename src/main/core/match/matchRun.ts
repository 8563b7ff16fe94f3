import type { LegacyUser } from '../../../shared/dto/legacy'
import type { DecisionEvent, MatchPhase, MatchResult, MatchSummary } from '../../../shared/dto/match'
import { diffEmployees } from '../diff/diffEmployees'
import type { DiffMatch } from '../diff/diffState'
import { diffStateOfMatch } from '../diff/loadDiffState'
import { storedPlanOf, type StoredPlan } from '../diff/planStore'
import { refreshStoredPlan } from '../diff/planService'
import { writeOrExplain } from '../diff/writeAccess'
import { collectGarbageNow } from '../memory'
import type { Database } from '../store/database'
import { effectiveDecisions } from './decisions'
import { planMatch, type MatchPlan } from './matchLegacyToEmployees'
import {
  listDecisionEvents,
  loadEmployees,
  loadLegacyUsers,
  matchInputsStamp,
  openMatchWriter,
  recordMatchInputs,
  requireIntegration,
  type LoadedEmployee,
} from './matchStore'
import { MatchStoreThread } from './matchStoreThread'

/**
 * One match run, from loading its inputs to storing its plan: the same code in the calling thread (the
 * CLI, decisions, exports) and in the match worker (the web host and the Electron main), which opens its
 * own connection to the same file (docs/architecture.md, Matching).
 */

/**
 * From how many legacy users a run collects garbage twice: once planning is done (the blocking index and
 * the compared runs are garbage then), so that V8 sizes the heap for building the results from what the
 * plan holds rather than from planning's peak, and before computing the lists, once the plan has been let
 * go. At 100,000 each costs about 0.2 s; without the first the heap grew to 637-650 MiB resident while the
 * results were built (530-534 MiB with it), without the second to 640-660 MiB while the lists were
 * computed. Small runs gain nothing worth the pauses.
 */
const COLLECT_GARBAGE_FROM = 20_000

/** Where a run reads and stores, and what it stamps: a connection, the app version, the time. */
export interface MatchTarget {
  db: Database
  version: string
  now: Date
}

export interface MatchInputs {
  employees: LoadedEmployee[]
  legacy: LegacyUser[]
  events: DecisionEvent[]
  stamp: string
}

/** The integration's data as one snapshot, with the stamp of what it is. */
export function loadMatchInputs(target: MatchTarget, integrationId: string): MatchInputs {
  const { db } = target
  requireIntegration(db, integrationId)
  return db.transaction(() => ({
    employees: loadEmployees(db, integrationId),
    legacy: loadLegacyUsers(db, integrationId),
    events: listDecisionEvents(db, integrationId),
    stamp: matchInputsStamp(db, integrationId, target.version),
  }))()
}

export interface RunMatchOptions {
  /** Each result as it is stored; without it the results are collected into the run's `results`. */
  onResult?: (result: MatchResult) => void
  /** Called as the run enters each phase, with the sizes of both sides once they are known. */
  onPhase?: (phase: MatchPhase, counts: MatchCounts) => void
  /**
   * Whether a second thread stores the plan while this one builds the results (matchStoreThread.ts); by
   * default for a large file with a second core, when the run is not inside a caller's transaction.
   */
  storeThread?: boolean
}

export interface MatchCounts {
  employees: number
  legacyUsers: number
}

export interface MatchRun {
  summary: MatchSummary
  /** The results, unless `onResult` took them. */
  results: MatchResult[]
  /** False when the inputs moved while the plan was computed: it was not stored (see storePlan). */
  stored: boolean
  remoteIdOf: Map<string, string>
}

/** A computed plan on its way to the store: `emit` hands its results over once. */
interface PlanToStore {
  target: MatchTarget
  integrationId: string
  inputs: MatchInputs
  emit: (onResult: (result: MatchResult) => void) => MatchSummary
  options: RunMatchOptions
}

/** Where a run's results go as they are emitted: to options.onResult, else kept for the caller. */
function handOver(
  inputs: MatchInputs,
  options: RunMatchOptions,
): { remoteIdOf: Map<string, string>; results: MatchResult[]; keep: (result: MatchResult) => void } {
  const remoteIdOf = new Map(inputs.employees.map((employee) => [employee.id, employee.remote_id]))
  const results: MatchResult[] = []
  const keep = options.onResult ?? ((result: MatchResult) => void results.push(result))
  return { remoteIdOf, results, keep }
}

/**
 * Stores results as `emit` hands them over, replacing the previous plan in one write transaction, unless
 * the inputs moved since they were loaded (a decision or an import while a worker matched): the plan
 * then describes the data as the run began, is handed over but not stored, and the next read matches
 * again. Inside a caller's transaction (a decision) it joins that transaction.
 */
function storePlan({ target, integrationId, inputs, emit, options }: PlanToStore): MatchRun {
  const { db } = target
  const { remoteIdOf, results, keep } = handOver(inputs, options)
  const { summary, stored } = writeOrExplain(db, () => {
    // Announced once the write lock is held: from here until 'done' a cancel rolls the store back.
    options.onPhase?.('storing', { employees: inputs.employees.length, legacyUsers: inputs.legacy.length })
    if (matchInputsStamp(db, integrationId, target.version) !== inputs.stamp) {
      return { summary: emit(keep), stored: false }
    }
    const store = openMatchWriter(db, integrationId, remoteIdOf, target.now.toISOString())
    const { summary, matches } = emitStored(emit, store, keep)
    recordMatchInputs(db, integrationId, inputs.stamp, summary)
    // The lists rest on the results: computed and kept now, in the same transaction, so the Actions
    // screen, `diff` and the list exports read them instead of computing them while someone waits.
    // From the rows this run loaded (the stamp check above proves they are still current).
    const { employees, legacy: legacyUsers, events: decisions } = inputs
    if (inputs.legacy.length >= COLLECT_GARBAGE_FROM) collectGarbageNow()
    refreshStoredPlan(db, integrationId, target.now, { employees, legacyUsers, matches, decisions })
    return { summary, stored: true }
  })
  return { summary, results, stored, remoteIdOf }
}

/**
 * storePlan through the store thread: the same rows, summary and lists in the thread's one write
 * transaction, while this thread builds and prints the results; once the last row is in, this thread
 * computes the lists (on the heap the plan has just left) and the store thread keeps them.
 */
function storePlanInThread(
  thread: MatchStoreThread,
  { target, integrationId, inputs, emit, options }: PlanToStore,
): MatchRun {
  const { remoteIdOf, results, keep } = handOver(inputs, options)
  const remoteIdOfLink = (komboId: string) => remoteIdOf.get(komboId) ?? null
  try {
    const now = target.now.toISOString()
    const { version } = target
    thread.begin({ type: 'begin', integrationId, version, stamp: inputs.stamp, now })
    // Announced as the thread takes the write lock: from here until 'done' a cancel rolls the store back.
    options.onPhase?.('storing', { employees: inputs.employees.length, legacyUsers: inputs.legacy.length })
    const { summary, matches } = emitStored(emit, (result) => thread.write(result, remoteIdOfLink), keep)
    thread.finish(summary)
    // While the thread stores the last rows and reads what the lists need, the plan's memory is taken
    // back here (see storePlan): what the thread hands back, and the lists, then fit in its room instead
    // of coming on top of it, and the collection costs no time of its own.
    if (inputs.legacy.length >= COLLECT_GARBAGE_FROM) collectGarbageNow()
    const lists = thread.lists()
    // The inputs moved while the plan was computed: handed over, not stored (see storePlan).
    if (lists === 'moved') return { summary, results, stored: false, remoteIdOf }
    const { basisRunId, context } = lists
    let plan: StoredPlan | null = null
    if (basisRunId !== null && context !== null) {
      // As storePlan computes the lists, from the rows this run loaded, with what the thread read.
      const { employees, legacy: legacyUsers, events: decisions } = inputs
      const rows = { employees, legacyUsers, matches, decisions }
      plan = storedPlanOf(diffEmployees(diffStateOfMatch(integrationId, basisRunId, now, rows, context)))
    }
    thread.commit(plan)
    return { summary, results, stored: true, remoteIdOf }
  } finally {
    thread.stop()
  }
}

/** Emits the plan, each result stored, then noted for the lists and handed over. */
function emitStored(
  emit: (onResult: (result: MatchResult) => void) => MatchSummary,
  store: (result: MatchResult) => void,
  keep: (result: MatchResult) => void,
): { summary: MatchSummary; matches: DiffMatch[] } {
  const matches: DiffMatch[] = []
  const summary = emit((result) => {
    store(result)
    matches.push(diffMatchOf(result))
    keep(result)
  })
  return { summary, matches }
}

/** A result as the lists read it back from match_results (only a suggestion's candidates matter). */
function diffMatchOf(result: MatchResult): DiffMatch {
  return {
    user_id: result.user_id,
    status: result.status,
    kombo_id: result.kombo_id,
    score: result.score,
    candidates: result.status === 'suggested' ? result.candidates.map((candidate) => candidate.kombo_id) : [],
  }
}

/** Loads the integration's data, computes the plan and stores it, with what it rests on. */
export function runMatch(
  target: MatchTarget,
  integrationId: string,
  options: RunMatchOptions = {},
): MatchRun {
  let counts: MatchCounts = { employees: 0, legacyUsers: 0 }
  options.onPhase?.('loading', counts)
  const inputs = loadMatchInputs(target, integrationId)
  counts = { employees: inputs.employees.length, legacyUsers: inputs.legacy.length }
  options.onPhase?.('matching', counts)
  let plan: MatchPlan | null = planMatch(inputs.employees, inputs.legacy, effectiveDecisions(inputs.events))
  if (inputs.legacy.length >= COLLECT_GARBAGE_FROM) collectGarbageNow()
  // Started once matching is done: during it the thread's heap would only add to matching's peak.
  const thread = MatchStoreThread.startFor(target.db, inputs.legacy.length, options.storeThread)
  // Handed over once: after its results are stored nothing holds the plan, and the lists computed next
  // can reuse its memory (see storePlan).
  const emitOnce = (onResult: (result: MatchResult) => void): MatchSummary => {
    const emitting = plan
    plan = null
    if (emitting === null) throw new Error('a match plan is emitted once')
    return emitting.emit(onResult)
  }
  const toStore: PlanToStore = { target, integrationId, inputs, emit: emitOnce, options }
  const run = thread ? storePlanInThread(thread, toStore) : storePlan(toStore)
  options.onPhase?.('done', counts)
  return run
}
