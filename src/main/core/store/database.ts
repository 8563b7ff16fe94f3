import { existsSync, readFileSync, statSync } from 'node:fs'
import BetterSqlite3 from 'better-sqlite3'
import type { Database } from 'better-sqlite3'
import { AppFailure } from '../../../shared/result'
import { migrations, type Migration } from './migrations'
import { pluckedInteger } from './rows'

export type { Database }

export interface OpenOptions {
  /** Path to the .node addon, for a host whose ABI differs from the Node that ran npm (Electron). */
  nativeBinding?: string
  readonly?: boolean
}

/**
 * Opens (creating if needed) the app's SQLite file, sets the pragmas the app relies on and brings the
 * schema up to date. A database written by a newer app version is refused, never downgraded.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database {
  let db: Database
  try {
    db = new BetterSqlite3(path, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
    })
  } catch (cause) {
    throw new AppFailure({
      code: 'DB_ERROR',
      message: `cannot open database ${path}: ${(cause as Error).message}; check the path and its permissions`,
    })
  }
  return readyForUse(db, path, options, () => {
    db.pragma('busy_timeout = 5000')
    if (!options.readonly) {
      // Larger pages: each employee's raw Kombo record (~3 KB) is a row, which 4 KB pages store one per page.
      db.pragma('page_size = 16384')
      db.pragma('journal_mode = WAL')
      // WAL + NORMAL is durable across application crashes; only an OS crash can lose the last commit.
      db.pragma('synchronous = NORMAL')
    }
  })
}

/**
 * Sets up an opened connection (its own pragmas, then foreign keys and the migrations) and remembers how
 * it was opened; a file that fails any of it is closed again and refused.
 */
function readyForUse(db: Database, path: string, options: OpenOptions, pragmas: () => void): Database {
  try {
    pragmas()
    db.pragma('foreign_keys = ON')
    migrate(db, migrations)
  } catch (cause) {
    db.close()
    throw notUsable(path, cause)
  }
  openedWith.set(db, options)
  return db
}

/** The refusal for a file SQLite opened but the app cannot use (not a database, a newer schema, ...). */
function notUsable(path: string, cause: unknown): AppFailure {
  if (cause instanceof AppFailure) return cause
  return new AppFailure({
    code: 'DB_ERROR',
    message: `${path} is not a usable database (${(cause as Error).message}); choose another file`,
  })
}

/**
 * A private in-memory copy of a database file this process may not write (a read-only file, directory
 * or medium), for commands that only read, such as exports: whatever they store on the way (a
 * recomputed plan) goes to the copy and is dropped with it; the file is never written.
 */
export function openSnapshot(path: string, options: Pick<OpenOptions, 'nativeBinding'> = {}): Database {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  let bytes: Buffer
  try {
    const source = new BetterSqlite3(path, { ...binding, readonly: true, fileMustExist: true })
    try {
      bytes = source.serialize()
    } finally {
      source.close()
    }
  } catch (cause) {
    // A WAL database cannot be opened read-only where its -shm file cannot be created; when no -wal file
    // holds pages yet to be checkpointed, the main file alone is the whole database.
    const wal = `${path}-wal`
    if (!existsSync(path) || (existsSync(wal) && statSync(wal).size > 0)) {
      throw new AppFailure({
        code: 'DB_ERROR',
        message: `cannot read database ${path} (${(cause as Error).message}); check the path, or copy the file (with its -wal file) somewhere writable`,
      })
    }
    bytes = readFileSync(path)
  }
  // Bytes 18-19 mark the file as WAL, which an in-memory database cannot use; the copy journals in memory.
  if (bytes.length > 19 && bytes[18] === 2) bytes[18] = bytes[19] = 1
  let db: Database
  try {
    db = new BetterSqlite3(bytes, binding)
  } catch (cause) {
    throw notUsable(path, cause)
  }
  // The copy is in memory: no busy timeout, page size or journal to set.
  return readyForUse(db, path, options, () => {})
}

/** How each connection was opened, so a second connection to the same file loads the same addon. */
const openedWith = new WeakMap<Database, OpenOptions>()

/** The options to open another connection to the same file, e.g. from a worker thread. */
export function siblingOptions(db: Database): OpenOptions {
  return { ...openedWith.get(db), readonly: false }
}

export function schemaVersion(db: Database): number {
  return pluckedInteger(db.pragma('user_version', { simple: true }), 'user_version')
}

/** Applies every pending migration in one transaction; either all land or none. */
export function migrate(db: Database, list: readonly Migration[]): void {
  const current = schemaVersion(db)
  const latest = list.length === 0 ? 0 : list[list.length - 1]!.version
  if (current > latest) {
    throw new AppFailure({
      code: 'DB_TOO_NEW',
      message: `this database was written by a newer version of the app (schema ${current}, this app knows ${latest}); update the app or choose another file`,
    })
  }
  const pending = list.filter((m) => m.version > current)
  if (pending.length === 0) return
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    }
  }).immediate()
}
