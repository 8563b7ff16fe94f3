import { describe, expect, it } from 'vitest'
import { PairMemo } from '../../../src/main/core/match/pairMemo'

describe('PairMemo', () => {
  it('gives each ordered pair its own index and finds it again, through collisions', () => {
    const memo = new PairMemo(1 << 11)
    expect(memo.capacity).toBe(1 << 10)
    const indexOf = new Map<string, number>()
    // 1,000 pairs in 2,048 slots: many land on a taken slot and are probed past it.
    for (let a = 0; a < 40; a++) {
      for (let b = 0; b < 25; b++) {
        expect(memo.find(a * 7919, b)).toBe(-1)
        indexOf.set(`${a * 7919}/${b}`, memo.add(a * 7919, b))
      }
    }
    expect(new Set(indexOf.values()).size).toBe(1_000)
    expect(Math.max(...indexOf.values())).toBe(999)
    for (const [pair, index] of indexOf) {
      const [a, b] = pair.split('/').map(Number)
      expect(memo.find(a!, b!)).toBe(index)
    }
    // Ordered: (b, a) is another pair.
    expect(memo.find(1, 7919)).toBe(-1)
  })

  it('forgets every pair once full, and numbers from zero again', () => {
    const memo = new PairMemo(16)
    for (let pair = 0; pair < 8; pair++) {
      expect(memo.find(pair, pair + 1)).toBe(-1)
      expect(memo.add(pair, pair + 1)).toBe(pair)
    }
    expect(memo.find(8, 9)).toBe(-1)
    expect(memo.add(8, 9)).toBe(-1)
    for (let pair = 0; pair < 9; pair++) expect(memo.find(pair, pair + 1)).toBe(-1)
    expect(memo.add(8, 9)).toBe(0)
    expect(memo.find(8, 9)).toBe(0)
  })
})
