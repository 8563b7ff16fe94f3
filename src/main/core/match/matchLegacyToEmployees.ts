import type { LegacyUser } from '../../../shared/dto/legacy'
import type { MatchOutput, MatchResult, MatchSummary } from '../../../shared/dto/match'
import type { EffectiveDecision } from './decisions'
import {
  buildMatchBasis,
  resolveForResults,
  resultOf,
  type MatchBasis,
  type ResultBasis,
  type ResultResolution,
} from './planBasis'
import type { MatchableEmployee } from './prepared'
import { count, emptySummary } from './results'

export { domainChangePairs, type DomainChangePair } from './domainChange'

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
  const { basis, resolution } = resultInputs(buildMatchBasis(employeeList, legacyList), decisions)
  return {
    emit(onResult) {
      const { legacy, context } = basis
      const summary = emptySummary(legacy.length, context.employees.length, context.domainMappings)
      for (let user = 0; user < legacy.length; user++) {
        const result = resultOf(basis, resolution, user)
        count(summary, result)
        onResult(result)
      }
      return summary
    },
  }
}

/**
 * The basis resolved, keeping only what building the results reads. The assignment's edges and the
 * indexes links were resolved with are garbage from here: kept, they stayed alive until the last result
 * was stored (docs/architecture.md, "What a whole match holds").
 */
function resultInputs(
  basis: MatchBasis,
  decisions: ReadonlyMap<string, EffectiveDecision>,
): { basis: ResultBasis; resolution: ResultResolution } {
  const resolution = resolveForResults(basis, decisions)
  const { context, store, model, legacy } = basis
  return { basis: { context, store, model, legacy }, resolution }
}
