import type { StoredEmployee } from '../../../shared/dto/employees'
import type { Database } from './database'
import { mappedRows, text, textOrNull, type SqlRow } from './rows'

/**
 * The employees table as StoredEmployee: the one column list and the one mapper every read of whole
 * employees uses (the sync writes the same columns, less the key and vanished_at).
 */
export const STORED_EMPLOYEE_COLUMNS = [
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

/** The column list as SQL, for `SELECT ${STORED_EMPLOYEE_SQL_COLUMNS} FROM employees ...`. */
export const STORED_EMPLOYEE_SQL_COLUMNS = STORED_EMPLOYEE_COLUMNS.join(', ')

export function storedEmployeeFromRow(row: SqlRow): StoredEmployee {
  return {
    id: text(row, 'id'),
    remote_id: text(row, 'remote_id'),
    employee_number: textOrNull(row, 'employee_number'),
    first_name: textOrNull(row, 'first_name'),
    last_name: textOrNull(row, 'last_name'),
    display_full_name: textOrNull(row, 'display_full_name'),
    work_email: textOrNull(row, 'work_email'),
    personal_email: textOrNull(row, 'personal_email'),
    employment_status: textOrNull(row, 'employment_status'),
    start_date: textOrNull(row, 'start_date'),
    termination_date: textOrNull(row, 'termination_date'),
    date_of_birth: textOrNull(row, 'date_of_birth'),
    changed_at: textOrNull(row, 'changed_at'),
    remote_deleted_at: textOrNull(row, 'remote_deleted_at'),
    vanished_at: textOrNull(row, 'vanished_at'),
  }
}

const ORDER_BY = {
  /** Key order, which matching relies on for stable results. */
  id: 'id',
  /** How people read a list of employees. */
  name: 'last_name, first_name, id',
} as const

/** Every stored employee of an integration, departed, deleted and vanished ones too. */
export function selectStoredEmployees(
  db: Database,
  integrationId: string,
  order: keyof typeof ORDER_BY,
): StoredEmployee[] {
  const query = `SELECT ${STORED_EMPLOYEE_SQL_COLUMNS} FROM employees WHERE integration_id = ? ORDER BY ${ORDER_BY[order]}`
  return mappedRows(db.prepare(query).all(integrationId), 'employees', storedEmployeeFromRow)
}
