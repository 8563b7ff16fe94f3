/**
 * A held-out HRIS company and its drifted legacy user export, with the truth for every legacy row.
 *
 * Written independently of the app's demo generator (src/main/core/demo), with its own name tables, random
 * source and drift model, so the matcher is measured on data it was not developed on. The company is a
 * multinational with realistic name frequencies (Zipf-like: at 20,000 people several "Wei Zhang",
 * "Maria Garcia", "Mohammed Khan"), names with diacritics and transliterations, one email convention per
 * company with numeric suffixes for collisions, a company domain change, HRIS ids stored as either the
 * HRIS's remote id or the personnel number, and the usual drift of a tool whose users signed up over
 * years. Rates are documented next to each constant and in bench/README.md.
 */
import type { StoredEmployee } from '../../src/shared/dto/employees'
import type { LegacyUser } from '../../src/shared/dto/legacy'
import { typo } from './corrupt'
import { NICKNAMES, ORIGIN_MIX, ORIGINS, TRANSLITERATIONS, type Origin } from './nameTables'
import { Random, stripDiacritics, transcribeDiacritics, ZipfSampler } from './random'

export type HeldoutCategory =
  | 'exact_email'
  | 'email_case_space'
  | 'domain_change'
  | 'hris_id_no_email'
  | 'private_email_only'
  | 'nickname'
  | 'married_name'
  | 'typo'
  | 'swapped'
  | 'initials'
  | 'missing_first'
  | 'transliteration'
  | 'stale_hris_id'
  | 'namesake_subtle'
  | 'leaver_gone'
  | 'contractor'
  | 'service_account'

/** What the legacy row's hris_id holds. */
export type HrisIdKind = 'remote_id' | 'employee_number' | 'stale_other_employee' | 'stale_unknown' | 'none'

export interface HeldoutTruth {
  user_id: string
  /** The employee this legacy user really is, or null (leaver no longer in the HRIS, contractor, service). */
  kombo_id: string | null
  category: HeldoutCategory
  hrisId: HrisIdKind
  /** The row's person shares a full name with at least one other HRIS employee. */
  namesake: boolean
}

export interface HeldoutCompany {
  employees: StoredEmployee[]
  legacy: LegacyUser[]
  truth: HeldoutTruth[]
  profile: CompanyProfile
  /** Employees sharing their full name (diacritics and case ignored) with another employee. */
  employeesWithNamesake: number
  /** Size of the largest group of employees with one full name, and that name. */
  largestNamesakeGroup: { name: string; size: number }
}

type EmailConvention = 'first.last' | 'flast' | 'firstl' | 'first_last'

export interface CompanyProfile {
  emailConvention: EmailConvention
  /** How the company writes ü, ø, å in addresses: transcribed (ue, oe, aa) or stripped (u, o, a). */
  emailDiacritics: 'transcribe' | 'strip'
  domain: string
  oldDomain: string
  remoteIdStyle: 'numeric' | 'uuid' | 'prefixed'
  /** Share of legacy rows (with an employee) whose hris_id column is filled. */
  hrisIdFill: number
  /** Of the filled hris_ids, the share holding the personnel number instead of the HRIS's remote id. */
  personnelNumberShare: number
  /** Share of legacy rows whose names lost their diacritics in the legacy tool. */
  legacyStripsDiacritics: number
  /** Whether the export also has a full-name column. */
  fullNameColumn: boolean
  userIdStyle: 'numeric' | 'slack'
}

// ------------------------------------------------------------------------------------------- rates

/** Zipf-Mandelbrot shape of given names and surnames (see ZipfSampler): s = 1, head flattened by 2 ranks. */
const NAME_ZIPF_EXPONENT = 1
const GIVEN_NAME_OFFSET = 6
const SURNAME_OFFSET = 8

/** People whose surname comes from another origin than their given name (mixed families, emigration). */
const MIXED_SURNAME = 0.2
/** HRIS statuses: most are active; leavers stay in the HRIS as INACTIVE for a while; a few hires are pending. */
const STATUS_MIX = { ACTIVE: 86, INACTIVE: 8, LEAVE: 2, PENDING: 4 }
/** Probability that an employee has an account in the legacy tool, by HRIS status. */
const IN_LEGACY = { ACTIVE: 0.95, INACTIVE: 0.55, LEAVE: 0.95, PENDING: 0.05 }
/** Active employees hired in the last 30 days often have no account yet. */
const RECENT_HIRE_IN_LEGACY = 0.5
/** Leavers already purged from the HRIS but still in the legacy tool, per 100 employees. */
const GONE_LEAVERS_PER_EMPLOYEE = 0.05
const CONTRACTORS_PER_EMPLOYEE = 0.03
const SERVICE_ACCOUNTS_PER_EMPLOYEE = 0.008
/** Employees without a work mailbox (warehouse, drivers): no work_email in the HRIS. */
const NO_WORK_EMAIL = 0.03
/** Employees whose private address the HRIS holds. */
const HAS_PERSONAL_EMAIL = 0.55
/** Legacy rows that also carry the private address (a recovery / secondary email column). */
const LEGACY_PRIVATE_EMAIL = 0.12
/** Women who changed their surname while employed (marriage); 70% of them had their mailbox renamed. */
const NAME_CHANGED = 0.06
const MAILBOX_RENAMED = 0.7
/** Of the renamed women with a legacy account, the share whose account still has the maiden name. */
const LEGACY_KEEPS_MAIDEN_NAME = 0.6
/** Spanish and Latin American employees carrying both surnames in the HRIS. */
const DOUBLE_SURNAME = 0.3
/** Of those, legacy rows keeping only the first surname. */
const LEGACY_DROPS_SECOND_SURNAME = 0.4
/** Chinese and Vietnamese employees whose HRIS display name puts the family name first. */
const DISPLAY_FAMILY_FIRST = 0.5
/** The company moved its email domain on this date; accounts created before it may keep the old domain. */
const DOMAIN_CHANGE_DATE = '2022-03-01'
/** Employees with a namesake: share of their legacy rows with no email and one piece of subtle evidence. */
const NAMESAKE_SUBTLE = 0.35
/** Rows of manual accounts (typos, swaps, initials, missing first names) rarely carry the HRIS id. */
const MANUAL_ACCOUNT_HRIS_FILL = 0.15

/**
 * Drift of a legacy row whose employee exists, before eligibility (a category a person cannot have, e.g.
 * a nickname for a name without one, falls back to exact_email). Weights, in percent of those rows.
 */
const CATEGORY_WEIGHTS: Partial<Record<HeldoutCategory, number>> = {
  exact_email: 38,
  email_case_space: 5,
  domain_change: 18,
  hris_id_no_email: 6,
  private_email_only: 2.5,
  nickname: 5,
  typo: 4,
  swapped: 2,
  initials: 2,
  missing_first: 1.5,
  transliteration: 5,
  stale_hris_id: 3,
}

const COMPANY_NAMES = [
  'northwind',
  'bluefjord',
  'kestrelworks',
  'halvorsen',
  'tidewater',
  'lumenfield',
  'brightpath',
  'ostrava-tech',
  'quillon',
  'marenco',
]
const PRIVATE_DOMAINS = [
  'gmail.com',
  'gmail.com',
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'gmx.de',
  'web.de',
  'hotmail.com',
  'icloud.com',
  'proton.me',
]
const AGENCY_DOMAINS = [
  'talentbridge.io',
  'devpool.com',
  'consultix.de',
  'freelancer-hub.net',
  'nearshore.pl',
  'acme-staffing.com',
]
const SERVICE_ACCOUNTS: [string, string | null, string | null][] = [
  ['admin', 'Admin', null],
  ['it-support', 'IT', 'Support'],
  ['helpdesk', 'Help', 'Desk'],
  ['noreply', null, null],
  ['jenkins', 'Jenkins', 'CI'],
  ['backup-bot', 'Backup', 'Bot'],
  ['recruiting', 'Recruiting', 'Team'],
  ['payroll', 'Payroll', null],
  ['room.atlas', 'Meeting Room', 'Atlas'],
  ['room.berlin', 'Meeting Room', 'Berlin'],
  ['sso-test', 'SSO', 'Test'],
  ['scanner', 'Office', 'Scanner'],
  ['finance-shared', 'Finance', 'Shared'],
  ['security', 'Security', 'Team'],
  ['sales-demo', 'Sales', 'Demo'],
  ['hr', 'HR', null],
]

// ------------------------------------------------------------------------------------------ people

interface Person {
  origin: Origin
  female: boolean
  first: string
  last: string
  /** Surname before a name change (married name), when there was one. */
  maiden: string | null
  startDate: string
  /** Left before today (gone leavers and INACTIVE employees). */
  terminationDate: string | null
  /** Local part of the work mailbox now, and of the mailbox under the maiden name if it was renamed. */
  local: string
  maidenLocal: string | null
  personalEmail: string | null
}

const TODAY = '2026-11-01'

function isoDate(random: Random, from: string, to: string): string {
  const start = Date.parse(from)
  const end = Date.parse(to)
  return new Date(start + Math.floor(random.next() * (end - start))).toISOString().slice(0, 10)
}

/** Hire dates skew recent (a growing company): the square root pulls draws towards the end. */
function hireDate(random: Random): string {
  const start = Date.parse('2008-01-01')
  const end = Date.parse(TODAY)
  return new Date(start + Math.sqrt(random.next()) * (end - start)).toISOString().slice(0, 10)
}

const nameKey = (first: string | null, last: string | null) =>
  stripDiacritics(`${first ?? ''} ${last ?? ''}`)
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()

function emailWord(profile: CompanyProfile, name: string): string {
  const ascii = profile.emailDiacritics === 'transcribe' ? transcribeDiacritics(name) : stripDiacritics(name)
  return ascii.toLowerCase().replace(/[^a-z]/g, '')
}

function localBase(profile: CompanyProfile, first: string, last: string): string {
  const f = emailWord(profile, first.split(/[ -]/)[0]!)
  const l = emailWord(profile, last.split(' ')[0]!)
  switch (profile.emailConvention) {
    case 'first.last':
      return `${f}.${l}`
    case 'flast':
      return `${f[0] ?? ''}${l}`
    case 'firstl':
      return `${f}${l[0] ?? ''}`
    case 'first_last':
      return `${f}_${l}`
  }
}

/** Hands out mailbox names the way a mail admin does: first come plain, later namesakes get 2, 3, ... */
class MailboxAllocator {
  private readonly taken = new Set<string>()
  has(local: string): boolean {
    return this.taken.has(local)
  }
  allocate(base: string): string {
    if (!this.taken.has(base)) {
      this.taken.add(base)
      return base
    }
    for (let n = 2; ; n++) {
      const candidate = `${base}${n}`
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate)
        return candidate
      }
    }
  }
}

/** A private address is one person's: a taken one gets digits, as the provider would insist on. */
function personalEmail(random: Random, taken: Set<string>, first: string, last: string): string {
  const f = stripDiacritics(first)
    .toLowerCase()
    .replace(/[^a-z]/g, '')
  const l = stripDiacritics(last)
    .toLowerCase()
    .replace(/[^a-z]/g, '')
  const year = String(random.int(60, 99) + (random.chance(0.3) ? 1900 : 0)).padStart(2, '0')
  const style = random.pick([
    `${f}.${l}`,
    `${f}${l}`,
    `${f[0]}${l}`,
    `${f}.${l}${year}`,
    `${f}${year}`,
    `${l}.${f}`,
    `${f}_${l}${random.int(1, 99)}`,
  ])
  const domain = random.pick(PRIVATE_DOMAINS)
  let address = `${style}@${domain}`
  while (taken.has(address)) address = `${style}${random.int(1, 999)}@${domain}`
  taken.add(address)
  return address
}

const ALPHANUMERIC = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

function komboId(random: Random): string {
  let id = ''
  for (let i = 0; i < 22; i++) id += ALPHANUMERIC[random.int(0, ALPHANUMERIC.length - 1)]
  return id
}

function uuid(random: Random): string {
  const hex = () => random.int(0, 15).toString(16)
  const part = (n: number) => Array.from({ length: n }, hex).join('')
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`
}

function remoteId(random: Random, profile: CompanyProfile, index: number): string {
  switch (profile.remoteIdStyle) {
    case 'numeric':
      return String(4_100_000 + index * 7 + random.int(0, 6))
    case 'uuid':
      return uuid(random)
    case 'prefixed':
      return `E${String(20_000 + index * 3 + random.int(0, 2))}`
  }
}

function makeProfile(random: Random): CompanyProfile {
  const name = random.pick(COMPANY_NAMES)
  return {
    emailConvention: random.weighted<EmailConvention>({
      'first.last': 60,
      flast: 15,
      firstl: 10,
      first_last: 15,
    }),
    emailDiacritics: random.chance(0.5) ? 'transcribe' : 'strip',
    domain: `${name}.com`,
    oldDomain: random.chance(0.5) ? `${name}-gmbh.de` : `${name}group.io`,
    remoteIdStyle: random.weighted({ numeric: 50, uuid: 30, prefixed: 20 }),
    hrisIdFill: 0.45 + random.next() * 0.2,
    personnelNumberShare: 0.15 + random.next() * 0.35,
    legacyStripsDiacritics: random.pick([0.1, 0.5, 0.9]),
    fullNameColumn: random.chance(0.5),
    userIdStyle: random.chance(0.5) ? 'numeric' : 'slack',
  }
}

function originMix(random: Random): Record<Origin, number> {
  const mix = { ...ORIGIN_MIX }
  for (const origin of Object.keys(mix) as Origin[]) mix[origin] *= 0.7 + random.next() * 0.6
  return mix
}

interface NameSamplers {
  male: ZipfSampler<string>
  female: ZipfSampler<string>
  surnames: ZipfSampler<string>
}

function samplers(): Record<Origin, NameSamplers> {
  const result = {} as Record<Origin, NameSamplers>
  for (const origin of Object.keys(ORIGINS) as Origin[]) {
    const names = ORIGINS[origin]
    result[origin] = {
      male: new ZipfSampler(names.male, NAME_ZIPF_EXPONENT, GIVEN_NAME_OFFSET),
      female: new ZipfSampler(names.female, NAME_ZIPF_EXPONENT, GIVEN_NAME_OFFSET),
      surnames: new ZipfSampler(names.surnames, NAME_ZIPF_EXPONENT, SURNAME_OFFSET),
    }
  }
  return result
}

function drawName(random: Random, pools: Record<Origin, NameSamplers>, mix: Record<Origin, number>) {
  const origin = random.weighted(mix)
  const female = random.chance(0.5)
  const pool = pools[origin]
  const first = (female ? pool.female : pool.male).sample(random)
  // Families mix: a share of people carry a surname from another origin (Jennifer Schneider, Lukas Nguyen).
  const surnameOrigin = random.chance(MIXED_SURNAME) ? random.weighted(mix) : origin
  let last = pools[surnameOrigin].surnames.sample(random)
  const feminine = ORIGINS[surnameOrigin].feminineSurname
  if (female && feminine) last = feminine(last)
  if (surnameOrigin === 'es' && random.chance(DOUBLE_SURNAME)) {
    const second = pool.surnames.sample(random)
    if (second !== last) last = `${last} ${second}`
  }
  return { origin, female, first, last }
}

// ---------------------------------------------------------------------------------------- generator

export interface HeldoutOptions {
  seed: number
  employees: number
}

export function generateHeldoutCompany(options: HeldoutOptions): HeldoutCompany {
  const random = new Random(options.seed * 1_000_003 + 17)
  const profile = makeProfile(random)
  const mix = originMix(random)
  const pools = samplers()
  const size = options.employees
  const goneCount = Math.round(size * GONE_LEAVERS_PER_EMPLOYEE)

  // Everyone who ever had a mailbox: current employees first, then leavers purged from the HRIS.
  const people: Person[] = []
  const privateAddresses = new Set<string>()
  for (let i = 0; i < size + goneCount; i++) {
    const name = drawName(random, pools, mix)
    const gone = i >= size
    const startDate = gone ? isoDate(random, '2008-01-01', '2023-01-01') : hireDate(random)
    let maiden: string | null = null
    if (!gone && name.female && random.chance(NAME_CHANGED)) {
      const candidate = drawName(random, pools, { ...ORIGIN_MIX, [name.origin]: 1e6 }).last
      if (candidate !== name.last) maiden = candidate
    }
    people.push({
      ...name,
      maiden,
      startDate,
      terminationDate: gone ? isoDate(random, startDate, '2025-06-01') : null,
      local: '',
      maidenLocal: null,
      personalEmail: random.chance(HAS_PERSONAL_EMAIL)
        ? personalEmail(random, privateAddresses, name.first, name.last)
        : null,
    })
  }
  // Mailboxes are handed out in hiring order; a renamed mailbox keeps its old name reserved.
  const mailboxes = new MailboxAllocator()
  for (const person of [...people].sort((a, b) => a.startDate.localeCompare(b.startDate))) {
    if (person.maiden !== null) {
      const old = mailboxes.allocate(localBase(profile, person.first, person.maiden))
      if (random.chance(MAILBOX_RENAMED)) {
        person.maidenLocal = old
        person.local = mailboxes.allocate(localBase(profile, person.first, person.last))
      } else person.local = old
    } else person.local = mailboxes.allocate(localBase(profile, person.first, person.last))
  }

  // ---- HRIS side
  const current = people.slice(0, size)
  const gonePeople = people.slice(size)
  const employees: StoredEmployee[] = []
  const statuses: (keyof typeof STATUS_MIX)[] = []
  current.forEach((person, index) => {
    const status = random.weighted(STATUS_MIX)
    statuses.push(status)
    if (status === 'INACTIVE') person.terminationDate = isoDate(random, '2024-11-01', TODAY)
    if (status === 'PENDING') person.startDate = isoDate(random, '2026-11-05', '2027-01-31')
    const familyFirst = ORIGINS[person.origin].familyFirst === true && random.chance(DISPLAY_FAMILY_FIRST)
    employees.push({
      id: komboId(random),
      remote_id: remoteId(random, profile, index),
      employee_number: random.chance(0.95) ? String(10_000 + index).padStart(6, '0') : null,
      first_name: person.first,
      last_name: person.last,
      display_full_name: familyFirst ? `${person.last} ${person.first}` : `${person.first} ${person.last}`,
      work_email: random.chance(NO_WORK_EMAIL) ? null : `${person.local}@${profile.domain}`,
      personal_email: person.personalEmail,
      employment_status: status,
      start_date: person.startDate,
      termination_date: person.terminationDate,
      date_of_birth: isoDate(random, '1958-01-01', '2005-01-01'),
      changed_at: `${isoDate(random, '2025-01-01', TODAY)}T08:00:00.000Z`,
      remote_deleted_at: null,
      vanished_at: null,
    })
  })
  const namesakeGroups = new Map<string, number>()
  for (const employee of employees) {
    const key = nameKey(employee.first_name, employee.last_name)
    namesakeGroups.set(key, (namesakeGroups.get(key) ?? 0) + 1)
  }
  const hasNamesake = (first: string | null, last: string | null, self: boolean) =>
    (namesakeGroups.get(nameKey(first, last)) ?? 0) > (self ? 1 : 0)

  // ---- legacy side
  const rows: { user: Omit<LegacyUser, 'user_id' | 'line'>; truth: Omit<HeldoutTruth, 'user_id'> }[] = []
  const legacyName = (name: string) =>
    random.chance(profile.legacyStripsDiacritics) ? stripDiacritics(name) : name
  const hrisIdFor = (employee: StoredEmployee, fill: number): [string | null, HrisIdKind] => {
    if (!random.chance(fill)) return [null, 'none']
    if (employee.employee_number !== null && random.chance(profile.personnelNumberShare))
      return [employee.employee_number, 'employee_number']
    return [employee.remote_id, 'remote_id']
  }
  const unknownId = () => remoteId(random, profile, size + random.int(1_000, 90_000))

  current.forEach((person, index) => {
    const employee = employees[index]!
    const status = statuses[index]!
    const recentHire = status === 'ACTIVE' && person.startDate > '2026-10-01'
    if (!random.chance(recentHire ? RECENT_HIRE_IN_LEGACY : IN_LEGACY[status])) return

    let first: string | null = legacyName(person.first)
    let last: string | null = legacyName(person.last)
    if (person.last.includes(' ') && random.chance(LEGACY_DROPS_SECOND_SURNAME))
      last = legacyName(person.last.split(' ')[0]!)
    const workEmail = employee.work_email
    let email: string | null = workEmail
    let privateEmail =
      person.personalEmail !== null && random.chance(LEGACY_PRIVATE_EMAIL) ? person.personalEmail : null
    const namesake = hasNamesake(person.first, person.last, true)

    const nicknames = NICKNAMES[person.first]
    const variants = transliterationsOf(person)
    // Only drifts this person can have are drawn, so each category keeps its documented share of rows.
    const eligible: Partial<Record<HeldoutCategory, number>> = { ...CATEGORY_WEIGHTS }
    if (!nicknames) delete eligible.nickname
    if (variants.length === 0) delete eligible.transliteration
    if (person.startDate >= DOMAIN_CHANGE_DATE || workEmail === null) delete eligible.domain_change
    if (person.personalEmail === null) delete eligible.private_email_only
    let category: HeldoutCategory = random.weighted(eligible as Record<HeldoutCategory, number>)
    if (person.maiden !== null && random.chance(LEGACY_KEEPS_MAIDEN_NAME)) category = 'married_name'
    else if (namesake && random.chance(NAMESAKE_SUBTLE)) category = 'namesake_subtle'

    const manual = ['typo', 'swapped', 'initials', 'missing_first'].includes(category)
    let [hrisId, hrisKind] = hrisIdFor(employee, manual ? MANUAL_ACCOUNT_HRIS_FILL : profile.hrisIdFill)
    // An alias the person signed up with; a mail admin never hands out another person's mailbox as one.
    const ownAlias = (local: string, domain = profile.domain) =>
      local === person.local || local === person.maidenLocal || !mailboxes.has(local)
        ? `${local}@${domain}`
        : null
    const alias = (given: string, family: string, domain = profile.domain) =>
      ownAlias(localBase(profile, given, family), domain)

    switch (category) {
      case 'exact_email':
        break
      case 'email_case_space': {
        if (email === null) break
        const [local, domain] = email.split('@') as [string, string]
        const cased = local
          .split(/([._])/)
          .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
          .join('')
        email = random.pick([
          `${cased}@${domain}`,
          ` ${email}`,
          `${email.toUpperCase()}`,
          `${cased}@${domain.charAt(0).toUpperCase()}${domain.slice(1)} `,
        ])
        break
      }
      case 'domain_change':
        email = `${person.local}@${profile.oldDomain}`
        break
      case 'hris_id_no_email':
        email = null
        ;[hrisId, hrisKind] = hrisIdFor(employee, 1)
        break
      case 'private_email_only':
        email = person.personalEmail
        privateEmail = null
        if (random.chance(0.8)) [hrisId, hrisKind] = [null, 'none']
        break
      case 'nickname': {
        first = random.pick(nicknames!)
        const roll = random.next()
        email = roll < 0.5 ? alias(first, person.last) : roll < 0.8 ? null : workEmail
        break
      }
      case 'married_name': {
        const maiden = person.maiden!
        last = legacyName(maiden)
        const oldLocal = person.maidenLocal ?? person.local
        email = `${oldLocal}@${person.startDate < DOMAIN_CHANGE_DATE && random.chance(0.3) ? profile.oldDomain : profile.domain}`
        break
      }
      case 'typo':
        if (random.chance(0.5)) first = typo(random, first ?? person.first)
        else last = typo(random, last ?? person.last)
        email = random.chance(0.3) ? person.personalEmail : null
        break
      case 'swapped':
        ;[first, last] = [last, first]
        email = random.chance(0.4) ? workEmail : null
        break
      case 'initials': {
        first = random.chance(0.6) ? `${person.first[0]}.` : person.first[0]!
        // Some tools build the address as initial + surname, whatever the company's convention.
        const initialLocal = `${emailWord(profile, person.first)[0] ?? ''}${emailWord(profile, person.last.split(' ')[0]!)}`
        email = random.chance(0.4)
          ? ownAlias(initialLocal, random.chance(0.5) ? profile.domain : profile.oldDomain)
          : null
        break
      }
      case 'missing_first':
        first = null
        email = random.chance(0.3) ? workEmail : null
        break
      case 'transliteration': {
        const [field, variant] = random.pick(variants)
        if (field === 'first') first = variant
        else last = variant
        const roll = random.next()
        email = roll < 0.5 ? null : roll < 0.8 ? alias(first ?? person.first, last ?? person.last) : workEmail
        break
      }
      case 'stale_hris_id': {
        const other = random.int(0, size - 1)
        if (other !== index && random.chance(0.6)) {
          ;[hrisId, hrisKind] = [employees[other]!.remote_id, 'stale_other_employee']
        } else [hrisId, hrisKind] = [unknownId(), 'stale_unknown']
        const roll = random.next()
        email =
          roll < 0.5
            ? workEmail
            : roll < 0.75 && person.startDate < DOMAIN_CHANGE_DATE
              ? `${person.local}@${profile.oldDomain}`
              : null
        break
      }
      case 'namesake_subtle': {
        email = null
        privateEmail = null
        ;[hrisId, hrisKind] = [null, 'none']
        const evidence = random.weighted({
          private: person.personalEmail ? 40 : 0,
          hris: 30,
          oldDomain: person.startDate < DOMAIN_CHANGE_DATE ? 30 : 0,
        })
        if (evidence === 'private') privateEmail = person.personalEmail
        else if (evidence === 'hris') [hrisId, hrisKind] = hrisIdFor(employee, 1)
        else email = `${person.local}@${profile.oldDomain}`
        break
      }
      default:
        break
    }
    rows.push({
      user: {
        email,
        first_name: first,
        last_name: last,
        full_name:
          profile.fullNameColumn && (first !== null || last !== null)
            ? [first, last].filter(Boolean).join(' ')
            : null,
        hris_id: hrisId,
        private_email: privateEmail,
        status: status === 'INACTIVE' && random.chance(0.7) ? 'deactivated' : 'active',
        extra: {},
      },
      truth: { kombo_id: employee.id, category, hrisId: hrisKind, namesake },
    })
  })

  for (const person of gonePeople) {
    const domain = (person.terminationDate ?? '') < DOMAIN_CHANGE_DATE ? profile.oldDomain : profile.domain
    const stale = random.chance(0.3)
    rows.push({
      user: {
        email: random.chance(0.9) ? `${person.local}@${domain}` : null,
        first_name: legacyName(person.first),
        last_name: legacyName(person.last),
        full_name: profile.fullNameColumn ? `${person.first} ${person.last}` : null,
        hris_id: stale ? unknownId() : null,
        private_email:
          person.personalEmail !== null && random.chance(LEGACY_PRIVATE_EMAIL) ? person.personalEmail : null,
        status: random.chance(0.5) ? 'deactivated' : 'active',
        extra: {},
      },
      truth: {
        kombo_id: null,
        category: 'leaver_gone',
        hrisId: stale ? 'stale_unknown' : 'none',
        namesake: hasNamesake(person.first, person.last, false),
      },
    })
  }
  for (let i = 0; i < Math.round(size * CONTRACTORS_PER_EMPLOYEE); i++) {
    const name = drawName(random, pools, mix)
    const local = `${emailWord(profile, name.first)}.${emailWord(profile, name.last.split(' ')[0]!)}`
    // Freelancers sign up with their agency's address or, one in five, a private one.
    const email = random.chance(0.2)
      ? personalEmail(random, privateAddresses, name.first, name.last)
      : `${local}@${random.pick(AGENCY_DOMAINS)}`
    rows.push({
      user: {
        email,
        first_name: legacyName(name.first),
        last_name: legacyName(name.last),
        full_name: profile.fullNameColumn ? `${name.first} ${name.last}` : null,
        hris_id: null,
        private_email: null,
        status: 'active',
        extra: {},
      },
      truth: {
        kombo_id: null,
        category: 'contractor',
        hrisId: 'none',
        namesake: hasNamesake(name.first, name.last, false),
      },
    })
  }
  const serviceCount = Math.max(8, Math.round(size * SERVICE_ACCOUNTS_PER_EMPLOYEE))
  for (let i = 0; i < serviceCount; i++) {
    const [local, first, last] = SERVICE_ACCOUNTS[i % SERVICE_ACCOUNTS.length]!
    const suffix = i < SERVICE_ACCOUNTS.length ? '' : String(Math.floor(i / SERVICE_ACCOUNTS.length) + 1)
    rows.push({
      user: {
        email: `${local}${suffix}@${random.chance(0.7) ? profile.domain : profile.oldDomain}`,
        first_name: first,
        last_name: last,
        full_name: profile.fullNameColumn && first !== null ? [first, last].filter(Boolean).join(' ') : null,
        hris_id: null,
        private_email: null,
        status: 'active',
        extra: {},
      },
      truth: { kombo_id: null, category: 'service_account', hrisId: 'none', namesake: false },
    })
  }

  random.shuffle(rows)
  const legacy: LegacyUser[] = []
  const truth: HeldoutTruth[] = []
  const usedIds = new Set<string>()
  rows.forEach((row, index) => {
    let userId = profile.userIdStyle === 'numeric' ? String(1001 + index) : slackId(random)
    while (usedIds.has(userId)) userId = slackId(random)
    usedIds.add(userId)
    legacy.push({ user_id: userId, line: index + 2, ...row.user })
    truth.push({ user_id: userId, ...row.truth })
  })

  let largest = { name: '', size: 0 }
  let employeesWithNamesake = 0
  for (const [name, count] of namesakeGroups) {
    if (count > 1) employeesWithNamesake += count
    if (count > largest.size) largest = { name, size: count }
  }
  return {
    employees: random.shuffle(employees),
    legacy,
    truth,
    profile,
    employeesWithNamesake,
    largestNamesakeGroup: largest,
  }
}

function slackId(random: Random): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'
  let id = 'U0'
  for (let i = 0; i < 9; i++) id += chars[random.int(0, chars.length - 1)]
  return id
}

/** The spellings another system may have used for this person's names: transliterations or diacritics written out. */
function transliterationsOf(person: Person): ['first' | 'last', string][] {
  const variants: ['first' | 'last', string][] = []
  for (const field of ['first', 'last'] as const) {
    const value = person[field]
    for (const variant of TRANSLITERATIONS[value] ?? []) variants.push([field, variant])
    const transcribed = transcribeDiacritics(value)
    if (transcribed !== stripDiacritics(value)) variants.push([field, transcribed])
  }
  return variants
}
