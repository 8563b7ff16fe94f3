/**
 * A small seeded random source for the held-out data sets (mulberry32), so every run with the same seed
 * builds the same data. Kept apart from the app's demo generator on purpose: the held-out sets must not
 * share code or tables with the data the matcher was developed on.
 */
export class Random {
  private state: number

  constructor(seed: number) {
    // Scramble the seed (a splitmix32 step) so that nearby seeds do not start with correlated draws.
    let z = (seed + 0x9e3779b9) >>> 0
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    this.state = (z ^ (z >>> 16)) >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
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

/** Removes diacritics the way most legacy tools and address systems do (Müller -> Muller, Łukasz -> Lukasz). */
export function stripDiacritics(text: string): string {
  const special: Record<string, string> = {
    ł: 'l',
    Ł: 'L',
    ø: 'o',
    Ø: 'O',
    đ: 'd',
    Đ: 'D',
    ß: 'ss',
    ı: 'i',
    æ: 'ae',
    Æ: 'AE',
  }
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁøØđĐßıæÆ]/g, (char) => special[char] ?? char)
}

/** German-style transcription (Müller -> Mueller, Jörg -> Joerg, Sørensen -> Soerensen), then the rest stripped. */
export function transcribeDiacritics(text: string): string {
  const umlauts: Record<string, string> = {
    ä: 'ae',
    ö: 'oe',
    ü: 'ue',
    Ä: 'Ae',
    Ö: 'Oe',
    Ü: 'Ue',
    ø: 'oe',
    Ø: 'Oe',
    å: 'aa',
    Å: 'Aa',
  }
  return stripDiacritics(text.replace(/[äöüÄÖÜøØåÅ]/g, (char) => umlauts[char] ?? char))
}
