import { describe, expect, it } from 'vitest'
import type { MatchResult } from '../../../src/shared/dto/match'
import { resultDetailJson, resultJson } from '../../../src/main/core/match/resultJson'

function result(overrides: Partial<MatchResult> = {}): MatchResult {
  return {
    user_id: '=HYPERLINK("x")',
    status: 'suggested',
    method: 'fuzzy',
    kombo_id: 'K\u00e9"1',
    score: 0.9308,
    reasons: ['last name "Schr\u00f6der" equal', 'line\nbreak', '\ud800'],
    candidates: [
      {
        kombo_id: 'K\u00e9"1',
        score: 0.9308,
        method: 'fuzzy',
        reasons: ['first name equal'],
        evidence: [{ field: 'given_name', level: 'equal', weight: 6.9 }],
      },
    ],
    conflicts: [],
    ...overrides,
  }
}

describe('the JSON of a stored result', () => {
  it('is exactly JSON.stringify of the result once its detail is stored', () => {
    const samples = [
      result(),
      result({ kombo_id: null, status: 'unmatched', method: 'none', score: 0, candidates: [] }),
      result({ score: 1e-7, conflicts: ['hris_id 1 is shared by several users'] }),
      result({ score: Number.NaN }),
    ]
    for (const sample of samples) {
      const detail = resultDetailJson(sample)
      expect(JSON.parse(detail)).toEqual({
        reasons: sample.reasons,
        candidates: sample.candidates,
        conflicts: sample.conflicts,
      })
      expect(resultJson(sample)).toBe(JSON.stringify(sample))
    }
  })

  it('serialises a result of another shape, or one never stored, as it is', () => {
    const listed = { ...result(), candidateCount: 3 }
    resultDetailJson(listed)
    expect(resultJson(listed)).toBe(JSON.stringify(listed))
    const { status, ...others } = result()
    const reordered: MatchResult = { status, ...others }
    const { user_id: _id, ...rest } = result()
    const withoutId = rest as unknown as MatchResult
    for (const sample of [reordered, withoutId, result({ kombo_id: undefined as unknown as null })]) {
      resultDetailJson(sample)
      expect(resultJson(sample)).toBe(JSON.stringify(sample))
    }
    const fresh = result()
    expect(resultJson(fresh)).toBe(JSON.stringify(fresh))
  })
})
