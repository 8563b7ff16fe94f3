import { parse } from 'csv-parse/sync'
import type { CsvError } from 'csv-parse/sync'
import type { LegacyRole, LegacyUser } from '../../../shared/dto/legacy'
import { LEGACY_ROLES } from '../../../shared/dto/legacy'
import { decodeText, type TextEncodingName } from './decodeText'
import { sniffDelimiter, type CsvDelimiter } from './sniffDelimiter'
import { assignColumns } from './headerRoles'
import { problems, sortProblems, type RefusalProblem } from './csvProblems'

export interface ParsedLegacyFile {
  encoding: TextEncodingName
  delimiter: CsvDelimiter
  /** Header playing each role. */
  columns: Partial<Record<LegacyRole, string>>
  /** Unknown columns kept aside (a nameless column that is empty throughout is dropped). */
  extraColumns: string[]
  /** In file order. */
  users: LegacyUser[]
}

export type LegacyParseOutcome =
  | { ok: true; file: ParsedLegacyFile }
  /** Every problem found, in file order; never empty. */
  | { ok: false; problems: RefusalProblem[] }

interface CsvRecord {
  /** 1-based line where the record starts (a quoted line break makes a record span lines). */
  line: number
  fields: string[]
}

/**
 * Splits decoded text into records with their start lines, on csv-parse. Quotes follow RFC 4180 (as
 * Excel writes them); a stray quote inside an unquoted field is kept as a character rather than
 * refusing the file. Field counts are checked by the caller, so every wrong row can be reported.
 */
function readRecords(
  text: string,
  delimiter: CsvDelimiter,
): { records: CsvRecord[]; broken: RefusalProblem[] } {
  const records: CsvRecord[] = []
  const broken: RefusalProblem[] = []
  let previousEnd = 0
  parse(text, {
    delimiter,
    record_delimiter: '\n',
    quote: '"',
    escape: '"',
    relax_quotes: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_record: (fields: string[], context) => {
      records.push({ line: previousEnd + 1, fields })
      previousEnd = context.lines
      // Collected here; returning null keeps csv-parse from holding a second copy.
      return null
    },
    on_skip: (error: CsvError | undefined) => {
      const line = previousEnd + 1
      if (error?.code === 'CSV_QUOTE_NOT_CLOSED') broken.push(problems.unclosedQuote(line))
      else broken.push(problems.malformed(line, error?.message ?? 'unknown parser error'))
      if (typeof error?.lines === 'number') previousEnd = error.lines
    },
  })
  return { records, broken }
}

const isBlankRecord = (fields: readonly string[]): boolean => fields.every((field) => field.trim() === '')

/**
 * Reads a legacy user export into users, or into the complete list of reasons to refuse it. Pure: no
 * database, no file system. `map` overrides header detection per role (role -> header name).
 */
export function parseLegacyCsv(
  bytes: Uint8Array,
  map: Partial<Record<LegacyRole, string>> = {},
): LegacyParseOutcome {
  const decoded = decodeText(bytes)
  if (!decoded.ok) return { ok: false, problems: [problems.notText(decoded.line, decoded.detail)] }
  const { text, encoding } = decoded
  if (text.trim() === '') {
    return {
      ok: false,
      problems: [problems.empty(1, 'the file is empty; export the user list with a header line')],
    }
  }

  const delimiter = sniffDelimiter(text)
  const { records, broken } = readRecords(text, delimiter)
  const rows = records.filter((record) => !isBlankRecord(record.fields))
  const headerRecord = rows[0]
  if (!headerRecord) {
    return {
      ok: false,
      problems: sortProblems([...broken, problems.empty(1, 'the file has no readable header line')]),
    }
  }
  const headers = headerRecord.fields.map((field) => field.trim())
  const found: RefusalProblem[] = [...broken]
  const dataRows = rows.slice(1)
  if (dataRows.length === 0 && broken.length === 0) {
    found.push(problems.empty(headerRecord.line, 'the file has a header line but no user rows'))
  }

  const assignment = assignColumns(headers, map)
  for (const problem of assignment.problems) {
    found.push(problems.column(headerRecord.line, problem.kind, problem.reason))
  }

  const userIdIndex = assignment.roles.user_id
  const firstLineOfUserId = new Map<string, number>()
  const users: LegacyUser[] = []
  const extraInUse = new Set<number>()
  for (const row of dataRows) {
    if (row.fields.length !== headers.length) {
      found.push(problems.fieldCount(row.line, row.fields.length, headers.length))
      continue
    }
    const cells = row.fields.map((field) => {
      const trimmed = field.trim()
      return trimmed === '' ? null : trimmed
    })
    const cellFor = (role: LegacyRole): string | null => {
      const index = assignment.roles[role]
      return index === undefined ? null : (cells[index] ?? null)
    }
    if (userIdIndex === undefined) continue
    const userId = cells[userIdIndex] ?? null
    if (userId === null) {
      found.push(problems.missingUserId(row.line, headers[userIdIndex]!))
      continue
    }
    const firstLine = firstLineOfUserId.get(userId)
    if (firstLine !== undefined) {
      found.push(problems.duplicateUserId(row.line, userId, firstLine))
      continue
    }
    firstLineOfUserId.set(userId, row.line)
    const extraEntries: [string, string][] = []
    for (const column of assignment.extra) {
      const value = cells[column.index]
      if (value === null || value === undefined) continue
      extraEntries.push([column.name, value])
      extraInUse.add(column.index)
    }
    users.push({
      user_id: userId,
      email: cellFor('email'),
      first_name: cellFor('first_name'),
      last_name: cellFor('last_name'),
      full_name: cellFor('full_name'),
      hris_id: cellFor('hris_id'),
      private_email: cellFor('private_email'),
      status: cellFor('status'),
      line: row.line,
      // fromEntries defines own properties, so a header named "__proto__" stays plain data.
      extra: Object.fromEntries(extraEntries),
    })
  }

  if (found.length > 0) return { ok: false, problems: sortProblems(found) }

  const columns: Partial<Record<LegacyRole, string>> = {}
  for (const role of LEGACY_ROLES) {
    const index = assignment.roles[role]
    if (index !== undefined) columns[role] = headers[index]!
  }
  const extraColumns = assignment.extra
    .filter((column) => headers[column.index] !== '' || extraInUse.has(column.index))
    .map((column) => column.name)
  return { ok: true, file: { encoding, delimiter, columns, extraColumns, users } }
}
