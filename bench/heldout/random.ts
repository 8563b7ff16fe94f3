import { mulberry32 } from '../../src/main/core/demo/random'

export { stripDiacritics, transcribeDiacritics } from '../../src/main/core/demo/asciiFold'

/**
 * The held-out data sets' view of the fixtures' one seeded random source (src/main/core/demo/random.ts),
 * so every run with the same seed builds the same data. Only the mechanics are shared: the held-out
 * name tables and drift model stay apart from the data the matcher was developed on.
 */
export class Random {
  /** Uniform in [0, 1). */
  readonly next: () => number

  constructor(seed: number) {
    // Scramble the seed (a splitmix32 step) so that nearby seeds do not start with correlated draws.
    let z = (seed + 0x9e3779b9) >>> 0
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    this.next = mulberry32((z ^ (z >>> 16)) >>> 0)
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)]!
  }

  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][]
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [key, weight] of entries) {
      roll -= weight
      if (roll < 0) return key
    }
    return entries[entries.length - 1]![0]
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[items[i], items[j]] = [items[j]!, items[i]!]
    }
    return items
  }
}

/**
 * Samples list positions with Zipf-Mandelbrot weights 1 / (rank + offset)^exponent: real name frequencies
 * fall off roughly like this (a few very common names, a long tail). The offset flattens the head, because
 * our lists are far shorter than a country's full name register and the first entry would otherwise take
 * a share no real name has.
 */
export class ZipfSampler<T> {
  private readonly cumulative: number[] = []

  constructor(
    readonly items: readonly T[],
    exponent: number,
    offset: number,
  ) {
    let sum = 0
    for (let rank = 1; rank <= items.length; rank++) {
      sum += 1 / Math.pow(rank + offset, exponent)
      this.cumulative.push(sum)
    }
  }

  sample(random: Random): T {
    const total = this.cumulative[this.cumulative.length - 1]!
    const roll = random.next() * total
    let low = 0
    let high = this.cumulative.length - 1
    while (low < high) {
      const mid = (low + high) >> 1
      if (this.cumulative[mid]! > roll) high = mid
      else low = mid + 1
    }
    return this.items[low]!
  }
}
