/**
 * mulberry32: a seeded PRNG with 32 bits of state, good enough statistical quality for sampling and fixtures
 * and fast (one multiply chain). The same seed gives the same sequence on every machine, so matching (which
 * samples random pairs) and the demo company are reproducible.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
