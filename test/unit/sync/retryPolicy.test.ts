import { describe, expect, it } from 'vitest'
import { KomboError } from '../../../src/main/core/kombo/errors'
import {
  RetriesExhausted,
  defaultRetryPolicy,
  withRetries,
  type WaitNotice,
} from '../../../src/main/core/sync/retryPolicy'

const fast = { ...defaultRetryPolicy, random: () => 0.5 }

/** A request that fails with the given errors in turn, then succeeds. */
function failingThen<T>(errors: KomboError[], value: T) {
  let calls = 0
  return {
    attempt: async () => {
      const error = errors[calls]
      calls += 1
      if (error) throw error
      return value
    },
    calls: () => calls,
  }
}

describe('withRetries', () => {
  it('waits for the first sync with backoff doubling from 1 s to 60 s', async () => {
    const pending = Array.from({ length: 8 }, () => new KomboError('first_sync_pending', 'pending'))
    const source = failingThen(pending, 'done')
    const waits: WaitNotice[] = []
    const policy = { ...fast, firstSyncInitialMs: 1, firstSyncMaxMs: 60 }
    const outcome = await withRetries(source.attempt, policy, (w) => waits.push(w))
    expect(outcome.value).toBe('done')
    expect(waits.map((w) => w.ms)).toEqual([1, 2, 4, 8, 16, 32, 60, 60])
    expect(waits.every((w) => w.reason === 'first_sync_pending')).toBe(true)
  })

  it('stops at once while the first sync is pending when told not to wait', async () => {
    const source = failingThen([new KomboError('first_sync_pending', 'pending')], 'done')
    await expect(withRetries(source.attempt, { ...fast, noWait: true }, () => {})).rejects.toMatchObject({
      kind: 'first_sync_pending',
    })
    expect(source.calls()).toBe(1)
  })

  it('honours the server-given wait on 429', async () => {
    const source = failingThen([new KomboError('rate_limited', 'slow down', { retryAfterMs: 7 })], 'ok')
    const waits: WaitNotice[] = []
    await withRetries(source.attempt, fast, (w) => waits.push(w))
    expect(waits).toEqual([expect.objectContaining({ reason: 'rate_limited', ms: 7 })])
  })

  it('retries transient failures with jittered backoff and gives up after the attempt budget', async () => {
    const failures = Array.from({ length: 10 }, () => new KomboError('server', 'HTTP 500'))
    const source = failingThen(failures, 'never')
    const waits: WaitNotice[] = []
    const policy = { ...fast, retryBaseMs: 2, retryMaxMs: 16, maxAttempts: 4 }
    await expect(withRetries(source.attempt, policy, (w) => waits.push(w))).rejects.toBeInstanceOf(
      RetriesExhausted,
    )
    expect(source.calls()).toBe(4)
    // ceiling 2, 4, 8 with equal jitter at random() = 0.5 -> three quarters of the ceiling
    expect(waits.map((w) => w.ms)).toEqual([2, 3, 6])
  })

  it('does not retry what a retry cannot fix', async () => {
    for (const kind of [
      'auth',
      'permission',
      'not_found',
      'input_invalid',
      'not_ready',
      'refused',
    ] as const) {
      const source = failingThen([new KomboError(kind, kind)], 'x')
      await expect(withRetries(source.attempt, fast, () => {})).rejects.toMatchObject({ kind })
      expect(source.calls()).toBe(1)
    }
  })

  it('tries a request that ran past its deadline twice in all, not eight times', async () => {
    const timeouts = Array.from({ length: 8 }, () => new KomboError('timeout', 'no complete answer'))
    const source = failingThen(timeouts, 'x')
    const policy = { ...fast, retryBaseMs: 1, retryMaxMs: 1 }
    await expect(withRetries(source.attempt, policy, () => {})).rejects.toMatchObject({
      attempts: 2,
      last: { kind: 'timeout' },
    })
    expect(source.calls()).toBe(2)
  })

  it('can be cancelled during a wait', async () => {
    const controller = new AbortController()
    const source = failingThen([new KomboError('first_sync_pending', 'p')], 'x')
    const promise = withRetries(
      source.attempt,
      { ...fast, firstSyncInitialMs: 60_000 },
      () => controller.abort(new Error('stop')),
      controller.signal,
    )
    await expect(promise).rejects.toThrow('stop')
  })
})
