import { emailNamePart } from './asciiFold'
import { BANKS_BY_COUNTRY, SHIRT_SIZES } from './companyTables'
import type { CompanyStructure, KomboIdSource } from './companyStructure'
import type {
  KomboBankAccount,
  KomboEmployeeRecord,
  KomboEmployment,
  KomboEmploymentStatus,
  KomboEmploymentType,
  KomboGender,
  KomboGroupRef,
  KomboIntegrationField,
  KomboManagerRef,
  KomboMaritalStatus,
  KomboTimeOffBalance,
} from './komboRecord'
import { GLOBAL_PERSONAL_EMAIL_DOMAINS, NAME_LOCALES, NICKNAMES, type NameLocale } from './namePools'
import type { Random } from './random'
import { address, day, DAY_MS, digits, letters, timestamp, YEAR_MS } from './recordParts'

const PERSONAL_EMAIL_SHARE = 0.4
const NULL_DISPLAY_NAME_SHARE = 0.02

/** Streets of the pool whose cities lie in a country, for people who live near their work location. */
const STREETS_BY_COUNTRY = new Map<string, readonly string[]>(
  NAME_LOCALES.flatMap((locale) => locale.cities.map((city) => [city.country, locale.streets] as const)),
)

/** Who a record is for, as the company generator decided before drawing the record's details. */
export interface RecordIdentity {
  locale: NameLocale
  firstName: string
  lastName: string
  gender: KomboGender | null
}

export interface RecordInput {
  random: Random
  ids: KomboIdSource
  structure: CompanyStructure
  index: number
  identity: RecordIdentity
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

export function buildRecord(input: RecordInput): KomboEmployeeRecord {
  const { random, ids, structure, identity, status, location } = input
  const { locale, firstName, lastName } = identity
  const id = ids.next()
  const remoteId = String(2_000_000 + input.index * 7 + random.int(0, 6))

  const { birthMs, startMs, terminationMs, createdMs, changedMs } = lifeDates(input)
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
  const bankAccounts = bankAccountsFor(random, location.template.country, `${firstName} ${lastName}`)

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

/** The dates of one working life, all before asOf except a pending start or a notice period's end. */
function lifeDates(input: RecordInput): {
  birthMs: number
  startMs: number
  terminationMs: number | null
  createdMs: number
  changedMs: number
} {
  const { random, status, asOfMs } = input
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
  return { birthMs, startMs, terminationMs, createdMs, changedMs }
}

/** A third of people have a bank account on file, half have none (null), the rest omit the key. */
function bankAccountsFor(
  random: Random,
  country: string,
  holderName: string,
): KomboBankAccount[] | null | undefined {
  const bankRoll = random.next()
  return bankRoll < 0.35 ? [bankAccount(random, country, holderName)] : bankRoll < 0.85 ? null : undefined
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
