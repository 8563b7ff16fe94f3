import { generateCompany, type KomboEmployeeRecord } from '../../src/main/core/demo/generateCompany'
import type { StoredEmployee } from '../../src/shared/dto/employees'

/** A generated Kombo record as the store keeps it: every column, absent ones null, not vanished. */
export function storedEmployeeOf(record: KomboEmployeeRecord): StoredEmployee {
  return {
    id: record.id,
    remote_id: record.remote_id,
    employee_number: record.employee_number ?? null,
    first_name: record.first_name ?? null,
    last_name: record.last_name ?? null,
    display_full_name: record.display_full_name ?? null,
    work_email: record.work_email ?? null,
    personal_email: record.personal_email ?? null,
    employment_status: record.employment_status ?? null,
    start_date: record.start_date ?? null,
    termination_date: record.termination_date ?? null,
    date_of_birth: record.date_of_birth ?? null,
    changed_at: record.changed_at ?? null,
    remote_deleted_at: record.remote_deleted_at ?? null,
    vanished_at: null,
  }
}

/** A generated company's employees as the store keeps them (and a match loads them). */
export function generatedEmployees(seed: number, size: number): StoredEmployee[] {
  return generateCompany({ seed, size }).map(storedEmployeeOf)
}
