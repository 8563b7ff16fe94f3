import type { StoredEmployee } from '../../../shared/dto/employees'

/**
 * A Kombo employee reduced to the fields the app stores in columns. `index` is its position in the
 * page's results: the raw record is the source text of that element (see resultSlices.ts).
 */
export interface ParsedEmployee extends Omit<StoredEmployee, 'vanished_at'> {
  index: number
}

export interface SkippedRecord {
  /** Position of the record within its page (0-based). */
  index: number
  reason: string
}

const asIs = (value: string): string => value

/**
 * Lenient per-record parsing: Kombo's enums are open and most fields nullable or absent, so anything
 * of an unexpected type becomes null. Only a record without a usable `id` / `remote_id` is skipped,
 * and it is reported rather than failing the page (the SDK would reject the whole page).
 */
export function parseEmployeeRecord(
  value: unknown,
  index: number,
  /** How strings of the parsed page become text (see pageText.ts). */
  restore: (value: string) => string = asIs,
): ParsedEmployee | SkippedRecord {
  const text = (field: unknown): string | null =>
    typeof field === 'string' && field !== '' ? restore(field) : null
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { index, reason: 'not an object' }
  }
  const record = value as Record<string, unknown>
  const id = text(record.id)
  if (id === null) return { index, reason: 'record has no id' }
  const remoteId =
    text(record.remote_id) ?? (typeof record.remote_id === 'number' ? String(record.remote_id) : null)
  if (remoteId === null) return { index, reason: `record ${id} has no remote_id` }
  return {
    id,
    remote_id: remoteId,
    employee_number: text(record.employee_number),
    first_name: text(record.first_name),
    last_name: text(record.last_name),
    display_full_name: text(record.display_full_name),
    work_email: text(record.work_email),
    personal_email: text(record.personal_email),
    employment_status: text(record.employment_status),
    start_date: text(record.start_date),
    termination_date: text(record.termination_date),
    date_of_birth: text(record.date_of_birth),
    changed_at: text(record.changed_at),
    remote_deleted_at: text(record.remote_deleted_at),
    index,
  }
}

export const isSkipped = (parsed: ParsedEmployee | SkippedRecord): parsed is SkippedRecord =>
  'reason' in parsed
