/**
 * Errors cross every boundary (IPC, HTTP, CLI) as data, never as thrown exceptions.
 * `code` is stable and machine-readable; `message` is one sentence a specialist understands,
 * naming the cause and what to do next.
 */
export type ErrorCode =
  | 'INPUT_INVALID'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'API_KEY_MISSING'
  | 'KOMBO_AUTH_INVALID'
  | 'KOMBO_PERMISSION_MISSING'
  | 'KOMBO_INTEGRATION_NOT_FOUND'
  | 'KOMBO_FIRST_SYNC_PENDING'
  | 'KOMBO_INTEGRATION_NOT_READY'
  | 'KOMBO_INPUT_INVALID'
  | 'KOMBO_UNREACHABLE'
  | 'KOMBO_RETRIES_EXHAUSTED'
  | 'KOMBO_ERROR'
  | 'KOMBO_TIMEOUT'
  | 'KOMBO_RESPONSE_REFUSED'
  | 'KOMBO_PAGINATION_BROKEN'
  | 'KOMBO_BASE_URL_UNTRUSTED'
  | 'SYNC_DEADLINE_PASSED'
  | 'SYNC_CANCELLED'
  | 'MATCH_CANCELLED'
  | 'SYNC_IN_PROGRESS'
  | 'DB_TOO_NEW'
  | 'DB_ERROR'
  | 'CSV_INVALID'
  | 'ACCESS_TOKEN_INVALID'
  | 'INTERNAL'

export interface AppError {
  code: ErrorCode
  message: string
  /** Kombo's own error code (e.g. `INTEGRATION.SETUP_SYNC_PENDING`) when the error came from Kombo. */
  komboCode?: string | null
  /** Kombo's log URL for this request, when it gave one. */
  logUrl?: string | null
  /** Structured detail for reports (e.g. the problem rows of a refused CSV). */
  details?: unknown
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const err = <T = never>(
  code: ErrorCode,
  message: string,
  extra: Omit<AppError, 'code' | 'message'> = {},
): Result<T> => ({ ok: false, error: { code, message, ...extra } })

/** An exception that carries an AppError; core code throws it, use-case boundaries turn it into a Result. */
export class AppFailure extends Error {
  readonly error: AppError
  constructor(error: AppError) {
    super(error.message)
    this.name = 'AppFailure'
    this.error = error
  }
}

/**
 * The one sentence to show for anything caught at a host's edge: an AppFailure's own message, an
 * Error's message, or the thrown value as text. Never a stack.
 */
export function messageOf(cause: unknown): string {
  if (cause instanceof AppFailure) return cause.error.message
  return cause instanceof Error ? cause.message : String(cause)
}

export const fail = (
  code: ErrorCode,
  message: string,
  extra: Omit<AppError, 'code' | 'message'> = {},
): never => {
  throw new AppFailure({ code, message, ...extra })
}
