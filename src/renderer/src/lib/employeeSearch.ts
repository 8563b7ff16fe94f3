import Fuse from 'fuse.js'
import type { StoredEmployee } from '../../../shared/dto/employees'

/**
 * Fuzzy search over employees for the manual-pair box. The index is built once per employee list (the
 * list object changes only when a sync or reload replaces it) and on first use, not at screen load.
 */
let indexed: { employees: readonly StoredEmployee[]; fuse: Fuse<StoredEmployee> } | null = null

/** Matches worse than this are noise for names and emails (Fuse scores 0 = exact, 1 = anything). */
const FUSE_THRESHOLD = 0.35
export const SEARCH_LIMIT = 50

function fuseFor(employees: readonly StoredEmployee[]): Fuse<StoredEmployee> {
  if (indexed?.employees === employees) return indexed.fuse
  const fuse = new Fuse(employees as StoredEmployee[], {
    keys: [
      { name: 'display_full_name', weight: 2 },
      { name: 'first_name', weight: 1.5 },
      { name: 'last_name', weight: 2 },
      { name: 'work_email', weight: 1.5 },
      { name: 'personal_email', weight: 1 },
      { name: 'remote_id', weight: 1 },
      { name: 'employee_number', weight: 0.5 },
    ],
    threshold: FUSE_THRESHOLD,
    ignoreLocation: true,
    includeScore: true,
  })
  indexed = { employees, fuse }
  return fuse
}

export function searchEmployees(employees: readonly StoredEmployee[], query: string): string[] {
  const text = query.trim()
  if (text === '') return []
  return fuseFor(employees)
    .search(text, { limit: SEARCH_LIMIT })
    .map((hit) => hit.item.id)
}
