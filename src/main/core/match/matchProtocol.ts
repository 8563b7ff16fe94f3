import type { LegacyUser } from '../../../shared/dto/legacy'
import type { MatchOutput } from '../../../shared/dto/match'
import type { EffectiveDecision } from './decisions'
import type { MatchableEmployee } from './prepared'

/** What the match worker is given: exactly the arguments of matchLegacyToEmployees. */
export interface MatchInput {
  employees: readonly MatchableEmployee[]
  legacy: readonly LegacyUser[]
  decisions: ReadonlyMap<string, EffectiveDecision>
}

export type FromMatchWorker = { type: 'done'; output: MatchOutput } | { type: 'failed'; message: string }

/**
 * Runs matchLegacyToEmployees somewhere: in this thread (the CLI, tests) or in a worker thread (the web
 * host and the Electron main, whose event loop must stay free). Rejects with MATCH_CANCELLED on `signal`.
 */
export type MatchRunner = (input: MatchInput, signal?: AbortSignal) => Promise<MatchOutput>
