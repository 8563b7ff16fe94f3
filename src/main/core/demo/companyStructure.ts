import { emailNamePart } from './asciiFold'
import {
  COMPANY_NAMES,
  DEPARTMENTS,
  ENTITY_TEMPLATES,
  TEAM_SUFFIXES,
  type DepartmentTemplate,
  type EntityTemplate,
} from './companyTables'
import type { KomboGroupRef, KomboLegalEntityRef, KomboWorkLocationRef } from './komboRecord'
import type { NameCity } from './namePools'
import { createRandom, type Random } from './random'
import { address, DAY_MS, timestamp, YEAR_MS } from './recordParts'

/** Kombo ids are 24 characters of base58 in the docs' examples. */
const KOMBO_ID_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const KOMBO_ID_LENGTH = 24
const BASE58_POW5 = 58 ** 5

export interface CompanyProfile {
  name: string
  domain: string
}

/** The company name and work email domain a seed stands for. */
export function companyProfile(seed: number, domain?: string): CompanyProfile {
  const random = createRandom(seed ^ 0x5eed)
  const name = random.pick(COMPANY_NAMES)
  const slug = emailNamePart(name.replace(/&/g, ' ').replace(/\s+/g, '-'))
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
  return { name, domain: domain ?? `${slug}.example` }
}

export interface CompanyStructure {
  profile: CompanyProfile
  departments: {
    template: DepartmentTemplate
    group: KomboGroupRef
    teams: KomboGroupRef[]
    costCenter: KomboGroupRef
  }[]
  locations: {
    ref: KomboWorkLocationRef
    entity: KomboLegalEntityRef
    template: EntityTemplate
    city: NameCity
    weight: number
  }[]
  vacationTypeId: string
  overtimeTypeId: string
}

export class KomboIdSource {
  private readonly issued = new Set<string>()
  constructor(private readonly random: Random) {}

  next(): string {
    for (;;) {
      let id = ''
      // One draw yields five base58 digits (58^5 < 2^32), a fifth of the PRNG calls of one per character.
      while (id.length < KOMBO_ID_LENGTH) {
        let draw = Math.floor(this.random.next() * BASE58_POW5)
        for (let i = 0; i < 5; i++) {
          id += KOMBO_ID_ALPHABET[draw % 58]
          draw = Math.floor(draw / 58)
        }
      }
      id = id.slice(0, KOMBO_ID_LENGTH)
      if (!this.issued.has(id)) {
        this.issued.add(id)
        return id
      }
    }
  }
}

export function buildStructure(
  random: Random,
  ids: KomboIdSource,
  profile: CompanyProfile,
  size: number,
  asOfMs: number,
): CompanyStructure {
  const foundedMs = asOfMs - 12 * YEAR_MS
  const departments = DEPARTMENTS.map((template, index) => ({
    template,
    group: {
      id: ids.next(),
      remote_id: `dep-${101 + index}`,
      name: template.name,
      type: 'DEPARTMENT' as const,
    },
    teams: random
      .shuffle([...TEAM_SUFFIXES])
      .slice(0, 2)
      .map((suffix, teamIndex) => ({
        id: ids.next(),
        remote_id: `team-${101 + index}-${teamIndex + 1}`,
        name: `${template.name} – ${suffix}`,
        type: 'TEAM' as const,
      })),
    costCenter: {
      id: ids.next(),
      remote_id: `cc-${4000 + index * 10}`,
      name: `CC-${4000 + index * 10} ${template.name}`,
      type: 'COST_CENTER' as const,
    },
  }))
  const locations: CompanyStructure['locations'] = []
  ENTITY_TEMPLATES.filter((template) => size >= template.minCompanySize).forEach((template, entityIndex) => {
    const headquarters = template.locations[0]
    if (!headquarters) return
    // The nested legal entity carries no address (the key is optional); /hris/legal-entities would have it.
    const entity: KomboLegalEntityRef = Object.freeze({
      id: ids.next(),
      remote_id: `le-${entityIndex + 1}`,
      name: `${profile.name} ${template.suffix}`,
    })
    template.locations.forEach((location, locationIndex) => {
      const ref: KomboWorkLocationRef = Object.freeze({
        id: ids.next(),
        remote_id: `loc-${entityIndex + 1}-${locationIndex + 1}`,
        name: location.name,
        address:
          location.type === 'REMOTE' ? null : Object.freeze(address(location.street, null, location.city)),
        type: location.type,
        changed_at: timestamp(foundedMs + random.int(0, 11 * 365) * DAY_MS + random.int(0, DAY_MS - 1)),
        remote_deleted_at: null,
      })
      locations.push({ ref, entity, template, city: location.city, weight: location.weight })
    })
  })
  return { profile, departments, locations, vacationTypeId: ids.next(), overtimeTypeId: ids.next() }
}
