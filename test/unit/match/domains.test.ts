import { describe, expect, it } from 'vitest'
import { DOMAIN_MIN_SUPPORT, inferDomainMappings } from '../../../src/main/core/match/domains'
import {
  buildContext,
  prepareEmployee,
  prepareLegacy,
  type MatchableEmployee,
} from '../../../src/main/core/match/prepared'
import { parseEmail } from '../../../src/main/core/match/text'
import type { LegacyUser } from '../../../src/shared/dto/legacy'
import { blankLegacyUser } from '../../support/legacyExport'

const emails = (values: string[]) => values.map(parseEmail)

describe('inferDomainMappings', () => {
  const hris = emails([
    'anna@new.example',
    'bob@new.example',
    'carla@new.example',
    'dan@new.example',
    'jane@new.example',
    'info@new.example',
  ])

  it('infers a company domain move when most of its users reappear on the new domain', () => {
    const legacy = emails(['anna@old.example', 'bob@old.example', 'carla@old.example', 'zoe@old.example'])
    expect(inferDomainMappings(legacy, hris)).toEqual([
      { from: 'old.example', to: 'new.example', support: 3, total: 4 },
    ])
  })

  it('does not take a contractor’s one-off domain for a company domain', () => {
    const legacy = emails(['jane@agency.example', 'anna@new.example', 'bob@new.example'])
    expect(inferDomainMappings(legacy, hris)).toEqual([])
  })

  it('needs most of the domain, not a few coincidences', () => {
    const legacy = emails([
      'anna@partner.example',
      'bob@partner.example',
      'carla@partner.example',
      'x1@partner.example',
      'x2@partner.example',
      'x3@partner.example',
      'x4@partner.example',
    ])
    expect(inferDomainMappings(legacy, hris)).toEqual([])
  })

  it('ignores generic mailboxes and public providers', () => {
    const generic = emails(['info@old.example', 'admin@old.example', 'anna@old.example', 'bob@old.example'])
    expect(inferDomainMappings(generic, hris)[0]?.support ?? 0).toBeLessThan(DOMAIN_MIN_SUPPORT)
    const gmail = emails(['anna@gmail.com', 'bob@gmail.com', 'carla@gmail.com', 'dan@gmail.com'])
    expect(inferDomainMappings(gmail, hris)).toEqual([])
  })

  it('leaves out users whose address is already exact on the HRIS side', () => {
    const legacy = emails(['anna@new.example', 'bob@old.example', 'carla@old.example', 'dan@old.example'])
    expect(inferDomainMappings(legacy, hris)).toEqual([
      { from: 'old.example', to: 'new.example', support: 3, total: 3 },
    ])
  })
})

describe("a match's context", () => {
  const employee = (id: number, workEmail: string | null): MatchableEmployee => ({
    id: `k${id}`,
    remote_id: `${id}`,
    employee_number: null,
    first_name: null,
    last_name: null,
    display_full_name: null,
    work_email: workEmail,
    personal_email: null,
  })
  const user = (line: number, email: string | null): LegacyUser => ({
    ...blankLegacyUser({ email }),
    user_id: `u${line}`,
    line,
  })

  it('infers from its own indexes exactly what the addresses alone give', () => {
    // Locals that exist under several new domains, generic mailboxes, addresses that are already exact,
    // a public provider and users without an address: every branch of the inference, at random.
    let seed = 7
    const random = (below: number) => (seed = (seed * 48_271) % 2_147_483_647) % below
    const locals = Array.from({ length: 40 }, (_, at) => (at % 9 === 0 ? 'info' : `person${at}`))
    const newDomains = ['new.example', 'group.example', 'labs.example']
    const oldDomains = ['old.example', 'legacy.example', 'gmail.com', ...newDomains]
    let inferred = 0
    for (let round = 0; round < 25; round++) {
      const employees = Array.from({ length: 60 }, (_, at) =>
        employee(at, random(10) === 0 ? null : `${locals[random(40)]}@${newDomains[random(3)]}`),
      ).map(prepareEmployee)
      const legacy = Array.from({ length: 60 }, (_, at) =>
        user(at + 2, random(12) === 0 ? null : `${locals[random(40)]}@${oldDomains[random(6)]}`),
      ).map(prepareLegacy)
      const fromAddresses = inferDomainMappings(
        legacy.map((entry) => entry.email),
        employees.map((entry) => entry.work),
      )
      expect(buildContext(employees, legacy).domainMappings).toEqual(fromAddresses)
      inferred += fromAddresses.length
    }
    // Most rounds infer one move or more, so the comparison is not one of empty lists.
    expect(inferred).toBeGreaterThan(25)
  })
})
