import type { Database } from '../store/database'
import type { LegacyRole, LegacyUser } from '../../../shared/dto/legacy'
import type { ParsedLegacyFile } from './parseLegacyCsv'

export interface LegacyReplaceOutcome {
  usersAdded: number
  usersRemoved: number
  decisionsKept: number
  decisionsDropped: number
  importId: number
}

export interface LegacyImportRecord {
  id: number
  integrationId: string
  fileName: string
  importedAt: string
  rowCount: number
  encoding: string
  delimiter: string
  columns: Partial<Record<LegacyRole, string>>
  extraColumns: string[]
}

/** A stored row: the user as the file had it, with the extra columns as JSON text. */
type LegacyUserRow = Omit<LegacyUser, 'extra'> & { extra: string }

/**
 * Replaces the integration's legacy users with a validated file, in one transaction, and records the
 * import. Review decisions are never deleted: they belong to a user id, so the decisions of users who
 * left the file are set aside (counted in `decisionsDropped`) and apply again when those users return.
 * The last match results of users who left are deleted, as they describe nobody now.
 */
export function replaceLegacyUsers(
  db: Database,
  integrationId: string,
  fileName: string,
  file: ParsedLegacyFile,
  importedAt: string,
): LegacyReplaceOutcome {
  const ensureIntegration = db.prepare(
    'INSERT OR IGNORE INTO integrations (integration_id, created_at) VALUES (?, ?)',
  )
  const previousIds = db.prepare('SELECT user_id FROM legacy_users WHERE integration_id = ?').pluck()
  const decidedUsers = db
    .prepare(
      'SELECT user_id, COUNT(*) AS events FROM match_decisions WHERE integration_id = ? GROUP BY user_id',
    )
    .raw()
  const deleteResult = db.prepare('DELETE FROM match_results WHERE integration_id = ? AND user_id = ?')
  const resultUsers = db.prepare('SELECT user_id FROM match_results WHERE integration_id = ?').pluck()
  const deleteUsers = db.prepare('DELETE FROM legacy_users WHERE integration_id = ?')
  const insertUser = db.prepare(
    `INSERT INTO legacy_users (integration_id, user_id, email, first_name, last_name, full_name, hris_id,
       private_email, status, line, extra)
     VALUES (@integration_id, @user_id, @email, @first_name, @last_name, @full_name, @hris_id,
       @private_email, @status, @line, @extra)`,
  )
  const insertImport = db.prepare(
    `INSERT INTO legacy_imports (integration_id, file_name, imported_at, row_count, encoding, delimiter, columns)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )

  return db
    .transaction((): LegacyReplaceOutcome => {
      ensureIntegration.run(integrationId, importedAt)
      const incoming = new Set(file.users.map((user) => user.user_id))
      const previous = new Set(previousIds.all(integrationId) as string[])

      let decisionsKept = 0
      let decisionsDropped = 0
      for (const [userId, events] of decidedUsers.all(integrationId) as [string, number][]) {
        if (incoming.has(userId)) {
          decisionsKept += events
        } else {
          decisionsDropped += events
        }
      }
      for (const userId of resultUsers.all(integrationId) as string[]) {
        if (!incoming.has(userId)) deleteResult.run(integrationId, userId)
      }

      deleteUsers.run(integrationId)
      for (const user of file.users) {
        insertUser.run({
          integration_id: integrationId,
          user_id: user.user_id,
          email: user.email,
          first_name: user.first_name,
          last_name: user.last_name,
          full_name: user.full_name,
          hris_id: user.hris_id,
          private_email: user.private_email,
          status: user.status,
          line: user.line,
          extra: JSON.stringify(user.extra),
        })
      }
      const importId = insertImport.run(
        integrationId,
        fileName,
        importedAt,
        file.users.length,
        file.encoding,
        file.delimiter,
        JSON.stringify({ roles: file.columns, extraColumns: file.extraColumns }),
      ).lastInsertRowid

      let usersRemoved = 0
      for (const userId of previous) if (!incoming.has(userId)) usersRemoved++
      let usersAdded = 0
      for (const userId of incoming) if (!previous.has(userId)) usersAdded++
      return { usersAdded, usersRemoved, decisionsKept, decisionsDropped, importId: Number(importId) }
    })
    .immediate()
}

function parseExtra(json: string): Record<string, string> {
  const parsed: unknown = JSON.parse(json)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {}
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
}

/** The integration's legacy users in file order. */
export function listLegacyUsers(db: Database, integrationId: string): LegacyUser[] {
  const rows = db
    .prepare(
      `SELECT user_id, email, first_name, last_name, full_name, hris_id, private_email, status, line, extra
       FROM legacy_users WHERE integration_id = ? ORDER BY line, user_id`,
    )
    .all(integrationId) as LegacyUserRow[]
  return rows.map((row) => ({ ...row, extra: parseExtra(row.extra) }))
}

/** The most recent import of the integration's legacy file, if any. */
export function latestLegacyImport(db: Database, integrationId: string): LegacyImportRecord | null {
  const row = db
    .prepare(
      `SELECT id, integration_id, file_name, imported_at, row_count, encoding, delimiter, columns
       FROM legacy_imports WHERE integration_id = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(integrationId) as
    | {
        id: number
        integration_id: string
        file_name: string
        imported_at: string
        row_count: number
        encoding: string
        delimiter: string
        columns: string
      }
    | undefined
  if (!row) return null
  const stored = JSON.parse(row.columns) as {
    roles?: Partial<Record<LegacyRole, string>>
    extraColumns?: string[]
  }
  return {
    id: row.id,
    integrationId: row.integration_id,
    fileName: row.file_name,
    importedAt: row.imported_at,
    rowCount: row.row_count,
    encoding: row.encoding,
    delimiter: row.delimiter,
    columns: stored.roles ?? {},
    extraColumns: stored.extraColumns ?? [],
  }
}

/**
 * Users of the current file with review decisions in force who are missing from an incoming file: the
 * decisions a re-import would set aside. Users already absent (their decisions set aside before) are not
 * counted again.
 */
export function decidedUsersLeaving(
  db: Database,
  integrationId: string,
  incoming: ReadonlySet<string>,
): string[] {
  const rows = db
    .prepare(
      `SELECT d.user_id, d.id, d.kind, d.undoes FROM match_decisions d
       JOIN legacy_users l ON l.integration_id = d.integration_id AND l.user_id = d.user_id
       WHERE d.integration_id = ? ORDER BY d.id`,
    )
    .all(integrationId) as { user_id: string; id: number; kind: string; undoes: number | null }[]
  const undone = new Set(rows.filter((row) => row.kind === 'undo').map((row) => row.undoes))
  const leaving = new Set<string>()
  for (const row of rows) {
    if (row.kind === 'undo' || undone.has(row.id) || incoming.has(row.user_id)) continue
    leaving.add(row.user_id)
  }
  return [...leaving].sort()
}
