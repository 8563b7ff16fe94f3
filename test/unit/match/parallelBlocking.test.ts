import { describe, expect, it } from 'vitest'
import { NICKNAMES } from '../../../src/main/core/demo/generateCompany'
import { CandidateIndex } from '../../../src/main/core/match/candidateIndex'
import { FIELD_COUNT } from '../../../src/main/core/match/linkageModel'
import { buildMatchBasis, poolSizeOf } from '../../../src/main/core/match/planBasis'
import { compareIntoArrays, type PairStore } from '../../../src/main/core/match/pairs'
import { employeeKeys, legacyKeys } from '../../../src/main/core/match/prepared'
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

  it("stores each user's own pool and comparisons in file order, though users are answered by name", () => {
    const { context, legacy: entries, store } = buildMatchBasis(employees, legacy, { parallel: true })
    const index = new CandidateIndex(context.employees.map(employeeKeys))
    const poolSize = poolSizeOf(context)
    const compared = {
      levels: new Uint8Array(FIELD_COUNT),
      arrangement: new Uint8Array(1),
      nameSimilarity: new Float64Array(1),
    }
    const wrong: string[] = []
    entries.forEach((entry, user) => {
      const { start, end } = store.pairsOf(user)
      const pool = index.query(legacyKeys(entry), poolSize(entry))
      if (JSON.stringify([...store.employee.subarray(start, end)]) !== JSON.stringify(pool))
        wrong.push(`${user}: pool`)
      pool.forEach((employee, at) => {
        compareIntoArrays(context, entry, context.employees[employee]!, compared, 0)
        const pair = start + at
        const levels = [...store.levels.subarray(pair * FIELD_COUNT, (pair + 1) * FIELD_COUNT)]
        if (JSON.stringify(levels) !== JSON.stringify([...compared.levels])) wrong.push(`${user}: levels`)
        if (store.arrangement[pair] !== compared.arrangement[0]) wrong.push(`${user}: arrangement`)
        if (!Object.is(store.nameSimilarity[pair], compared.nameSimilarity[0])) wrong.push(`${user}: names`)
      })
    })
    expect(store.spare).toBeGreaterThan(entries.length)
    expect(wrong).toEqual([])
  })
})
