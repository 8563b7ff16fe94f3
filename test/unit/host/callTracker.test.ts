import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCallTracker } from '../../../src/main/host/callTracker'

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (cause: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('createCallTracker', () => {
  afterEach(() => vi.useRealTimers())

  it('passes each call through unchanged', async () => {
    const calls = createCallTracker()
    await expect(calls.track(Promise.resolve(42))).resolves.toBe(42)
    await expect(calls.track(Promise.reject(new Error('no')))).rejects.toThrow('no')
  })

  it('is idle at once with nothing under way', async () => {
    vi.useFakeTimers()
    const calls = createCallTracker()
    await calls.whenIdle(60_000)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('waits for every call under way, failed ones included, and leaves no timer behind', async () => {
    vi.useFakeTimers()
    const calls = createCallTracker()
    const first = deferred<string>()
    const second = deferred<string>()
    void calls.track(first.promise)
    calls.track(second.promise).catch(() => undefined)
    let idle = false
    const waiting = calls.whenIdle(60_000).then(() => (idle = true))
    first.resolve('done')
    await first.promise
    expect(idle).toBe(false)
    second.reject(new Error('cancelled'))
    await waiting
    expect(idle).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('gives up waiting after the grace period', async () => {
    vi.useFakeTimers()
    const calls = createCallTracker()
    void calls.track(new Promise(() => undefined))
    let idle = false
    const waiting = calls.whenIdle(5000).then(() => (idle = true))
    await vi.advanceTimersByTimeAsync(4999)
    expect(idle).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await waiting
    expect(idle).toBe(true)
  })

  it('does not wait for calls that started after the wait began', async () => {
    const calls = createCallTracker()
    const waiting = calls.whenIdle(60_000)
    void calls.track(new Promise(() => undefined))
    await waiting
  })
})
