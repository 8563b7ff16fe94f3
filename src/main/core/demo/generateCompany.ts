import { emailLocalPart } from './asciiFold'
import { buildRecord, type RecordIdentity } from './companyRecord'
import { buildStructure, companyProfile, KomboIdSource } from './companyStructure'
import type { KomboEmployeeRecord, KomboEmploymentStatus, KomboGender } from './komboRecord'
import { NAME_LOCALES, type NameLocale } from './namePools'
import { createRandom, type Random } from './random'

export type * from './komboRecord'
export { emailLocalPart, emailNamePart, foldToAscii } from './asciiFold'
export { NAME_LOCALES, NICKNAMES } from './namePools'

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

/** What the generator remembers about each person while building later records (managers, namesakes). */
interface Person extends RecordIdentity {
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

function drawIdentity(random: Random, locale: NameLocale): RecordIdentity {
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
function copyIdentity(random: Random, people: readonly Person[]): RecordIdentity {
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

/**
 * Polish and Czech surnames change form for women (Kowalski -> Kowalska, Novák -> Nováková, Černý -> Černá);
 * other cultures keep one form. The rules below cover the surnames in the pools, not the whole grammar.
 */
function surnameForGender(localeCode: string, surname: string, female: boolean): string {
  if (!female) return surname
  if (localeCode === 'pl') return surname.endsWith('ki') ? `${surname.slice(0, -1)}a` : surname
  if (localeCode !== 'cs') return surname
  if (surname.endsWith('ý')) return `${surname.slice(0, -1)}á`
  if (surname.endsWith('a')) return `${surname.slice(0, -1)}ová`
  if (surname.endsWith('ek')) return `${surname.slice(0, -2)}ková`
  if (surname.endsWith('ec')) return `${surname.slice(0, -2)}cová`
  return `${surname}ová`
}
