import { parse } from 'csv-parse/sync'
import type { CsvError } from 'csv-parse/sync'
import type { LegacyRole, LegacyUser } from '../../../shared/dto/legacy'
import { LEGACY_ROLES } from '../../../shared/dto/legacy'
import { decodeText, type TextEncodingName } from './decodeText'
import { sniffDelimiter, type CsvDelimiter } from './sniffDelimiter'
import { assignColumns, type ColumnAssignment } from './headerRoles'
import { problems, sortProblems, type RefusalProblem } from './csvProblems'
import { readJsonRecords, looksLikeJson } from './jsonRecords'
import { statusCellReader } from './statusValues'

export interface ParsedLegacyFile {
  encoding: TextEncodingName
  /** The CSV delimiter, or `json` / `ndjson` for an export of JSON records (Auth0 writes both). */
  delimiter: CsvDelimiter | 'json' | 'ndjson'
  /** Header playing each role. */
  columns: Partial<Record<LegacyRole, string>>
  /** Unknown columns kept aside (a nameless column that is empty throughout is dropped). */
  extraColumns: string[]
  /** In file order. */
  users: LegacyUser[]
  /** Rows that repeated a user with the same identity (one row per group membership), folded into one. */
  rowsCollapsed: number
  /** How the file was read where its headers alone did not say, in plain words. */
  notes: string[]
}

export type LegacyParseOutcome =
  | { ok: true; file: ParsedLegacyFile }
  /** Every problem found, in file order; never empty. */
  | { ok: false; problems: RefusalProblem[] }

export interface CsvRecord {
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

/**
 * Names and emails are kept to this many characters: far beyond any real one, and a bound on what one row
 * can cost matching. Ids are never cut: they must come out exactly as they came in.
 */
const MAX_TEXT_LENGTH = 512
const BOUNDED_ROLES: ReadonlySet<LegacyRole> = new Set([
  'email',
  'first_name',
  'last_name',
  'full_name',
  'private_email',
])

const isBlankRecord = (fields: readonly string[]): boolean => fields.every((field) => field.trim() === '')

/** The identity a row gives its user: every cell with a role. Rows repeating a user must agree on it. */
function identityOf(cells: readonly (string | null)[], assignment: ColumnAssignment): string {
  return LEGACY_ROLES.map((role) => {
    const index = assignment.roles[role]
    return index === undefined ? '' : (cells[index] ?? '')
  }).join('\u0000')
}

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

  const json = looksLikeJson(text)
  const delimiter = json ?? sniffDelimiter(text)
  const read = json ? readJsonRecords(text, json) : readRecords(text, delimiter as CsvDelimiter)
  if ('refused' in read) return { ok: false, problems: [read.refused] }
  const { records, broken } = read
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

  const assignment = assignColumns(headers, map, (index) => dataRows.map((row) => row.fields[index] ?? ''))
  const statusCell = statusCellReader(assignment.roles.status, headers, dataRows)
  for (const problem of assignment.problems) {
    found.push(problems.column(headerRecord.line, problem.kind, problem.reason))
  }

  const userIdIndex = assignment.roles.user_id
  const firstOfUserId = new Map<string, { line: number; identity: string; user: LegacyUser }>()
  let rowsCollapsed = 0
  let valuesCut = 0
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
      const value = index === undefined ? null : (cells[index] ?? null)
      if (value === null || value.length <= MAX_TEXT_LENGTH || !BOUNDED_ROLES.has(role)) return value
      valuesCut++
      return value.slice(0, MAX_TEXT_LENGTH)
    }
    if (userIdIndex === undefined) continue
    const userId = cells[userIdIndex] ?? null
    if (userId === null) {
      found.push(problems.missingUserId(row.line, headers[userIdIndex]!))
      continue
    }
    const identity = identityOf(cells, assignment)
    const first = firstOfUserId.get(userId)
    if (first !== undefined) {
      if (first.identity !== identity) {
        found.push(problems.duplicateUserId(row.line, userId, first.line))
        continue
      }
      // The same person again (one row per group): fold it in, keeping each distinct extra value.
      rowsCollapsed++
      for (const column of assignment.extra) {
        const value = cells[column.index]
        if (value === null || value === undefined) continue
        const extra = first.user.extra
        const kept = Object.hasOwn(extra, column.name) ? extra[column.name] : undefined
        const merged =
          kept === undefined ? value : kept.split('; ').includes(value) ? kept : `${kept}; ${value}`
        // defineProperty, like fromEntries below, keeps a header named "__proto__" plain data.
        Object.defineProperty(extra, column.name, {
          value: merged,
          enumerable: true,
          writable: true,
          configurable: true,
        })
        extraInUse.add(column.index)
      }
      continue
    }
    const extraEntries: [string, string][] = []
    for (const column of assignment.extra) {
      const value = cells[column.index]
      if (value === null || value === undefined) continue
      extraEntries.push([column.name, value])
      extraInUse.add(column.index)
    }
    const user: LegacyUser = {
      user_id: userId,
      email: cellFor('email'),
      first_name: cellFor('first_name'),
      last_name: cellFor('last_name'),
      full_name: cellFor('full_name'),
      hris_id: cellFor('hris_id'),
      private_email: cellFor('private_email'),
      status: statusCell.read(cellFor('status')),
      line: row.line,
      // fromEntries defines own properties, so a header named "__proto__" stays plain data.
      extra: Object.fromEntries(extraEntries),
    }
    firstOfUserId.set(userId, { line: row.line, identity, user })
    users.push(user)
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
  const notes = [...assignment.notes, ...statusCell.notes]
  if (valuesCut > 0) {
    notes.push(
      `${valuesCut} ${valuesCut === 1 ? 'name or email was' : 'names or emails were'} longer than ` +
        `${MAX_TEXT_LENGTH} characters and ${valuesCut === 1 ? 'was' : 'were'} cut to that length`,
    )
  }
  if (rowsCollapsed > 0) {
    notes.push(
      `${rowsCollapsed} ${rowsCollapsed === 1 ? 'row repeated' : 'rows repeated'} a user with the same identity ` +
        '(one row per group, for example) and were folded into that user',
    )
  }
  return {
    ok: true,
    file: { encoding, delimiter, columns, extraColumns, users, rowsCollapsed, notes },
  }
}
