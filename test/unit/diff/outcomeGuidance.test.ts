import { describe, expect, it } from 'vitest'
import { guidanceFor, isSyncOutcome } from '../../../src/main/core/diff/outcomeGuidance'
import type { SyncOutcome } from '../../../src/shared/dto/sync'

describe('guidanceFor', () => {
  const expected: [SyncOutcome, boolean, 'none' | 'kombo' | 'customer'][] = [
    ['SUCCEEDED', true, 'none'],
    ['PARTIALLY_FAILED', true, 'kombo'],
    ['CANCELLED', false, 'kombo'],
    ['FAILED', false, 'kombo'],
    ['TIMED_OUT', false, 'kombo'],
    ['AUTHENTICATION_FAILED', false, 'customer'],
    ['FIRST_SYNC_PENDING', false, 'none'],
    ['RUNNING', false, 'none'],
  ]

  it.each(expected)(
    '%s: usable %s, fixable by %s, with its own explanation and next step',
    (outcome, usable, by) => {
      const guidance = guidanceFor(outcome)
      expect(guidance).toMatchObject({ outcome, usable, fixableBy: by })
      expect(guidance.explanation.length).toBeGreaterThan(20)
      expect(guidance.nextStep.length).toBeGreaterThan(20)
    },
  )

  it('gives every outcome a different explanation and next step', () => {
    const all = expected.map(([outcome]) => guidanceFor(outcome))
    expect(new Set(all.map((g) => g.explanation)).size).toBe(all.length)
    expect(new Set(all.map((g) => g.nextStep)).size).toBe(all.length)
  })

  it('tells the specialist that the last good lists stand whenever a sync is unusable', () => {
    for (const outcome of ['CANCELLED', 'FAILED', 'TIMED_OUT', 'AUTHENTICATION_FAILED'] as const) {
      expect(guidanceFor(outcome).nextStep).toMatch(/last successful sync stay in force/)
    }
  })

  it('recognises the outcome vocabulary and nothing else', () => {
    expect(isSyncOutcome('TIMED_OUT')).toBe(true)
    expect(isSyncOutcome('timed_out')).toBe(false)
    expect(isSyncOutcome('EXPLODED')).toBe(false)
  })
})
