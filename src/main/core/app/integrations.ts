import { fail } from '../../../shared/result'
import type { Database } from '../store/database'
import { sqlRow, text, textOrNull, type SqlRow } from '../store/rows'

/** One row of the integrations table. */
export interface IntegrationRow {
  integration_id: string
  customer_id: string | null
  base_url: string | null
  /** The sync watermark: when the last successful fetch started (docs/architecture.md, Sync). */
  last_sync_started_at: string | null
  created_at: string
}

const SELECT_INTEGRATION =
  'SELECT integration_id, customer_id, base_url, last_sync_started_at, created_at FROM integrations WHERE integration_id = ?'

function toIntegrationRow(row: SqlRow): IntegrationRow {
  return {
    integration_id: text(row, 'integration_id'),
    customer_id: textOrNull(row, 'customer_id'),
    base_url: textOrNull(row, 'base_url'),
    last_sync_started_at: textOrNull(row, 'last_sync_started_at'),
    created_at: text(row, 'created_at'),
  }
}

export function findIntegration(db: Database, integrationId: string): IntegrationRow | null {
  const row: unknown = db.prepare(SELECT_INTEGRATION).get(integrationId)
  return row === undefined ? null : toIntegrationRow(sqlRow(row, 'integrations'))
}

/** The one answer every use-case gives for an integration this database does not hold. */
export function unknownIntegration(integrationId: string): never {
  return fail('NOT_FOUND', `unknown integration ${integrationId}: connect it and run a sync first`)
}

/** The integration's row, or NOT_FOUND with the one message for an unknown integration. */
export function requireIntegration(db: Database, integrationId: string): IntegrationRow {
  return findIntegration(db, integrationId) ?? unknownIntegration(integrationId)
}
