import { describe, expect, it } from 'vitest'
import { NICKNAMES } from '../../../src/main/core/demo/generateCompany'
import {
  compareNames,
  explainNames,
  namePartAgreement,
  type Arrangement,
} from '../../../src/main/core/match/nameComparison'
import { parsePersonName, type PersonName } from '../../../src/main/core/match/names'
import { explainPair, NAME_CONTRADICTION_LIMIT, pairMethod } from '../../../src/main/core/match/pairs'
import { buildMatchBasis } from '../../../src/main/core/match/planBasis'
import { prepareLegacy } from '../../../src/main/core/match/prepared'
import { generatedEmployees } from '../../support/generatedEmployees'
import { generateLegacyExport } from '../../support/legacyExport'
import { employee, legacyUser } from './builders'

/**
 * A shown pair is explained from what comparing it recorded (namePartAgreement's overall similarity and
 * the arrangement it comes from) instead of comparing the names again: the reasons must be compareNames'.
 */

const name = (first: string | null, last: string | null, full: string | null = null): PersonName =>
  parsePersonName(first, last, full)
/** The name a legacy export without one gets from its email address (prepared.ts). */
const fromEmail = (local: string): PersonName => {
  const entry = prepareLegacy(legacyUser('u', { email: `${local}@acme.example` }))
  expect(entry.nameFromEmail).toBe(true)
  return entry.name
}

/** Names of a few people, each written in many ways a file writes them. */
const NAMES: PersonName[] = [
  // Robert Müller: as written, swapped, free-form, initial, nickname, typos, parts missing, from email.
  name('Robert', 'Müller'),
  name('ROBERT', 'MUELLER'),
  name(null, null, 'Müller, Robert'),
  name(null, null, 'Müller Robert'),
  name(null, null, 'Robert Müller'),
  name(null, null, 'R. Müller'),
  name('Bob', 'Müller'),
  name('Robrt', 'Mülller'),
  name('Robert', null),
  name(null, 'Müller'),
  name('Müller', 'Robert'),
  name('Robert James', 'Müller'),
  fromEmail('robert.mueller'),
  fromEmail('mueller'),
  fromEmail('r.mueller2'),
  // Maria del Carmen García López: multi-word parts, split differently.
  name('Maria del Carmen', 'García López'),
  name('Maria', 'del Carmen García López'),
  name(null, null, 'Maria del Carmen Garcia Lopez'),
  name('Carmen', 'Garcia'),
  name('María', 'López García'),
  name('Lopez', 'Maria Garcia'),
  fromEmail('maria.garcia'),
  fromEmail('carmen.lopez'),
  // Ludwig van den Berg: particles, written together.
  name('Ludwig', 'van den Berg'),
  name('Ludwig', 'Vandenberg'),
  name(null, null, 'Berg Ludwig van den'),
  name('L.', 'Berg'),
  // Anna Müller-Schmidt: renamed, relatives, double names.
  name('Anna', 'Müller-Schmidt'),
  name('Anna', 'Schmidt'),
  name('Anna', 'Weber'),
  name('Lena', 'Weber'),
  name('Schmidt', 'Anna'),
  name('Anna Lena', 'Weber Schmidt'),
  fromEmail('anna.schmidt'),
  // Sound-alike, similar and unrelated spellings; scripts without transliteration; no name at all.
  name('Elizabeth', 'Pham'),
  name('Elisabeth', 'Fam'),
  name('Liz', 'Quinlan'),
  name('Elizabeth', 'Kwinlan'),
  name('Macdonald', 'Mzcdonsl'),
  name('Chiara', 'Esposito'),
  name('伟', '王'),
  name('王', '伟'),
  name(null, null),
]

function expectExplainedAsCompared(a: PersonName, b: PersonName, seen: Map<string, number>): void {
  const compared = compareNames(a, b, true)
  const agreement = namePartAgreement(a, b)
  if (compared === null) {
    expect(agreement.overall).toBe(-1)
    return
  }
  expect(agreement.overall).toBe(compared.similarity)
  expect(explainNames(a, b, agreement.overallArrangement)).toEqual(compared.reasons)
  const kind = `${agreement.arrangement} -> ${agreement.overallArrangement}`
  seen.set(kind, (seen.get(kind) ?? 0) + 1)
}

describe('explainNames: the reasons from a recorded comparison', () => {
  it('gives compareNames similarity and reasons for names written in many ways', () => {
    const seen = new Map<string, number>()
    for (const a of NAMES) for (const b of NAMES) expectExplainedAsCompared(a, b, seen)
    // Every arrangement is explained, including those where the model's arrangement differs from it:
    // all words at once beating an order a part agrees in, and an order kept though neither part agrees.
    const kinds: Array<`${Arrangement} -> ${Arrangement}`> = [
      'straight -> straight',
      'swapped -> swapped',
      'any-order -> any-order',
      'straight -> any-order',
      'any-order -> straight',
      'any-order -> swapped',
    ]
    for (const kind of kinds) expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(0)
  })

  it('explains every compared pair of a generated file as compareNames does', () => {
    const employees = generatedEmployees(47, 600)
    // Every fifth user exported without a name, so that its name is read from its email address.
    const users = generateLegacyExport(employees, { seed: 47 * 7919, nicknames: NICKNAMES }).users.map(
      (user, at) => (at % 5 === 0 ? { ...user, first_name: null, last_name: null, full_name: null } : user),
    )
    const { context, legacy, store } = buildMatchBasis(employees, users, { parallel: false })
    let fromEmailPairs = 0
    let disagreeing = 0
    legacy.forEach((entry, user) => {
      const { start, end } = store.pairsOf(user)
      for (let pair = start; pair < end; pair++) {
        const employee = context.employees[store.employee[pair]!]!
        const method = pairMethod(store, pair)
        const reasons = explainPair(context, store, pair, entry, employee, method)
        const names = compareNames(entry.name, employee.name, true)
        expect(Number.isNaN(store.nameSimilarity[pair])).toBe(names === null)
        if (names === null) continue
        // The names' reasons come last.
        const disagree = names.similarity < NAME_CONTRADICTION_LIMIT && method !== 'fuzzy'
        const expected = [
          ...names.reasons,
          ...(entry.nameFromEmail ? ['legacy name read from the email address'] : []),
          ...(disagree ? ['names disagree'] : []),
        ]
        expect(reasons.slice(-expected.length)).toEqual(expected)
        if (entry.nameFromEmail) fromEmailPairs++
        if (disagree) disagreeing++
      }
    })
    expect(fromEmailPairs).toBeGreaterThan(0)
    expect(disagreeing).toBeGreaterThan(0)
  })

  it('finds names read from an email in contradiction by their similarity before the discount', () => {
    // anna.weber / Anna Schmidt agree (0.5: a renamed person, no contradiction) even though the discount
    // for a name read from an email brings the pair's similarity below the limit; lena.weber / Chiara
    // Esposito do not.
    const employees = [
      employee('e1', { first_name: 'Anna', last_name: 'Schmidt', remote_id: 'H1' }),
      employee('e2', { first_name: 'Chiara', last_name: 'Esposito', remote_id: 'H2' }),
    ]
    const users = [
      legacyUser('u1', { email: 'anna.weber@old.example', hris_id: 'H1' }),
      legacyUser('u2', { email: 'lena.weber@old.example', hris_id: 'H2' }),
    ]
    const { context, legacy, store } = buildMatchBasis(employees, users, { parallel: false })
    const pairOf = (user: number, employeeAt: number): number => {
      const { start, end } = store.pairsOf(user)
      for (let pair = start; pair < end; pair++) if (store.employee[pair] === employeeAt) return pair
      throw new Error(`employee ${employeeAt} is not in user ${user}'s pool`)
    }
    const reasonsOf = (user: number, employeeAt: number): string[] => {
      const pair = pairOf(user, employeeAt)
      expect(pairMethod(store, pair)).toBe('remote_id')
      return explainPair(context, store, pair, legacy[user]!, context.employees[employeeAt]!, 'remote_id')
    }
    expect(legacy.every((entry) => entry.nameFromEmail)).toBe(true)
    expect(store.similarity(pairOf(0, 0))).toBeLessThan(NAME_CONTRADICTION_LIMIT)
    expect(reasonsOf(0, 0)).toContain('legacy name read from the email address')
    expect(reasonsOf(0, 0)).not.toContain('names disagree')
    expect(reasonsOf(1, 1)).toContain('names disagree')
  })
})
