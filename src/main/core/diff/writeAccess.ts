import { fail } from '../../../shared/result'
import type { Database } from '../store/database'
import { pluckedInteger } from '../store/rows'

/**
 * How long a plan's bookkeeping write may wait for the write lock. A sync holds that lock for its whole
 * run (it commits once, at the end), which can be minutes: showing the lists must not wait for it, and
 * a short wait still rides over the brief writes of matching or an import.
 */
export const BOOKKEEPING_WAIT_MS = 250

function isBusy(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED'
}

/**
 * Runs a write that may be skipped: when another connection holds the write lock past
 * BOOKKEEPING_WAIT_MS, the write is dropped and false returned. Used to keep a computed plan, which the
 * next computation writes again.
 */
export function writeIfFree(db: Database, write: () => void): boolean {
  const previous = pluckedInteger(db.pragma('busy_timeout', { simple: true }), 'busy_timeout')
  db.pragma(`busy_timeout = ${BOOKKEEPING_WAIT_MS}`)
  try {
    db.transaction(write).immediate()
    return true
  } catch (cause) {
    if (isBusy(cause)) return false
    throw cause
  } finally {
    db.pragma(`busy_timeout = ${previous}`)
  }
}

/**
 * Runs a write the specialist asked for (a confirmation, a setting, an imported webhook) in one
 * transaction, waiting the connection's usual time; a running sync that keeps the lock becomes an
 * error that says to try again, rather than "database is locked".
 */
export function writeOrExplain<T>(db: Database, write: () => T): T {
  try {
    return db.transaction(write).immediate()
  } catch (cause) {
    if (!isBusy(cause)) throw cause
    return fail(
      'SYNC_IN_PROGRESS',
      'a sync is writing to this database right now; try again when it has finished',
    )
  }
}
