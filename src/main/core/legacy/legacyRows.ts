import type { LegacyRole, LegacyUser } from '../../../shared/dto/legacy'
import { LEGACY_ROLES } from '../../../shared/dto/legacy'
import { problems, type RefusalProblem } from './csvProblems'
import { assignColumns, type ColumnAssignment } from './headerRoles'
import { statusCellReader, type StatusCellReader } from './statusValues'

export interface CsvRecord {
  /** 1-based line where the record starts (a quoted line break makes a record span lines). */
  line: number
  fields: string[]
}

/** The first user stored under a user id, as a later row repeating that id needs it. */
export interface FirstOfUser {
  line: number
  /** Every cell with a role, joined: rows repeating a user must agree on it. */
  identity: string
  extra: Record<string, string>
}

/** What the rows said about the file, apart from its users (they went to the sink). */
export interface LegacyRowsShape {
  /** Header playing each role. */
  columns: Partial<Record<LegacyRole, string>>
  /** Unknown columns kept aside (a nameless column that is empty throughout is dropped). */
  extraColumns: string[]
  /** Users handed to the sink. */
  userCount: number
  /** Rows that repeated a user with the same identity (one row per group membership), folded into one. */
  rowsCollapsed: number
  /** How the file was read where its headers alone did not say, in plain words. */
  notes: string[]
}

/** Where read users go: memory for a pure parse, a staging table for an import (legacyStore). */
export interface LegacyUserSink {
  first(userId: string): FirstOfUser | undefined
  add(user: LegacyUser, identity: string): void
  /** Replaces the extra values of a user already added (a repeated row brought new ones). */
  setExtra(userId: string, extra: Record<string, string>): void
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

/**
 * Roles decided by what a column holds (a `login` of addresses is the email, a yes/no status, the user id
 * that identifies every row) are judged on the first rows only, so memory stays flat however long the
 * file: this many rows, or fewer when rows are so wide that they would hold more than SAMPLE_CELLS cells.
 * A later row that breaks the choice (an empty or clashing user id) is reported as a problem of its own.
 */
const SAMPLE_ROWS = 10_000
const SAMPLE_CELLS = 1_000_000

const isBlankRecord = (fields: readonly string[]): boolean => fields.every((field) => field.trim() === '')

function identityOf(cells: readonly (string | null)[], assignment: ColumnAssignment): string {
  return LEGACY_ROLES.map((role) => {
    const index = assignment.roles[role]
    return index === undefined ? '' : (cells[index] ?? '')
  }).join('\u0000')
}

function withValue(extra: Record<string, string>, name: string, value: string): void {
  // defineProperty, like fromEntries, keeps a header named "__proto__" plain data.
  Object.defineProperty(extra, name, { value, enumerable: true, writable: true, configurable: true })
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many
}

/**
 * The rows of a legacy file, one at a time: the header, then a sample that decides the columns, then
 * every row checked (field count, user id, repeats) and handed to the sink as a user.
 */
export class LegacyRows {
  private header: { line: number; names: string[] } | null = null
  private sample: CsvRecord[] = []
  private sampleCells = 0
  private decided: { assignment: ColumnAssignment; status: StatusCellReader } | null = null
  private readonly found: RefusalProblem[] = []
  private brokenRecords = 0
  private dataRows = 0
  private userCount = 0
  private rowsCollapsed = 0
  private valuesCut = 0
  private readonly extraInUse = new Set<number>()

  constructor(
    private readonly map: Partial<Record<LegacyRole, string>>,
    private readonly sink: LegacyUserSink,
  ) {}

  broken(problem: RefusalProblem): void {
    this.brokenRecords++
    this.found.push(problem)
  }

  record(record: CsvRecord): void {
    if (isBlankRecord(record.fields)) return
    if (this.header === null) {
      this.header = { line: record.line, names: record.fields.map((field) => field.trim()) }
      return
    }
    this.dataRows++
    if (this.decided) return this.row(record, this.decided)
    this.sample.push(record)
    this.sampleCells += record.fields.length
    if (this.sample.length >= SAMPLE_ROWS || this.sampleCells >= SAMPLE_CELLS) this.decide()
  }

  private decide(): { assignment: ColumnAssignment; status: StatusCellReader } {
    const header = this.header!
    const sample = this.sample
    const assignment = assignColumns(header.names, this.map, (index) =>
      sample.map((row) => row.fields[index] ?? ''),
    )
    const status = statusCellReader(assignment.roles.status, header.names, sample)
    for (const problem of assignment.problems) {
      this.found.push(problems.column(header.line, problem.kind, problem.reason))
    }
    const decided = { assignment, status }
    this.decided = decided
    this.sample = []
    for (const row of sample) this.row(row, decided)
    return decided
  }

  private row(
    row: CsvRecord,
    { assignment, status }: { assignment: ColumnAssignment; status: StatusCellReader },
  ) {
    const headers = this.header!.names
    if (row.fields.length !== headers.length) {
      this.found.push(problems.fieldCount(row.line, row.fields.length, headers.length))
      return
    }
    const userIdIndex = assignment.roles.user_id
    if (userIdIndex === undefined) return
    const cells = row.fields.map((field) => {
      const trimmed = field.trim()
      return trimmed === '' ? null : trimmed
    })
    const userId = cells[userIdIndex] ?? null
    if (userId === null) {
      this.found.push(problems.missingUserId(row.line, headers[userIdIndex]!))
      return
    }
    const identity = identityOf(cells, assignment)
    const first = this.sink.first(userId)
    if (first !== undefined) {
      if (first.identity !== identity) this.found.push(problems.duplicateUserId(row.line, userId, first.line))
      else this.fold(userId, first, cells, assignment)
      return
    }
    const extra: Record<string, string> = {}
    for (const column of assignment.extra) {
      const value = cells[column.index]
      if (value === null || value === undefined) continue
      withValue(extra, column.name, value)
      this.extraInUse.add(column.index)
    }
    const cellFor = (role: LegacyRole): string | null => {
      const index = assignment.roles[role]
      const value = index === undefined ? null : (cells[index] ?? null)
      if (value === null || value.length <= MAX_TEXT_LENGTH || !BOUNDED_ROLES.has(role)) return value
      this.valuesCut++
      return value.slice(0, MAX_TEXT_LENGTH)
    }
    const user: LegacyUser = {
      user_id: userId,
      email: cellFor('email'),
      first_name: cellFor('first_name'),
      last_name: cellFor('last_name'),
      full_name: cellFor('full_name'),
      hris_id: cellFor('hris_id'),
      private_email: cellFor('private_email'),
      status: status.read(cellFor('status')),
      line: row.line,
      extra,
    }
    this.sink.add(user, identity)
    this.userCount++
  }

  /** The same person again (one row per group): folds in each distinct extra value. */
  private fold(userId: string, first: FirstOfUser, cells: (string | null)[], assignment: ColumnAssignment) {
    this.rowsCollapsed++
    let changed = false
    for (const column of assignment.extra) {
      const value = cells[column.index]
      if (value === null || value === undefined) continue
      const kept = Object.hasOwn(first.extra, column.name) ? first.extra[column.name] : undefined
      const merged =
        kept === undefined ? value : kept.split('; ').includes(value) ? kept : `${kept}; ${value}`
      if (merged !== kept) {
        withValue(first.extra, column.name, merged)
        changed = true
      }
      this.extraInUse.add(column.index)
    }
    if (changed) this.sink.setExtra(userId, first.extra)
  }

  finish(): { ok: true; shape: LegacyRowsShape } | { ok: false; problems: RefusalProblem[] } {
    const header = this.header
    if (header === null) {
      return {
        ok: false,
        problems: [...this.found, problems.empty(1, 'the file has no readable header line')],
      }
    }
    if (this.dataRows === 0 && this.brokenRecords === 0) {
      this.found.push(problems.empty(header.line, 'the file has a header line but no user rows'))
    }
    const { assignment, status } = this.decided ?? this.decide()
    if (this.found.length > 0) return { ok: false, problems: this.found }
    const columns: Partial<Record<LegacyRole, string>> = {}
    for (const role of LEGACY_ROLES) {
      const index = assignment.roles[role]
      if (index !== undefined) columns[role] = header.names[index]!
    }
    const extraColumns = assignment.extra
      .filter((column) => header.names[column.index] !== '' || this.extraInUse.has(column.index))
      .map((column) => column.name)
    return {
      ok: true,
      shape: {
        columns,
        extraColumns,
        userCount: this.userCount,
        rowsCollapsed: this.rowsCollapsed,
        notes: [...assignment.notes, ...status.notes, ...this.countNotes()],
      },
    }
  }

  private countNotes(): string[] {
    const notes: string[] = []
    const cut = this.valuesCut
    if (cut > 0) {
      notes.push(
        `${cut} ${plural(cut, 'name or email was', 'names or emails were')} longer than ` +
          `${MAX_TEXT_LENGTH} characters and ${plural(cut, 'was', 'were')} cut to that length`,
      )
    }
    const collapsed = this.rowsCollapsed
    if (collapsed > 0) {
      notes.push(
        `${collapsed} ${plural(collapsed, 'row repeated', 'rows repeated')} a user with the same identity ` +
          '(one row per group, for example) and were folded into that user',
      )
    }
    return notes
  }
}
