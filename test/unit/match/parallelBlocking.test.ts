import { describe, expect, it } from 'vitest'
import { NICKNAMES } from '../../../src/main/core/demo/generateCompany'
import { buildMatchBasis } from '../../../src/main/core/match/planBasis'
import type { PairStore } from '../../../src/main/core/match/pairs'
import { generatedEmployees } from '../../support/generatedEmployees'
import { generateLegacyExport } from '../../support/legacyExport'

/** Everything blocking and comparing leave in the store, as plain arrays. */
function contents(store: PairStore) {
  return {
    userStart: [...store.userStart],
    employee: [...store.employee],
    levels: [...store.levels],
    arrangement: [...store.arrangement],
    nameSimilarity: [...store.nameSimilarity],
    weight: [...store.weight],
    rank: [...store.rank],
  }
}

describe('blocking on two threads', () => {
  // More users than one run holds, so both threads answer runs, and one is left over at the end.
  const employees = generatedEmployees(31, 1_700)
  const legacy = generateLegacyExport(employees, { seed: 31 * 7919, nicknames: NICKNAMES }).users

  it('compares exactly the pools one thread compares, and the model rests on the same pairs', () => {
    const alone = buildMatchBasis(employees, legacy, { parallel: false })
    const shared = buildMatchBasis(employees, legacy, { parallel: true })
    expect(legacy.length).toBeGreaterThan(1_000)
    expect(alone.store.spare).toBeGreaterThan(legacy.length)
    expect(contents(shared.store)).toEqual(contents(alone.store))
    expect(shared.model).toEqual(alone.model)
  })
})
