import type { KomboEmployeeRecord } from './komboRecord'

/**
 * What the Kombo stand-in (standInServer.ts) offers its callers: the app's demo mode, the integration
 * tests and the benchmarks. Its page sizes and rate limits are Kombo's documented ones.
 */

/** Kombo's documented page sizes for the employees endpoint: 100 unless asked, 250 at most. */
export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 250
/** The sample limit Kombo's rate-limit documentation uses: 300 requests per 60 s window. */
export const DEFAULT_RATE_LIMIT = 300
export const DEFAULT_RATE_LIMIT_WINDOW_SECONDS = 60

/**
 * One scripted misbehaviour, consumed by one request to /hris/employees (after authentication and the
 * integration check succeeded). `delayMs` waits before answering; it applies to every kind.
 */
export type StandInFault = StandInFaultKind & { delayMs?: number }

export type StandInFaultKind =
  /** Answers normally, after `delayMs` (default 0). */
  | { kind: 'slow' }
  /**
   * First sync still running. 409 (default) sends the current envelope with code
   * INTEGRATION.SETUP_SYNC_PENDING; 503 sends the pre-2026-05-19 envelope that only has `error.message`.
   */
  | { kind: 'setup-sync-pending'; status?: 409 | 503 }
  /**
   * 429 PLATFORM.RATE_LIMIT_EXCEEDED. `via` says how the wait is announced: 'retry-after' (default) sends
   * `Retry-After: <seconds>`, 'retry-after-date' sends it as an HTTP date, 'ratelimit-reset' sends no
   * Retry-After, only `ratelimit-reset: <seconds>`. `seconds` defaults to 1.
   */
  | { kind: 'rate-limited'; seconds?: number; via?: 'retry-after' | 'retry-after-date' | 'ratelimit-reset' }
  /** An infrastructure error page: text/html body, `status` default 500 (use 502/503 for a proxy). */
  | { kind: 'html-error'; status?: number }
  /** The socket is reset before any byte of a response is sent. */
  | { kind: 'connection-reset' }
  /** 200, chunked, the JSON cut after `keepBytes` bytes (default half), then a normal end. */
  | { kind: 'truncated-json'; keepBytes?: number }
  /** 403 INTEGRATION.PERMISSION_MISSING. */
  | { kind: 'permission-missing' }
  /** Any Kombo error envelope, e.g. 409 INTEGRATION.QA_FAILED or 503 REMOTE.SERVICE_UNAVAILABLE. */
  | { kind: 'kombo-error'; status: number; code: string | null; title?: string; message?: string }
  /**
   * The normal page plus one bad record inserted at `position` (default: the middle of the results):
   * 'missing-id' (default) is a real record of the page without its `id`, 'wrong-types' has numbers,
   * arrays and objects where strings belong; `record` sends exactly the given value instead. The stored
   * data and the cursor are unaffected, so a lenient client still sees every real record once.
   */
  | { kind: 'malformed-record'; variant?: 'missing-id' | 'wrong-types'; record?: unknown; position?: number }

export type SetupSyncPendingStatus = 409 | 503

export interface StandInRateLimitOptions {
  /** Reported as `ratelimit-limit`; default 300. */
  limit?: number
  windowSeconds?: number
  /** When true, requests beyond the limit get 429 with only `ratelimit-reset`; default false (headers only). */
  enforce?: boolean
}

export interface StandInOptions {
  /** The only accepted `Authorization: Bearer <apiKey>`. */
  apiKey: string
  /** Employees per integration id. The arrays are not copied; the stand-in never mutates records in place. */
  integrations?: Record<string, readonly KomboEmployeeRecord[]>
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number
  /** Time source for `updated_after`, `changed_at` and `remote_deleted_at`; default the system clock. */
  now?: () => Date
  rateLimit?: StandInRateLimitOptions
  /** Returned by GET /v1/check-api-key. */
  environmentId?: string
}

/** What the stand-in saw and answered, for assertions. */
export interface StandInRequest {
  method: string
  /** Path without the query string, e.g. `/v1/hris/employees`. */
  path: string
  /** Query parameters as sent (last value wins for repeated keys). */
  query: Record<string, string>
  headers: {
    authorization: string | null
    integrationId: string | null
    userAgent: string | null
    accept: string | null
  }
  /** HTTP status answered; null when the connection was reset without a response. */
  status: number | null
  /** The fault that shaped the answer ('setup-sync-pending' also for the persistent mode), or null. */
  fault: StandInFaultKind['kind'] | null
  /** Number of real records in `data.results` on a successful page, else null. */
  resultCount: number | null
  /** `data.next` on a successful page, else null. */
  next: string | null
  /** Wall-clock time the request arrived (ISO). */
  receivedAt: string
}

export interface StandInClock {
  now(): Date
  /** Freeze the clock at a time; null returns to the configured time source. */
  set(at: Date | string | null): void
  /** Move the clock forward (frozen or not). */
  advance(ms: number): void
}

export interface MutationOptions {
  /**
   * Whether `changed_at` moves; default true. False models a change Kombo reports through `updated_after`
   * while `changed_at` stays (a relation such as manager or group membership changed; docs/architecture.md, Sync).
   */
  touchChangedAt?: boolean
}

export interface StandIn {
  /** Kombo API root including /v1, e.g. `http://127.0.0.1:41234/v1`. */
  readonly baseUrl: string
  readonly port: number
  /** Every request in arrival order. Clear it with `requests.length = 0`. */
  readonly requests: StandInRequest[]
  /**
   * Calls the listener as each request arrives, before it is answered; returns the unsubscribe. Tests
   * wait on this instead of polling `requests` (e.g. to act while a page is still in flight).
   */
  onRequest(listener: (request: StandInRequest) => void): () => void
  readonly clock: StandInClock
  close(): Promise<void>

  /** Adds or replaces an integration's whole data set (records are stamped "now" for updated_after). */
  setIntegration(integrationId: string, records: readonly KomboEmployeeRecord[]): void
  removeIntegration(integrationId: string): void

  /** Inserts or replaces one record (copied); bumps its updated time and `changed_at`. */
  upsertEmployee(
    integrationId: string,
    record: KomboEmployeeRecord,
    options?: MutationOptions,
  ): KomboEmployeeRecord
  /** Shallow-merges `patch` into a record; bumps its updated time and `changed_at`. Throws if unknown. */
  updateEmployee(
    integrationId: string,
    id: string,
    patch: Partial<KomboEmployeeRecord>,
    options?: MutationOptions,
  ): KomboEmployeeRecord
  /** Upstream deletion as Kombo shows it: sets `remote_deleted_at` (and `changed_at`) to now. */
  deleteEmployee(integrationId: string, id: string): KomboEmployeeRecord
  /** What Kombo does 14 days after a deletion: identifying fields become null. */
  anonymizeEmployee(integrationId: string, id: string): KomboEmployeeRecord
  /** The record disappears entirely, as if Kombo had never returned it (no trace for updated_after). */
  removeEmployee(integrationId: string, id: string): void
  getEmployee(integrationId: string, id: string): KomboEmployeeRecord | undefined
  /** All records of an integration in page order (id order), deleted ones included. */
  listEmployees(integrationId: string): KomboEmployeeRecord[]

  /** Replaces the fault queue; entry n applies to the n-th next /hris/employees request, null = answer normally. */
  setFaults(faults: readonly (StandInFault | null)[]): void
  /** Appends to the fault queue. */
  queueFaults(...faults: (StandInFault | null)[]): void
  /** Serialises every stored record ahead of the first request (benchmarks call this before timing). */
  warmUp(): void
  /** Faults (and null placeholders) not yet consumed. */
  readonly pendingFaults: number
  /**
   * Persistent first-sync-pending for one integration until called again with false; while set, every
   * /hris/employees request for it gets the pending answer and the fault queue is left alone.
   */
  setSetupSyncPending(integrationId: string, status: SetupSyncPendingStatus | false): void
}
