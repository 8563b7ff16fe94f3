import type { LegacyRole } from '../../../shared/dto/legacy'
import { LEGACY_ROLES } from '../../../shared/dto/legacy'
import { EMAIL_WHEN_ADDRESSES, ROLE_NAMES, USER_ID_WHEN_UNIQUE } from './headerVocabulary'

/**
 * Compares header names the way a person reads them: case, diacritics, spacing and punctuation do not
 * matter, so `E-Mail`, `e_mail`, `EMAIL` and `eMail` are one name, and `Prénom` equals `prenom`. A `#`
 * reads as "number" (`Employee #` is BambooHR's employee number).
 */
export function normaliseHeader(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/#/g, ' number ')
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

/**
 * Annotations products add to a header without changing what it holds: Google Workspace writes
 * `Email Address [Required]` and `Status [READ ONLY]`, other tools `(optional)`. Square brackets are always
 * an annotation; round ones only with these words, since `E-Mail (privat)` names a different column.
 */
const BRACKETED_ANNOTATION =
  /\[[^\]]*\]|\((?:required|optional|read[ _-]?only|mandatory|pflicht|obligatoire)\)/giu

/**
 * Header keys already computed: a header repeated 100,000 times is normalised once. Cleared past this
 * many distinct headers, so memory stays bounded whatever the file.
 */
const HEADER_KEY_CACHE_LIMIT = 10_000
const headerKeyCache = new Map<string, readonly string[]>()

/** The forms a header is looked up by: as written, then without its annotations. */
function headerKeys(name: string): readonly string[] {
  const known = headerKeyCache.get(name)
  if (known) return known
  const full = normaliseHeader(name)
  const bare = normaliseHeader(name.replace(BRACKETED_ANNOTATION, ' '))
  const keys = bare !== full && bare !== '' ? [full, bare] : [full]
  if (headerKeyCache.size >= HEADER_KEY_CACHE_LIMIT) headerKeyCache.clear()
  headerKeyCache.set(name, keys)
  return keys
}

/**
 * Names listed under more than one role, with what decides between them. A sign-in name is the email
 * only when its values are addresses; otherwise, like a personnel number, it is the user id only when no
 * better column exists and its values identify every row.
 */
const EMAIL_ONLY_WITH_ADDRESSES = new Set(EMAIL_WHEN_ADDRESSES.map(normaliseHeader))
const USER_ID_ONLY_WHEN_UNIQUE = new Set(USER_ID_WHEN_UNIQUE.map(normaliseHeader))
const FULL_NAME_ONLY_WITH_SPACES = new Set(['user name'].map(normaliseHeader))
/** Names that may stand for two roles at once: the user id may share its column with the HRIS id. */
const SHARED_ROLE_PAIRS: ReadonlyArray<readonly [LegacyRole, LegacyRole]> = [['user_id', 'hris_id']]

interface RoleEntry {
  role: LegacyRole
  rank: number
}

/** normalised header name -> the roles it may play, with its rank in each role's list; built once. */
const ROLES_BY_NAME: ReadonlyMap<string, readonly RoleEntry[]> = (() => {
  const byName = new Map<string, RoleEntry[]>()
  for (const role of LEGACY_ROLES) {
    ROLE_NAMES[role].forEach((name, rank) => {
      const key = normaliseHeader(name)
      const entries = byName.get(key) ?? []
      if (entries.some((entry) => entry.role === role)) return
      const conditional =
        EMAIL_ONLY_WITH_ADDRESSES.has(key) ||
        USER_ID_ONLY_WHEN_UNIQUE.has(key) ||
        FULL_NAME_ONLY_WITH_SPACES.has(key)
      const shared = entries.every((entry) =>
        SHARED_ROLE_PAIRS.some(
          ([a, b]) => (a === role && b === entry.role) || (b === role && a === entry.role),
        ),
      )
      if (entries.length > 0 && !conditional && !shared) {
        throw new Error(`header name "${name}" is listed for both ${entries[0]!.role} and ${role}`)
      }
      entries.push({ role, rank })
      byName.set(key, entries)
    })
  }
  return byName
})()

function rolesOfHeader(name: string): readonly RoleEntry[] {
  for (const key of headerKeys(name)) {
    const entries = ROLES_BY_NAME.get(key)
    if (entries) return entries
  }
  return []
}

/** The role a header name suggests on its own (its first listed role), if any. */
export function roleOfHeader(name: string): LegacyRole | null {
  const entries = rolesOfHeader(name)
  const unconditional = entries.find((entry) => !isConditional(name, entry.role))
  return (unconditional ?? entries[0])?.role ?? null
}

function isConditional(header: string, role: LegacyRole): boolean {
  const keys = headerKeys(header)
  if (role === 'email') return keys.some((key) => EMAIL_ONLY_WITH_ADDRESSES.has(key))
  if (role === 'user_id') return keys.some((key) => USER_ID_ONLY_WHEN_UNIQUE.has(key))
  if (role === 'full_name') return keys.some((key) => FULL_NAME_ONLY_WITH_SPACES.has(key))
  return false
}

/** Roles that identify a person besides the user id: at least one must be present to match anyone. */
const IDENTITY_ROLES: readonly LegacyRole[] = ['email', 'first_name', 'last_name', 'full_name', 'hris_id']

/**
 * The order roles are given out in: the email before the user id, so a sign-in column holding addresses
 * becomes the email and an id column the user id; the user id last, since it may fall back on any
 * column that identifies every row.
 */
const ASSIGNMENT_ORDER: readonly LegacyRole[] = [
  'email',
  'private_email',
  'first_name',
  'last_name',
  'full_name',
  'hris_id',
  'status',
  'user_id',
]

/**
 * A header that means different things in different products counts for a role when most of its non-empty
 * values fit it (are addresses, are spaced names): a majority, since a few users pick a handle as their name.
 */
const CONDITIONAL_VALUE_SHARE = 0.5
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export interface ColumnProblem {
  kind: 'no_user_id_column' | 'no_identity_column' | 'ambiguous_column' | 'column_map'
  reason: string
}

export interface ColumnAssignment {
  /** Column index per role; the user id may share its column with another role. */
  roles: Partial<Record<LegacyRole, number>>
  /** Column indexes kept aside as extra, with the name each is stored under. */
  extra: { index: number; name: string }[]
  problems: ColumnProblem[]
  /** How a role was chosen when the header alone did not say, in plain words for the import summary. */
  notes: string[]
}

/** Column names a message quotes before it counts the rest: a header can have 100,000 of them. */
const QUOTED_NAMES = 20

function quoted(names: readonly string[]): string {
  const shown = names.slice(0, QUOTED_NAMES).map((name) => `"${name}"`)
  const rest = names.length - shown.length
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ')
}

/**
 * The name an extra column is stored under: its header, or its position when the header is blank. A
 * counter per name keeps this linear when a header repeats thousands of times.
 */
function extraColumnNames(headers: readonly string[]): string[] {
  const used = new Set<string>()
  const nextCopy = new Map<string, number>()
  return headers.map((header, index) => {
    const base = header === '' ? `column ${index + 1}` : header
    let name = base
    let copy = nextCopy.get(base) ?? 2
    while (used.has(name)) name = `${base} (${copy++})`
    nextCopy.set(base, copy)
    used.add(name)
    return name
  })
}

/** The data rows' fields, for roles that are decided by what a column holds. */
export type ColumnValues = (index: number) => readonly string[]

const NO_VALUES: ColumnValues = () => []

function mostly(values: readonly string[], test: (value: string) => boolean): boolean {
  let filled = 0
  let passing = 0
  for (const raw of values) {
    const value = raw.trim()
    if (value === '') continue
    filled++
    if (test(value)) passing++
  }
  return filled > 0 && passing > filled * CONDITIONAL_VALUE_SHARE
}

const isAddress = (value: string) => LOOKS_LIKE_EMAIL.test(value)
/** A person's name has a space between its words, and no @ or dot-joined handle. */
const isSpacedName = (value: string) => /\s/.test(value) && !value.includes('@')

/**
 * True when the column has a value on every row and no value stands for two different people: rows that
 * repeat one person (one row per group membership) share their value, so identity is read on the columns
 * already given a role.
 */
function identifiesEveryRow(
  values: ColumnValues,
  index: number,
  identityColumns: readonly number[],
): boolean {
  const own = values(index)
  if (own.length === 0) return false
  const others = identityColumns.filter((column) => column !== index).map((column) => values(column))
  const signatureOf = new Map<string, string>()
  for (let row = 0; row < own.length; row++) {
    const value = own[row]!.trim()
    if (value === '') return false
    const signature = others.map((column) => (column[row] ?? '').trim()).join('\u0000')
    const seen = signatureOf.get(value)
    if (seen === undefined) signatureOf.set(value, signature)
    else if (seen !== signature) return false
  }
  return true
}

function rolesSoFar(headers: readonly string[], roles: Partial<Record<LegacyRole, number>>): string {
  const found = LEGACY_ROLES.filter((role) => roles[role] !== undefined).map(
    (role) => `${role}="${headers[roles[role]!]}"`,
  )
  return found.length > 0 ? found.join(', ') : 'none'
}

/** The column assignment as it is built up. */
interface Assigning {
  roles: Partial<Record<LegacyRole, number>>
  problems: ColumnProblem[]
  notes: string[]
  /** Column index -> the role that took it first. */
  claimed: Map<number, LegacyRole>
  /** Roles whose map entry failed or whose column is ambiguous: reported once, never guessed. */
  unresolved: Set<LegacyRole>
}

/** Explicit map entries (role -> header), matched exactly, then by normalised name. */
function applyColumnMap(
  headers: readonly string[],
  map: Partial<Record<LegacyRole, string>>,
  { roles, problems, claimed, unresolved }: Assigning,
): void {
  for (const role of LEGACY_ROLES) {
    const wanted = map[role]?.trim()
    if (wanted === undefined || wanted === '') continue
    let index = headers.indexOf(wanted)
    if (index === -1) {
      const matches = headers.flatMap((header, at) =>
        normaliseHeader(header) === normaliseHeader(wanted) ? [at] : [],
      )
      if (matches.length === 1) index = matches[0]!
    }
    if (index === -1) {
      unresolved.add(role)
      problems.push({
        kind: 'column_map',
        reason: `the column map names "${wanted}" for ${role}, but the file has no such column (columns: ${quoted(headers)})`,
      })
      continue
    }
    const other = claimed.get(index)
    if (other) {
      unresolved.add(role)
      problems.push({
        kind: 'column_map',
        reason: `the column map names "${headers[index]}" for both ${other} and ${role}`,
      })
      continue
    }
    roles[role] = index
    claimed.set(index, role)
  }
}

/** Recognised header names, best-ranked first, checked against the values where a name is ambiguous. */
function assignByName(
  headers: readonly string[],
  entriesOf: readonly (readonly RoleEntry[])[],
  values: ColumnValues,
  { roles, problems, claimed, unresolved }: Assigning,
): void {
  for (const role of ASSIGNMENT_ORDER) {
    if (roles[role] !== undefined || unresolved.has(role)) continue
    // Best-ranked header for the role; equal ranks mean the same name twice: ambiguous.
    let best: { index: number; rank: number }[] = []
    entriesOf.forEach((entries, index) => {
      const entry = entries.find((candidate) => candidate.role === role)
      if (!entry) return
      const owner = claimed.get(index)
      const sharing =
        owner !== undefined &&
        SHARED_ROLE_PAIRS.some(([a, b]) => (a === role && b === owner) || (b === role && a === owner))
      if (owner !== undefined && !sharing) return
      const header = headers[index]!
      if (role === 'email' && isConditional(header, 'email') && !mostly(values(index), isAddress)) return
      if (role === 'full_name' && isConditional(header, 'full_name') && !mostly(values(index), isSpacedName))
        return
      if (role === 'user_id' && isConditional(header, 'user_id')) return // decided below, on the values
      if (best.length === 0 || entry.rank < best[0]!.rank) best = [{ index, rank: entry.rank }]
      else if (entry.rank === best[0]!.rank) best.push({ index, rank: entry.rank })
    })
    if (best.length === 0) continue
    if (best.length > 1) {
      unresolved.add(role)
      problems.push({
        kind: 'ambiguous_column',
        reason: `columns ${quoted(best.map((candidate) => headers[candidate.index]!))} (columns ${best
          .slice(0, QUOTED_NAMES)
          .map((candidate) => candidate.index + 1)
          .join(
            ' and ',
          )}${best.length > QUOTED_NAMES ? ' and more' : ''}) could each be the ${role}; rename one or map the role explicitly`,
      })
      continue
    }
    roles[role] = best[0]!.index
    if (!claimed.has(best[0]!.index)) claimed.set(best[0]!.index, role)
  }
}

/**
 * Decides which column plays which role: explicit `map` entries (role -> header, matched exactly, then
 * by normalised name) first, then recognised header names (annotations such as `[Required]` ignored),
 * checked against the values where a name is ambiguous (a `login` of addresses is the email). With no
 * user id column, the column that identifies every row (a personnel number, the email, a login) is the
 * user id, and a note says so. Reports columns that make the file unmatchable (no user id column,
 * nothing to identify a person by) and map entries naming no column. `headers` are trimmed header cells.
 */
export function assignColumns(
  headers: readonly string[],
  map: Partial<Record<LegacyRole, string>> = {},
  values: ColumnValues = NO_VALUES,
): ColumnAssignment {
  const state: Assigning = {
    roles: {},
    problems: [],
    notes: [],
    claimed: new Map<number, LegacyRole>(),
    unresolved: new Set<LegacyRole>(),
  }
  applyColumnMap(headers, map, state)
  // Each header's candidate roles, looked up once (a header repeated 100,000 times stays linear).
  const entriesOf = headers.map((header) => rolesOfHeader(header))
  assignByName(headers, entriesOf, values, state)
  const { roles, problems, notes, claimed, unresolved } = state

  if (roles.user_id === undefined && !unresolved.has('user_id')) {
    const fallback = userIdFallback(headers, entriesOf, roles, values)
    if (fallback !== null) {
      roles.user_id = fallback
      if (!claimed.has(fallback)) claimed.set(fallback, 'user_id')
      notes.push(`no user id column: "${headers[fallback]}" identifies every user and is used as the user id`)
    }
  }

  const roleNames = LEGACY_ROLES.join(', ')
  // A role whose map entry failed or whose column is ambiguous is already reported; not missing as well.
  if (roles.user_id === undefined && !unresolved.has('user_id')) {
    problems.push({
      kind: 'no_user_id_column',
      reason:
        `no user id column, and no column identifies every user (columns: ${quoted(headers)}; ` +
        `detected: ${rolesSoFar(headers, roles)}); name it in the column map as user_id=<header> ` +
        `(roles: ${roleNames})`,
    })
  }
  if (!IDENTITY_ROLES.some((role) => roles[role] !== undefined || unresolved.has(role))) {
    problems.push({
      kind: 'no_identity_column',
      reason:
        `no column to identify people by (email, first name, last name, full name or HRIS id) among ` +
        `${quoted(headers)}; name one in the column map, e.g. email=<header> (roles: ${roleNames})`,
    })
  }

  const names = extraColumnNames(headers)
  const extra = headers.flatMap((_header, index) =>
    claimed.has(index) ? [] : [{ index, name: names[index]! }],
  )
  return { roles, extra, problems, notes }
}

/**
 * The user id when no header names one: a column listed as a possible user id (a login, a personnel
 * number) and then the email, the first that has a value on every row and never the same value for two
 * different people.
 */
function userIdFallback(
  headers: readonly string[],
  entriesOf: readonly (readonly RoleEntry[])[],
  roles: Partial<Record<LegacyRole, number>>,
  values: ColumnValues,
): number | null {
  const identityColumns = IDENTITY_ROLES.flatMap((role) => (roles[role] === undefined ? [] : [roles[role]!]))
  const listed = entriesOf
    .map((entries, index) => ({ index, entry: entries.find((candidate) => candidate.role === 'user_id') }))
    .filter((candidate): candidate is { index: number; entry: RoleEntry } => candidate.entry !== undefined)
    .sort((a, b) => a.entry.rank - b.entry.rank)
    .map((candidate) => candidate.index)
  const ordered = [...listed, ...(roles.email === undefined ? [] : [roles.email])]
  for (const index of ordered) {
    if (headers[index] === '') continue
    if (identifiesEveryRow(values, index, identityColumns)) return index
  }
  return null
}
