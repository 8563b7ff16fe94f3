import type { MatchPhase, MatchSummary } from '../../../shared/dto/match'
import type { AppError } from '../../../shared/result'
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
