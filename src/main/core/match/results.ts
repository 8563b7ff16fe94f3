import type {
  DomainMapping,
  MatchCandidate,
  MatchMethod,
  MatchResult,
  MatchSummary,
} from '../../../shared/dto/match'
import type { Link } from './automaticLinks'
import type { EffectiveDecision } from './decisions'
import { FIELD_COUNT, weigh, type FieldEvidence, type LinkageModel } from './linkageModel'
import {
  agreedNames,
  comparePair,
  explainPair,
  pairMethod,
  pairScore,
  scorePair,
  type PairStore,
} from './pairs'
import type { Context, LegacyEntry } from './prepared'

/** A linked result shows the link and the runner-up. */
const LINKED_CANDIDATES_SHOWN = 2
/** Candidates shown per result: the best, the runner-up and a few more for the review screen. */
const CANDIDATES_SHOWN = 5
/**
 * A result becomes a suggestion when the fields of its best candidate speak for one person more than
 * against (a Bayes factor above 1, whatever the prior), so two same-name colleagues are both worth a look.
 * Below it the user is "unmatched", with the candidates still listed.
 */
const SUGGESTION_MIN_BITS = 0

/** What building one result needs besides the user's own pairs. */
export interface Scoring {
  context: Context
  store: PairStore
  model: LinkageModel
  /** employee -> user it is linked to (automatically or by decision). */
  linkedEmployee: ReadonlyMap<number, number>
  /** employee -> user the joint assignment gives it to. */
  pickedFor: ReadonlyMap<number, number>
  decisions: ReadonlyMap<string, EffectiveDecision>
  legacy: readonly LegacyEntry[]
}

/** Bits are shown with one decimal: finer steps mean nothing to a reader. */
const roundWeight = (weight: number) => Math.round(weight * 10) / 10

/** Scores are shown and stored with 4 decimals: finer steps mean nothing to a reader. */
function round(score: number): number {
  return Math.round(score * 10_000) / 10_000
}

const NONE_REJECTED: ReadonlySet<string> = new Set()

/**
 * The `wanted` best pairs of the user a person may still pick (fewer when there are no more), best first,
 * with the link or pick (if any) in front. The rest are not looked at: a user's pool holds up to 30
 * employees, and a result shows five.
 */
function availablePairs(scoring: Scoring, user: number, first: number | undefined, wanted: number): number[] {
  const { context, store, linkedEmployee, decisions, legacy } = scoring
  const entry = legacy[user]!
  const rejectedIds = decisions.get(entry.user.user_id)?.rejected
  const rejected = rejectedIds && rejectedIds.length > 0 ? new Set(rejectedIds) : NONE_REJECTED
  const available: number[] = []
  let firstSeen = first === undefined
  const { start, end } = store.pairsOf(user)
  for (let at = start; at < end && !(firstSeen && available.length >= wanted); at++) {
    const pair = store.rank[at]!
    const employee = store.employee[pair]!
    // Another user's link takes the employee out of this user's candidates: links are one-to-one.
    const owner = linkedEmployee.get(employee)
    if (owner !== undefined && owner !== user) continue
    if (store.supported[pair] === 0) continue
    if (rejected.size > 0 && rejected.has(context.employees[employee]!.employee.id)) continue
    available.push(pair)
    if (employee === first) firstSeen = true
  }
  if (first === undefined) return available
  const own = available.findIndex((pair) => store.employee[pair] === first)
  if (own >= 0) available.unshift(...available.splice(own, 1))
  else {
    // The link's employee was not pooled (or not supported): compared on demand in the spare slot.
    const spare = store.spare
    store.employee[spare] = first
    comparePair(context, store, spare, entry, context.employees[first]!)
    scorePair(scoring.model, store, spare, context.employees[first]!)
    available.unshift(spare)
  }
  return available
}

function roundedWeights(evidence: FieldEvidence[]): FieldEvidence[] {
  for (const field of evidence) field.weight = roundWeight(field.weight)
  return evidence
}

function describeCandidate(scoring: Scoring, user: number, pair: number, linked: boolean): MatchCandidate {
  const { context, store, model, pickedFor, legacy } = scoring
  const employee = context.employees[store.employee[pair]!]!
  const method = pairMethod(store, pair)
  const reasons = explainPair(context, store, pair, legacy[user]!, employee, method)
  const owner = pickedFor.get(store.employee[pair]!)
  if (!linked && owner !== undefined && owner !== user) {
    reasons.push(`more likely user ${legacy[owner]!.user.user_id}'s employee, on that user's evidence`)
  }
  const names = agreedNames(store, pair, employee)
  return {
    kombo_id: employee.employee.id,
    score: round(pairScore(store, pair)),
    method,
    reasons,
    evidence: roundedWeights(weigh(model, store.levels, pair * FIELD_COUNT, names)),
  }
}

export function buildResult(
  scoring: Scoring,
  user: number,
  link: Link | undefined,
  pick: number | undefined,
  conflicts: string[],
): MatchResult {
  const { store, model, pickedFor, decisions, legacy } = scoring
  const entry = legacy[user]!
  const decision = decisions.get(entry.user.user_id)
  const wanted = link ? LINKED_CANDIDATES_SHOWN : CANDIDATES_SHOWN
  const available = availablePairs(scoring, user, link?.employee ?? pick, wanted)
  const shown = available.slice(0, wanted)
  const candidates = shown.map((pair) => describeCandidate(scoring, user, pair, link !== undefined))
  if (!link && candidates.length > 1 && candidates[0]!.score === candidates[1]!.score) {
    const rival = candidates[1]!.kombo_id
    const rivalOwner = pickedFor.get(store.employee[shown[1]!]!)
    conflicts.push(
      rivalOwner !== undefined && rivalOwner !== user
        ? `indistinguishable from ${rival} on this user's evidence; ${rival} fits user ${legacy[rivalOwner]!.user.user_id} better`
        : `indistinguishable from ${rival} on the evidence: a person has to tell them apart`,
    )
  }
  // Written in the contract's key order, so the JSON reads top-down.
  const result = (
    status: MatchResult['status'],
    method: MatchMethod,
    kombo_id: string | null,
    score: number,
    reasons: string[],
  ): MatchResult => ({
    user_id: entry.user.user_id,
    status,
    method,
    kombo_id,
    score,
    reasons,
    candidates,
    conflicts,
  })

  if (link) {
    const linked = candidates[0]!
    if (link.method === 'decision') {
      const kind = decision?.link?.kind === 'accept' ? 'accepted' : 'paired manually'
      return result('matched', 'decision', linked.kombo_id, 1, [`${kind} by a specialist`, ...linked.reasons])
    }
    return result('matched', link.method, linked.kombo_id, linked.score, linked.reasons)
  }
  if (decision?.noMatch) {
    return result('unmatched', 'decision', null, 0, ['a specialist decided this user has no employee'])
  }
  const best = candidates[0]
  const bestBits = available[0] !== undefined ? store.weight[available[0]]! - model.priorWeight : -Infinity
  if (best && bestBits > SUGGESTION_MIN_BITS) {
    return result('suggested', best.method, best.kombo_id, best.score, best.reasons)
  }
  const why = best ? 'no candidate is likely enough to suggest' : 'no candidate found'
  return result('unmatched', 'none', null, 0, [why])
}

/** The outcome counts, added to result by result. */
export function emptySummary(
  legacyUsers: number,
  employees: number,
  domainMappings: DomainMapping[],
): MatchSummary {
  return {
    legacyUsers,
    employees,
    matched: 0,
    suggested: 0,
    unmatched: 0,
    byMethod: {},
    conflicts: 0,
    domainMappings,
  }
}

export function count(summary: MatchSummary, result: MatchResult): void {
  summary[result.status]++
  summary.byMethod[result.method] = (summary.byMethod[result.method] ?? 0) + 1
  if (result.conflicts.length > 0) summary.conflicts++
}
