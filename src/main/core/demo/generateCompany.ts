import { emailLocalPart, emailNamePart } from './asciiFold'
import type {
  KomboAddress,
  KomboBankAccount,
  KomboEmployeeRecord,
  KomboEmployment,
  KomboEmploymentStatus,
  KomboEmploymentType,
  KomboGender,
  KomboGroupRef,
  KomboIntegrationField,
  KomboLegalEntityRef,
  KomboManagerRef,
  KomboMaritalStatus,
  KomboTimeOffBalance,
  KomboWorkLocationRef,
} from './komboRecord'
import {
  GLOBAL_PERSONAL_EMAIL_DOMAINS,
  NAME_LOCALES,
  NICKNAMES,
  surnameForGender,
  type NameCity,
  type NameLocale,
} from './namePools'
import { createRandom, type Random } from './random'

export type * from './komboRecord'
export { emailLocalPart, emailNamePart, foldToAscii } from './asciiFold'
export {
  GLOBAL_PERSONAL_EMAIL_DOMAINS,
  NAME_LOCALES,
  NICKNAMES,
  surnameForGender,
  type NameCity,
  type NameLocale,
} from './namePools'
export { createRandom, mulberry32, type Random } from './random'

export interface GenerateCompanyOptions {
  /** Same seed and options give byte-identical output. */
  seed: number
  /** Number of employee records, leavers included. */
  size: number
  /** Work email domain; defaults to a fictional `<company>.example` domain derived from the seed. */
  domain?: string
  /** Share of records that are leavers (INACTIVE with a past termination_date). Default 0.08. */
  leaverShare?: number
  /** "Today" for the company: pending starts lie after it, every timestamp before it. */
  asOf?: string | Date
}

/** Fixed so that generation never depends on the wall clock; pass asOf to move the company in time. */
export const DEFAULT_AS_OF = '2026-11-01T00:00:00.000Z'
export const DEFAULT_LEAVER_SHARE = 0.08

// Shares of the other cases matching needs to see. Each is rounded and, for companies of at least
// MIN_SIZE_FOR_GUARANTEED_CASES people, at least one, so small fixtures still contain every case.
const PENDING_SHARE = 0.03
const LEAVE_SHARE = 0.03
/** Active people who have handed in their notice: ACTIVE with a future termination_date. */
const NOTICE_SHARE = 0.01
/** Half of the people without a work email have it null, half have the key absent: Kombo does both. */
const MISSING_WORK_EMAIL_SHARE = 0.03
/** People who share first and last name with an earlier colleague, so the second gets `first.last2@`. */
const SAME_NAME_SHARE = 0.01
const MIN_SIZE_FOR_GUARANTEED_CASES = 20

const DOUBLE_BARRELLED_SURNAME_SHARE = 0.04
/** Some HRIS store the mailbox as typed by HR, e.g. `Anna.Schmidt@`; matching must fold case. */
const MIXED_CASE_WORK_EMAIL_SHARE = 0.02
const PERSONAL_EMAIL_SHARE = 0.4
const NULL_DISPLAY_NAME_SHARE = 0.02

const DAY_MS = 86_400_000
const YEAR_MS = 365 * DAY_MS
/** Kombo ids are 24 characters of base58 in the docs' examples. */
const KOMBO_ID_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const KOMBO_ID_LENGTH = 24
const BASE58_POW5 = 58 ** 5

export interface CompanyProfile {
  name: string
  domain: string
}

const COMPANY_NAMES = [
  'Nordwind Logistik',
  'Alpenglück Foods',
  'Meridian Mobility',
  'Kestrel Systems',
  'Lumen Health',
  'Fjordlys Energy',
  'Bergmann & Söhne',
  'Solaris Retail',
  'Helix Pharma',
  'Brückner Bau',
] as const

/** The company name and work email domain a seed stands for. */
export function companyProfile(seed: number, domain?: string): CompanyProfile {
  const random = createRandom(seed ^ 0x5eed)
  const name = random.pick(COMPANY_NAMES)
  const slug = emailNamePart(name.replace(/&/g, ' ').replace(/\s+/g, '-'))
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
  return { name, domain: domain ?? `${slug}.example` }
}

interface DepartmentTemplate {
  name: string
  weight: number
  titles: readonly string[]
  leadTitle: string
  /** Operations staff are paid by the hour in most of Europe's logistics companies. */
  hourly: boolean
}

const DEPARTMENTS: readonly DepartmentTemplate[] = [
  {
    name: 'Engineering',
    weight: 18,
    titles: [
      'Software Engineer',
      'Senior Software Engineer',
      'QA Engineer',
      'DevOps Engineer',
      'Data Engineer',
    ],
    leadTitle: 'Engineering Manager',
    hourly: false,
  },
  {
    name: 'Product',
    weight: 5,
    titles: ['Product Manager', 'Product Designer', 'UX Researcher'],
    leadTitle: 'Head of Product',
    hourly: false,
  },
  {
    name: 'Sales',
    weight: 12,
    titles: ['Account Executive', 'Sales Development Representative', 'Key Account Manager'],
    leadTitle: 'Head of Sales',
    hourly: false,
  },
  {
    name: 'Marketing',
    weight: 6,
    titles: ['Marketing Manager', 'Content Marketing Specialist', 'Performance Marketing Manager'],
    leadTitle: 'Head of Marketing',
    hourly: false,
  },
  {
    name: 'Customer Support',
    weight: 10,
    titles: ['Customer Support Agent', 'Customer Success Manager', 'Support Specialist'],
    leadTitle: 'Head of Customer Support',
    hourly: false,
  },
  {
    name: 'Operations',
    weight: 25,
    titles: [
      'Warehouse Associate',
      'Forklift Operator',
      'Logistics Coordinator',
      'Shift Supervisor',
      'Dispatcher',
    ],
    leadTitle: 'Head of Operations',
    hourly: true,
  },
  {
    name: 'Finance',
    weight: 5,
    titles: ['Accountant', 'Financial Controller', 'Payroll Specialist'],
    leadTitle: 'Chief Financial Officer',
    hourly: false,
  },
  {
    name: 'People & Culture',
    weight: 4,
    titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'],
    leadTitle: 'Head of People',
    hourly: false,
  },
  {
    name: 'Legal',
    weight: 2,
    titles: ['Legal Counsel', 'Compliance Officer'],
    leadTitle: 'General Counsel',
    hourly: false,
  },
  {
    name: 'Facilities',
    weight: 3,
    titles: ['Facility Manager', 'Office Manager', 'Caretaker'],
    leadTitle: 'Head of Facilities',
    hourly: false,
  },
]

const TEAM_SUFFIXES = ['Nord', 'Süd', 'Core', 'Growth', 'Platform', 'Enterprise', 'Night Shift', 'Day Shift']

interface EntityTemplate {
  suffix: string
  country: string
  currency: string
  /** Converts a EUR salary into the local currency, roughly, so pay looks plausible per country. */
  eurRate: number
  /** Smaller companies have fewer subsidiaries. */
  minCompanySize: number
  locations: readonly { name: string; type: string; city: NameCity; street: string; weight: number }[]
}

const ENTITY_TEMPLATES: readonly EntityTemplate[] = [
  {
    suffix: 'GmbH',
    country: 'DE',
    currency: 'EUR',
    eurRate: 1,
    minCompanySize: 0,
    locations: [
      {
        name: 'Berlin HQ',
        type: 'OFFICE',
        city: { city: 'Berlin', zip: '10117', country: 'DE', state: 'Berlin' },
        street: 'Friedrichstraße 68',
        weight: 30,
      },
      {
        name: 'Hamburg Lager',
        type: 'WAREHOUSE',
        city: { city: 'Hamburg', zip: '21107', country: 'DE', state: 'Hamburg' },
        street: 'Am Veringhafen 4',
        weight: 25,
      },
      {
        name: 'Remote (Deutschland)',
        type: 'REMOTE',
        city: { city: 'Berlin', zip: '10117', country: 'DE', state: 'Berlin' },
        street: 'Friedrichstraße 68',
        weight: 8,
      },
    ],
  },
  {
    suffix: 'France SAS',
    country: 'FR',
    currency: 'EUR',
    eurRate: 1,
    minCompanySize: 30,
    locations: [
      {
        name: 'Paris Bureau',
        type: 'OFFICE',
        city: { city: 'Paris', zip: '75009', country: 'FR', state: 'Île-de-France' },
        street: '12 rue de Châteaudun',
        weight: 6,
      },
    ],
  },
  {
    suffix: 'Iberia S.L.',
    country: 'ES',
    currency: 'EUR',
    eurRate: 1,
    minCompanySize: 30,
    locations: [
      {
        name: 'Madrid Oficina',
        type: 'OFFICE',
        city: { city: 'Madrid', zip: '28013', country: 'ES', state: 'Comunidad de Madrid' },
        street: 'Calle de Alcalá 21',
        weight: 6,
      },
    ],
  },
  {
    suffix: 'Polska sp. z o.o.',
    country: 'PL',
    currency: 'PLN',
    eurRate: 4.3,
    minCompanySize: 60,
    locations: [
      {
        name: 'Wrocław Magazyn',
        type: 'WAREHOUSE',
        city: { city: 'Wrocław', zip: '50-079', country: 'PL', state: 'dolnośląskie' },
        street: 'ul. Świdnicka 40',
        weight: 8,
      },
    ],
  },
  {
    suffix: 'Nordic AB',
    country: 'SE',
    currency: 'SEK',
    eurRate: 11.2,
    minCompanySize: 200,
    locations: [
      {
        name: 'Göteborg Kontor',
        type: 'OFFICE',
        city: { city: 'Göteborg', zip: '411 05', country: 'SE', state: null },
        street: 'Östra Hamngatan 16',
        weight: 4,
      },
    ],
  },
  {
    suffix: 'UK Ltd',
    country: 'GB',
    currency: 'GBP',
    eurRate: 0.85,
    minCompanySize: 200,
    locations: [
      {
        name: 'London Office',
        type: 'OFFICE',
        city: { city: 'London', zip: 'EC2A 4NE', country: 'GB', state: 'England' },
        street: '1 Finsbury Avenue',
        weight: 4,
      },
    ],
  },
  {
    suffix: 'Czech s.r.o.',
    country: 'CZ',
    currency: 'CZK',
    eurRate: 25,
    minCompanySize: 500,
    locations: [
      {
        name: 'Brno Sklad',
        type: 'WAREHOUSE',
        city: { city: 'Brno', zip: '602 00', country: 'CZ', state: null },
        street: 'Křenová 65',
        weight: 5,
      },
    ],
  },
]

const BANKS_BY_COUNTRY: Readonly<Record<string, readonly string[]>> = {
  DE: ['Sparkasse Berlin', 'Deutsche Bank', 'Commerzbank', 'ING-DiBa', 'Volksbank Lübeck'],
  FR: ['BNP Paribas', 'Société Générale', 'Crédit Agricole'],
  ES: ['Banco Santander', 'BBVA', 'CaixaBank'],
  PL: ['PKO Bank Polski', 'mBank', 'Bank Pekao'],
  SE: ['Nordea', 'Handelsbanken', 'SEB'],
  GB: ['Barclays', 'HSBC UK', 'Lloyds Bank'],
  CZ: ['Česká spořitelna', 'Komerční banka'],
}

/** Streets of the pool whose cities lie in a country, for people who live near their work location. */
const STREETS_BY_COUNTRY = new Map<string, readonly string[]>(
  NAME_LOCALES.flatMap((locale) => locale.cities.map((city) => [city.country, locale.streets] as const)),
)

const SHIRT_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'] as const

interface CompanyStructure {
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

/** What the generator remembers about each person while building later records (managers, namesakes). */
interface Person {
  locale: NameLocale
  firstName: string
  lastName: string
  gender: KomboGender | null
  hasWorkEmail: boolean
  record: KomboEmployeeRecord
}

type Case = 'leaver' | 'pending' | 'leave' | 'notice' | 'email-null' | 'email-absent' | 'namesake'

/**
 * A realistic company in Kombo's wire format: a CEO, departments with leads and reports, several legal
 * entities and work locations, leavers and pending starters, multilingual names, namesakes and imperfect
 * emails. Deterministic for a given set of options; never reads the clock.
 */
export function generateCompany(options: GenerateCompanyOptions): KomboEmployeeRecord[] {
  const size = Math.max(0, Math.floor(options.size))
  const asOfMs = new Date(options.asOf ?? DEFAULT_AS_OF).getTime()
  if (Number.isNaN(asOfMs)) throw new Error(`generateCompany: invalid asOf ${String(options.asOf)}`)
  const random = createRandom(options.seed)
  const ids = new KomboIdSource(random)
  const structure = buildStructure(random, ids, companyProfile(options.seed, options.domain), size, asOfMs)
  const cases = assignCases(random, size, options.leaverShare ?? DEFAULT_LEAVER_SHARE)

  const people: Person[] = []
  const usedLocalParts = new Map<string, number>()
  const departmentMembers = structure.departments.map((): number[] => [])
  const localeWeights = NAME_LOCALES.map((locale) => [locale, locale.weight] as const)
  const departmentWeights = structure.departments.map(
    (department, index) => [index, department.template.weight] as const,
  )
  const locationWeights = structure.locations.map((location) => [location, location.weight] as const)

  for (let index = 0; index < size; index++) {
    const personCase = cases.get(index)
    const identity =
      personCase === 'namesake' && people.length > 0
        ? copyIdentity(random, people)
        : drawIdentity(random, random.weighted(localeWeights))

    const isChief = index === 0
    const departmentIndex = isChief ? null : random.weighted(departmentWeights)
    const department = departmentIndex === null ? null : structure.departments[departmentIndex]
    const members = departmentIndex === null ? null : departmentMembers[departmentIndex]
    let managerIndex: number | null = null
    let jobTitle = 'Chief Executive Officer'
    if (department && members) {
      if (members.length === 0) {
        managerIndex = 0
        jobTitle = department.template.leadTitle
      } else {
        // Earlier members of a department manage later ones, about six reports each: a shallow tree.
        managerIndex = members[random.int(0, Math.floor((members.length - 1) / 6))] ?? 0
        jobTitle = random.pick(department.template.titles)
      }
      members.push(index)
    }

    const location = isChief ? structure.locations[0] : random.weighted(locationWeights)
    if (!location) throw new Error('generateCompany: company has no work location')
    const status: KomboEmploymentStatus =
      personCase === 'leaver'
        ? 'INACTIVE'
        : personCase === 'pending'
          ? 'PENDING'
          : personCase === 'leave'
            ? 'LEAVE'
            : 'ACTIVE'

    const workEmailPresence: 'present' | 'null' | 'absent' =
      personCase === 'email-null' ? 'null' : personCase === 'email-absent' ? 'absent' : 'present'
    const workEmail =
      workEmailPresence === 'present'
        ? allocateWorkEmail(
            random,
            usedLocalParts,
            identity.firstName,
            identity.lastName,
            structure.profile.domain,
          )
        : null

    const manager = managerIndex === null ? null : (people[managerIndex]?.record ?? null)
    const record = buildRecord({
      random,
      ids,
      structure,
      index,
      identity,
      status,
      onNotice: personCase === 'notice',
      workEmail,
      workEmailPresence,
      jobTitle,
      department: department ?? null,
      location,
      manager,
      asOfMs,
    })
    people.push({ ...identity, hasWorkEmail: workEmail !== null, record })
  }
  return people.map((person) => person.record)
}

class KomboIdSource {
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

function buildStructure(
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

/** Decides up front which indexes get which special case, so even small fixtures contain each of them. */
function assignCases(random: Random, size: number, leaverShare: number): Map<number, Case> {
  const guaranteed = size >= MIN_SIZE_FOR_GUARANTEED_CASES ? 1 : 0
  const count = (share: number): number => Math.max(guaranteed, Math.round(size * share))
  const plan: [Case, number][] = [
    ['namesake', count(SAME_NAME_SHARE)],
    ['leaver', Math.round(size * Math.min(1, Math.max(0, leaverShare)))],
    ['pending', count(PENDING_SHARE)],
    ['leave', count(LEAVE_SHARE)],
    ['notice', count(NOTICE_SHARE)],
    ['email-null', count(MISSING_WORK_EMAIL_SHARE / 2)],
    ['email-absent', count(MISSING_WORK_EMAIL_SHARE / 2)],
  ]
  // Index 0 is the CEO, who stays an ordinary active employee.
  const candidates = random.shuffle(Array.from({ length: Math.max(0, size - 1) }, (_, i) => i + 1))
  const cases = new Map<number, Case>()
  let next = 0
  for (const [personCase, wanted] of plan) {
    for (let n = 0; n < wanted && next < candidates.length; n++) {
      const index = candidates[next++]
      if (index !== undefined) cases.set(index, personCase)
    }
  }
  return cases
}

type Identity = Omit<Person, 'hasWorkEmail' | 'record'>

function drawIdentity(random: Random, locale: NameLocale): Identity {
  const gender = random.weighted<KomboGender | null>([
    ['FEMALE', 48],
    ['MALE', 48],
    ['NON_BINARY', 2],
    ['NOT_SPECIFIED', 1],
    [null, 1],
  ])
  const female = gender === 'FEMALE' || (gender !== 'MALE' && random.chance(0.5))
  const firstName = random.pick(female ? locale.female : locale.male)
  let surname = random.pick(locale.surnames)
  if (random.chance(DOUBLE_BARRELLED_SURNAME_SHARE)) {
    const second = random.pick(locale.surnames)
    if (second !== surname && !surname.includes(' ') && !second.includes(' '))
      surname = `${surname}-${second}`
  }
  return { locale, firstName, lastName: surnameForGender(locale.code, surname, female), gender }
}

/** A namesake of an earlier colleague who has a work email, so the clash shows in the mailbox. */
function copyIdentity(random: Random, people: readonly Person[]): Identity {
  let source = random.pick(people)
  for (let attempt = 0; attempt < 20 && !source.hasWorkEmail; attempt++) source = random.pick(people)
  return {
    locale: source.locale,
    firstName: source.firstName,
    lastName: source.lastName,
    gender: source.gender,
  }
}

function allocateWorkEmail(
  random: Random,
  used: Map<string, number>,
  firstName: string,
  lastName: string,
  domain: string,
): string {
  // Names contain no digits, so `anna.schmidt2` can never collide with another person's first mailbox.
  const base = emailLocalPart(firstName, lastName)
  const taken = used.get(base) ?? 0
  used.set(base, taken + 1)
  const localPart = taken === 0 ? base : `${base}${taken + 1}`
  const typed = random.chance(MIXED_CASE_WORK_EMAIL_SHARE)
    ? localPart.replace(
        /(^|[.-])([a-z])/g,
        (_, separator: string, letter: string) => separator + letter.toUpperCase(),
      )
    : localPart
  return `${typed}@${domain}`
}

interface RecordInput {
  random: Random
  ids: KomboIdSource
  structure: CompanyStructure
  index: number
  identity: Identity
  status: KomboEmploymentStatus
  onNotice: boolean
  workEmail: string | null
  workEmailPresence: 'present' | 'null' | 'absent'
  jobTitle: string
  department: CompanyStructure['departments'][number] | null
  location: CompanyStructure['locations'][number]
  manager: KomboEmployeeRecord | null
  asOfMs: number
}

function buildRecord(input: RecordInput): KomboEmployeeRecord {
  const { random, ids, structure, identity, status, location, asOfMs } = input
  const { locale, firstName, lastName } = identity
  const id = ids.next()
  const remoteId = String(2_000_000 + input.index * 7 + random.int(0, 6))

  const birthMs = asOfMs - random.int(19, 64) * YEAR_MS - random.int(0, 364) * DAY_MS
  const earliestStartMs = Math.max(birthMs + 18 * YEAR_MS, asOfMs - 18 * YEAR_MS)
  const startMs =
    status === 'PENDING'
      ? asOfMs + random.int(7, 90) * DAY_MS
      : earliestStartMs +
        random.int(0, Math.max(0, Math.floor((asOfMs - earliestStartMs) / DAY_MS) - 30)) * DAY_MS
  let terminationMs: number | null = null
  if (status === 'INACTIVE') {
    const tenureDays = Math.floor((asOfMs - startMs) / DAY_MS)
    terminationMs = startMs + random.int(Math.min(60, tenureDays - 1), Math.max(1, tenureDays - 1)) * DAY_MS
  } else if (input.onNotice) {
    terminationMs = asOfMs + random.int(14, 120) * DAY_MS
  }
  const createdMs = Math.min(
    startMs - random.int(3, 45) * DAY_MS + random.int(0, DAY_MS - 1),
    asOfMs - DAY_MS,
  )
  const changedFromMs = Math.max(
    createdMs,
    terminationMs !== null && terminationMs < asOfMs ? terminationMs : createdMs,
  )
  const changedMs = changedFromMs + Math.floor(random.next() * (asOfMs - changedFromMs))
  const changedAt = timestamp(changedMs)

  const employmentType = pickEmploymentType(random, input.department?.template.hourly ?? false)
  const livesNearWork = random.chance(0.7)
  const homeCity = livesNearWork ? location.city : random.pick(locale.cities)
  const homeStreets = livesNearWork
    ? (STREETS_BY_COUNTRY.get(homeCity.country) ?? locale.streets)
    : locale.streets
  const personalEmail = random.chance(PERSONAL_EMAIL_SHARE)
    ? personalEmailFor(random, locale, firstName, lastName, birthMs)
    : null
  const homeAddress = random.chance(0.75)
    ? address(
        `${random.pick(homeStreets)} ${random.int(1, 180)}`,
        random.chance(0.15) ? `Apt. ${random.int(1, 40)}` : null,
        homeCity,
      )
    : null
  const bankRoll = random.next()
  const bankAccounts =
    bankRoll < 0.35
      ? [bankAccount(random, location.template.country, `${firstName} ${lastName}`)]
      : bankRoll < 0.85
        ? null
        : undefined

  // Optional keys are sometimes absent rather than null, as Kombo sends them.
  // Absent is `undefined` here, which JSON.stringify drops; one key order for every record keeps the
  // objects on one hidden class, which keeps generation and page serialisation fast.
  return {
    id,
    remote_id: remoteId,
    employee_number: random.chance(0.98) ? `E${String(input.index + 1).padStart(5, '0')}` : null,
    first_name: firstName,
    last_name: lastName,
    display_full_name: random.chance(NULL_DISPLAY_NAME_SHARE)
      ? null
      : locale.displayOrder === 'family-first'
        ? `${lastName} ${firstName}`
        : `${firstName} ${lastName}`,
    nationality: random.chance(0.9) ? locale.nationality : null,
    job_title: input.jobTitle,
    work_email: input.workEmailPresence === 'absent' ? undefined : input.workEmail,
    personal_email: personalEmail === null && random.chance(0.25) ? undefined : personalEmail,
    mobile_phone_number: random.chance(0.85)
      ? `${locale.phonePrefix}${random.int(0, 9)} ${digits(random, 8)}`
      : null,
    ssn: null,
    tax_id: random.chance(0.4) ? digits(random, 11) : null,
    gender: identity.gender === null && random.chance(0.5) ? undefined : identity.gender,
    ethnicity: null,
    marital_status: random.weighted<KomboMaritalStatus | null>([
      ['SINGLE', 25],
      ['MARRIED', 25],
      ['NOT_MARRIED', 5],
      ['DIVORCED', 5],
      [null, 40],
    ]),
    employment_status: status,
    employment_type: employmentType,
    weekly_hours: weeklyHoursFor(random, employmentType),
    avatar: random.chance(0.5) ? `https://images.hris.example/avatars/${remoteId}.jpg` : null,
    work_location_id: location.ref.id,
    legal_entity_id: location.entity.id,
    manager_id: input.manager?.id ?? null,
    home_address: homeAddress === null && random.chance(0.2) ? undefined : homeAddress,
    bank_accounts: bankAccounts,
    date_of_birth: random.chance(0.95) ? day(birthMs) : null,
    start_date: day(startMs),
    termination_date: terminationMs === null ? null : day(terminationMs),
    remote_created_at: timestamp(createdMs),
    changed_at: changedAt,
    remote_deleted_at: null,
    custom_fields: random.chance(0.85)
      ? {
          cost_center_code: input.department?.costCenter.remote_id ?? null,
          shirt_size: random.pick(SHIRT_SIZES),
          remote_work_eligible: random.chance(0.6),
          badge_number: `B-${digits(random, 6)}`,
        }
      : null,
    integration_fields: preferredNameField(random, ids, NICKNAMES[firstName]),
    remote_data: null,
    employments: employmentsFor(input, id, remoteId, startMs, employmentType, changedMs, changedAt),
    time_off_balances: timeOffBalancesFor(random, ids, structure, id, status, changedAt),
    manager: input.manager ? managerRef(input.manager) : null,
    groups: groupsFor(random, input.department),
    legal_entity: location.entity,
    work_location: location.ref,
  }
}

function pickEmploymentType(random: Random, hourly: boolean): KomboEmploymentType {
  return random.weighted<KomboEmploymentType>([
    ['FULL_TIME', 75],
    ['PART_TIME', hourly ? 18 : 10],
    ['WORKING_STUDENT', hourly ? 2 : 5],
    ['INTERNSHIP', 3],
    ['CONTRACT', 3],
    ['APPRENTICESHIP', 2],
    ['FREELANCE', 1],
  ])
}

function weeklyHoursFor(random: Random, type: KomboEmploymentType): number | null {
  switch (type) {
    case 'FULL_TIME':
    case 'INTERNSHIP':
    case 'APPRENTICESHIP':
    case 'TRAINING':
      return random.chance(0.9) ? 40 : 38.5
    case 'PART_TIME':
      return random.pick([20, 24, 30, 32])
    case 'WORKING_STUDENT':
      return 20
    case 'CONTRACT':
      return random.chance(0.5) ? 40 : null
    case 'FREELANCE':
      return null
  }
}

function personalEmailFor(
  random: Random,
  locale: NameLocale,
  first: string,
  last: string,
  birthMs: number,
): string {
  const f = emailNamePart(first)
  const l = emailNamePart(last)
  const year = new Date(birthMs).getUTCFullYear()
  const localPart = random.pick([
    `${f}.${l}`,
    `${f}${l}`,
    `${f}.${l}${year}`,
    `${f.slice(0, 1)}.${l}`,
    `${f}_${l}${String(year).slice(2)}`,
    `${l}.${f}`,
  ])
  const domain = random.chance(0.5)
    ? random.pick(GLOBAL_PERSONAL_EMAIL_DOMAINS)
    : random.pick(locale.personalEmailDomains)
  return `${localPart}@${domain}`
}

function bankAccount(random: Random, country: string, holderName: string): KomboBankAccount {
  return {
    iban: `${country}${random.int(10, 99)}${digits(random, 18)}`,
    bic: `${letters(random, 4)}${country}${letters(random, 2)}XXX`,
    account_number: null,
    holder_name: holderName,
    bank_name: random.pick(BANKS_BY_COUNTRY[country] ?? ['ING']),
    domestic_bank_routing: null,
  }
}

function preferredNameField(
  random: Random,
  ids: KomboIdSource,
  nicknames: readonly string[] | undefined,
): KomboIntegrationField[] {
  if (!nicknames || !random.chance(0.4)) return []
  return [
    {
      id: ids.next(),
      key: 'preferred_name',
      type: 'CUSTOM',
      value: random.pick(nicknames),
      label: 'Preferred name',
    },
  ]
}

function employmentsFor(
  input: RecordInput,
  employeeId: string,
  remoteId: string,
  startMs: number,
  employmentType: KomboEmploymentType,
  changedMs: number,
  changedAt: string,
): KomboEmployment[] {
  const { random, ids, asOfMs, location, department } = input
  const hourly = department?.template.hourly ?? false
  const eurRate = location.template.eurRate
  const annualEur = random.int(38, 110) * 1000
  const payFor = (factor: number): number =>
    hourly
      ? Math.round(random.int(1400, 2400) * factor * eurRate) / 100
      : Math.round(annualEur * factor * eurRate)
  const employment = (n: number, title: string, effectiveMs: number, pay: number): KomboEmployment => ({
    id: ids.next(),
    remote_id: random.chance(0.7) ? `${remoteId}-${n}` : null,
    employee_id: employeeId,
    job_title: title,
    pay_rate: pay,
    pay_period: hourly ? 'HOUR' : 'YEAR',
    pay_frequency: 'MONTHLY',
    employment_type: employmentType,
    pay_currency: location.template.currency,
    effective_date: day(effectiveMs),
    changed_at: effectiveMs >= changedMs ? changedAt : timestamp(Math.max(effectiveMs, startMs)),
    remote_deleted_at: null,
    custom_fields: null,
  })
  const tenureYears = Math.floor((asOfMs - startMs) / YEAR_MS)
  if (tenureYears >= 2 && department && random.chance(0.2)) {
    const promotedMs = startMs + random.int(1, tenureYears - 1) * YEAR_MS
    return [
      employment(1, random.pick(department.template.titles), startMs, payFor(0.85)),
      employment(2, input.jobTitle, promotedMs, payFor(1)),
    ]
  }
  return [employment(1, input.jobTitle, startMs, payFor(1))]
}

function timeOffBalancesFor(
  random: Random,
  ids: KomboIdSource,
  structure: CompanyStructure,
  employeeId: string,
  status: KomboEmploymentStatus,
  changedAt: string,
): KomboTimeOffBalance[] {
  // Pending starters have no balances yet, and not every HRIS exposes balances for everyone.
  if (status === 'PENDING' || random.chance(0.3)) return []
  const balance = (
    typeId: string,
    unit: 'DAYS' | 'HOURS',
    total: number,
    used: number,
  ): KomboTimeOffBalance => ({
    id: ids.next(),
    remote_id: null,
    employee_id: employeeId,
    type_id: typeId,
    balance: total - used,
    balance_unit: unit,
    used,
    used_unit: unit,
    changed_at: changedAt,
    remote_deleted_at: null,
  })
  const vacationDays = random.int(24, 30)
  const balances = [balance(structure.vacationTypeId, 'DAYS', vacationDays, random.int(0, vacationDays))]
  if (random.chance(0.15)) balances.push(balance(structure.overtimeTypeId, 'HOURS', random.int(0, 60), 0))
  return balances
}

function managerRef(manager: KomboEmployeeRecord): KomboManagerRef {
  const ref: KomboManagerRef = {
    id: manager.id,
    remote_id: manager.remote_id,
    employee_number: manager.employee_number,
    first_name: manager.first_name,
    last_name: manager.last_name,
    display_full_name: manager.display_full_name,
    termination_date: manager.termination_date,
  }
  if (manager.work_email !== undefined) ref.work_email = manager.work_email
  ref.employment_status = manager.employment_status ?? null
  return ref
}

function groupsFor(
  random: Random,
  department: CompanyStructure['departments'][number] | null,
): KomboGroupRef[] {
  if (!department) return []
  const groups = [department.group]
  if (random.chance(0.6)) groups.push(random.pick(department.teams))
  if (random.chance(0.3)) groups.push(department.costCenter)
  return groups
}

function address(street: string, street2: string | null, city: NameCity): KomboAddress {
  return {
    city: city.city,
    country: city.country,
    raw: `${street}${street2 ? `, ${street2}` : ''}, ${city.zip} ${city.city}, ${city.country}`,
    state: city.state,
    street_1: street,
    street_2: street2,
    zip_code: city.zip,
  }
}

function digits(random: Random, count: number): string {
  let text = ''
  for (let i = 0; i < count; i++) text += String(random.int(0, 9))
  return text
}

function letters(random: Random, count: number): string {
  let text = ''
  for (let i = 0; i < count; i++) text += String.fromCharCode(65 + random.int(0, 25))
  return text
}

/** Kombo's date fields are full ISO date-times at midnight UTC, never bare dates. */
function day(ms: number): string {
  const dayNumber = Math.floor(ms / DAY_MS)
  let text = DAY_STRINGS.get(dayNumber)
  if (text === undefined) {
    text = new Date(dayNumber * DAY_MS).toISOString()
    DAY_STRINGS.set(dayNumber, text)
  }
  return text
}

/** A few thousand distinct days recur across 50,000 people; formatting each once is much cheaper. */
const DAY_STRINGS = new Map<number, string>()

function timestamp(ms: number): string {
  return new Date(Math.floor(ms)).toISOString()
}
