import type { Database } from '../store/database'
import type { LegacyRole, LegacyUser } from '../../../shared/dto/legacy'
import { parseExtra } from './legacyStaging'

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
