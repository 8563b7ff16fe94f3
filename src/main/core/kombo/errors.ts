/**
 * What went wrong talking to Kombo, classified by what the sync should do about it.
 * Kombo says to branch on `error.code`, not on the message; the HTTP status decides only when the
 * body carries no code (load balancers, the older first-sync 503).
 */
export type KomboFailureKind =
  | 'first_sync_pending' // wait with backoff: Kombo's first sync has not finished
  | 'not_ready' // setup incomplete / QA failed: a person must finish the integration's setup
  | 'rate_limited' // 429: wait as told, then retry the same cursor
  | 'server' // 5xx or a load balancer 503: retry with backoff
  | 'transport' // reset, truncated or unparsable body: retry with backoff
  | 'timeout' // no complete answer within the request deadline: retry once, then stop
  | 'refused' // a response no Kombo server sends (oversized, too deeply nested, a redirect): stop
  | 'unreachable' // DNS failure, connection refused: retry briefly, then explain
  | 'auth' // 401: the API key is wrong
  | 'permission' // 403: the key or integration lacks a permission
  | 'not_found' // 404: unknown integration (or wrong base URL)
  | 'input_invalid' // 400 / *.INPUT_INVALID: a bug or a bad cursor; retrying will not help
  | 'other'

export class KomboError extends Error {
  readonly kind: KomboFailureKind
  readonly status: number | null
  readonly komboCode: string | null
  readonly logUrl: string | null
  /** How long the server asked us to wait (Retry-After / ratelimit-reset), in ms. */
  readonly retryAfterMs: number | null

  constructor(
    kind: KomboFailureKind,
    message: string,
    details: {
      status?: number | null
      komboCode?: string | null
      logUrl?: string | null
      retryAfterMs?: number | null
    } = {},
  ) {
    super(message)
    this.name = 'KomboError'
    this.kind = kind
    this.status = details.status ?? null
    this.komboCode = details.komboCode ?? null
    this.logUrl = details.logUrl ?? null
    this.retryAfterMs = details.retryAfterMs ?? null
  }
}

const FIRST_SYNC_PENDING_CODE = 'INTEGRATION.SETUP_SYNC_PENDING'
const NOT_READY_CODES = new Set([
  'INTEGRATION.SETUP_INCOMPLETE',
  'INTEGRATION.QA_FAILED',
  'INTEGRATION.INACTIVE',
])
const RATE_LIMIT_CODES = new Set([
  'PLATFORM.RATE_LIMIT_EXCEEDED',
  'REMOTE.RATE_LIMIT_EXCEEDED',
  'PLATFORM.CONCURRENCY_LIMIT_EXCEEDED',
])
const RETRYABLE_REMOTE_CODES = new Set([
  'REMOTE.SERVICE_UNAVAILABLE',
  'PLATFORM.TASK_TIMED_OUT',
  'PLATFORM.UNKNOWN_ERROR',
])

export interface KomboErrorBody {
  code: string | null
  title: string | null
  message: string | null
  logUrl: string | null
}

/** Reads Kombo's error envelope defensively: older errors carry only `message`. */
export function readErrorBody(text: string): KomboErrorBody | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const error = (parsed as { error?: unknown }).error
  if (typeof error !== 'object' || error === null) return null
  const field = (key: string): string | null => {
    const value = (error as Record<string, unknown>)[key]
    return typeof value === 'string' && value !== '' ? value : null
  }
  return { code: field('code'), title: field('title'), message: field('message'), logUrl: field('log_url') }
}

export function classifyHttpFailure(status: number, body: KomboErrorBody | null): KomboFailureKind {
  const code = body?.code ?? null
  if (code === FIRST_SYNC_PENDING_CODE) return 'first_sync_pending'
  if (code && NOT_READY_CODES.has(code)) return 'not_ready'
  if (code && RATE_LIMIT_CODES.has(code)) return 'rate_limited'
  if (code && RETRYABLE_REMOTE_CODES.has(code)) return 'server'
  if (code?.endsWith('.INPUT_INVALID')) return 'input_invalid'
  if (status === 429) return 'rate_limited'
  if (status === 401 || code?.endsWith('AUTHENTICATION_INVALID')) return 'auth'
  if (status === 403) return 'permission'
  if (status === 404) return 'not_found'
  // The first-sync 503 from before 2026-05-19 had a JSON envelope with only a message and no code;
  // a load balancer's 503 has no Kombo envelope at all and is a plain retryable server error.
  if (status === 503 && body !== null && code === null) return 'first_sync_pending'
  if (status >= 500) return 'server'
  if (status === 400 || status === 422) return 'input_invalid'
  // Redirects are never followed: the API key must not travel to wherever a response points.
  if (status >= 300 && status < 400) return 'refused'
  return 'other'
}
