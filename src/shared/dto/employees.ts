/** An employee as stored locally: the fields matching and diffing need (the raw record is kept aside). */
export interface StoredEmployee {
  id: string
  remote_id: string
  employee_number: string | null
  first_name: string | null
  last_name: string | null
  display_full_name: string | null
  work_email: string | null
  personal_email: string | null
  employment_status: string | null
  start_date: string | null
  termination_date: string | null
  date_of_birth: string | null
  changed_at: string | null
  remote_deleted_at: string | null
  /** When a full fetch stopped returning this employee (null while Kombo still returns it). */
  vanished_at: string | null
}

/** StoredEmployee's fields in a fixed order: the columns of an EmployeeTable. */
export const STORED_EMPLOYEE_FIELDS = [
  'id',
  'remote_id',
  'employee_number',
  'first_name',
  'last_name',
  'display_full_name',
  'work_email',
  'personal_email',
  'employment_status',
  'start_date',
  'termination_date',
  'date_of_birth',
  'changed_at',
  'remote_deleted_at',
  'vanished_at',
] as const satisfies readonly (keyof StoredEmployee)[]

/**
 * Every stored employee as one row of values in the order of `columns` (STORED_EMPLOYEE_FIELDS), by
 * name: what `employees:list` says, without repeating the field names for each of 100,000 employees
 * (the JSON is about half as long, and it is read and written as arrays).
 */
export interface EmployeeTable {
  columns: string[]
  rows: (string | null)[][]
}

/** The employees of a table, or null when its columns are not the ones this side knows. */
export function employeesFromTable(table: EmployeeTable): StoredEmployee[] | null {
  const known = STORED_EMPLOYEE_FIELDS.every((field, index) => table.columns[index] === field)
  if (!known || table.columns.length !== STORED_EMPLOYEE_FIELDS.length) return null
  return table.rows.map((row) => ({
    id: row[0] ?? '',
    remote_id: row[1] ?? '',
    employee_number: row[2] ?? null,
    first_name: row[3] ?? null,
    last_name: row[4] ?? null,
    display_full_name: row[5] ?? null,
    work_email: row[6] ?? null,
    personal_email: row[7] ?? null,
    employment_status: row[8] ?? null,
    start_date: row[9] ?? null,
    termination_date: row[10] ?? null,
    date_of_birth: row[11] ?? null,
    changed_at: row[12] ?? null,
    remote_deleted_at: row[13] ?? null,
    vanished_at: row[14] ?? null,
  }))
}
