import type { DecisionEvent, MatchResult, MatchSummary } from '../../../shared/dto/match'
import { refreshStoredPlan } from '../diff/planService'
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
  openMatchWriter,
  recordMatchInputs,
} from './matchStore'
import { buildPlanBasis, resolvePlan, resultOf, type PlanBasis, type PlanResolution } from './planBasis'
import { count, emptySummary } from './results'

/**
 * The rematch after a decision (docs/architecture.md, "Decisions"): the stored results become exactly
 * what a whole `match` would store, but only the users whose result moved are built and written.
 *
 * A decision leaves the basis of the plan (pools, comparisons, the linkage model, all resting on the two
 * files) as it was, so the basis is kept per connection while the files stay the same. The decisions
 * are then resolved again over the whole file (links and the joint assignment are global: a link takes
 * an employee from everyone's candidates, a decided link can settle another user's id link), and the
 * users whose link, pick, notes or candidates' owners moved are the ones rebuilt.
 */

interface KeptPlan {
  /** The stamp without its decisions part: what the basis rests on. */
  filesStamp: string
  basis: PlanBasis
  /** The resolution of the decisions at `resolvedStamp`, when one is kept. */
  resolution: PlanResolution | null
  resolvedStamp: string | null
}

const keptPlans = new WeakMap<Database, Map<string, KeptPlan>>()

/** How a rematch went: only the moved users' rows, or every row (the stored results were not current). */
export interface RematchOutcome {
  mode: 'incremental' | 'whole'
  rowsWritten: number
  /** False when the basis was kept from an earlier decision on this connection. */
  basisBuilt: boolean
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
  const basis = buildPlanBasis(
    loadEmployees(target.db, integrationId),
    loadLegacyUsers(target.db, integrationId),
  )
  const fresh: KeptPlan = { filesStamp, basis, resolution: null, resolvedStamp: null }
  perIntegration.set(integrationId, fresh)
  return { kept: fresh, built: true }
}

/**
 * Brings the stored results and lists up to date after `added` were appended, inside the decision's
 * write transaction. `stampBefore` is the match inputs stamp read before appending them.
 */
export function rematchAfterDecisions(
  target: MatchTarget,
  integrationId: string,
  stampBefore: string,
  added: readonly DecisionEvent[],
): RematchOutcome {
  const { db } = target
  const stampNow = matchInputsStamp(db, integrationId, target.version)
  const { kept, built } = keptPlanFor(target, integrationId, filesPart(stampNow))
  const events = listDecisionEvents(db, integrationId)
  const after = resolvePlan(kept.basis, effectiveDecisions(events))
  const summaryText = storedSetting(db, integrationId, MATCH_SUMMARY_SETTING)
  let rowsWritten: number
  let mode: RematchOutcome['mode']
  if (storedSetting(db, integrationId, MATCH_INPUTS_SETTING) === stampBefore && summaryText !== null) {
    // The stored rows are the plan of the decisions before: only what moved is written.
    const addedIds = new Set(added.map((event) => event.id))
    const before =
      kept.resolvedStamp === stampBefore && kept.resolution
        ? kept.resolution
        : resolvePlan(kept.basis, effectiveDecisions(events.filter((event) => !addedIds.has(event.id))))
    const moved = movedUsers(kept.basis, before, after, added)
    const results = [...moved].map((user) => resultOf(kept.basis, after, user))
    const replaced = replaceMatchResults(db, integrationId, results, remoteIdIn(kept.basis), now(target))
    const summary = movedSummary(JSON.parse(summaryText) as MatchSummary, replaced, results)
    recordMatchInputs(db, integrationId, stampNow, summary)
    rowsWritten = results.length
    mode = 'incremental'
  } else {
    rowsWritten = storeWhole(target, integrationId, kept.basis, after, stampNow)
    mode = 'whole'
  }
  kept.resolution = after
  kept.resolvedStamp = stampNow
  refreshStoredPlan(db, integrationId, target.now)
  return { mode, rowsWritten, basisBuilt: built }
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

/**
 * The users whose result can differ between two resolutions: the decided users, those whose link, pick
 * or notes moved, and everyone with an employee in their pool whose link or pick moved (it leaves or joins
 * their candidates, or its "more likely another user's" note changes). In file order.
 */
function movedUsers(
  basis: PlanBasis,
  before: PlanResolution,
  after: PlanResolution,
  added: readonly DecisionEvent[],
): number[] {
  const users = new Set<number>()
  for (const event of added) {
    const user = basis.userIndexById.get(event.user_id)
    if (user !== undefined) users.add(user)
  }
  const employees = new Set<number>()
  for (const [user, link] of after.links) {
    const old = before.links.get(user)
    if (old?.employee !== link.employee || old.method !== link.method) users.add(user)
  }
  for (const user of before.links.keys()) if (!after.links.has(user)) users.add(user)
  for (const [user, employee] of after.picks) if (before.picks.get(user) !== employee) users.add(user)
  for (const user of before.picks.keys()) if (!after.picks.has(user)) users.add(user)
  before.conflicts.forEach((notes, user) => {
    if (!sameNotes(notes, after.conflicts[user]!)) users.add(user)
  })
  for (const [from, to] of [
    [before.linkedEmployee, after.linkedEmployee],
    [before.pickedFor, after.pickedFor],
  ] as const) {
    for (const [employee, user] of from) if (to.get(employee) !== user) employees.add(employee)
    for (const [employee, user] of to) if (from.get(employee) !== user) employees.add(employee)
  }
  for (const employee of employees) {
    for (const user of basis.poolUsersOf.get(employee) ?? []) users.add(user)
  }
  return [...users].sort((a, b) => a - b)
}

function sameNotes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((note, at) => note === b[at])
}
