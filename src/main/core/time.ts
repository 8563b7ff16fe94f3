/** A clock the tests can replace; core code never calls Date.now() directly for stored timestamps. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }
