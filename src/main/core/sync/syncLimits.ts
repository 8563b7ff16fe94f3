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
  /** Pages in one run: 4,000 pages of 250 are a million employees, beyond any company Kombo serves. */
  maxPages: number
  /** Kombo's cursors are short opaque tokens; a cursor that could not fit in a URL is refused. */
  maxCursorChars: number
}

export const defaultSyncLimits: SyncLimits = {
  ...defaultResponseLimits,
  // A real page takes well under a second and a 200-page company syncs in minutes; the base leaves room
  // for a few rate-limit waits, and the per-page share makes a server that answers each page just
  // inside the request deadline still reach the run's end.
  runBaseMs: 15 * 60_000,
  runPerPageMs: 15_000,
  maxPages: 4_000,
  maxCursorChars: 16 * 1024,
}

/**
 * Deadlines set from the environment, so tests and operators can shorten them without a flag in every
 * command: KOMBO_RECONCILE_REQUEST_DEADLINE_MS (one request, headers and body),
 * KOMBO_RECONCILE_RUN_DEADLINE_MS (the run's base deadline) and KOMBO_RECONCILE_RUN_PER_PAGE_MS (what
 * each page adds to it). Values that are not positive integers are ignored.
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
  const perPage = read('KOMBO_RECONCILE_RUN_PER_PAGE_MS')
  if (perPage !== null) limits.runPerPageMs = perPage
  return limits
}
