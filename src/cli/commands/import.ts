import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { CsvProblem, LegacyImportSummary, LegacyRole } from '../../shared/dto/legacy'
import { LEGACY_ROLES } from '../../shared/dto/legacy'
import { AppFailure } from '../../shared/result'
import {
  EXIT,
  UsageError,
  openCliApp,
  printJson,
  requireString,
  type CliCommand,
  type CliValues,
} from '../cli'

const USAGE = 'import --db F --integration ID --file CSV [--map role=Header,...] [--json]'

/**
 * Parses `--map user_id=Benutzer-ID,email=Mail` (the option may also repeat). A header containing a
 * comma cannot be given this way; such files are rare and can be renamed.
 */
export function parseRoleMap(values: CliValues): Partial<Record<LegacyRole, string>> {
  const raw = values.map
  const entries = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .filter((value): value is string => typeof value === 'string')
    .flatMap((value) => value.split(','))
    .filter((pair) => pair.trim() !== '')
  const map: Partial<Record<LegacyRole, string>> = {}
  for (const pair of entries) {
    const equals = pair.indexOf('=')
    const role = (equals === -1 ? pair : pair.slice(0, equals)).trim()
    const header = equals === -1 ? '' : pair.slice(equals + 1).trim()
    if (!isLegacyRole(role)) {
      throw new UsageError(`--map: unknown role '${role}' (roles: ${LEGACY_ROLES.join(', ')})`)
    }
    if (header === '') throw new UsageError(`--map: ${role} needs a header name, e.g. ${role}=Header`)
    if (map[role] !== undefined) throw new UsageError(`--map: ${role} is given twice`)
    map[role] = header
  }
  return map
}

function isLegacyRole(value: string): value is LegacyRole {
  return (LEGACY_ROLES as readonly string[]).includes(value)
}

function readCsv(path: string): Buffer {
  try {
    return readFileSync(path)
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

function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`
}

function describeSummary(summary: LegacyImportSummary): string {
  const columns = Object.entries(summary.columns)
    .map(([role, header]) => `${role}=${header}`)
    .join(', ')
  const lines = [
    `imported ${summary.rows} legacy users from ${summary.fileName} ` +
      `(${summary.encoding}, ${delimiterName(summary.delimiter)}-delimited): ` +
      `${summary.usersAdded} new, ${summary.usersRemoved} no longer in the file`,
    `columns: ${columns}`,
  ]
  if (summary.extraColumns.length > 0) lines.push(`kept aside: ${summary.extraColumns.join(', ')}`)
  if (summary.decisionsKept + summary.decisionsDropped > 0) {
    lines.push(
      `review decisions: ${summary.decisionsKept} kept, ${summary.decisionsDropped} dropped with their users`,
    )
  }
  return lines.join('\n') + '\n'
}

export const importCommand: CliCommand = {
  name: 'import',
  usage: USAGE,
  options: {
    db: { type: 'string' },
    integration: { type: 'string' },
    file: { type: 'string' },
    map: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  },
  async run(values, io) {
    const dbPath = requireString(values, 'db')
    const integrationId = requireString(values, 'integration')
    const filePath = requireString(values, 'file')
    const map = parseRoleMap(values)
    // Read before opening the database, so a wrong path creates no database file.
    const bytes = readCsv(filePath)
    const app = openCliApp(dbPath, io)
    try {
      const summary = await app.call('legacy:import', {
        integrationId,
        fileName: basename(filePath),
        contentBase64: bytes.toString('base64'),
        ...(Object.keys(map).length > 0 ? { map } : {}),
      })
      if (values.json) printJson(io, summary)
      else io.stdout(describeSummary(summary))
      return EXIT.ok
    } catch (cause) {
      if (!(cause instanceof AppFailure) || cause.error.code !== 'CSV_INVALID') throw cause
      // The one-line summary first, then every problem row, so the whole file can be fixed in one go.
      io.stderr(`error: ${cause.error.message}\n`)
      const details = cause.error.details
      if (isCsvProblemList(details)) {
        io.stderr(details.map((problem) => `line ${problem.line}: ${problem.reason}\n`).join(''))
      }
      return EXIT.failure
    } finally {
      app.close()
    }
  },
}
