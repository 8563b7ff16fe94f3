import { basename } from 'node:path'
import type { CsvProblem, LegacyImportSummary, LegacyRole } from '../../shared/dto/legacy'
import { LEGACY_ROLES } from '../../shared/dto/legacy'
import { AppFailure } from '../../shared/result'
import { fileSource, type ByteSource } from '../../main/core/legacy/byteSource'
import { writeExportFile } from '../../main/core/export/atomicFile'
import {
  EXIT,
  UsageError,
  openCliApp,
  optionalString,
  printJson,
  requireString,
  type CliCommand,
  type CliIO,
  type CliValues,
  INTEGRATION_OPTIONS,
  integrationTarget,
} from '../cli'

const USAGE =
  'import --db F --integration ID --file CSV [--map role=Header,...] [--drop-decisions] [--allow-shrink] ' +
  '[--report FILE] [--json]'

/** Problem lines a refusal prints; the rest are counted, and all of them go to --json and --report. */
const PRINTED_PROBLEMS = 100

const ROLE_ALTERNATIVES = LEGACY_ROLES.join('|')
/** A comma that starts another `role=` entry; any other comma belongs to the header (`Last Name, First Name`). */
const ENTRY_SEPARATOR = new RegExp(`,(?=\\s*(?:${ROLE_ALTERNATIVES})\\s*=)`)

/** A header written in quotes (`role="Last Name, First Name"`) is taken without them. */
function unquote(header: string): string {
  const quoted = /^"(.*)"$/s.exec(header) ?? /^'(.*)'$/s.exec(header)
  return quoted ? quoted[1]!.replace(/""/g, '"') : header
}

/**
 * Parses `--map user_id=Benutzer-ID,email=Mail`; the option may also repeat, one role each. A comma splits
 * entries only where another role name follows, so `--map "full_name=Last Name, First Name"` names a
 * header with a comma, and so does the quoted form `full_name="Last Name, First Name"`.
 */
export function parseRoleMap(values: CliValues): Partial<Record<LegacyRole, string>> {
  const raw = values.map
  const entries = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .filter((value): value is string => typeof value === 'string')
    .flatMap((value) => value.split(ENTRY_SEPARATOR))
    .filter((pair) => pair.trim() !== '')
  const map: Partial<Record<LegacyRole, string>> = {}
  for (const pair of entries) {
    const equals = pair.indexOf('=')
    const role = (equals === -1 ? pair : pair.slice(0, equals)).trim()
    const header = equals === -1 ? '' : unquote(pair.slice(equals + 1).trim())
    if (!isLegacyRole(role)) {
      throw new UsageError(`--map: unknown role '${role}' (roles: ${LEGACY_ROLES.join(', ')}); ${MAP_SYNTAX}`)
    }
    if (header === '') throw new UsageError(`--map: ${role} needs a header name, e.g. ${role}=Header`)
    if (map[role] !== undefined) throw new UsageError(`--map: ${role} is given twice`)
    map[role] = header
  }
  return map
}

const MAP_SYNTAX =
  `write --map role=Header, once per role or comma-separated ` +
  `(--map user_id=Login --map 'full_name="Last Name, First Name"')`

const COLUMN_PROBLEMS = new Set(['no_user_id_column', 'no_identity_column', 'ambiguous_column', 'column_map'])

function isLegacyRole(value: string): value is LegacyRole {
  return (LEGACY_ROLES as readonly string[]).includes(value)
}

/** The file as a stream; opened once here so a path that cannot be read is reported before the database opens. */
function openCsv(path: string): ByteSource {
  try {
    // A directory opens on some systems and fails only at the first read: read once to know.
    for (const _chunk of fileSource(path).chunks()) break
    return fileSource(path)
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : ((cause as Error).message ?? String(cause))
    throw new AppFailure({ code: 'INPUT_INVALID', message: `cannot read ${path}: ${why}` })
  }
}

function isCsvProblemList(value: unknown): value is CsvProblem[] {
  return (
    Array.isArray(value) &&
    value.every(
      (item: unknown) =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as CsvProblem).line === 'number' &&
        typeof (item as CsvProblem).reason === 'string',
    )
  )
}

function layoutName(delimiter: string): string {
  if (delimiter === 'json') return 'a JSON array'
  if (delimiter === 'ndjson') return 'JSON lines'
  return `${delimiter === '\t' ? 'tab' : `'${delimiter}'`}-delimited`
}

function describeSummary(summary: LegacyImportSummary): string {
  const columns = Object.entries(summary.columns)
    .map(([role, header]) => `${role}=${header}`)
    .join(', ')
  const lines = [
    `imported ${summary.rows} legacy users from ${summary.fileName} ` +
      `(${summary.encoding}, ${layoutName(summary.delimiter)}): ` +
      `${summary.usersAdded} new, ${summary.usersRemoved} no longer in the file`,
    `columns: ${columns}`,
  ]
  if (summary.extraColumns.length > 0) lines.push(`kept aside: ${summary.extraColumns.join(', ')}`)
  for (const note of summary.notes) lines.push(`note: ${note}`)
  if (summary.decisionsKept + summary.decisionsDropped > 0) {
    lines.push(
      `review decisions: ${summary.decisionsKept} kept, ${summary.decisionsDropped} set aside until their users return`,
    )
  }
  return lines.join('\n') + '\n'
}

/**
 * A refusal on stderr: the one-line summary, then the first problem rows (enough to fix most files in
 * one go) and a count of the rest; all of them go to --json on stdout and to the --report file.
 */
function reportRefusal(io: CliIO, values: CliValues, failure: AppFailure): void {
  const details = failure.error.details
  const problems = isCsvProblemList(details) ? details : []
  const reportPath = optionalString(values, 'report')
  if (reportPath !== undefined) {
    writeExportFile(
      reportPath,
      problems.map((problem) => `line ${problem.line}: ${problem.reason}\n`).join(''),
    )
  }
  if (values.json) printJson(io, { error: failure.error.message, problems })
  io.stderr(`error: ${failure.error.message}\n`)
  io.stderr(
    problems
      .slice(0, PRINTED_PROBLEMS)
      .map((problem) => `line ${problem.line}: ${problem.reason}\n`)
      .join(''),
  )
  const rest = problems.length - PRINTED_PROBLEMS
  if (rest > 0) {
    io.stderr(
      `... and ${rest.toLocaleString('en-US')} more ${rest === 1 ? 'problem' : 'problems'}; ` +
        'all of them with --json or --report FILE\n',
    )
  }
  if (problems.some((problem) => COLUMN_PROBLEMS.has(problem.kind))) {
    io.stderr(`to choose columns by hand, ${MAP_SYNTAX}\n`)
  }
}

export const importCommand: CliCommand = {
  name: 'import',
  usage: USAGE,
  options: {
    ...INTEGRATION_OPTIONS,
    file: { type: 'string' },
    map: { type: 'string', multiple: true },
    'drop-decisions': { type: 'boolean' },
    'allow-shrink': { type: 'boolean' },
    report: { type: 'string' },
  },
  async run(values, io) {
    const { dbPath, integrationId } = integrationTarget(values)
    const filePath = requireString(values, 'file')
    const map = parseRoleMap(values)
    // Checked before opening the database, so a wrong path creates no database file.
    const legacyFile = openCsv(filePath)
    const app = await openCliApp(dbPath, io)
    try {
      const summary = await app.call(
        'legacy:import',
        {
          integrationId,
          fileName: basename(filePath),
          ...(Object.keys(map).length > 0 ? { map } : {}),
          ...(values['drop-decisions'] === true ? { dropDecisions: true } : {}),
          ...(values['allow-shrink'] === true ? { allowShrink: true } : {}),
        },
        { legacyFile },
      )
      if (values.json) printJson(io, summary)
      else io.stdout(describeSummary(summary))
      return EXIT.ok
    } catch (cause) {
      if (!(cause instanceof AppFailure) || cause.error.code !== 'CSV_INVALID') throw cause
      reportRefusal(io, values, cause)
      return EXIT.failure
    } finally {
      await app.close()
    }
  },
}
