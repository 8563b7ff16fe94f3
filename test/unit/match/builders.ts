import type { StoredEmployee } from '../../../src/shared/dto/employees'
import type { LegacyUser } from '../../../src/shared/dto/legacy'
import { blankLegacyUser } from '../../support/legacyExport'

export function employee(
  id: string,
  fields: Partial<Omit<StoredEmployee, 'id'>> & {
    first_name?: string | null
    last_name?: string | null
  } = {},
): StoredEmployee {
  return {
    id,
    remote_id: `R-${id}`,
    employee_number: null,
    first_name: null,
    last_name: null,
    display_full_name: null,
    work_email: null,
    personal_email: null,
    employment_status: 'ACTIVE',
    start_date: null,
    termination_date: null,
    date_of_birth: null,
    changed_at: null,
    remote_deleted_at: null,
    vanished_at: null,
    ...fields,
  }
}

export function legacyUser(user_id: string, fields: Partial<Omit<LegacyUser, 'user_id'>> = {}): LegacyUser {
  return { user_id, line: 2, ...blankLegacyUser({}), ...fields }
}

/** A person with a name and a work email at acme.example, as most test employees are. */
export function person(id: string, first: string, last: string, local?: string): StoredEmployee {
  const mailbox = local ?? `${first}.${last}`.toLowerCase()
  return employee(id, { first_name: first, last_name: last, work_email: `${mailbox}@acme.example` })
}
