import { normaliseHeader } from './headerRoles'

/**
 * Status columns that are yes/no flags. Directory exports name the flag for either meaning: Entra ID's
 * `accountEnabled` and Salesforce's `IsActive` say TRUE for an active user, Auth0's `blocked` and a
 * `Suspended` column say TRUE for one without access. A flag is stored as the word it means, so the
 * lists compare it as a status; any other status value is kept exactly as written.
 */
const FLAG_MEANS_INACTIVE = new Set(['suspended', 'blocked', 'disabled', 'deactivated', 'locked'])
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'wahr', 'ja', 'vrai', 'oui', 'si', 'sí'])
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'falsch', 'nein', 'faux', 'non'])

export interface StatusCellReader {
  read(value: string | null): string | null
  notes: string[]
}

const AS_WRITTEN: StatusCellReader = { read: (value) => value, notes: [] }

function flagOf(value: string): boolean | null {
  const folded = value.trim().toLowerCase()
  if (TRUE_WORDS.has(folded)) return true
  if (FALSE_WORDS.has(folded)) return false
  return null
}

/** How the status column's cells are read: as flags when every value is one, otherwise as written. */
export function statusCellReader(
  index: number | undefined,
  headers: readonly string[],
  rows: readonly { fields: readonly string[] }[],
): StatusCellReader {
  if (index === undefined) return AS_WRITTEN
  let values = 0
  for (const row of rows) {
    const value = (row.fields[index] ?? '').trim()
    if (value === '') continue
    if (flagOf(value) === null) return AS_WRITTEN
    values++
  }
  if (values === 0) return AS_WRITTEN
  const header = headers[index]!
  const inverted = FLAG_MEANS_INACTIVE.has(normaliseHeader(header.replace(/\[[^\]]*\]/g, '')))
  const meaning = (flag: boolean) => (flag !== inverted ? 'active' : 'inactive')
  return {
    read: (value) => {
      if (value === null) return null
      const flag = flagOf(value)
      return flag === null ? value : meaning(flag)
    },
    notes: [
      `status read from the yes/no column "${header}" (${inverted ? 'yes = inactive' : 'yes = active'})`,
    ],
  }
}
