import { createHash } from 'node:crypto'

/** Trimmed and case-folded, the way Kombo's email filters compare; null when blank. */
export function normaliseEmail(email: string | null | undefined): string | null {
  if (email === null || email === undefined) return null
  const folded = email.trim().toLowerCase()
  return folded === '' ? null : folded
}

/**
 * The identity tombstones' email key: sha256 hex of the trimmed, lower-cased work email. Must stay
 * byte-for-byte what the sync engine stores in identity_tombstones.work_email_hash.
 */
export function workEmailHash(email: string | null | undefined): string | null {
  const normalised = normaliseEmail(email)
  return normalised === null ? null : createHash('sha256').update(normalised, 'utf8').digest('hex')
}

const COMBINING_MARKS = /[\u0300-\u036f]/g
const WHITESPACE_RUN = /\s+/g

/**
 * A person's name as identity evidence: case, accents, commas and word order ignored, so "José  Núñez"
 * from one record equals "Nunez, jose" from another. Null when blank.
 */
export function identityName(first: string | null, last: string | null): string | null {
  const tokens = `${first ?? ''} ${last ?? ''}`
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/,/g, ' ')
    .split(WHITESPACE_RUN)
    .filter((token) => token !== '')
  return tokens.length === 0 ? null : tokens.sort().join(' ')
}

/**
 * A value as the product would store it: Unicode-normalised, trimmed, inner spacing collapsed. Case is
 * kept, because a corrected capitalisation ("Mcdonald" -> "McDonald") is an update the product wants.
 */
export function displayValue(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const cleaned = value.normalize('NFC').replace(WHITESPACE_RUN, ' ').trim()
  return cleaned === '' ? null : cleaned
}

/** The calendar day (YYYY-MM-DD, UTC) of an ISO date or date-time; null when it cannot be read. */
export function utcDay(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const trimmed = value.trim()
  // Kombo sends midnight-UTC timestamps ("2024-05-31T00:00:00.000Z"); those and bare dates need no parsing.
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed) || /^\d{4}-\d{2}-\d{2}T[^+]*Z$/.test(trimmed)) {
    return trimmed.slice(0, 10)
  }
  const time = Date.parse(trimmed)
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10)
}

/** Status words the product side uses for "has access", folded (lower case, no accents, no separators). */
const PRODUCT_ACTIVE_WORDS = new Set([
  'active',
  'activated',
  'enabled',
  'enable',
  'on',
  'yes',
  'y',
  'true',
  '1',
  'current',
  'employed',
  'aktiv',
  'aktiviert',
  'freigeschaltet',
  'actif',
  'activo',
  'attivo',
  'ativo',
  // Directory and chat roles of a user who has access: Slack's member list, Okta's lifecycle states.
  'member',
  'admin',
  'owner',
  'primaryowner',
  'workspaceadmin',
  'workspaceowner',
  'multichannelguest',
  'singlechannelguest',
  'guest',
  'provisioned',
  'recovery',
  'lockedout',
  'passwordexpired',
])

/** Status words for "no access", folded the same way. */
const PRODUCT_INACTIVE_WORDS = new Set([
  'inactive',
  'deactivated',
  'deprovisioned',
  'disabled',
  'disable',
  'off',
  'no',
  'n',
  'false',
  '0',
  'suspended',
  'blocked',
  'locked',
  'archived',
  'terminated',
  'deleted',
  'removed',
  'left',
  'former',
  'inaktiv',
  'deaktiviert',
  'gesperrt',
  'geloscht',
  'ausgetreten',
  'inactif',
  'desactive',
  'inactivo',
  'inattivo',
  'inativo',
])

export type AccessStatus = 'ACTIVE' | 'INACTIVE'

/**
 * Maps the product's own status word (active / enabled / aktiv, disabled / inactive / deaktiviert, ...)
 * onto Kombo's vocabulary. Null when the word is not recognised: an unknown status is never compared.
 */
export function productAccessStatus(status: string | null | undefined): AccessStatus | null {
  if (status === null || status === undefined) return null
  const folded = status
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[\s_\-.]/g, '')
  if (PRODUCT_ACTIVE_WORDS.has(folded)) return 'ACTIVE'
  if (PRODUCT_INACTIVE_WORDS.has(folded)) return 'INACTIVE'
  return null
}

/**
 * Kombo's employment_status as access: ACTIVE or INACTIVE. PENDING (future starter) and LEAVE are not
 * compared, because whether those people have access is the product's policy, not a fact from the HRIS.
 */
export function hrisAccessStatus(status: string | null | undefined): AccessStatus | null {
  if (status === null || status === undefined) return null
  // Kombo's own values need no folding; only raw strings passed through from the HRIS do.
  if (status === 'ACTIVE' || status === 'INACTIVE') return status
  const upper = status.trim().toUpperCase()
  return upper === 'ACTIVE' || upper === 'INACTIVE' ? upper : null
}
