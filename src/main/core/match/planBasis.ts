import type { LegacyUser } from '../../../shared/dto/legacy'
import type { MatchResult } from '../../../shared/dto/match'
import { assignColumnsJointly, assignJointly, EdgeColumns, type CandidateEdge } from './assignJointly'
import { resolveLinks, type Link } from './automaticLinks'
import type { EffectiveDecision } from './decisions'
import type { LinkageModel } from './linkageModel'
import { estimateLinkageModel, type PairStore, rankPairs, scorePair } from './pairs'
import { comparePools, type ComparePoolsOptions } from './parallelBlocking'
import {
  addTo,
  buildContext,
  prepareEmployee,
  prepareLegacy,
  type Context,
  type LegacyEntry,
  type MatchableEmployee,
} from './prepared'
import { buildResult } from './results'

/**
 * The matching plan split where decisions come in (docs/architecture.md, "Decisions"): the basis (pools,
 * comparisons, the linkage model) rests on the two files only; the resolution (links, the joint
 * assignment) is the part a decision moves. A decision keeps the basis and resolves again, so only the
 * results that moved are built and stored. A whole match (planMatch, matchLegacyToEmployees.ts) is the
 * same steps: the basis, then the resolution for all decisions at once.
 */

/**
 * Employees fully compared per legacy user, chosen by blocking. Wide, so that among many same-name
 * colleagues the right one is still compared, and the joint assignment sees every rival.
 */
const CANDIDATE_POOL = 30
/**
 * A user whose work email or hris_id points to exactly one employee needs only a runner-up to show and the
 * namesakes of that employee, which rank right behind it: a few candidates suffice for the common case.
 */
const SETTLED_POOL = 3
/** Pairs less likely than this are not worth a place in the joint assignment. */
const ASSIGNMENT_MIN_SCORE = 0.001
const MIN_ASSIGNMENT_VALUE = 1e-3
/** ASSIGNMENT_MIN_SCORE as a total weight in bits. */
const ASSIGNMENT_MIN_WEIGHT = Math.log2(ASSIGNMENT_MIN_SCORE / (1 - ASSIGNMENT_MIN_SCORE))

/** What a whole match computes from the two files before any decision counts. */
export interface MatchBasis {
  context: Context
  legacy: LegacyEntry[]
  store: PairStore
  model: LinkageModel
  employeeById: Map<string, number>
  employeesByNameKey: Map<string, number[]>
}

/** The basis a decision keeps, with the indexes that find whom a decision can move. */
export interface PlanBasis extends MatchBasis {
  userIndexById: Map<string, number>
  /** employee -> users with the employee in their pool: whose shown candidates it can change. */
  poolUsersOf: Map<number, number[]>
  /**
   * Per user, every employee an automatic link could go to: those its hris_id or work email name (the
   * link rules pick among these). A superset, for finding whose links a decision can touch.
   */
  targetsOf: number[][]
  /** employee -> users with it among their targets. */
  proposersOf: Map<number, number[]>
}

/** What the decisions make of the basis: the links, the joint assignment and the notes on each user. */
export interface PlanResolution {
  decisions: ReadonlyMap<string, EffectiveDecision>
  links: Map<number, Link>
  picks: Map<number, number>
  conflicts: string[][]
  linkedEmployee: Map<number, number>
  pickedFor: Map<number, number>
  /** Per user, its pairs in the joint assignment (none for a linked or "no match" user). */
  edges: CandidateEdge[][]
}

/** Blocking, comparing and the linkage model: everything of a match that rests on the two files only. */
export function buildMatchBasis(
  employeeList: readonly MatchableEmployee[],
  legacyList: readonly LegacyUser[],
  options: ComparePoolsOptions = {},
): MatchBasis {
  const employees = employeeList.map(prepareEmployee)
  const legacy = legacyList.map(prepareLegacy)
  const context = buildContext(employees, legacy)
  const store = comparePools(context, legacy, poolSizeOf(context), options)
  const model = estimateLinkageModel(context, legacy, store)
  for (let pair = 0; pair < store.spare; pair++) {
    scorePair(model, store, pair, employees[store.employee[pair]!]!)
  }
  rankPairs(store)
  const employeeById = new Map<string, number>()
  const employeesByNameKey = new Map<string, number[]>()
  employees.forEach((entry, index) => {
    employeeById.set(entry.employee.id, index)
    if (entry.nameKey !== '') addTo(employeesByNameKey, entry.nameKey, index)
  })
  return { context, legacy, store, model, employeeById, employeesByNameKey }
}

/** The match basis and the indexes a decision's local resolution reads (a whole match needs none). */
export function buildPlanBasis(
  employeeList: readonly MatchableEmployee[],
  legacyList: readonly LegacyUser[],
): PlanBasis {
  const basis = buildMatchBasis(employeeList, legacyList)
  const { context, legacy, store } = basis
  const userIndexById = new Map(legacy.map((entry, user) => [entry.user.user_id, user]))
  const poolUsersOf = new Map<number, number[]>()
  for (let user = 0; user < legacy.length; user++) {
    const { start, end } = store.pairsOf(user)
    for (let pair = start; pair < end; pair++) addTo(poolUsersOf, store.employee[pair]!, user)
  }
  const targetsOf = legacy.map((entry) => linkTargets(context, entry))
  const proposersOf = new Map<number, number[]>()
  targetsOf.forEach((targets, user) => {
    for (const employee of targets) addTo(proposersOf, employee, user)
  })
  return { ...basis, userIndexById, poolUsersOf, targetsOf, proposersOf }
}

/** The employees a user's identifiers name: the only ones rules 1 and 2 can link it to. */
function linkTargets(context: Context, entry: LegacyEntry): number[] {
  const targets = new Set<number>()
  if (entry.hrisId !== null) {
    for (const employee of context.remoteIndex.get(entry.hrisId)) targets.add(employee)
    for (const employee of context.numberIndex.get(entry.hrisId)) targets.add(employee)
  }
  if (entry.email) for (const employee of context.workEmailIndex.get(entry.email.full)) targets.add(employee)
  return [...targets]
}

/** How many employees blocking finds for a user: few when an identifier already points at one. */
export function poolSizeOf(context: Context): (entry: LegacyEntry) => number {
  return (entry) => {
    const settled =
      (entry.email !== null && context.workEmailIndex.count(entry.email.full) === 1) ||
      (entry.hrisId !== null && context.remoteIndex.count(entry.hrisId) === 1)
    return settled ? SETTLED_POOL : CANDIDATE_POOL
  }
}

/** The links and the joint assignment for these decisions. */
export function resolvePlan(
  basis: MatchBasis,
  decisions: ReadonlyMap<string, EffectiveDecision>,
): PlanResolution {
  const linked = resolvedLinks(basis, decisions)
  const { links, linkedEmployee } = linked
  const edges = basis.legacy.map((_, user) => userEdges(basis, decisions, links, linkedEmployee, user))
  const picks = assignJointly(edges.flat(), basis.context.employees.length)
  return { ...linked, ...picksOf(picks), edges }
}

/**
 * resolvePlan for a whole match, whose results are built once and which no decision moves afterwards:
 * the same links and picks, its edges held as columns for the assignment and not kept.
 */
export function resolveForResults(
  basis: MatchBasis,
  decisions: ReadonlyMap<string, EffectiveDecision>,
): ResultResolution {
  const linked = resolvedLinks(basis, decisions)
  const { links, linkedEmployee } = linked
  const edges = new EdgeColumns()
  for (let user = 0; user < basis.legacy.length; user++) {
    forEachUserEdge(basis, decisions, links, linkedEmployee, user, (employee, value) =>
      edges.push(user, employee, value),
    )
  }
  return { ...linked, ...picksOf(assignColumnsJointly(edges, basis.context.employees.length)) }
}

/** The automatic links under these decisions, the employees they take and the notes on each user. */
function resolvedLinks(
  basis: MatchBasis,
  decisions: ReadonlyMap<string, EffectiveDecision>,
): Pick<PlanResolution, 'decisions' | 'links' | 'linkedEmployee' | 'conflicts'> {
  const { context, legacy, store, employeeById, employeesByNameKey } = basis
  const conflicts: string[][] = legacy.map(() => [])
  const links = resolveLinks({
    context,
    legacy,
    store,
    decisions,
    employeesByNameKey,
    employeeById,
    conflicts,
  })
  const linkedEmployee = new Map<number, number>()
  for (const [user, link] of links) linkedEmployee.set(link.employee, user)
  return { decisions, links, linkedEmployee, conflicts }
}

function picksOf(picks: Map<number, number>): Pick<PlanResolution, 'picks' | 'pickedFor'> {
  const pickedFor = new Map<number, number>()
  for (const [user, employee] of picks) pickedFor.set(employee, user)
  return { picks, pickedFor }
}

const NO_EDGES: CandidateEdge[] = []

/** One user's candidate pairs in the review queue, as planMatch's joint assignment weighs them. */
export function userEdges(
  basis: MatchBasis,
  decisions: ReadonlyMap<string, EffectiveDecision>,
  links: ReadonlyMap<number, Link>,
  linkedEmployee: ReadonlyMap<number, number>,
  user: number,
): CandidateEdge[] {
  const edges: CandidateEdge[] = []
  forEachUserEdge(basis, decisions, links, linkedEmployee, user, (employee, value) =>
    edges.push({ user, employee, value }),
  )
  return edges.length === 0 ? NO_EDGES : edges
}

/** userEdges one at a time, best first: each edge's employee and value. */
function forEachUserEdge(
  basis: MatchBasis,
  decisions: ReadonlyMap<string, EffectiveDecision>,
  links: ReadonlyMap<number, Link>,
  linkedEmployee: ReadonlyMap<number, number>,
  user: number,
  visit: (employee: number, value: number) => void,
): void {
  const { context, legacy, store, model } = basis
  const decision = decisions.get(legacy[user]!.user.user_id)
  if (links.has(user) || decision?.noMatch) return
  const rejected = decision && decision.rejected.length > 0 ? new Set(decision.rejected) : null
  const { start, end } = store.pairsOf(user)
  for (let at = start; at < end; at++) {
    const pair = store.rank[at]!
    const employee = store.employee[pair]!
    if (store.weight[pair]! < ASSIGNMENT_MIN_WEIGHT || linkedEmployee.has(employee)) continue
    if (store.supported[pair] === 0) continue
    if (rejected?.has(context.employees[employee]!.employee.id)) continue
    // The fields' weight of evidence (the prior is the same for every pair); a pair the fields speak
    // against still counts a little, so a user is never left out while a candidate remains free.
    const evidence = store.weight[pair]! - model.priorWeight
    visit(employee, Math.max(MIN_ASSIGNMENT_VALUE, evidence))
  }
}

/** What building a result reads of the basis: not the indexes links are resolved with. */
export type ResultBasis = Pick<MatchBasis, 'context' | 'store' | 'model' | 'legacy'>
/** What building a result reads of a resolution: not the assignment's edges. */
export type ResultResolution = Omit<PlanResolution, 'edges'>

/** One user's result under a resolution, as planMatch's emit builds it. */
export function resultOf(basis: ResultBasis, resolution: ResultResolution, user: number): MatchResult {
  const { context, store, model, legacy } = basis
  const { links, picks, conflicts, linkedEmployee, pickedFor, decisions } = resolution
  const scoring = { context, store, model, linkedEmployee, pickedFor, decisions, legacy }
  return buildResult(scoring, user, links.get(user), picks.get(user), [...conflicts[user]!])
}
