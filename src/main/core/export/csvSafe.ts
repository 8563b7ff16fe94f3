import { stringify } from 'csv-stringify/sync'

/**
 * Spreadsheets treat a cell starting with = + - @ (or a tab / carriage return that precedes one) as a
 * formula. Prefixing such a cell with an apostrophe makes Excel, LibreOffice and Google Sheets show it
 * as text (OWASP "CSV injection" guidance).
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/

export function neutraliseCell(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value
}

function neutraliseValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return neutraliseCell(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return neutraliseCell(JSON.stringify(value))
}

/** RFC 4180 CSV (CRLF line ends, quotes doubled), UTF-8, every cell formula-safe. */
export function toSafeCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  const records: string[][] = [header.map(neutraliseCell)]
  for (const row of rows) records.push(row.map(neutraliseValue))
  return stringify(records, { record_delimiter: '\r\n', quoted_match: /[",\r\n]/ })
}

/** JSON exports get the same neutralisation, since they are often pasted into spreadsheets too. */
export function toSafeJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? neutraliseCell(v) : v), 2) + '\n'
  )
}
