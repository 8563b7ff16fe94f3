import type { LegacyRole } from '../../../shared/dto/legacy'
import { LEGACY_ROLES } from '../../../shared/dto/legacy'

/**
 * Compares header names the way a person reads them: case, diacritics, spacing and punctuation do not
 * matter, so `E-Mail`, `e_mail` and `EMAIL` are one name, and `Prénom` equals `prenom`.
 */
export function normaliseHeader(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

/**
 * Header names per role in English, German, French and Spanish, most specific first: when two headers
 * claim one role, the one earlier in its list wins (`User ID` beats a bare `ID`), and the other is kept
 * aside as an extra column. Names are compared after normaliseHeader, so each spelling is listed once.
 * Deliberately absent: `Name` alone is the full name, `Nom` (French) the last name and `Nombre`
 * (Spanish) the first name, as each language uses them.
 */
const ROLE_NAMES: Record<LegacyRole, readonly string[]> = {
  user_id: [
    'user id',
    'userid',
    'user identifier',
    'account id',
    'login id',
    'benutzer-id',
    'benutzerid',
    'benutzerkennung',
    'nutzer-id',
    'konto-id',
    'identifiant utilisateur',
    "id d'utilisateur",
    'id utilisateur',
    'identifiant',
    'id de usuario',
    'id usuario',
    'identificador de usuario',
    'usuario id',
    'uid',
    'id',
  ],
  email: [
    'email',
    'e-mail',
    'email address',
    'e-mail address',
    'work email',
    'business email',
    'corporate email',
    'company email',
    'office email',
    'user email',
    'mail',
    'e-mail-adresse',
    'geschäftliche e-mail',
    'e-mail geschäftlich',
    'dienstliche e-mail',
    'e-mail dienstlich',
    'courriel',
    'adresse e-mail',
    'adresse électronique',
    'adresse courriel',
    'e-mail professionnel',
    'courriel professionnel',
    'correo electrónico',
    'correo',
    'correo corporativo',
    'correo electrónico corporativo',
    'correo del trabajo',
    'email corporativo',
  ],
  first_name: [
    'first name',
    'firstname',
    'given name',
    'forename',
    'first',
    'vorname',
    'rufname',
    'prénom',
    'nombre',
    'nombre de pila',
    'primer nombre',
  ],
  last_name: [
    'last name',
    'lastname',
    'surname',
    'family name',
    'last',
    'nachname',
    'familienname',
    'zuname',
    'nom de famille',
    'nom',
    'apellido',
    'apellidos',
    'primer apellido',
  ],
  full_name: [
    'full name',
    'fullname',
    'display name',
    'employee name',
    'name',
    'vollständiger name',
    'anzeigename',
    'nom complet',
    "nom d'affichage",
    'nom et prénom',
    'nombre completo',
    'nombre y apellidos',
  ],
  hris_id: [
    'hris id',
    'hris_id',
    'remote id',
    'employee id',
    'employee number',
    'employee no',
    'employee nr',
    'personnel id',
    'personnel number',
    'personnel no',
    'staff id',
    'staff number',
    'worker id',
    'payroll id',
    'payroll number',
    'personalnummer',
    'personal-nr',
    'pers.-nr.',
    'mitarbeiter-id',
    'mitarbeiternummer',
    'mitarbeiter-nr',
    'matricule',
    'numéro de matricule',
    "numéro d'employé",
    'numéro employé',
    "identifiant d'employé",
    'identifiant employé',
    'id employé',
    'número de empleado',
    'numero de personal',
    'id de empleado',
    'id empleado',
    'legajo',
  ],
  private_email: [
    'private email',
    'private e-mail',
    'personal email',
    'personal e-mail',
    'home email',
    'private email address',
    'personal email address',
    'private e-mail-adresse',
    'private e-mail adresse',
    'persönliche e-mail',
    'e-mail privat',
    'e-mail (privat)',
    'courriel personnel',
    'e-mail personnel',
    'adresse e-mail personnelle',
    'courriel privé',
    'correo personal',
    'correo electrónico personal',
    'email personal',
    'correo privado',
  ],
  status: [
    'status',
    'account status',
    'user status',
    'state',
    'kontostatus',
    'benutzerstatus',
    'statut',
    'statut du compte',
    'état',
    'estado',
    'estado de la cuenta',
  ],
}

/** normalised header name -> [role, rank within the role's list]; built once. */
const ROLE_BY_NAME: ReadonlyMap<string, { role: LegacyRole; rank: number }> = (() => {
  const byName = new Map<string, { role: LegacyRole; rank: number }>()
  for (const role of LEGACY_ROLES) {
    ROLE_NAMES[role].forEach((name, rank) => {
      const key = normaliseHeader(name)
      const existing = byName.get(key)
      if (existing && existing.role !== role) {
        throw new Error(`header name "${name}" is listed for both ${existing.role} and ${role}`)
      }
      if (!existing) byName.set(key, { role, rank })
    })
  }
  return byName
})()

/** The role a header name suggests on its own, if any. */
export function roleOfHeader(name: string): LegacyRole | null {
  return ROLE_BY_NAME.get(normaliseHeader(name))?.role ?? null
}

/** Roles that identify a person besides the user id: at least one must be present to match anyone. */
const IDENTITY_ROLES: readonly LegacyRole[] = ['email', 'first_name', 'last_name', 'full_name', 'hris_id']

export interface ColumnProblem {
  kind: 'no_user_id_column' | 'no_identity_column' | 'ambiguous_column' | 'column_map'
  reason: string
}

export interface ColumnAssignment {
  /** Column index per role. */
  roles: Partial<Record<LegacyRole, number>>
  /** Column indexes kept aside as extra, with the name each is stored under. */
  extra: { index: number; name: string }[]
  problems: ColumnProblem[]
}

function quoted(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ')
}

/** The name an extra column is stored under: its header, or its position when the header is blank. */
function extraColumnNames(headers: readonly string[]): string[] {
  const used = new Set<string>()
  return headers.map((header, index) => {
    const base = header === '' ? `column ${index + 1}` : header
    let name = base
    for (let copy = 2; used.has(name); copy++) name = `${base} (${copy})`
    used.add(name)
    return name
  })
}

/**
 * Decides which column plays which role: explicit `map` entries (role -> header, matched exactly, then
 * by normalised name) first, then recognised header names. Reports columns that make the file
 * unmatchable (no user id column, nothing to identify a person by) and map entries naming no column.
 * `headers` are trimmed header cells.
 */
export function assignColumns(
  headers: readonly string[],
  map: Partial<Record<LegacyRole, string>> = {},
): ColumnAssignment {
  const roles: Partial<Record<LegacyRole, number>> = {}
  const problems: ColumnProblem[] = []
  const claimed = new Map<number, LegacyRole>()
  const unresolved = new Set<LegacyRole>()

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

  // Best-ranked header per role not set by the map; equal ranks mean the same name twice: ambiguous.
  const candidates = new Map<LegacyRole, { index: number; rank: number }[]>()
  headers.forEach((header, index) => {
    if (claimed.has(index)) return
    const known = ROLE_BY_NAME.get(normaliseHeader(header))
    if (!known || roles[known.role] !== undefined || unresolved.has(known.role)) return
    const list = candidates.get(known.role) ?? []
    list.push({ index, rank: known.rank })
    candidates.set(known.role, list)
  })
  for (const [role, list] of candidates) {
    const bestRank = Math.min(...list.map((candidate) => candidate.rank))
    const best = list.filter((candidate) => candidate.rank === bestRank)
    if (best.length > 1) {
      unresolved.add(role)
      problems.push({
        kind: 'ambiguous_column',
        reason: `columns ${quoted(best.map((candidate) => headers[candidate.index]!))} (columns ${best
          .map((candidate) => candidate.index + 1)
          .join(' and ')}) could each be the ${role}; rename one or map the role explicitly`,
      })
      continue
    }
    roles[role] = best[0]!.index
    claimed.set(best[0]!.index, role)
  }

  // A role whose map entry failed or whose column is ambiguous is already reported; not missing as well.
  if (roles.user_id === undefined && !unresolved.has('user_id')) {
    problems.push({
      kind: 'no_user_id_column',
      reason: `no user id column among ${quoted(headers)}; name it in the column map (user_id=<header>)`,
    })
  }
  if (!IDENTITY_ROLES.some((role) => roles[role] !== undefined || unresolved.has(role))) {
    problems.push({
      kind: 'no_identity_column',
      reason:
        'no column to identify people by (email, first name, last name, full name or HRIS id); ' +
        'name one in the column map (e.g. email=<header>)',
    })
  }

  const names = extraColumnNames(headers)
  const extra = headers.flatMap((_header, index) =>
    claimed.has(index) ? [] : [{ index, name: names[index]! }],
  )
  return { roles, extra, problems }
}
