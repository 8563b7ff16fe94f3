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
    return { ok: false, error: { code: 'INTERNAL', message: `unexpected failure: ${messageOf(cause)}` } }
  }
}
