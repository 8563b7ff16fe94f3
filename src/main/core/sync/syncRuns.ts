import type { Database } from 'better-sqlite3'
import type { SyncMode, SyncOutcome, SyncRunSummary } from '../../../shared/dto/sync'

export interface RunTotals {
  pages: number
  records: number
  skippedRecords: number
  retries: number
  waitedMs: number
}

export interface RunEnd extends RunTotals {
  inserted: number
  updated: number
  deleted: number
  vanished: number
  fetchStartedAt: string | null
  finishedAt: string
  outcome: SyncOutcome
  error: { code: string; message: string; logUrl?: string | null } | null
}

export function startRun(
  db: Database,
  integrationId: string,
  mode: SyncMode,
  watermark: string | null,
  startedAt: string,
): number {
  const info = db
    .prepare(
      `INSERT INTO sync_runs (integration_id, source, mode, watermark_used, started_at, outcome)
       VALUES (?, 'fetch', ?, ?, ?, 'RUNNING')`,
    )
    .run(integrationId, mode, watermark, startedAt)
  return Number(info.lastInsertRowid)
}

export function finishRun(db: Database, runId: number, end: RunEnd): void {
  db.prepare(
    `UPDATE sync_runs SET fetch_started_at = @fetchStartedAt, finished_at = @finishedAt, pages = @pages,
       records = @records, skipped_records = @skippedRecords, inserted = @inserted, updated = @updated,
       deleted = @deleted, vanished = @vanished, retries = @retries, waited_ms = @waitedMs,
       outcome = @outcome, error_code = @errorCode, error_message = @errorMessage, log_url = @logUrl
     WHERE id = @runId`,
  ).run({
    ...end,
    runId,
    errorCode: end.error?.code ?? null,
    errorMessage: end.error?.message ?? null,
    logUrl: end.error?.logUrl ?? null,
  })
}

/** A run still RUNNING when a new one starts was killed with its process: its transaction is gone. */
export function interruptStaleRuns(db: Database, integrationId: string, now: string): void {
  db.prepare(
    `UPDATE sync_runs SET outcome = 'CANCELLED', finished_at = ?, error_code = 'INTERRUPTED',
       error_message = 'the app stopped during this sync; nothing from it was stored'
     WHERE integration_id = ? AND outcome = 'RUNNING'`,
  ).run(now, integrationId)
}

interface SyncRunRow {
  id: number
  integration_id: string
  source: 'fetch' | 'webhook'
  mode: SyncMode | null
  watermark_used: string | null
  started_at: string
  fetch_started_at: string | null
  finished_at: string | null
  pages: number
  records: number
  skipped_records: number
  inserted: number
  updated: number
  deleted: number
  vanished: number
  retries: number
  waited_ms: number
  outcome: SyncOutcome
  error_code: string | null
  error_message: string | null
  log_url: string | null
}

export function toRunSummary(row: SyncRunRow): SyncRunSummary {
  return {
    id: row.id,
    integrationId: row.integration_id,
    source: row.source,
    mode: row.mode,
    watermarkUsed: row.watermark_used,
    startedAt: row.started_at,
    fetchStartedAt: row.fetch_started_at,
    finishedAt: row.finished_at,
    pages: row.pages,
    records: row.records,
    skippedRecords: row.skipped_records,
    inserted: row.inserted,
    updated: row.updated,
    deleted: row.deleted,
    vanished: row.vanished,
    retries: row.retries,
    waitedMs: row.waited_ms,
    outcome: row.outcome,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    logUrl: row.log_url,
  }
}

export function getRun(db: Database, runId: number): SyncRunSummary | null {
  const row = db.prepare('SELECT * FROM sync_runs WHERE id = ?').get(runId) as SyncRunRow | undefined
  return row ? toRunSummary(row) : null
}

export function listRuns(db: Database, integrationId: string): SyncRunSummary[] {
  const rows = db
    .prepare('SELECT * FROM sync_runs WHERE integration_id = ? ORDER BY id DESC')
    .all(integrationId) as SyncRunRow[]
  return rows.map(toRunSummary)
}
