import Fuse from 'fuse.js'
import type { StoredEmployee } from '../../../shared/dto/employees'

/**
 * Fuzzy search over employees for the manual-pair box. The index is built once per employee list (the
 * list object changes only when a sync or reload replaces it) and on first use, not at screen load.
 */
let indexed: { employees: readonly StoredEmployee[]; fuse: Fuse<StoredEmployee> } | null = null
let haystacks: { employees: readonly StoredEmployee[]; text: string[] } | null = null

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

function haystacksFor(employees: readonly StoredEmployee[]): string[] {
  if (haystacks?.employees === employees) return haystacks.text
  const text = employees.map((e) =>
    [
      e.display_full_name,
      e.first_name,
      e.last_name,
      e.work_email,
      e.personal_email,
      e.remote_id,
      e.employee_number,
    ]
      .filter(Boolean)
      .join(' ')
      .toLowerCase(),
  )
  haystacks = { employees, text }
  return text
}

/**
 * Exact text first: a pasted email or id is found by a plain scan in milliseconds even among 100,000
 * people, and listed in the HRIS order. Only when that finds too little does fuse.js look for typos,
 * nicknames and reordered names, best first.
 */
export function searchEmployees(employees: readonly StoredEmployee[], query: string): string[] {
  const text = query.trim().toLowerCase()
  if (text === '') return []
  const exact: string[] = []
  const lines = haystacksFor(employees)
  for (let i = 0; i < lines.length && exact.length < SEARCH_LIMIT; i++) {
    if (lines[i]!.includes(text)) exact.push(employees[i]!.id)
  }
  if (exact.length >= SEARCH_LIMIT) return exact
  const seen = new Set(exact)
  const fuzzy = fuseFor(employees)
    .search(query.trim(), { limit: SEARCH_LIMIT })
    .map((hit) => hit.item.id)
    .filter((id) => !seen.has(id))
  return [...exact, ...fuzzy].slice(0, SEARCH_LIMIT)
}
