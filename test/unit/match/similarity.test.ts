import { describe, expect, it } from 'vitest'
import { damerauLevenshtein, jaroWinkler } from '../../../src/main/core/match/similarity'

describe('damerauLevenshtein', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(damerauLevenshtein('smith', 'smith', 2)).toBe(0)
    expect(damerauLevenshtein('smith', 'smyth', 2)).toBe(1)
    expect(damerauLevenshtein('smith', 'smtih', 2)).toBe(1)
    expect(damerauLevenshtein('smith', 'smiths', 2)).toBe(1)
    expect(damerauLevenshtein('smith', 'mith', 2)).toBe(1)
    expect(damerauLevenshtein('kowalczyk', 'kowalcsik', 2)).toBe(2)
  })

  it('agrees with the one-edit shortcut when the limit is one', () => {
    const pairs: Array<[string, string]> = [
      ['martha', 'marhta'],
      ['anna', 'anne'],
      ['anna', 'ann'],
      ['jonas', 'jonah'],
      ['peter', 'petra'],
      ['abc', 'cba'],
    ]
    for (const [a, b] of pairs) {
      expect(damerauLevenshtein(a, b, 1)).toBe(Math.min(damerauLevenshtein(a, b, 5), 2))
    }
  })

  it('stops at the limit', () => {
    expect(damerauLevenshtein('alexander', 'zachary', 2)).toBe(3)
    expect(damerauLevenshtein('li', 'alexander', 1)).toBe(2)
  })
})

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3)
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2)
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3)
  })

  it('is 1 for equal and 0 for disjoint words', () => {
    expect(jaroWinkler('anna', 'anna')).toBe(1)
    expect(jaroWinkler('abc', 'xyz')).toBe(0)
    expect(jaroWinkler('', 'abc')).toBe(0)
  })
})
