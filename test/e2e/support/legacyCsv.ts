import type { StoredEmployee } from '../../../src/shared/dto/employees'

/**
 * Builds a legacy user export from synced employees the way real exports drift from the HRIS: most users
 * carry the HRIS id, some only an email, some still have the old email domain, a few are only findable
 * by name and private email, and a few have no employee at all. Deterministic: same input, same file.
 */
export interface LegacyFixture {
  csv: string
  /** user_id -> the employee it should end up linked to (null: nobody). */
  expected: Map<string, string | null>
  /** Users whose only evidence is a name (and private email): they come out as suggestions. */
  fuzzyUserIds: string[]
  oldDomain: string
}

function csvCell(value: string | null | undefined): string {
  const text = value ?? ''
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function buildLegacyCsv(
  employees: readonly StoredEmployee[],
  oldDomain = 'old-company.example',
): LegacyFixture {
  const active = employees.filter((e) => e.work_email && e.first_name && e.last_name && !e.remote_deleted_at)
  const rows: string[][] = [
    ['User ID', 'Email', 'First Name', 'Last Name', 'HRIS ID', 'Private Email', 'Status'],
  ]
  const expected = new Map<string, string | null>()
  const fuzzyUserIds: string[] = []
  active.forEach((employee, index) => {
    const userId = String(1000 + index)
    const email = employee.work_email ?? ''
    const [local] = email.split('@')
    const bucket = index % 20
    if (bucket < 10) {
      rows.push([
        userId,
        email,
        employee.first_name ?? '',
        employee.last_name ?? '',
        employee.remote_id,
        '',
        'active',
      ])
    } else if (bucket < 14) {
      rows.push([
        userId,
        email.toUpperCase(),
        employee.first_name ?? '',
        employee.last_name ?? '',
        '',
        '',
        'active',
      ])
    } else if (bucket < 17) {
      rows.push([
        userId,
        `${local}@${oldDomain}`,
        employee.first_name ?? '',
        employee.last_name ?? '',
        '',
        '',
        'active',
      ])
    } else if (bucket < 19) {
      // Only a (slightly misspelt) name and the private email: a person has to confirm this one.
      const last = employee.last_name ?? ''
      const typo = last.length > 3 ? last.slice(0, -2) + last.slice(-1) + last.slice(-2, -1) : last
      rows.push([userId, '', employee.first_name ?? '', typo, '', employee.personal_email ?? '', 'active'])
      fuzzyUserIds.push(userId)
    } else {
      return
    }
    expected.set(userId, employee.id)
  })
  // People who left before the HRIS was connected: nobody to link them to.
  for (let i = 0; i < 5; i++) {
    const userId = String(900 + i)
    rows.push([userId, `former.user${i}@${oldDomain}`, 'Former', `User${i}`, '', '', 'disabled'])
    expected.set(userId, null)
  }
  const csv = rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
  return { csv, expected, fuzzyUserIds, oldDomain }
}

/** A file the importer must refuse, with several problem rows it must list one by one. */
export const BROKEN_LEGACY_CSV = [
  'User ID,Email,First Name,Last Name',
  '1,ana@example.com,Ana,Silva',
  ',bo@example.com,Bo,Berg',
  '3,cy@example.com,Cy',
  '1,dup@example.com,Dup,Licate',
  '5,ed@example.com,Ed,Eriksen',
].join('\r\n')
