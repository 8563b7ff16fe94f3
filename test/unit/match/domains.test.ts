import { describe, expect, it } from 'vitest'
import { DOMAIN_MIN_SUPPORT, inferDomainMappings } from '../../../src/main/core/match/domains'
import { parseEmail } from '../../../src/main/core/match/text'

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
