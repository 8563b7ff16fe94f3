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

export interface SafeCsv {
  content: string
  /** Cells that started like a formula and were prefixed, so the person opening the file can be told. */
  neutralised: number
}

/** RFC 4180 CSV (CRLF line ends, quotes doubled), UTF-8, every cell formula-safe. */
export function toSafeCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): SafeCsv {
  let neutralised = 0
  const count = (raw: string, safe: string) => {
    if (safe !== raw) neutralised++
    return safe
  }
  const records: string[][] = [header.map((cell) => count(cell, neutraliseCell(cell)))]
  for (const row of rows) {
    records.push(
      row.map((value) => {
        const safe = neutraliseValue(value)
        if (safe.startsWith("'") && FORMULA_TRIGGER.test(safe.slice(1))) neutralised++
        return safe
      }),
    )
  }
  return { content: stringify(records, { record_delimiter: '\r\n', quoted_match: /[",\r\n]/ }), neutralised }
}

/**
 * JSON is read by programs, not spreadsheets: every value goes out exactly as it was imported or synced
 * (an id "=HYPERLINK(...)", "+1" or "000123" included), so the product can join on it.
 */
export function toExactJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n'
}
