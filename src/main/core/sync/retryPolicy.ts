import type { WaitReason } from '../../../shared/dto/sync'
import { KomboError } from '../kombo/errors'

export interface RetryPolicy {
  /** Kombo's guide: poll while the first sync runs; 1 s doubling to 60 s (docs/architecture.md, Sync). */
  firstSyncInitialMs: number
  firstSyncMaxMs: number
  /** Give up waiting for the first sync after this long (it can take hours; default: never). */
  firstSyncGiveUpMs: number
  /** Transient failures (5xx, resets, truncated bodies): exponential backoff with full jitter. */
  retryBaseMs: number
  retryMaxMs: number
  maxAttempts: number
  /** A host that refuses connections or does not resolve is rarely transient: a few quick tries. */
  unreachableAttempts: number
  /**
   * A request that ran past its whole deadline is tried this many times in all: a second try on a fresh
   * connection rescues a stuck one, while a server that drips or never answers must not hold the sync
   * (and its write lock) for eight deadlines.
   */
  timeoutAttempts: number
  /** Waits for a rate limit longer than this are clamped (a bogus header must not stall a sync for hours). */
  maxRateLimitWaitMs: number
  /** Stop at once, instead of waiting, while Kombo's first sync is pending (CLI --no-wait). */
  noWait: boolean
  random: () => number
}

export const defaultRetryPolicy: RetryPolicy = {
  firstSyncInitialMs: 1_000,
  firstSyncMaxMs: 60_000,
  firstSyncGiveUpMs: Number.POSITIVE_INFINITY,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
  maxAttempts: 8,
  unreachableAttempts: 3,
  timeoutAttempts: 2,
  maxRateLimitWaitMs: 5 * 60_000,
  noWait: false,
  random: Math.random,
}

export interface WaitNotice {
  reason: WaitReason
  ms: number
  attempt: number
  message: string
}

/** Thrown when retrying stopped making sense; carries the last Kombo failure. */
export class RetriesExhausted extends Error {
  constructor(
    readonly last: KomboError,
    readonly attempts: number,
  ) {
    super(`gave up after ${attempts} attempts: ${last.message}`)
    this.name = 'RetriesExhausted'
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Runs one request until it succeeds, waiting as Kombo asks: first-sync pending polls with doubling
 * backoff, 429 honours Retry-After / ratelimit-reset, transient failures back off with jitter.
 * Failures a retry cannot fix (auth, permission, unknown integration, invalid input) are rethrown at once.
 */
export async function withRetries<T>(
  attemptRequest: () => Promise<T>,
  policy: RetryPolicy,
  onWait: (notice: WaitNotice) => void,
  signal?: AbortSignal,
): Promise<{ value: T; retries: number; waitedMs: number }> {
  let transientAttempts = 0
  let timeouts = 0
  let pendingWaits = 0
  let pendingWaitedMs = 0
  let retries = 0
  let waitedMs = 0
  for (;;) {
    try {
      const value = await attemptRequest()
      return { value, retries, waitedMs }
    } catch (cause) {
      if (!(cause instanceof KomboError)) throw cause
      let wait: WaitNotice
      switch (cause.kind) {
        case 'first_sync_pending': {
          if (policy.noWait || pendingWaitedMs >= policy.firstSyncGiveUpMs) throw cause
          const ms = Math.min(policy.firstSyncInitialMs * 2 ** pendingWaits, policy.firstSyncMaxMs)
          pendingWaits += 1
          pendingWaitedMs += ms
          wait = {
            reason: 'first_sync_pending',
            ms,
            attempt: pendingWaits,
            message: "waiting for Kombo's first sync",
          }
          break
        }
        case 'rate_limited': {
          transientAttempts += 1
          if (transientAttempts >= policy.maxAttempts) throw new RetriesExhausted(cause, transientAttempts)
          const told = cause.retryAfterMs
          const ms = Math.min(told ?? backoff(policy, transientAttempts), policy.maxRateLimitWaitMs)
          wait = { reason: 'rate_limited', ms, attempt: transientAttempts, message: 'rate limited by Kombo' }
          break
        }
        case 'server':
        case 'transport': {
          transientAttempts += 1
          if (transientAttempts >= policy.maxAttempts) throw new RetriesExhausted(cause, transientAttempts)
          const ms = backoff(policy, transientAttempts)
          const reason = cause.kind === 'server' ? 'server_error' : 'connection_error'
          wait = { reason, ms, attempt: transientAttempts, message: cause.message }
          break
        }
        case 'timeout': {
          timeouts += 1
          if (timeouts >= policy.timeoutAttempts) throw new RetriesExhausted(cause, timeouts)
          const ms = backoff(policy, timeouts)
          wait = { reason: 'connection_error', ms, attempt: timeouts, message: cause.message }
          break
        }
        case 'unreachable': {
          transientAttempts += 1
          if (transientAttempts >= policy.unreachableAttempts) throw cause
          const ms = backoff(policy, transientAttempts)
          wait = { reason: 'connection_error', ms, attempt: transientAttempts, message: cause.message }
          break
        }
        case 'not_ready':
        case 'auth':
        case 'permission':
        case 'not_found':
        case 'input_invalid':
        case 'refused':
        case 'other':
          throw cause
      }
      onWait(wait)
      await sleep(wait.ms, signal)
      retries += 1
      waitedMs += wait.ms
    }
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries never synchronise. */
function backoff(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + policy.random() * (ceiling / 2))
}
