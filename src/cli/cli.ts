import type { ParseArgsConfig } from 'node:util'
import type { ApiName, ApiRequest, ApiResponses, CallContext } from '../shared/api'
import type { MatchProgress } from '../shared/dto/match'
import { AppFailure } from '../shared/result'
import { accessSync, constants } from 'node:fs'
import { dirname } from 'node:path'
import { APP_VERSION } from '../shared/version'
import { openDatabase, openSnapshot } from '../main/core/store/database'
import { syncLimitsFromEnv } from '../main/core/sync/syncLimits'
import { createHostApp } from '../main/host/hostApp'
import { createRequire } from 'node:module'

export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>

export interface CliIO {
  /** Text, or UTF-8 bytes (a JSON document is encoded piece by piece, see JsonWriter). */
  stdout: (output: string | Uint8Array) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  /**
   * Standard output is a terminal: `--json` is then indented for a person to read. Piped or redirected,
   * it goes to a program and is written compact (a third of the bytes of a large document).
   */
  terminal?: boolean
}

export interface CliCommand {
  name: string
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  run(values: CliValues, io: CliIO): Promise<number>
}

/** Exit codes (sysexits.h where one fits). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 64,
  /** EX_TEMPFAIL: try again later (Kombo's first sync is still running). */
  tempfail: 75,
} as const

export class UsageError extends Error {}

export function requireString(values: CliValues, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`)
  return value
}

/** The options of every command that works on one integration of one database file. */
export const INTEGRATION_OPTIONS = {
  db: { type: 'string' },
  integration: { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies CliCommand['options']

/** The database file and the integration a command works on: --db and --integration, both required. */
export function integrationTarget(values: CliValues): { dbPath: string; integrationId: string } {
  return { dbPath: requireString(values, 'db'), integrationId: requireString(values, 'integration') }
}

export function optionalString(values: CliValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

export interface CliApp {
  call<N extends ApiName>(name: N, request: ApiRequest<N>, context?: CallContext): Promise<ApiResponses[N]>
  close(): Promise<void>
}

export interface CliAppOptions {
  defaultBaseUrl?: string
  /**
   * The origin of a --base-url given in this same command: KOMBO_API_KEY may be sent there. Without it
   * the key goes to Kombo's own hosts only, whatever base URL the database names.
   */
  keyOrigin?: string
  /**
   * For commands that only read (exports): when this process may not write the file or its directory,
   * work on an in-memory copy instead of failing.
   */
  readOnlyCopyIfNeeded?: boolean
}

/** Whether SQLite could write this database: the file and its directory (for the -wal and -shm files). */
function mayWrite(path: string): boolean {
  try {
    accessSync(dirname(path), constants.W_OK)
    accessSync(path, constants.W_OK)
    return true
  } catch (cause) {
    // A file that does not exist yet is created (and written) by the normal open.
    return (cause as NodeJS.ErrnoException).code === 'ENOENT'
  }
}

/**
 * The sqlite addon where npm builds it. better-sqlite3 otherwise finds it through the `bindings` package,
 * which reads a stack trace to find the package and tries a dozen paths: about 1% of a whole `match` of
 * 2,000 people, and a tenth of a `--help`-sized start. Elsewhere (another layout) it is left to find it.
 */
function sqliteAddon(): { nativeBinding?: string } {
  try {
    return {
      nativeBinding: createRequire(import.meta.url).resolve(
        'better-sqlite3/build/Release/better_sqlite3.node',
      ),
    }
  } catch {
    return {}
  }
}

/**
 * Opens the database and the use-cases for one CLI invocation: the same HostApp the desktop and web
 * hosts run, without the demo HRIS (the CLI reads Kombo, or says the key is missing). Failures come
 * back as AppFailure for runCli to print as one line.
 */
export async function openCliApp(dbPath: string, io: CliIO, options: CliAppOptions = {}): Promise<CliApp> {
  const binding = sqliteAddon()
  const db =
    options.readOnlyCopyIfNeeded && !mayWrite(dbPath)
      ? openSnapshot(dbPath, binding)
      : openDatabase(dbPath, binding)
  const apiKey = io.env.KOMBO_API_KEY?.trim() || null
  const key = apiKey ? { apiKey, origin: options.keyOrigin ?? null } : null
  const host = await createHostApp({
    db,
    secrets: { getApiKey: () => key },
    version: APP_VERSION,
    demo: 'off',
    syncLimits: syncLimitsFromEnv(io.env),
    ...(options.defaultBaseUrl ? { defaultBaseUrl: options.defaultBaseUrl } : {}),
  })
  return {
    async call(name, request, context = {}) {
      const result = await host.call(name, request, context)
      if (!result.ok) throw new AppFailure(result.error)
      return result.value
    },
    close: () => host.close(),
  }
}

/** Runs one command body with the app open, closing the database whatever happens. */
export async function withCliApp<T>(
  dbPath: string,
  io: CliIO,
  body: (app: CliApp) => Promise<T>,
  options: CliAppOptions = {},
): Promise<T> {
  const app = await openCliApp(dbPath, io, options)
  try {
    return await body(app)
  } finally {
    await app.close()
  }
}

/** Bytes gathered before a write: few writes, and never a whole large document as one string. */
const JSON_CHUNK_BYTES = 1 << 16
const utf8 = new TextDecoder()
/** The most UTF-8 bytes one UTF-16 code unit of a string can take. */
const MAX_UTF8_BYTES_PER_UNIT = 3

/**
 * Writes JSON in pieces, laid out exactly as JSON.stringify(value, null, 2) would at a terminal and as
 * JSON.stringify(value) would otherwise (see CliIO.terminal): a document of 100,000 list rows is never
 * one string (nor its copy as bytes), which at that size cost more than making it. Each piece is encoded
 * straight into the chunk being filled: joining the pieces into one string first and encoding that cost
 * three times as much as making them.
 */
export class JsonWriter {
  private chunk = Buffer.allocUnsafe(JSON_CHUNK_BYTES)
  private used = 0
  private readonly indented: boolean
  /** Between a key and its value. */
  readonly colon: string

  constructor(private readonly io: CliIO) {
    this.indented = io.terminal === true
    this.colon = this.indented ? ': ' : ':'
  }

  write(text: string): void {
    const mostBytes = text.length * MAX_UTF8_BYTES_PER_UNIT
    if (this.used + mostBytes > this.chunk.length) {
      this.flush()
      if (mostBytes > this.chunk.length) {
        this.io.stdout(Buffer.from(text))
        return
      }
    }
    this.used += this.chunk.write(text, this.used)
  }

  /** A line break followed by the indentation of `depth` levels; nothing in the compact layout. */
  newline(depth: number): string {
    return this.indented ? '\n' + '  '.repeat(depth) : ''
  }

  /** `value` as it would appear `depth` levels deep in the document. */
  value(value: unknown, depth: number): void {
    this.write(
      this.indented
        ? JSON.stringify(value, null, 2).replace(/\n/g, this.newline(depth))
        : JSON.stringify(value),
    )
  }

  /**
   * A value given as its compact JSON text (UTF-8, as JSON.stringify writes it), `depth` levels deep:
   * copied as it is in the compact layout, laid out again at a terminal.
   */
  json(text: Uint8Array, depth: number): void {
    if (this.indented) {
      this.value(JSON.parse(utf8.decode(text)), depth)
      return
    }
    if (this.used + text.length > this.chunk.length) {
      this.flush()
      if (text.length > this.chunk.length) {
        this.io.stdout(text)
        return
      }
    }
    this.chunk.set(text, this.used)
    this.used += text.length
  }

  flush(): void {
    if (this.used === 0) return
    // A new chunk each time: the written one belongs to the stream until it is written out.
    this.io.stdout(this.chunk.subarray(0, this.used))
    this.chunk = Buffer.allocUnsafe(JSON_CHUNK_BYTES)
    this.used = 0
  }
}

/**
 * A match's progress on stderr, as the contract has progress: a large company's match takes seconds to a
 * minute, and `diff` and `export` run one first when the file has users with no result yet. One line once
 * both sides are read, one when the results start going into the database.
 */
export function matchProgressOn(io: CliIO): (progress: MatchProgress) => void {
  return ({ phase, employees, legacyUsers, elapsedMs }) => {
    if (phase === 'matching') {
      io.stderr(`matching ${legacyUsers} legacy users against ${employees} employees\n`)
    } else if (phase === 'storing') {
      io.stderr(`storing the results and the lists (${(elapsedMs / 1000).toFixed(1)} s so far)\n`)
    }
  }
}

/** A plain object's arrays are written element by element; everything else as one piece. */
export function printJson(io: CliIO, value: unknown): void {
  const out = new JsonWriter(io)
  const entries =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value).filter(([, field]) => field !== undefined)
      : []
  if (entries.length === 0) out.value(value, 0)
  else {
    out.write('{')
    entries.forEach(([key, field], index) => {
      out.write(`${out.newline(1)}${JSON.stringify(key)}${out.colon}`)
      if (Array.isArray(field) && field.length > 0) {
        out.write('[')
        field.forEach((element, at) => {
          out.write(at === 0 ? out.newline(2) : ',' + out.newline(2))
          out.value(element === undefined ? null : element, 2)
        })
        out.write(out.newline(1) + ']')
      } else out.value(field, 1)
      out.write(index === entries.length - 1 ? out.newline(0) + '}' : ',')
    })
  }
  out.write('\n')
  out.flush()
}
