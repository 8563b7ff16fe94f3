import type { Result } from '../../../shared/result'
import { AppFailure, messageOf } from '../../../shared/result'

/**
 * Runs a use-case body and turns whatever it throws into an error value: AppFailure keeps its code,
 * anything else becomes INTERNAL with a message that carries no stack and no personal data.
 */
export async function asResult<T>(body: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await body() }
  } catch (cause) {
    if (cause instanceof AppFailure) return { ok: false, error: cause.error }
    if (isDatabaseBusy(cause)) return { ok: false, error: DATABASE_BUSY }
    return { ok: false, error: { code: 'INTERNAL', message: `unexpected failure: ${messageOf(cause)}` } }
  }
}

/**
 * A sync keeps the database write-locked from its first page to its commit; another command that must
 * write meanwhile waits (busy_timeout) and then meets SQLITE_BUSY, which is that sync, not a fault.
 */
const DATABASE_BUSY = {
  code: 'SYNC_IN_PROGRESS',
  message:
    'a sync is writing to this database right now; wait for it to finish (or cancel it), then try again; nothing was changed',
} as const

export function isDatabaseBusy(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'))
}
