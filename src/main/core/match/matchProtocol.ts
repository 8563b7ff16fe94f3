import type { MatchPhase, MatchSummary } from '../../../shared/dto/match'
import type { ApiRequest, ApiResponses } from '../../../shared/api'
import type { AppError, Result } from '../../../shared/result'
import type { MatchCounts } from './matchRun'

/**
 * What the match worker is sent: where the database is (it opens its own connection to the same file)
 * and what to stamp on what it stores. It loads, matches and stores by itself (matchRun.ts).
 */
export interface MatchJob {
  dbPath: string
  /** The sqlite addon the host's own connection loaded (Electron's ABI differs from Node's). */
  nativeBinding?: string
  integrationId: string
  version: string
  /** The host clock's time for the run (ISO 8601): the links it records and the lists it keeps. */
  now: string
}

export type FromMatchWorker =
  | ({ type: 'progress'; phase: MatchPhase } & MatchCounts)
  | { type: 'done'; summary: MatchSummary; stored: boolean }
  | { type: 'failed'; error: AppError | null; message: string }

/** Progress of a run as it enters each phase. */
export type MatchPhaseListener = (phase: MatchPhase, counts: MatchCounts) => void

/**
 * Runs a match job somewhere other than the host's thread (a worker for the web host and the Electron
 * main, whose event loop must stay free) and resolves with its summary once it is stored. Rejects with
 * MATCH_CANCELLED on `signal`, after the run has stopped and anything it had begun to store is undone.
 */
export type MatchRunner = (
  job: MatchJob,
  options: { signal?: AbortSignal; onPhase?: MatchPhaseListener },
) => Promise<MatchSummary>

/** The calls that record decisions: a host with a decision runner makes them in the match worker. */
export type DecisionCallName =
  'match:decide' | 'match:undo' | 'match:accept-domain' | 'match:accept-bulk' | 'match:undo-batch'

/** The first message to a worker that stays for decisions (rather than one match job). */
export interface DecisionWorkerStart {
  type: 'decisions'
  dbPath: string
  nativeBinding?: string
  version: string
}

export type ToDecisionWorker =
  | { type: 'call'; id: number; name: DecisionCallName; request: unknown; now: string }
  /** Build what decisions rest on (the plan's basis) ahead of the first one, when Review opens. */
  | { type: 'prepare'; integrationId: string; now: string }

export type FromDecisionWorker = { type: 'answer'; id: number; result: Result<unknown> }

/**
 * Decisions made off the host's thread (docs/architecture.md, "Decisions"): one worker per host keeps
 * the plan's basis and the kept lists between decisions, on its own connection, and records each
 * decision with its rematch and lists in its own write transaction.
 */
export interface DecisionRunner {
  call<N extends DecisionCallName>(
    name: N,
    request: ApiRequest<N>,
    now: Date,
  ): Promise<Result<ApiResponses[N]>>
  prepare(integrationId: string, now: Date): void
  /** Resolves once no decision sent is still unanswered: a read after it then sees it stored. */
  settled(): Promise<void>
  close(): Promise<void>
}
