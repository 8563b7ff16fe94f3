/**
 * The calls a host has under way, so that shutting down can tell them to stop (through their
 * AbortSignal) and give them a moment to record how they ended before the database closes. The
 * Electron host and the web host both use it.
 */
export interface CallTracker {
  /** Remembers the call until it settles; returns it unchanged. */
  track<T>(call: Promise<T>): Promise<T>
  /** Resolves when every call under way has settled, or after maxWaitMs, whichever comes first. */
  whenIdle(maxWaitMs: number): Promise<void>
}

/**
 * How long shutdown waits for a cancelled sync to record its outcome: the writer's rollback and one
 * UPDATE of its run row take milliseconds, so this only matters when the machine is badly stuck.
 */
export const SHUTDOWN_GRACE_MS = 5000

export function createCallTracker(): CallTracker {
  const inFlight = new Set<Promise<unknown>>()
  return {
    track(call) {
      inFlight.add(call)
      const forget = () => inFlight.delete(call)
      call.then(forget, forget)
      return call
    },
    async whenIdle(maxWaitMs) {
      let timer: ReturnType<typeof setTimeout> | undefined
      const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))
      try {
        await Promise.race([Promise.allSettled([...inFlight]), timedOut])
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
