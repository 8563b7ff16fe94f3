import { describe, expect, it } from 'vitest'
import { CandidateIndex, nameBlockingKeys } from '../../../src/main/core/match/candidateIndex'
import { parsePersonName } from '../../../src/main/core/match/names'

function keysFor(first: string | null, last: string | null, full: string | null = null): Set<string> {
  const keys = new Set<string>()
  nameBlockingKeys(parsePersonName(first, last, full), keys)
  return keys
}

const people: Array<[string, string]> = [
  ['Robert', 'Müller'],
  ['Anna', 'Schmidt'],
  ['Chiara', 'Esposito'],
  ['Katharina', 'Smith'],
  ['John', 'Smith'],
  ['Jane', 'Smith'],
  ['Zeynep', 'Kılıç'],
]
const index = new CandidateIndex(people.map(([first, last]) => keysFor(first, last)))
const names = (found: number[]) => found.map((i) => people[i]!.join(' '))

describe('CandidateIndex', () => {
  it('finds a person by transliterated, mistyped or nicknamed words', () => {
    expect(names(index.query(keysFor('Robert', 'Mueller'), 3))[0]).toBe('Robert Müller')
    expect(names(index.query(keysFor('Robert', 'Muller'), 3))[0]).toBe('Robert Müller')
    expect(names(index.query(keysFor('Zeynep', 'Kilic'), 3))[0]).toBe('Zeynep Kılıç')
    expect(names(index.query(keysFor('Chiara', 'Espostio'), 3))[0]).toBe('Chiara Esposito')
    expect(names(index.query(keysFor('Bob', 'Mueller'), 3))[0]).toBe('Robert Müller')
  })

  it('ranks the right Smith first for an initial', () => {
    expect(
      names(index.query(keysFor(null, null, 'J. Smith'), 3))
        .slice(0, 2)
        .sort(),
    ).toEqual(['Jane Smith', 'John Smith'])
    expect(names(index.query(keysFor('Kathi', 'Smith'), 1))).toEqual(['Katharina Smith'])
  })

  it('indexes one-character names of scripts without initials', () => {
    const chinese = new CandidateIndex([keysFor('伟', '王'), keysFor('芳', '李')])
    expect(chinese.query(keysFor('伟', '王'), 2)[0]).toBe(0)
  })

  it('returns only employees that share a key, never everyone, and at most the pool size', () => {
    expect(index.query(keysFor('Xavier', 'Quesnel'), 10)).toEqual([])
    const smiths = index.query(keysFor('Someone', 'Smith'), 2)
    expect(smiths).toHaveLength(2)
    expect(names(smiths).every((n) => n.endsWith('Smith'))).toBe(true)
  })
})
