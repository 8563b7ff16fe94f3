import { stripDiacritics, transcribeDiacritics } from '../../src/main/core/demo/asciiFold'
import { createRandom, type Random } from '../../src/main/core/demo/random'
import type { LegacyUser } from '../../src/shared/dto/legacy'

/**
 * A customer's legacy user export as it drifts away from the HRIS over the years, generated from HRIS
 * employees with the truth kept per row: which employee each legacy user really is (or none) and what kind
 * of drift the row carries. Used by the matching benchmarks and tests, never by the app; deterministic for a seed, drawn from the
 * fixtures' one random source (src/main/core/demo/random.ts).
 */

/** The subset of an employee (Kombo wire record or stored row) the drift is derived from. */
export interface SourceEmployee {
  id: string
  remote_id: string
  first_name: string | null
  last_name: string | null
  display_full_name?: string | null
  work_email?: string | null
  personal_email?: string | null
  employment_status?: string | null
}

export type LegacyDriftCategory =
  /** The product stored the HRIS id; email unchanged, missing, or on the old domain. */
  | 'stored_hris_id'
  | 'exact_email'
  /** Same address with different case and stray spaces. */
  | 'email_case_space_noise'
  /** The company moved to a new email domain; the legacy export still has the old one. */
  | 'changed_domain'
  /** The stored HRIS id points to someone else or to no employee; the email tells the truth. */
  | 'stale_hris_id'
  /** Married / double-barrelled name: one side has "Müller-Schmidt", the other "Schmidt", or a maiden name. */
  | 'renamed'
  | 'nicknamed'
  /** Diacritics dropped or transliterated (ü -> ue / u), case changed. */
  | 'transliterated'
  | 'mistyped'
  /** "J. Smith" */
  | 'initials'
  /** "Smith, John" or "SMITH John" in a full-name column. */
  | 'order_swapped'
  /** Employees who share first and last name with a colleague, and no identifier in the export. */
  | 'same_name_colleague'
  | 'contractor'
  | 'service_account'

export interface LegacyTruth {
  user_id: string
  /** The employee this user really is; null for contractors and service accounts. */
  kombo_id: string | null
  category: LegacyDriftCategory
}

export interface LegacyExport {
  users: LegacyUser[]
  truth: LegacyTruth[]
  /** The company domain the legacy export still uses for people in the changed_domain category. */
  oldDomain: string
  newDomain: string
}

export interface LegacyExportOptions {
  seed: number
  /** Share of employees that have a legacy account (new hires do not yet). Default 0.9. */
  coverage?: number
  /** Extra rows with no employee, as a share of the legacy rows. Default 0.06. */
  noCounterpartShare?: number
  /** Given name -> everyday short forms, to write nicknamed rows; a small built-in list by default. */
  nicknames?: Readonly<Record<string, readonly string[]>>
}

const DEFAULT_COVERAGE = 0.9
const DEFAULT_NO_COUNTERPART_SHARE = 0.06
/** Of rows without an employee, this share are service accounts; the rest are contractors. */
const SERVICE_ACCOUNT_SHARE = 0.35

/**
 * How often each drift occurs among the people who have an employee. Chosen to look like a product that
 * stored HRIS ids for some years (a third), kept emails mostly in sync, and lost track of a minority.
 */
const CATEGORY_WEIGHTS: ReadonlyArray<[LegacyDriftCategory, number]> = [
  ['stored_hris_id', 0.3],
  ['exact_email', 0.28],
  ['email_case_space_noise', 0.1],
  ['changed_domain', 0.08],
  ['stale_hris_id', 0.04],
  ['renamed', 0.04],
  ['nicknamed', 0.04],
  ['transliterated', 0.04],
  ['mistyped', 0.04],
  ['initials', 0.02],
  ['order_swapped', 0.02],
]

/** Drifts that leave only the name to go by; for a person with a namesake they become same_name_colleague. */
const NAME_ONLY: ReadonlySet<LegacyDriftCategory> = new Set([
  'renamed',
  'nicknamed',
  'transliterated',
  'mistyped',
  'initials',
  'order_swapped',
])

const DEFAULT_NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Robert: ['Bob', 'Rob'],
  William: ['Bill', 'Will'],
  Katherine: ['Kate'],
  Johannes: ['Hans'],
  José: ['Pepe'],
  Elizabeth: ['Liz'],
  Thomas: ['Tom'],
  Michael: ['Mike'],
}

const CONTRACTOR_GIVEN = [
  'Alex',
  'Sam',
  'Jordan',
  'Kim',
  'Robin',
  'Chris',
  'Maria',
  'Anna',
  'David',
  'Lena',
  'Omar',
  'Yuki',
]
const CONTRACTOR_FAMILY = [
  'Berger',
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Tanaka',
  'Schmidt',
  'Rossi',
  'Novak',
  'Haddad',
  'Quinn',
]
const CONTRACTOR_DOMAINS = [
  'freelance-studio.example',
  'devpartners.example',
  'brightconsult.example',
  'acme-staffing.example',
]
const SERVICE_ACCOUNTS: ReadonlyArray<[string, string | null]> = [
  ['it-admin', 'IT Admin'],
  ['noreply', null],
  ['build-bot', 'Build Bot'],
  ['hr', 'HR Team'],
  ['payroll', null],
  ['support', 'Support'],
  ['scanner', null],
  ['svc-backup', null],
  ['info', null],
  ['office', 'Office'],
]

/** Keys next to each other on a QWERTY/QWERTZ keyboard, for realistic typos. */
const NEIGHBOUR_KEYS: Readonly<Record<string, string>> = {
  a: 'sq',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'rz',
  u: 'zi',
  v: 'cb',
  w: 'qe',
  x: 'yc',
  y: 'tx',
  z: 'tu',
}

function splitEmail(email: string): { local: string; domain: string } | null {
  const at = email.lastIndexOf('@')
  return at > 0 ? { local: email.slice(0, at), domain: email.slice(at + 1) } : null
}

/** One keyboard-style typo at a random position of a word of 4+ letters: swap, neighbour key, drop, double. */
function misspell(word: string, drift: Random): string {
  if (word.length < 4) return word
  const i = 1 + drift.int(0, word.length - 3)
  const kind = drift.int(0, 3)
  const letter = word[i]!
  if (kind === 0) return word.slice(0, i) + word[i + 1]! + letter + word.slice(i + 2)
  if (kind === 1) {
    const near = NEIGHBOUR_KEYS[letter.toLowerCase()]
    return near
      ? word.slice(0, i) + drift.pick([...near]) + word.slice(i + 1)
      : word.slice(0, i) + word.slice(i + 1)
  }
  if (kind === 2) return word.slice(0, i) + word.slice(i + 1)
  return word.slice(0, i) + letter + word.slice(i)
}

function noisyEmail(email: string, drift: Random): string {
  const cased = drift.chance(0.5)
    ? email.toUpperCase()
    : email.replace(/(^|[._])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase())
  return `${drift.chance(0.5) ? ' ' : ''}${cased}${drift.chance(0.7) ? ' ' : ''}`
}

function nameKey(employee: SourceEmployee): string {
  return `${employee.first_name ?? ''}|${employee.last_name ?? ''}`.toLowerCase()
}

/**
 * Builds the drifted export. Employees with status PENDING have not started and get no legacy account;
 * leavers keep theirs (a departed person still has a product account to remove).
 */
export function generateLegacyExport(
  employees: readonly SourceEmployee[],
  options: LegacyExportOptions,
): LegacyExport {
  const drift = createRandom(options.seed)
  const coverage = options.coverage ?? DEFAULT_COVERAGE
  const nicknames = options.nicknames ?? DEFAULT_NICKNAMES
  const newDomain = mostCommonDomain(employees)
  const oldDomain = newDomain.replace(/^([^.]+)/, '$1-legacy')

  const namesakeCount = new Map<string, number>()
  for (const employee of employees)
    namesakeCount.set(nameKey(employee), (namesakeCount.get(nameKey(employee)) ?? 0) + 1)
  const remoteIds = employees.map((employee) => employee.remote_id)
  const surnames = employees.map((employee) => employee.last_name).filter((name): name is string => !!name)

  const rows: Array<{
    user: Omit<LegacyUser, 'user_id' | 'line'>
    kombo_id: string | null
    category: LegacyDriftCategory
  }> = []
  for (const employee of employees) {
    if (employee.employment_status === 'PENDING' || !drift.chance(coverage)) continue
    if (!employee.first_name && !employee.last_name) continue
    let category = drift.weighted(CATEGORY_WEIGHTS)
    const hasNamesake = (namesakeCount.get(nameKey(employee)) ?? 0) > 1
    if (hasNamesake && NAME_ONLY.has(category)) category = 'same_name_colleague'
    const work = employee.work_email?.trim() || null
    // Without a work email there is nothing email-shaped to drift: keep the row, name and id only.
    if (
      !work &&
      (category === 'exact_email' || category === 'email_case_space_noise' || category === 'changed_domain')
    ) {
      category = hasNamesake ? 'same_name_colleague' : 'transliterated'
    }
    const user = draftUser(employee, category, {
      drift,
      nicknames,
      oldDomain,
      newDomain,
      remoteIds,
      surnames,
    })
    rows.push({ user, kombo_id: employee.id, category })
  }

  const extra = Math.round((rows.length * (options.noCounterpartShare ?? DEFAULT_NO_COUNTERPART_SHARE)) / 1)
  const usedServiceAccounts = new Set<string>()
  for (let i = 0; i < extra; i++) {
    if (drift.chance(SERVICE_ACCOUNT_SHARE) && usedServiceAccounts.size < SERVICE_ACCOUNTS.length * 2) {
      const [local, name] = drift.pick(SERVICE_ACCOUNTS)
      const domain = drift.chance(0.7) ? newDomain : oldDomain
      if (usedServiceAccounts.has(`${local}@${domain}`)) continue
      usedServiceAccounts.add(`${local}@${domain}`)
      rows.push({
        user: blankLegacyUser({ email: `${local}@${domain}`, full_name: name }),
        kombo_id: null,
        category: 'service_account',
      })
      continue
    }
    const given = drift.pick(CONTRACTOR_GIVEN)
    const family = drift.pick(CONTRACTOR_FAMILY)
    const domain = drift.chance(0.8)
      ? drift.pick(CONTRACTOR_DOMAINS)
      : `${family.toLowerCase()}-consulting.example`
    rows.push({
      user: blankLegacyUser({
        email: `${given.toLowerCase()}.${family.toLowerCase()}${drift.chance(0.3) ? drift.int(10, 99) : ''}@${domain}`,
        first_name: given,
        last_name: family,
      }),
      kombo_id: null,
      category: 'contractor',
    })
  }

  drift.shuffle(rows)
  const users: LegacyUser[] = []
  const truth: LegacyTruth[] = []
  const firstId = 10_000 + drift.int(0, 49_999)
  rows.forEach((row, index) => {
    const user_id = `U${firstId + index * 3}`
    users.push({ ...row.user, user_id, line: index + 2 })
    truth.push({ user_id, kombo_id: row.kombo_id, category: row.category })
  })
  return { users, truth, oldDomain, newDomain }
}

function mostCommonDomain(employees: readonly SourceEmployee[]): string {
  const counts = new Map<string, number>()
  for (const employee of employees) {
    const parts = employee.work_email ? splitEmail(employee.work_email.trim().toLowerCase()) : null
    if (parts) counts.set(parts.domain, (counts.get(parts.domain) ?? 0) + 1)
  }
  let best = 'company.example'
  let bestCount = 0
  for (const [domain, count] of counts) if (count > bestCount) [best, bestCount] = [domain, count]
  return best
}

/** A legacy user with every column empty but the given ones (the id and file line are added later). */
export function blankLegacyUser(
  fields: Partial<Omit<LegacyUser, 'user_id' | 'line'>>,
): Omit<LegacyUser, 'user_id' | 'line'> {
  return {
    email: null,
    first_name: null,
    last_name: null,
    full_name: null,
    hris_id: null,
    private_email: null,
    status: null,
    extra: {},
    ...fields,
  }
}

interface DraftTools {
  drift: Random
  nicknames: Readonly<Record<string, readonly string[]>>
  oldDomain: string
  newDomain: string
  remoteIds: readonly string[]
  surnames: readonly string[]
}

/** The email a name-drifted row carries: none, an old naming convention, or the private address. */
function nameRowEmail(employee: SourceEmployee, tools: DraftTools): Partial<LegacyUser> {
  const { drift } = tools
  const roll = drift.int(0, 9)
  if (roll < 4) return {}
  if (roll < 7) {
    // An older convention (first initial + last name) that the HRIS address no longer follows.
    const first = transcribeDiacritics(employee.first_name ?? '')
      .toLowerCase()
      .replace(/[^a-z]/g, '')
    const last = transcribeDiacritics(employee.last_name ?? '')
      .toLowerCase()
      .replace(/[^a-z]/g, '')
    if (first && last)
      return { email: `${first[0]}${last}@${drift.chance(0.5) ? tools.newDomain : tools.oldDomain}` }
    return {}
  }
  if (roll < 9 && employee.personal_email) return { private_email: employee.personal_email }
  return {}
}

type DraftedUser = Omit<LegacyUser, 'user_id' | 'line'>

function draftUser(employee: SourceEmployee, category: LegacyDriftCategory, tools: DraftTools): DraftedUser {
  switch (category) {
    case 'renamed':
    case 'nicknamed':
    case 'transliterated':
    case 'mistyped':
    case 'initials':
    case 'order_swapped':
      return blankLegacyUser({ ...driftedName(employee, category, tools), ...nameRowEmail(employee, tools) })
    case 'contractor':
    case 'service_account':
      return blankLegacyUser({})
    default:
      return draftIdentifiedUser(employee, category, tools)
  }
}

/** The work address moved to the old company domain, as the legacy export still has it. */
function oldAddressOf(employee: SourceEmployee, tools: DraftTools): string | null {
  const work = employee.work_email?.trim() || null
  const parts = work ? splitEmail(work) : null
  return parts ? `${parts.local}@${tools.oldDomain}` : null
}

/** Rows that keep the person's name and carry (or lost) an identifier: an HRIS id or an email. */
function draftIdentifiedUser(
  employee: SourceEmployee,
  category: Exclude<LegacyDriftCategory, NameDrift | 'contractor' | 'service_account'>,
  tools: DraftTools,
): DraftedUser {
  const { drift } = tools
  const name = { first_name: employee.first_name, last_name: employee.last_name }
  const work = employee.work_email?.trim() || null
  switch (category) {
    case 'stored_hris_id': {
      const roll = drift.int(0, 19)
      const email = roll < 14 ? work : roll < 17 ? null : oldAddressOf(employee, tools)
      return blankLegacyUser({ ...name, email, hris_id: employee.remote_id })
    }
    case 'exact_email':
      return blankLegacyUser({ ...name, email: work })
    case 'email_case_space_noise':
      return blankLegacyUser({ ...name, email: work ? noisyEmail(work, drift) : null })
    case 'changed_domain':
      return blankLegacyUser({ ...name, email: oldAddressOf(employee, tools) })
    case 'stale_hris_id': {
      let stale = `${employee.remote_id}-0`
      if (drift.chance(0.6)) {
        const other = drift.pick(tools.remoteIds)
        if (other !== employee.remote_id) stale = other
      }
      return blankLegacyUser({
        ...name,
        email: drift.chance(0.5) ? work : oldAddressOf(employee, tools),
        hris_id: stale,
      })
    }
    case 'same_name_colleague': {
      const roll = drift.int(0, 9)
      const evidence: Partial<LegacyUser> =
        roll < 5
          ? { email: oldAddressOf(employee, tools) }
          : roll < 8 && employee.personal_email
            ? { private_email: employee.personal_email }
            : {}
      return blankLegacyUser({ ...name, ...evidence })
    }
    default: {
      const exhaustive: never = category
      throw new Error(`unknown drift ${String(exhaustive)}`)
    }
  }
}

type NameDrift = 'renamed' | 'nicknamed' | 'transliterated' | 'mistyped' | 'initials' | 'order_swapped'

/** The name columns of a row whose only link to the employee is a drifted name. */
function driftedName(employee: SourceEmployee, category: NameDrift, tools: DraftTools): Partial<LegacyUser> {
  const { drift } = tools
  const first = employee.first_name
  const last = employee.last_name
  switch (category) {
    case 'renamed': {
      const parts = (last ?? '').split('-')
      let legacyLast: string
      if (parts.length > 1) legacyLast = drift.pick(parts)
      else if (drift.chance(0.6)) legacyLast = `${last}-${drift.pick(tools.surnames).split('-')[0]}`
      else legacyLast = drift.pick(tools.surnames)
      return { first_name: first, last_name: legacyLast }
    }
    case 'nicknamed': {
      const forms = first ? tools.nicknames[first] : undefined
      const nickname =
        forms && forms.length > 0 ? drift.pick(forms) : first && first.length > 5 ? first.slice(0, 4) : first
      return { first_name: nickname, last_name: last }
    }
    case 'transliterated': {
      const transliterate = drift.chance(0.5) ? transcribeDiacritics : stripDiacritics
      const fold = (value: string | null) => (value === null ? null : transliterate(value))
      const upper = drift.chance(0.3)
      return { first_name: fold(first), last_name: upper ? (fold(last)?.toUpperCase() ?? null) : fold(last) }
    }
    case 'mistyped': {
      const inLast = drift.chance(0.7) && (last?.length ?? 0) >= 4
      return {
        first_name: inLast || !first ? first : misspell(first, drift),
        last_name: inLast && last ? misspell(last, drift) : last,
      }
    }
    case 'initials': {
      const initials = (first ?? '')
        .split(/[\s-]+/)
        .filter(Boolean)
        .map((word) => `${word[0]}.`)
        .join(' ')
      return { full_name: `${initials} ${last ?? ''}`.trim() }
    }
    case 'order_swapped':
      return {
        full_name: drift.chance(0.6) ? `${last}, ${first}` : `${(last ?? '').toUpperCase()} ${first}`,
      }
  }
}
