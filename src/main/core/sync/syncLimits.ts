import { defaultResponseLimits, type ResponseLimits } from '../kombo/client'

/**
 * Bounds that make every sync end, whatever the server at the other end does. A real company's sync
 * stays far inside each of them; a broken or hostile server meets one and the run stops as FAILED.
 */
export interface SyncLimits extends ResponseLimits {
  /**
   * The run's own deadline: this long after it starts, plus runPerPageMs for every page fetched so far
   * (so it grows with the company) and the time spent waiting for Kombo's first sync (which may take
   * hours and is waited for on purpose).
   */
  runBaseMs: number
  runPerPageMs: number
  /** Pages in one run: 10,000 pages of 250 are 2.5 million employees, beyond any company. */
  maxPages: number
  /** Kombo's cursors are short opaque tokens; a cursor that could not fit in a URL is refused. */
  maxCursorChars: number
}

export const defaultSyncLimits: SyncLimits = {
  ...defaultResponseLimits,
  runBaseMs: 10 * 60_000,
  runPerPageMs: 60_000,
  maxPages: 10_000,
  maxCursorChars: 16 * 1024,
}

/**
 * Deadlines set from the environment, so tests and operators can shorten them without a flag in every
 * command: KOMBO_RECONCILE_REQUEST_DEADLINE_MS (one request, headers and body) and
 * KOMBO_RECONCILE_RUN_DEADLINE_MS (the run's base deadline). Values that are not positive integers are
 * ignored.
 */
export function syncLimitsFromEnv(env: NodeJS.ProcessEnv): Partial<SyncLimits> {
  const limits: Partial<SyncLimits> = {}
  const read = (name: string): number | null => {
    const value = Number(env[name])
    return Number.isInteger(value) && value > 0 ? value : null
  }
  const request = read('KOMBO_RECONCILE_REQUEST_DEADLINE_MS')
  if (request !== null) limits.requestDeadlineMs = request
  const run = read('KOMBO_RECONCILE_RUN_DEADLINE_MS')
  if (run !== null) limits.runBaseMs = run
  return limits
}
