import type { LegacyUser } from '../../../shared/dto/legacy'
import type { MatchOutput, MatchResult, MatchSummary } from '../../../shared/dto/match'
import { assignJointly, type CandidateEdge } from './assignJointly'
import { resolveLinks, type Link, type LinkInputs } from './automaticLinks'
import { CandidateIndex } from './candidateIndex'
import type { EffectiveDecision } from './decisions'
import type { LinkageModel } from './linkageModel'
import { comparePair, estimateLinkageModel, PairStore, rankPairs, scorePair } from './pairs'
import {
  addTo,
  buildContext,
  employeeKeys,
  legacyKeys,
  prepareEmployee,
  prepareLegacy,
  type Context,
  type LegacyEntry,
  type MatchableEmployee,
} from './prepared'
import { buildResult, count, emptySummary } from './results'

export { domainChangePairs, type DomainChangePair } from './domainChange'

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

/**
 * The matching plan: links every legacy user it can with certainty, ranks candidates for the rest, and
 * reports the inferred domain moves. Pure: the caller loads the data and stores the outcome.
 *
 * Automatic links come only from rules 1 (hris_id = remote_id) and 2 (work email equal after trim + case
 * fold), each only when exactly one candidate exists on each side, nothing contradicts it (the other
 * identifier, the names, a namesake, a rejection) and no other user claims the same employee. Everything
 * else is a ranked suggestion for a person.
 */
export function matchLegacyToEmployees(
  employeeList: readonly MatchableEmployee[],
  legacyList: readonly LegacyUser[],
  decisions: ReadonlyMap<string, EffectiveDecision> = new Map(),
): MatchOutput {
  const results: MatchResult[] = []
  const summary = streamMatch(employeeList, legacyList, decisions, (result) => results.push(result))
  return { results, summary }
}

/**
 * The same plan, handed over one result at a time in legacy order, so a caller can store or print each
 * and let it go: at 100,000 people the results as a whole are the largest thing matching makes.
 */
export function streamMatch(
  employeeList: readonly MatchableEmployee[],
  legacyList: readonly LegacyUser[],
  decisions: ReadonlyMap<string, EffectiveDecision>,
  onResult: (result: MatchResult) => void,
): MatchSummary {
  return planMatch(employeeList, legacyList, decisions).emit(onResult)
}

/** A computed plan whose results are written out on demand (inside the caller's transaction, say). */
export interface MatchPlan {
  emit(onResult: (result: MatchResult) => void): MatchSummary
}

/** Does all the comparing and assigning; `emit` then builds each result as it is handed over. */
export function planMatch(
  employeeList: readonly MatchableEmployee[],
  legacyList: readonly LegacyUser[],
  decisions: ReadonlyMap<string, EffectiveDecision>,
): MatchPlan {
  const employees = employeeList.map(prepareEmployee)
  const legacy = legacyList.map(prepareLegacy)
  const context = buildContext(employees, legacy)
  const store = comparePools(context, legacy)
  const model = estimateLinkageModel(context, legacy, store)
  for (let pair = 0; pair < store.spare; pair++) {
    scorePair(model, store, pair, employees[store.employee[pair]!]!)
  }
  rankPairs(store)

  const conflicts: string[][] = legacy.map(() => [])
  const links = resolveLinks(linkInputs(context, legacy, store, decisions, conflicts))
  const linkedEmployee = new Map<number, number>()
  for (const [user, link] of links) linkedEmployee.set(link.employee, user)
  const picks = assignQueue(context, legacy, store, model, decisions, links, linkedEmployee)
  const pickedFor = new Map<number, number>()
  for (const [user, employee] of picks) pickedFor.set(employee, user)

  const scoring = { context, store, model, linkedEmployee, pickedFor, decisions, legacy }
  return {
    emit(onResult) {
      const summary = emptySummary(legacy.length, employees.length, context.domainMappings)
      for (let user = 0; user < legacy.length; user++) {
        const result = buildResult(scoring, user, links.get(user), picks.get(user), [...conflicts[user]!])
        count(summary, result)
        onResult(result)
      }
      return summary
    },
  }
}

function linkInputs(
  context: Context,
  legacy: readonly LegacyEntry[],
  store: PairStore,
  decisions: ReadonlyMap<string, EffectiveDecision>,
  conflicts: string[][],
): LinkInputs {
  const employeeById = new Map<string, number>()
  const employeesByNameKey = new Map<string, number[]>()
  context.employees.forEach((entry, index) => {
    employeeById.set(entry.employee.id, index)
    if (entry.nameKey !== '') addTo(employeesByNameKey, entry.nameKey, index)
  })
  return { context, legacy, store, decisions, employeesByNameKey, employeeById, conflicts }
}

/** The review queue resolved as a whole: each employee goes to the user it most likely belongs to. */
function assignQueue(
  context: Context,
  legacy: readonly LegacyEntry[],
  store: PairStore,
  model: LinkageModel,
  decisions: ReadonlyMap<string, EffectiveDecision>,
  links: ReadonlyMap<number, Link>,
  linkedEmployee: ReadonlyMap<number, number>,
): Map<number, number> {
  const edges: CandidateEdge[] = []
  legacy.forEach((entry, user) => {
    const decision = decisions.get(entry.user.user_id)
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
      edges.push({ user, employee, value: Math.max(MIN_ASSIGNMENT_VALUE, evidence) })
    }
  })
  return assignJointly(edges, context.employees.length)
}

/**
 * Blocking and comparing: each user's pool of employees, compared field by field. Its own function so the
 * index and the pool lists are garbage once it returns, before the results are built.
 */
function comparePools(context: Context, legacy: readonly LegacyEntry[]): PairStore {
  const employees = context.employees
  // Keys are made employee by employee as the index reads them: all of them at once weigh more than the index.
  const index = new CandidateIndex(
    (function* () {
      for (const entry of employees) yield employeeKeys(entry)
    })(),
  )
  const store = new PairStore(
    legacy.map((entry) => {
      const settled =
        (entry.email !== null && context.workEmailIndex.get(entry.email.full)?.length === 1) ||
        (entry.hrisId !== null && context.remoteIndex.get(entry.hrisId)?.length === 1)
      return index.query(legacyKeys(entry), settled ? SETTLED_POOL : CANDIDATE_POOL)
    }),
  )
  legacy.forEach((entry, user) => {
    const { start, end } = store.pairsOf(user)
    for (let pair = start; pair < end; pair++) {
      comparePair(context, store, pair, entry, employees[store.employee[pair]!]!)
    }
  })
  return store
}
