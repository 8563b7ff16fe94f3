import type { LegacyRole, LegacyUser } from '../../../shared/dto/legacy'
import type { Database } from '../store/database'
import { movePlanInputs } from '../store/planInputs'
import type { LegacyUserSink } from './legacyRows'

/**
 * An incoming file's users are written to a TEMP table of this connection while the file is read, so an
 * import of any size holds one row at a time in memory. TEMP tables live in SQLite's temporary file, not
 * in the desk's database, and filling one takes no write lock on the desk (docs/architecture.md, Legacy
 * import). The table is emptied before and after every import.
 */
const STAGING = 'temp.legacy_import_staging'

/**
 * The page cache of the connection's TEMP database while a file is staged, in KiB. Left as SQLite opens
 * it (temp.cache_size reads 0), the TEMP database kept the staging table's pages in memory as it grew:
 * about 200 bytes a user, measured, so 100 MB more at 500,000 users than at 100,000. Bounded, the pages
 * beyond it go to the temporary file. 16 MiB holds the table's key index at a million users, so the
 * lookup of each row's user id (is it a repeat?) stays in memory.
 */
const STAGING_CACHE_KIB = 16 * 1024

const USER_COLUMNS =
  'user_id, email, first_name, last_name, full_name, hris_id, private_email, status, line, extra'

export interface LegacyStaging extends LegacyUserSink {
  count(): number
  /** Empties the table and gives the TEMP database its previous cache size back. */
  clear(): void
}

export function openStaging(db: Database): LegacyStaging {
  // Other TEMP tables of this connection (the diff's) keep the cache size they had: it is restored.
  const previousCache = db.pragma('temp.cache_size', { simple: true }) as number
  db.pragma(`temp.cache_size = -${STAGING_CACHE_KIB}`)
  db.exec(
    `CREATE TEMP TABLE IF NOT EXISTS legacy_import_staging (
       user_id TEXT PRIMARY KEY, identity TEXT NOT NULL, email TEXT, first_name TEXT, last_name TEXT,
       full_name TEXT, hris_id TEXT, private_email TEXT, status TEXT, line INTEGER NOT NULL, extra TEXT NOT NULL
     )`,
  )
  db.exec(`DELETE FROM ${STAGING}`)
  const firstOf = db.prepare(`SELECT line, identity, extra FROM ${STAGING} WHERE user_id = ?`)
  const insert = db.prepare(
    `INSERT INTO ${STAGING} (identity, ${USER_COLUMNS})
     VALUES (@identity, @user_id, @email, @first_name, @last_name, @full_name, @hris_id, @private_email,
       @status, @line, @extra)`,
  )
  const updateExtra = db.prepare(`UPDATE ${STAGING} SET extra = ? WHERE user_id = ?`)
  const count = db.prepare(`SELECT COUNT(*) FROM ${STAGING}`).pluck()
  return {
    first(userId) {
      const row = firstOf.get(userId) as { line: number; identity: string; extra: string } | undefined
      return row && { line: row.line, identity: row.identity, extra: parseExtra(row.extra) }
    },
    add(user: LegacyUser, identity: string) {
      insert.run({ ...user, identity, extra: JSON.stringify(user.extra) })
    },
    setExtra(userId, extra) {
      updateExtra.run(JSON.stringify(extra), userId)
    },
    count: () => count.get() as number,
    clear: () => {
      db.exec(`DELETE FROM ${STAGING}`)
      db.pragma(`temp.cache_size = ${previousCache}`)
    },
  }
}

export function parseExtra(json: string): Record<string, string> {
  const parsed: unknown = JSON.parse(json)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {}
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
}

export interface StagedComparison {
  /** Users of the current import. */
  previousUsers: number
  /** Users of the current import missing from the staged file. */
  usersRemoved: number
  /** Users of the current import with review decisions in force who are missing from the staged file. */
  decidedLeaving: string[]
}

const NOT_STAGED = `NOT EXISTS (SELECT 1 FROM ${STAGING} s WHERE s.user_id = l.user_id)`

/** How the staged file compares with the integration's current import; reads only. */
export function compareStaged(db: Database, integrationId: string): StagedComparison {
  const previousUsers = db
    .prepare('SELECT COUNT(*) FROM legacy_users WHERE integration_id = ?')
    .pluck()
    .get(integrationId) as number
  const usersRemoved = db
    .prepare(`SELECT COUNT(*) FROM legacy_users l WHERE l.integration_id = ? AND ${NOT_STAGED}`)
    .pluck()
    .get(integrationId) as number
  const decisions = db
    .prepare(
      `SELECT d.user_id, d.id, d.kind, d.undoes,
         EXISTS (SELECT 1 FROM ${STAGING} s WHERE s.user_id = d.user_id) AS staged
       FROM match_decisions d
       JOIN legacy_users l ON l.integration_id = d.integration_id AND l.user_id = d.user_id
       WHERE d.integration_id = ? ORDER BY d.id`,
    )
    .all(integrationId) as {
    user_id: string
    id: number
    kind: string
    undoes: number | null
    staged: number
  }[]
  // Decisions in force: not an undo, and not undone by a later event.
  const undone = new Set(decisions.filter((row) => row.kind === 'undo').map((row) => row.undoes))
  const leaving = new Set<string>()
  for (const row of decisions) {
    if (row.kind === 'undo' || undone.has(row.id) || row.staged === 1) continue
    leaving.add(row.user_id)
  }
  const decidedLeaving = [...leaving].sort()
  return { previousUsers, usersRemoved, decidedLeaving }
}

export interface LegacyReplaceOutcome {
  usersAdded: number
  usersRemoved: number
  decisionsKept: number
  decisionsDropped: number
  importId: number
}

export interface StagedFile {
  fileName: string
  encoding: string
  delimiter: string
  columns: Partial<Record<LegacyRole, string>>
  extraColumns: string[]
}

/**
 * Replaces the integration's legacy users with the staged file, in one transaction, and records the
 * import. Review decisions are never deleted: they belong to a user id, so the decisions of users who
 * left the file are set aside (counted in `decisionsDropped`) and apply again when those users return.
 * The last match results of users who left are deleted, as they describe nobody now.
 */
export function replaceFromStaging(
  db: Database,
  integrationId: string,
  file: StagedFile,
  importedAt: string,
  /** Refuses (throws) before anything is written, seeing the comparison under the write lock. */
  guard: (comparison: StagedComparison) => void = () => undefined,
): LegacyReplaceOutcome {
  return db
    .transaction((): LegacyReplaceOutcome => {
      db.prepare('INSERT OR IGNORE INTO integrations (integration_id, created_at) VALUES (?, ?)').run(
        integrationId,
        importedAt,
      )
      const comparison = compareStaged(db, integrationId)
      guard(comparison)
      const { previousUsers, usersRemoved } = comparison
      const incoming = db.prepare(`SELECT COUNT(*) FROM ${STAGING}`).pluck().get() as number
      const decisions = db
        .prepare(
          `SELECT
             COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM ${STAGING} s WHERE s.user_id = d.user_id) THEN 1 ELSE 0 END), 0),
             COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM ${STAGING} s WHERE s.user_id = d.user_id) THEN 0 ELSE 1 END), 0)
           FROM match_decisions d WHERE d.integration_id = ?`,
        )
        .raw()
        .get(integrationId) as [number, number]
      db.prepare(
        `DELETE FROM match_results WHERE integration_id = ?
           AND user_id NOT IN (SELECT user_id FROM ${STAGING})`,
      ).run(integrationId)
      movePlanInputs(db, integrationId)
      db.prepare('DELETE FROM legacy_users WHERE integration_id = ?').run(integrationId)
      db.prepare(
        `INSERT INTO legacy_users (integration_id, ${USER_COLUMNS})
         SELECT ?, ${USER_COLUMNS} FROM ${STAGING} ORDER BY line`,
      ).run(integrationId)
      const importId = db
        .prepare(
          `INSERT INTO legacy_imports (integration_id, file_name, imported_at, row_count, encoding, delimiter, columns)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          integrationId,
          file.fileName,
          importedAt,
          incoming,
          file.encoding,
          file.delimiter,
          JSON.stringify({ roles: file.columns, extraColumns: file.extraColumns }),
        ).lastInsertRowid
      return {
        usersAdded: incoming - (previousUsers - usersRemoved),
        usersRemoved,
        decisionsKept: decisions[0],
        decisionsDropped: decisions[1],
        importId: Number(importId),
      }
    })
    .immediate()
}
