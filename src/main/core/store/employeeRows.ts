import {
  STORED_EMPLOYEE_FIELDS,
  type EmployeeTable,
  type StoredEmployee,
} from '../../../shared/dto/employees'
import type { Database } from './database'
import { everyRow, mappedRows, rawTextRows, text, textsOrNull, type SqlRow } from './rows'

/**
 * The employees table as StoredEmployee: the one column list and the one mapper every read of whole
 * employees uses (the sync writes the same columns, less the key and vanished_at).
 */
export const STORED_EMPLOYEE_COLUMNS = STORED_EMPLOYEE_FIELDS

/** The column list as SQL, for `SELECT ${STORED_EMPLOYEE_SQL_COLUMNS} FROM employees ...`. */
export const STORED_EMPLOYEE_SQL_COLUMNS = STORED_EMPLOYEE_COLUMNS.join(', ')

/** Every column but the two keys Kombo always sends. */
const NULLABLE_COLUMNS = STORED_EMPLOYEE_COLUMNS.filter(
  (column): column is Exclude<(typeof STORED_EMPLOYEE_COLUMNS)[number], 'id' | 'remote_id'> =>
    column !== 'id' && column !== 'remote_id',
)

export function storedEmployeeFromRow(row: SqlRow): StoredEmployee {
  return { id: text(row, 'id'), remote_id: text(row, 'remote_id'), ...textsOrNull(row, NULLABLE_COLUMNS) }
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
  return mappedRows(everyRow(db.prepare(query), integrationId), 'employees', storedEmployeeFromRow)
}

/**
 * The employees of an integration by name, as a table: read as arrays (no object per row on either
 * side of the wire), each value checked to be text or null.
 */
export function selectEmployeeTable(db: Database, integrationId: string): EmployeeTable {
  const query = `SELECT ${STORED_EMPLOYEE_SQL_COLUMNS} FROM employees WHERE integration_id = ? ORDER BY ${ORDER_BY.name}`
  const rows = rawTextRows(everyRow(db.prepare(query).raw(), integrationId), 'employees')
  return { columns: [...STORED_EMPLOYEE_COLUMNS], rows }
}
