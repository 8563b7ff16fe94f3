import type { LegacyUser } from '../../../shared/dto/legacy'
import type { DecisionEvent, MatchResult, MatchSummary } from '../../../shared/dto/match'
import type { DiffMatch } from '../diff/diffState'
import type { MatchedRows } from '../diff/loadDiffState'
import { sameDecisions, updateResolution } from './localResolution'
import type { Database } from '../store/database'
import { effectiveDecisions } from './decisions'
import type { MatchTarget } from './matchRun'
import { replaceMatchResults, type ReplacedRow } from './matchRowStore'
import {
  listDecisionEvents,
  loadEmployees,
  loadLegacyUsers,
  MATCH_INPUTS_SETTING,
  MATCH_SUMMARY_SETTING,
  matchInputsStamp,
  matchInputsStampAfterDecisions,
  openMatchWriter,
  recordMatchInputs,
  type LoadedEmployee,
} from './matchStore'
import { buildPlanBasis, resolvePlan, resultOf, type PlanBasis, type PlanResolution } from './planBasis'
import { count, emptySummary } from './results'

/**
 * The rematch after a decision (docs/architecture.md, "Decisions"): the stored results become exactly
 * what a whole `match` would store, but only the users whose result can move are built and written.
 *
 * A decision leaves the basis of the plan (pools, comparisons, the linkage model, all resting on the two
 * files) as it was, so the basis is kept per connection while the files stay the same; the first
 * decision on a connection builds it, as a whole match would. The kept resolution (links, joint
 * assignment) is then brought up to date around the decided users (localResolution.ts), and the users
 * whose link, pick, notes or candidates' owners moved are rebuilt. When the stored results do not rest
 * on the decisions before (another process matched or decided meanwhile), every result is stored again.
 */

interface KeptPlan {
  /** The stamp without its decisions part: what the basis rests on. */
  filesStamp: string
  basis: PlanBasis
  /** The rows the basis was built from, which the lists read too. */
  employees: LoadedEmployee[]
  legacy: LegacyUser[]
  /** The resolution of the decisions the stored results last rested on, when one is kept. */
  resolution: PlanResolution | null
  /** The stored results as the lists read them, by user, kept with the resolution. */
  matches: Map<string, DiffMatch> | null
}

const keptPlans = new WeakMap<Database, Map<string, KeptPlan>>()

/** How a rematch went: only the moved users' rows, or every row (the stored results were not current). */
export interface RematchOutcome {
  mode: 'incremental' | 'whole'
  rowsWritten: number
  /** False when the basis was kept from an earlier decision on this connection. */
  basisBuilt: boolean
  /** What the lists read, current after the rematch: refreshStoredPlan need not read it back. */
  listRows: MatchedRows
  /** The rewritten results as the lists read them; null when every row was stored again. */
  moved: DiffMatch[] | null
  /**
   * How many result rows and link history rows the rematch added (store/inputCounts.ts); null when
   * every row was stored again.
   */
  rowsAdded: { results: number; links: number } | null
}

/** The stamp's decisions part is its last; the rest says what the files are. */
function filesPart(stamp: string): string {
  return stamp.slice(0, stamp.lastIndexOf('|'))
}

function storedSetting(db: Database, integrationId: string, key: string): string | null {
  const value = db
    .prepare('SELECT value FROM settings WHERE integration_id = ? AND key = ?')
    .pluck()
    .get(integrationId, key) as string | undefined
  return value ?? null
}

function keptPlanFor(target: MatchTarget, integrationId: string, filesStamp: string) {
  let perIntegration = keptPlans.get(target.db)
  if (!perIntegration) keptPlans.set(target.db, (perIntegration = new Map()))
  const kept = perIntegration.get(integrationId)
  if (kept?.filesStamp === filesStamp) return { kept, built: false }
  // One plan per integration and connection: the previous files' basis is let go first.
  perIntegration.delete(integrationId)
  const employees = loadEmployees(target.db, integrationId)
  const legacy = loadLegacyUsers(target.db, integrationId)
  const basis = buildPlanBasis(employees, legacy)
  const fresh: KeptPlan = { filesStamp, basis, employees, legacy, resolution: null, matches: null }
  perIntegration.set(integrationId, fresh)
  return { kept: fresh, built: true }
}

/**
 * Builds and keeps the basis a decision's rematch rests on, ahead of the first decision (the match
 * worker does so when Review opens). Nothing is written. False when there is nothing to match yet.
 */
export function prepareRematch(target: MatchTarget, integrationId: string): boolean {
  const stamp = matchInputsStamp(target.db, integrationId, target.version)
  if (storedSetting(target.db, integrationId, MATCH_SUMMARY_SETTING) === null) return false
  keptPlanFor(target, integrationId, filesPart(stamp))
  return true
}

/**
 * Brings the stored results up to date after `added` were appended, inside the decision's write
 * transaction (the caller then refreshes the lists). `stampBefore` is the match inputs stamp read
 * before appending them.
 */
export function rematchAfterDecisions(
  target: MatchTarget,
  integrationId: string,
  stampBefore: string,
  added: readonly DecisionEvent[],
): RematchOutcome {
  const { db } = target
  const stampNow = matchInputsStampAfterDecisions(db, integrationId, stampBefore)
  const { kept: plan, built } = keptPlanFor(target, integrationId, filesPart(stampNow))
  const events = listDecisionEvents(db, integrationId)
  const decisions = effectiveDecisions(events)
  const summaryText = storedSetting(db, integrationId, MATCH_SUMMARY_SETTING)
  // Let go while it changes: a failure halfway leaves no resolution that rests on nothing.
  const kept = plan.resolution
  const keptMatches = plan.matches
  plan.resolution = null
  plan.matches = null
  let matches: Map<string, DiffMatch>
  let resolution: PlanResolution
  let rowsWritten: number
  let mode: RematchOutcome['mode']
  let moved: DiffMatch[] | null = null
  let rowsAdded: RematchOutcome['rowsAdded'] = null
  if (storedSetting(db, integrationId, MATCH_INPUTS_SETTING) === stampBefore && summaryText !== null) {
    // The stored rows are the plan of the decisions before: only what moved is built and written.
    const addedIds = new Set(added.map((event) => event.id))
    const decisionsBefore = effectiveDecisions(events.filter((event) => !addedIds.has(event.id)))
    const reused = kept !== null && keptMatches !== null && sameDecisions(kept.decisions, decisionsBefore)
    resolution = reused ? kept : resolvePlan(plan.basis, decisionsBefore)
    const decided = new Set<number>()
    for (const event of added) {
      const user = plan.basis.userIndexById.get(event.user_id)
      if (user !== undefined) decided.add(user)
    }
    const movedUsers = updateResolution(plan.basis, resolution, decisions, [...decided])
    const results = movedUsers.map((user) => resultOf(plan.basis, resolution, user))
    const newLinks = linksNotRecorded(db, integrationId, results)
    const replaced = replaceMatchResults(db, integrationId, results, remoteIdIn(plan.basis), now(target))
    rowsAdded = { results: results.length - replaced.length, links: newLinks }
    matches = reused ? keptMatches : storedMatches(db, integrationId)
    moved = results.map(diffMatchOf)
    for (const match of moved) matches.set(match.user_id, match)
    const summary = movedSummary(JSON.parse(summaryText) as MatchSummary, replaced, results)
    recordMatchInputs(db, integrationId, stampNow, summary)
    rowsWritten = results.length
    mode = 'incremental'
  } else {
    resolution = resolvePlan(plan.basis, decisions)
    matches = new Map()
    rowsWritten = storeWhole(target, integrationId, plan.basis, resolution, stampNow, matches)
    mode = 'whole'
  }
  plan.resolution = resolution
  plan.matches = matches
  // Listed only when the lists are computed whole: a patch never reads every result.
  let matchList: DiffMatch[] | null = null
  const listRows: MatchedRows = {
    employees: plan.employees,
    legacyUsers: plan.legacy,
    get matches() {
      return (matchList ??= [...matches.values()])
    },
    decisions: events,
  }
  return { mode, rowsWritten, basisBuilt: built, listRows, moved, rowsAdded }
}

/** How many of these results' links the link history does not hold yet: the rows storing them adds. */
function linksNotRecorded(db: Database, integrationId: string, results: readonly MatchResult[]): number {
  const recorded = db
    .prepare('SELECT 1 FROM link_history WHERE integration_id = ? AND user_id = ? AND kombo_id = ?')
    .pluck()
  let missing = 0
  for (const result of results) {
    if (result.status !== 'matched' || result.kombo_id === null) continue
    if (recorded.get(integrationId, result.user_id, result.kombo_id) === undefined) missing++
  }
  return missing
}

const now = (target: MatchTarget) => target.now.toISOString()

function remoteIdIn(basis: PlanBasis): (komboId: string) => string | null {
  return (komboId) => {
    const employee = basis.employeeById.get(komboId)
    return employee === undefined ? null : basis.context.employees[employee]!.employee.remote_id
  }
}

/** Every user's result, stored as a whole match run stores them. */
function storeWhole(
  target: MatchTarget,
  integrationId: string,
  basis: PlanBasis,
  resolution: PlanResolution,
  stamp: string,
  matches: Map<string, DiffMatch>,
): number {
  const remoteIdOf = new Map(
    basis.context.employees.map((entry) => [entry.employee.id, entry.employee.remote_id]),
  )
  const store = openMatchWriter(target.db, integrationId, remoteIdOf, now(target))
  const summary = emptySummary(
    basis.legacy.length,
    basis.context.employees.length,
    basis.context.domainMappings,
  )
  for (let user = 0; user < basis.legacy.length; user++) {
    const result = resultOf(basis, resolution, user)
    count(summary, result)
    store(result)
    matches.set(result.user_id, diffMatchOf(result))
  }
  recordMatchInputs(target.db, integrationId, stamp, summary)
  return basis.legacy.length
}

/** The stored summary with the replaced rows' counts taken out and the new ones' put in. */
function movedSummary(
  summary: MatchSummary,
  replaced: readonly ReplacedRow[],
  results: readonly MatchResult[],
): MatchSummary {
  for (const row of replaced) {
    summary[row.status]--
    const left = (summary.byMethod[row.method] ?? 0) - 1
    if (left > 0) summary.byMethod[row.method] = left
    else delete summary.byMethod[row.method]
    if (row.hasConflicts) summary.conflicts--
  }
  for (const result of results) count(summary, result)
  return summary
}

/** A result as the lists read it from match_results: only a suggestion's candidates count. */
function diffMatchOf(result: MatchResult): DiffMatch {
  const candidates =
    result.status === 'suggested' ? result.candidates.map((candidate) => candidate.kombo_id) : []
  return {
    user_id: result.user_id,
    status: result.status,
    kombo_id: result.kombo_id,
    score: result.score,
    candidates,
  }
}

/** Every stored result as the lists read it, for a resolution that was not kept. */
function storedMatches(db: Database, integrationId: string): Map<string, DiffMatch> {
  const rows = db
    .prepare(
      `SELECT user_id, status, kombo_id, score, CASE WHEN status = 'suggested' THEN candidate_ids END AS candidates
       FROM match_results WHERE integration_id = ?`,
    )
    .all(integrationId) as Array<Omit<DiffMatch, 'candidates'> & { candidates: string | null }>
  return new Map(
    rows.map((row) => [
      row.user_id,
      { ...row, candidates: row.candidates === null ? [] : (JSON.parse(row.candidates) as string[]) },
    ]),
  )
}
