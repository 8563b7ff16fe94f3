import { describe, expect, it } from 'vitest'
import {
  CandidateIndex,
  COMMON_KEY_POSTINGS,
  IDENTIFIER,
  IdentifierKey,
  nameBlockingGroups,
  soundex,
  type KeyGroup,
} from '../../../src/main/core/match/candidateIndex'
import { parsePersonName } from '../../../src/main/core/match/names'

/** An employee's side of the index: the same groups a query reads. */
function keysFor(first: string | null, last: string | null, full: string | null = null): KeyGroup[] {
  return groupsFor(first, last, full)
}

function groupsFor(first: string | null, last: string | null, full: string | null = null): KeyGroup[] {
  const groups: KeyGroup[] = []
  nameBlockingGroups(parsePersonName(first, last, full), groups)
  return groups
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
    expect(names(index.query(groupsFor('Robert', 'Mueller'), 3))[0]).toBe('Robert Müller')
    expect(names(index.query(groupsFor('Robert', 'Muller'), 3))[0]).toBe('Robert Müller')
    expect(names(index.query(groupsFor('Zeynep', 'Kilic'), 3))[0]).toBe('Zeynep Kılıç')
    expect(names(index.query(groupsFor('Chiara', 'Espostio'), 3))[0]).toBe('Chiara Esposito')
    expect(names(index.query(groupsFor('Bob', 'Mueller'), 3))[0]).toBe('Robert Müller')
  })

  it('ranks the right Smith first for an initial', () => {
    expect(
      names(index.query(groupsFor(null, null, 'J. Smith'), 3))
        .slice(0, 2)
        .sort(),
    ).toEqual(['Jane Smith', 'John Smith'])
    expect(names(index.query(groupsFor('Kathi', 'Smith'), 1))).toEqual(['Katharina Smith'])
  })

  it('indexes one-character names of scripts without initials', () => {
    const chinese = new CandidateIndex([keysFor('伟', '王'), keysFor('芳', '李')])
    expect(chinese.query(groupsFor('伟', '王'), 2)[0]).toBe(0)
  })

  it('returns only employees that share a key, never everyone, and at most the pool size', () => {
    expect(index.query(groupsFor('Xavier', 'Quesnel'), 10)).toEqual([])
    const smiths = index.query(groupsFor('Someone', 'Smith'), 2)
    expect(smiths).toHaveLength(2)
    expect(names(smiths).every((n) => n.endsWith('Smith'))).toBe(true)
  })
})

describe('CandidateIndex groups', () => {
  it('counts each word once, so a long common word cannot outweigh a rare short one', () => {
    // Eight Patricias and one Hancock: "Anthony Hancock" replaced by "Patricia Hancock" must still find
    // the Hancock, although "patricia" has more deletion variants than "hancock" shares.
    const staff: Array<[string, string]> = [
      ...Array.from({ length: 8 }, (_, i): [string, string] => ['Patricia', `Other${i}`]),
      ['Anthony', 'Hancock'],
    ]
    const staffIndex = new CandidateIndex(staff.map(([first, last]) => keysFor(first, last)))
    expect(staffIndex.query(groupsFor('Patricia', 'Hancock'), 1)).toEqual([8])
  })
})

describe('CandidateIndex at scale: common keys', () => {
  // More Marias and Garcias than COMMON_KEY_POSTINGS, so their keys are common; "Mila" and "Ruiz" stay rare.
  const crowd: Array<[string, string]> = [
    ...Array.from({ length: COMMON_KEY_POSTINGS + 40 }, (_, i): [string, string] => ['Maria', `Family${i}`]),
    ...Array.from({ length: COMMON_KEY_POSTINGS + 20 }, (_, i): [string, string] => [`Given${i}`, 'Garcia']),
    ['Maria', 'Garcia'],
    ['Mila', 'Ruiz'],
  ]
  const crowdIndex = new CandidateIndex(crowd.map(([first, last]) => keysFor(first, last)))
  const crowdNames = (found: number[]) => found.map((i) => crowd[i]!.join(' '))

  it('ranks the one person both common words name first, whatever the crowd', () => {
    expect(crowdNames(crowdIndex.query(groupsFor('Maria', 'Garcia'), 3))[0]).toBe('Maria Garcia')
    expect(crowdNames(crowdIndex.query(groupsFor('Maria', 'Garsia'), 3))[0]).toBe('Maria Garcia')
  })

  it('fills the pool from common keys when the rare ones find too few', () => {
    const found = crowdNames(crowdIndex.query(groupsFor('Maria', 'Nobody'), 5))
    expect(found).toHaveLength(5)
    expect(found.every((name) => name.startsWith('Maria '))).toBe(true)
  })

  it('still finds a rare name among a crowd of common ones', () => {
    expect(crowdNames(crowdIndex.query(groupsFor('Mila', 'Ruis'), 2))[0]).toBe('Mila Ruiz')
  })
})

describe('soundex', () => {
  it('codes words that sound alike the same way', () => {
    expect(soundex('robert')).toBe('r163')
    expect(soundex('rupert')).toBe('r163')
    expect(soundex('ashcraft')).toBe('a261')
    expect(soundex('tymczak')).toBe('t522')
    expect(soundex('kowalczyk')).toBe(soundex('kowalczik'))
  })
})

describe('CandidateIndex: candidates that survive a typo in every name field', () => {
  // Forty Elizabeths, Annas and Thomases ahead of the one person each query means, so a
  // pool of three holds the right one only if a key ties it to the query more than to the crowd.
  const staff: Array<[string | null, string | null]> = [
    ...Array.from({ length: 40 }, (_, i): [string, string] => ['Elizabeth', `Family${i}`]),
    ...Array.from({ length: 40 }, (_, i): [string, string] => [`Other${i}`, 'Thomas']),
    ...Array.from({ length: 40 }, (_, i): [string, string] => ['Anna', `Kin${i}`]),
    ['Elizabeth', 'Quinlan'],
    [null, 'Thomas'],
    ['Anna', 'Fedorov'],
  ]
  const staffIndex = new CandidateIndex(staff.map(([first, last]) => keysFor(first, last)))
  const found = (first: string | null, last: string | null) =>
    staffIndex.query(groupsFor(first, last), 3).map((i) => staff[i]!.map((part) => part ?? '-').join(' '))

  it('keeps a pair with a slip in both names: a typo in the given name, the family name respelt', () => {
    // Elisabeth / Elizabeth: one letter; Kwinlan / Quinlan: two letters, the first one too, alike in sound.
    expect(found('Elisabeth', 'Kwinlan')).toContain('Elizabeth Quinlan')
  })

  it('finds a word a space was typed into', () => {
    expect(found('Ana', 'Fed orov')).toContain('Anna Fedorov')
  })

  it('puts a record missing its given name first for a query missing it too', () => {
    expect(found(null, 'Thomas')[0]).toBe('- Thomas')
  })
})

describe('CandidateIndex identifiers', () => {
  const { id, email, localPart } = IDENTIFIER
  // Employees 1 and 2 are namesakes, and employee 0's address holds the given name of both.
  const staff: KeyGroup[][] = [
    [new IdentifierKey(id, 'E-100'), new IdentifierKey(email, 'anna@acme.example'), ...keysFor('Bob', 'Lee')],
    [new IdentifierKey(id, '4711'), new IdentifierKey(localPart, 'bob.lee'), ...keysFor('Anna', 'Schmidt')],
    [new IdentifierKey(email, 'e-100'), new IdentifierKey(localPart, 'anna'), ...keysFor('Anna', 'Schmidt')],
  ]
  const staffIndex = new CandidateIndex(staff)

  it('finds the one employee an identifier of the same kind names', () => {
    expect(staffIndex.query([new IdentifierKey(id, 'E-100')], 3)).toEqual([0])
    expect(staffIndex.query([new IdentifierKey(id, '4711')], 3)).toEqual([1])
    expect(staffIndex.query([new IdentifierKey(email, 'anna@acme.example')], 3)).toEqual([0])
    expect(staffIndex.query([new IdentifierKey(localPart, 'anna')], 3)).toEqual([2])
  })

  it('never takes a value of one kind for the same value of another', () => {
    // Employee 0's id is "E-100", employee 2's address "e-100": a value is looked up under its own kind only.
    expect(staffIndex.query([new IdentifierKey(localPart, 'E-100')], 3)).toEqual([])
    expect(staffIndex.query([new IdentifierKey(id, 'e-100')], 3)).toEqual([])
    expect(staffIndex.query([new IdentifierKey(email, 'e-100')], 3)).toEqual([2])
  })

  it('shares the group of an initial with a word between everyone who has them', () => {
    const initialGroups = (first: string, last: string) =>
      keysFor(first, last).filter(
        (group) => Array.isArray(group) && group.length === 1 && group[0]!.startsWith('i:'),
      )
    const [jane] = initialGroups('Jane', 'Smith')
    const [john] = initialGroups('John', 'Smith')
    expect(jane).toEqual(['i:jsmith'])
    expect(john).toBe(jane)
    expect(initialGroups('Kate', 'Smith')[0]).toEqual(['i:ksmith'])
  })
})
