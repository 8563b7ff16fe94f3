import { describe, expect, it } from 'vitest'
import {
  problems,
  refusalMessage,
  sortProblems,
  toCsvProblems,
} from '../../../src/main/core/legacy/csvProblems'

describe('refusalMessage', () => {
  it('counts problems by group in file order and quotes the first', () => {
    const sorted = sortProblems([
      problems.fieldCount(8, 5, 6),
      problems.duplicateUserId(9, '0043', 4),
      problems.duplicateUserId(7, '0042', 3),
    ])
    expect(refusalMessage('people.csv', sorted)).toBe(
      'people.csv refused: 3 problems (2 duplicate user ids, 1 row with 5 fields instead of 6); ' +
        'first: line 7: duplicate user id 0042 (also on line 3)',
    )
  })

  it('keeps different field counts apart and uses singular forms', () => {
    const sorted = sortProblems([
      problems.fieldCount(2, 1, 3),
      problems.fieldCount(3, 4, 3),
      problems.fieldCount(4, 4, 3),
      problems.missingUserId(5, 'User ID'),
    ])
    expect(refusalMessage('a.csv', sorted)).toBe(
      'a.csv refused: 4 problems (1 row with 1 field instead of 3, 2 rows with 4 fields instead of 3, ' +
        '1 row without a user id); first: line 2: 1 field instead of 3',
    )
  })

  it('describes a single file-level problem', () => {
    expect(refusalMessage('e.csv', [problems.empty(1, 'the file is empty')])).toBe(
      'e.csv refused: 1 problem (no user rows); first: line 1: the file is empty',
    )
  })
})

describe('toCsvProblems', () => {
  it('keeps line, kind and reason only', () => {
    expect(toCsvProblems([problems.duplicateUserId(7, '0042', 3)])).toEqual([
      { line: 7, kind: 'duplicate_user_id', reason: 'duplicate user id 0042 (also on line 3)' },
    ])
  })
})
