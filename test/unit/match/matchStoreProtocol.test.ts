import { describe, expect, it } from 'vitest'
import type { DiffLink } from '../../../src/main/core/diff/diffState'
import type { MatchResult } from '../../../src/shared/dto/match'
import { storedRowOf } from '../../../src/main/core/match/matchStore'
import {
  decodeLinks,
  encodeLinks,
  StoredRowDecoder,
  StoredRowEncoder,
} from '../../../src/main/core/match/matchStoreProtocol'

const remoteIdOf = (komboId: string) => (komboId === 'K-none' ? null : `R-${komboId}`)

/** Results as a run builds them, and the shapes around them: no evidence, empty lists, any text. */
const results: MatchResult[] = [
  {
    user_id: 'U1',
    status: 'matched',
    method: 'work_email',
    kombo_id: 'K1',
    score: 0.9996,
    reasons: ['work email equal'],
    candidates: [
      {
        kombo_id: 'K1',
        score: 0.9996,
        method: 'work_email',
        reasons: ['work email equal', 'first name equal'],
        evidence: [
          { field: 'work_email', level: 'equal', weight: 12.4 },
          { field: 'given_name', level: 'equal', weight: -0.3 },
        ],
      },
      { kombo_id: 'K2', score: 0.0012, method: 'fuzzy', reasons: [], evidence: [] },
    ],
    conflicts: [],
  },
  {
    user_id: 'U2',
    status: 'unmatched',
    method: 'none',
    kombo_id: null,
    score: 0,
    reasons: [],
    candidates: [],
    conflicts: ['no candidate'],
  },
  {
    user_id: 'Ü3 Zoë',
    status: 'suggested',
    method: 'fuzzy',
    kombo_id: 'K😀',
    score: 0.5,
    reasons: ['first name Zoë ~ Zoe', 'quoted "name" \\ and \u0000'],
    candidates: [
      // No evidence at all: the JSON leaves the key out.
      { kombo_id: 'K😀', score: 0.5, method: 'fuzzy', reasons: ['last name equal'] },
      {
        kombo_id: 'K-none',
        score: 0.25,
        method: 'email_domain_change',
        reasons: ['email local part "zoe" equal'],
        evidence: [{ field: 'work_email', level: 'local_part_moved', weight: 3.1 }],
      },
    ],
    conflicts: ['indistinguishable from K-none on the evidence: a person has to tell them apart'],
  },
  {
    // Matched to an employee without a remote_id, and a reason holding half a surrogate pair, which
    // UTF-8 cannot carry: the row made on this side crosses instead.
    user_id: 'U4',
    status: 'matched',
    method: 'remote_id',
    kombo_id: 'K-none',
    score: 1,
    reasons: ['first name \ud83d ~ X'],
    candidates: [
      {
        kombo_id: 'K-none',
        score: 1,
        method: 'remote_id',
        reasons: ["hris_id 7 equals the employee's remote_id"],
        evidence: [{ field: 'hris_id', level: 'equal', weight: 9 }],
      },
    ],
    conflicts: [],
  },
]

describe('what crosses to and from the match store thread as bytes', () => {
  it('hands over results as exactly the rows storedRowOf makes, batch by batch', () => {
    const encoder = new StoredRowEncoder()
    encoder.add(results[0]!, remoteIdOf)
    encoder.add(results[1]!, remoteIdOf)
    expect(encoder.rows).toBe(2)
    const first = encoder.take()
    for (const result of results.slice(2)) encoder.add(result, remoteIdOf)
    // A field, level or method seen in the first batch crosses as a number in the second.
    encoder.add(results[0]!, remoteIdOf)
    // Made into its row on this side, as when the store thread falls behind.
    encoder.add(results[2]!, remoteIdOf, true)
    const second = encoder.take()
    expect(encoder.rows).toBe(0)
    const decoder = new StoredRowDecoder()
    const rows = [...decoder.rows(first), ...decoder.rows(second)]
    const expected = [...results, results[0]!, results[2]!].map((result) => storedRowOf(result, remoteIdOf))
    expect(rows).toEqual(expected)
    // The linked remote_id and the detail as the run would store them itself.
    expect(rows[0]![9]).toBe('R-K1')
    expect(rows[3]![9]).toBeNull()
    expect(JSON.parse(rows[2]![5]).candidates[0]).not.toHaveProperty('evidence')
  })

  it('hands back the link history whole and in order, a missing remote_id included', () => {
    const links: DiffLink[] = Array.from({ length: 20_000 }, (_, at) => ({
      user_id: `U${at}`,
      kombo_id: `K${at % 7}`,
      remote_id: at % 3 === 0 ? null : `R-ß${at}`,
      last_linked_at: `2030-06-${String((at % 28) + 1).padStart(2, '0')}T09:00:00.000Z`,
    }))
    expect(decodeLinks(encodeLinks(links))).toEqual(links)
    expect(decodeLinks(encodeLinks([]))).toEqual([])
  })
})
