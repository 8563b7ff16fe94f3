import { describe, expect, it } from 'vitest'
import type { MatchResult, MatchStatus } from '../../../src/shared/dto/match'
import { fileOrderOf } from '../../../src/renderer/src/stores/review/listModel'
import { statusListsAfter, statusListsOf } from '../../../src/renderer/src/stores/review/statusLists'

/** The status tabs' lists kept up to date for the rows a decision changes, without filtering them all. */
function row(userId: string, status: MatchStatus): MatchResult {
  return {
    user_id: userId,
    status,
    method: status === 'unmatched' ? 'none' : 'fuzzy',
    kombo_id: status === 'unmatched' ? null : `k-${userId}`,
    score: status === 'unmatched' ? 0 : 0.8,
    reasons: [],
    conflicts: [],
    candidates: [],
  }
}

const STATUSES: MatchStatus[] = ['matched', 'suggested', 'unmatched']
const results = Array.from({ length: 60 }, (_, at) => row(`U${1000 + at}`, STATUSES[at % 3]!))
const byUser = () => new Map(results.map((result) => [result.user_id, result]))

describe('status lists after decisions', () => {
  it('moves each changed user to its new list in file order, as the lists computed whole', () => {
    const resultByUser = byUser()
    let lists = statusListsOf(results, resultByUser)
    const order = fileOrderOf(results)
    // Every user once to each other status, one change at a time, as decisions and undos come.
    for (const [at, original] of results.entries()) {
      const next = STATUSES[(at + 1 + (at % 2)) % 3]!
      const before = resultByUser.get(original.user_id)!
      const after = row(original.user_id, next)
      resultByUser.set(after.user_id, after)
      lists = statusListsAfter(lists, [{ before, after }], order)
      expect(lists).toEqual(statusListsOf(results, resultByUser))
    }
  })

  it('leaves a list that already holds the user as it is, and finds a user the order does not know', () => {
    const resultByUser = byUser()
    const lists = statusListsOf(results, resultByUser)
    const order = fileOrderOf(results)
    const first = results[0]!
    // A row the lists have under another status than the one it says it had (a late answer, say).
    const stale = { before: row(first.user_id, 'suggested'), after: row(first.user_id, 'matched') }
    const after = statusListsAfter(lists, [stale], order)
    expect(after.matched).toBe(lists.matched)
    expect(after.matched.filter((id) => id === first.user_id)).toHaveLength(1)
    // Not in the file order (not in results): still taken out of the list it is in.
    const stranger = { ...lists, unmatched: [...lists.unmatched, 'U-extra'] }
    const moved = statusListsAfter(
      stranger,
      [{ before: row('U-extra', 'unmatched'), after: row('U-extra', 'matched') }],
      order,
    )
    expect(moved.unmatched).toEqual(lists.unmatched)
    expect(moved.matched.at(-1)).toBe('U-extra')
  })
})
