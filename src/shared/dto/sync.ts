export type SyncMode = 'full' | 'incremental'

/** Kombo's sync-finished vocabulary, plus the states of the app's own runs. */
export type SyncOutcome =
  | 'SUCCEEDED'
  | 'PARTIALLY_FAILED'
  | 'CANCELLED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'AUTHENTICATION_FAILED'
  | 'FIRST_SYNC_PENDING'
  | 'RUNNING'

export type WaitReason = 'first_sync_pending' | 'rate_limited' | 'server_error' | 'connection_error'

export interface SyncProgress {
  /** The integration being synced: several may run at once, and every window hears every event. */
  integrationId: string
  runId: number
  mode: SyncMode
  pages: number
  records: number
  skippedRecords: number
  /** Set while the sync is waiting before its next request. */
  waiting: { reason: WaitReason; ms: number; attempt: number; message: string } | null
  /** True on the last event of a run: it has ended (its outcome is in the run history). */
  finished?: boolean
}

export interface SyncRunSummary {
  id: number
  integrationId: string
  source: 'fetch' | 'webhook'
  mode: SyncMode | null
  watermarkUsed: string | null
  startedAt: string
  fetchStartedAt: string | null
  finishedAt: string | null
  pages: number
  records: number
  skippedRecords: number
  inserted: number
  updated: number
  deleted: number
  vanished: number
  retries: number
  waitedMs: number
  outcome: SyncOutcome
  errorCode: string | null
  errorMessage: string | null
  logUrl: string | null
}

export interface IntegrationSummary {
  integrationId: string
  customerId: string | null
  baseUrl: string | null
  lastSyncStartedAt: string | null
  employeeCount: number
  lastRun: SyncRunSummary | null
}
