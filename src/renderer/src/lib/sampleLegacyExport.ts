import type { StoredEmployee } from '../../../shared/dto/employees'

/** The old company domain the sample pretends the customer used before a rebrand. */
const SAMPLE_OLD_DOMAIN = 'old-domain.example'

function cell(value: string | null | undefined): string {
  const text = value ?? ''
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A user export as a customer's product might hold it for the demo company, drifted the way real ones
 * are: most users carry the HRIS id, some only the email (in capitals), some the pre-rebrand domain, a
 * few only a misspelt name and private email, and a few people long gone. Only offered in demo mode, so
 * the whole flow can be tried without a file of one's own.
 */
export function sampleLegacyExport(employees: readonly StoredEmployee[]): File {
  const rows: string[][] = [
    ['user_id', 'email', 'first_name', 'last_name', 'hris_id', 'private_email', 'status'],
  ]
  const people = employees.filter((e) => e.work_email && e.first_name && e.last_name && !e.remote_deleted_at)
  people.forEach((person, index) => {
    const userId = `U${String(10_000 + index)}`
    const [local] = (person.work_email ?? '').split('@')
    const last = person.last_name ?? ''
    switch (index % 20) {
      case 10:
      case 11:
      case 12:
      case 13:
        rows.push([
          userId,
          (person.work_email ?? '').toUpperCase(),
          person.first_name ?? '',
          last,
          '',
          '',
          'active',
        ])
        break
      case 14:
      case 15:
      case 16:
        rows.push([userId, `${local}@${SAMPLE_OLD_DOMAIN}`, person.first_name ?? '', last, '', '', 'active'])
        break
      case 17:
      case 18: {
        const misspelt = last.length > 3 ? last.slice(0, -2) + last.slice(-1) + last.slice(-2, -1) : last
        rows.push([userId, '', person.first_name ?? '', misspelt, '', person.personal_email ?? '', 'active'])
        break
      }
      case 19:
        break
      default:
        rows.push([
          userId,
          person.work_email ?? '',
          person.first_name ?? '',
          last,
          person.remote_id,
          '',
          'active',
        ])
    }
  })
  for (let i = 0; i < 5; i++) {
    rows.push([
      `U0${i}`,
      `former.colleague${i}@${SAMPLE_OLD_DOMAIN}`,
      'Former',
      `Colleague${i}`,
      '',
      '',
      'disabled',
    ])
  }
  const csv = rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
  return new File([csv], 'sample-user-export.csv', { type: 'text/csv' })
}
