import { generateCompany } from '../../src/main/core/demo/generateCompany'
import type { LoadedEmployee } from '../../src/main/core/match/matchStore'

/** A generated company's employees as a match loads them from the store: every column, absent ones null. */
export function generatedEmployees(seed: number, size: number): LoadedEmployee[] {
  return generateCompany({ seed, size }).map((record) => ({
    id: record.id,
    remote_id: record.remote_id,
    employee_number: record.employee_number ?? null,
    first_name: record.first_name ?? null,
    last_name: record.last_name ?? null,
    display_full_name: record.display_full_name ?? null,
    work_email: record.work_email ?? null,
    personal_email: record.personal_email ?? null,
    employment_status: record.employment_status ?? null,
    termination_date: record.termination_date ?? null,
    date_of_birth: record.date_of_birth ?? null,
    remote_deleted_at: record.remote_deleted_at ?? null,
    vanished_at: null,
  }))
}
