import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EmployeeTable, jsonOf, type StoredEmployee } from './employeeTable'
import type { KomboEmployeeRecord } from './komboRecord'

/**
 * The project's own Kombo: a loopback HTTP server that answers `GET /v1/hris/employees` (and
 * `GET /v1/check-api-key`) the way Kombo documents it (docs/architecture.md, The demo HRIS), for integration tests, the app's demo mode and
 * benchmarks. Tests steer it with mutation helpers, a clock and a queue of faults.
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

interface Integration {
  table: EmployeeTable
  pending: SetupSyncPendingStatus | false
}

interface PageQuery {
  pageSize: number
  afterId: string | null
  updatedAfterMs: number | null
  includeDeleted: boolean
  matches: ((employee: StoredEmployee) => boolean)[]
}

const EMPLOYEES_PATH = '/v1/hris/employees'
const CHECK_API_KEY_PATH = '/v1/check-api-key'
const CURSOR_PREFIX = 'after:'
/** Kombo's `updated_after` accepts full timestamps, timestamps without millis and plain dates. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/
const EMPLOYMENT_STATUSES = new Set(['ACTIVE', 'PENDING', 'INACTIVE', 'LEAVE'])

const PENDING_MESSAGE =
  'The first sync of this integration is still running. Data becomes available once it has finished.'
const HTML_ERROR_PAGE = (status: number): string =>
  `<html>\r\n<head><title>${status} Error</title></head>\r\n<body>\r\n<center><h1>${status} Error</h1></center>\r\n` +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

/** A keyset cursor: the last id of the page, base64url-encoded so clients treat it as opaque. */
export function encodeCursor(afterId: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${afterId}`, 'utf8').toString('base64url')
}

function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(cursor)) return null
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  return text.startsWith(CURSOR_PREFIX) && text.length > CURSOR_PREFIX.length
    ? text.slice(CURSOR_PREFIX.length)
    : null
}

class InputInvalid extends Error {}

export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  const instance = new StandInServer(options)
  await instance.listen(options.port ?? 0)
  return instance
}

class StandInServer implements StandIn {
  readonly requests: StandInRequest[] = []
  private readonly requestListeners = new Set<(request: StandInRequest) => void>()
  readonly clock: StandInClock
  baseUrl = ''
  port = 0

  private readonly integrations = new Map<string, Integration>()
  private faults: (StandInFault | null)[] = []
  private readonly server = createServer((req, res) => void this.handle(req, res))
  private readonly timers = new Set<NodeJS.Timeout>()
  private closing = false
  private lastStampMs = 0
  private logCounter = 0
  private readonly rateLimit: Required<StandInRateLimitOptions>
  private rateWindowStartMs = Date.now()
  private rateWindowCount = 0

  constructor(private readonly options: StandInOptions) {
    this.clock = createClock(options.now ?? (() => new Date()))
    this.rateLimit = {
      limit: options.rateLimit?.limit ?? DEFAULT_RATE_LIMIT,
      windowSeconds: options.rateLimit?.windowSeconds ?? DEFAULT_RATE_LIMIT_WINDOW_SECONDS,
      enforce: options.rateLimit?.enforce ?? false,
    }
    for (const [integrationId, records] of Object.entries(options.integrations ?? {})) {
      this.setIntegration(integrationId, records)
    }
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject)
        this.port = (this.server.address() as AddressInfo).port
        this.baseUrl = `http://127.0.0.1:${this.port}/v1`
        resolve()
      })
    })
  }

  onRequest(listener: (request: StandInRequest) => void): () => void {
    this.requestListeners.add(listener)
    return () => this.requestListeners.delete(listener)
  }

  close(): Promise<void> {
    this.closing = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    return new Promise((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  // ---- data helpers -------------------------------------------------------------------------------

  setIntegration(integrationId: string, records: readonly KomboEmployeeRecord[]): void {
    this.integrations.set(integrationId, {
      table: new EmployeeTable(records, this.stamp()),
      pending: this.integrations.get(integrationId)?.pending ?? false,
    })
  }

  removeIntegration(integrationId: string): void {
    this.integrations.delete(integrationId)
  }

  upsertEmployee(
    integrationId: string,
    record: KomboEmployeeRecord,
    options?: MutationOptions,
  ): KomboEmployeeRecord {
    if (typeof record.id !== 'string' || record.id === '')
      throw new Error('stand-in: a record needs a string id')
    return this.write(integrationId, structuredClone(record), options)
  }

  updateEmployee(
    integrationId: string,
    id: string,
    patch: Partial<KomboEmployeeRecord>,
    options?: MutationOptions,
  ): KomboEmployeeRecord {
    const current = this.requireEmployee(integrationId, id)
    const { id: _ignoredId, ...changes } = structuredClone(patch)
    return this.write(integrationId, { ...current.record, ...changes }, options)
  }

  deleteEmployee(integrationId: string, id: string): KomboEmployeeRecord {
    const current = this.requireEmployee(integrationId, id)
    return this.write(integrationId, { ...current.record }, undefined, (record, at) => {
      record.remote_deleted_at = at
    })
  }

  anonymizeEmployee(integrationId: string, id: string): KomboEmployeeRecord {
    const current = this.requireEmployee(integrationId, id)
    return this.write(integrationId, {
      ...current.record,
      employee_number: null,
      first_name: null,
      last_name: null,
      display_full_name: null,
      work_email: null,
      personal_email: null,
      mobile_phone_number: null,
      ssn: null,
      tax_id: null,
      date_of_birth: null,
      home_address: null,
      bank_accounts: null,
      avatar: null,
    })
  }

  removeEmployee(integrationId: string, id: string): void {
    if (!this.requireIntegration(integrationId).table.remove(id)) {
      throw new Error(`stand-in: no employee ${id} in integration ${integrationId}`)
    }
  }

  getEmployee(integrationId: string, id: string): KomboEmployeeRecord | undefined {
    return this.requireIntegration(integrationId).table.get(id)?.record
  }

  listEmployees(integrationId: string): KomboEmployeeRecord[] {
    return this.requireIntegration(integrationId).table.records()
  }

  warmUp(): void {
    for (const integration of this.integrations.values()) integration.table.warmUp()
  }

  // ---- faults -------------------------------------------------------------------------------------

  setFaults(faults: readonly (StandInFault | null)[]): void {
    this.faults = [...faults]
  }

  queueFaults(...faults: (StandInFault | null)[]): void {
    this.faults.push(...faults)
  }

  get pendingFaults(): number {
    return this.faults.length
  }

  setSetupSyncPending(integrationId: string, status: SetupSyncPendingStatus | false): void {
    this.requireIntegration(integrationId).pending = status
  }

  // ---- internals ----------------------------------------------------------------------------------

  /**
   * The time a write is stamped with, for `updated_after` and `changed_at`: one millisecond after the clock,
   * so a client watermark read in the same millisecond before the write never misses it (a later
   * watermark in that millisecond sees the record once more, which is harmless), and strictly after the
   * previous stamp, so writes on a frozen clock stay ordered.
   */
  private stamp(): number {
    this.lastStampMs = Math.max(this.clock.now().getTime() + 1, this.lastStampMs + 1)
    return this.lastStampMs
  }

  private write(
    integrationId: string,
    record: KomboEmployeeRecord,
    options?: MutationOptions,
    change?: (record: KomboEmployeeRecord, at: string) => void,
  ): KomboEmployeeRecord {
    const integration = this.requireIntegration(integrationId)
    const stampMs = this.stamp()
    const at = new Date(stampMs).toISOString()
    change?.(record, at)
    if (options?.touchChangedAt ?? true) record.changed_at = at
    integration.table.put(record, stampMs)
    return record
  }

  private requireIntegration(integrationId: string): Integration {
    const integration = this.integrations.get(integrationId)
    if (!integration) throw new Error(`stand-in: unknown integration ${integrationId}`)
    return integration
  }

  private requireEmployee(integrationId: string, id: string): StoredEmployee {
    const employee = this.requireIntegration(integrationId).table.get(id)
    if (!employee) throw new Error(`stand-in: no employee ${id} in integration ${integrationId}`)
    return employee
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid')
    const entry: StandInRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: {
        authorization: header(req, 'authorization'),
        integrationId: header(req, 'x-integration-id'),
        userAgent: header(req, 'user-agent'),
        accept: header(req, 'accept'),
      },
      status: null,
      fault: null,
      resultCount: null,
      next: null,
      receivedAt: new Date().toISOString(),
    }
    this.requests.push(entry)
    for (const listener of this.requestListeners) listener(entry)
    const reply = new Reply(res, entry, this.countRequest(), (code, title, message) =>
      this.errorBody(code, title, message),
    )

    try {
      const route = entry.method === 'GET' ? url.pathname.replace(/\/+$/, '') : null
      if (route !== EMPLOYEES_PATH && route !== CHECK_API_KEY_PATH) {
        reply.error(404, null, 'Not found', `There is no endpoint ${entry.method} ${url.pathname}.`)
        return
      }
      if (!this.isAuthorized(entry.headers.authorization)) {
        reply.error(
          401,
          'PLATFORM.AUTHENTICATION_INVALID',
          'Invalid API key',
          'The API key is missing or invalid.',
        )
        return
      }
      if (this.rateLimit.enforce && this.rateWindowCount > this.rateLimit.limit) {
        reply.error(429, 'PLATFORM.RATE_LIMIT_EXCEEDED', 'Rate limit exceeded', 'Too many requests.')
        return
      }
      if (route === CHECK_API_KEY_PATH) {
        const environmentId = this.options.environmentId ?? 'stand-in-environment'
        reply.json(200, JSON.stringify({ status: 'success', data: { environment_id: environmentId } }))
        return
      }
      const integrationId = entry.headers.integrationId
      if (integrationId === null || integrationId === '') {
        reply.error(
          400,
          'PLATFORM.INPUT_INVALID',
          'Input invalid',
          'The X-Integration-Id header is required.',
        )
        return
      }
      const integration = this.integrations.get(integrationId)
      if (!integration) {
        reply.error(
          404,
          'PLATFORM.INTEGRATION_NOT_FOUND',
          'Integration not found',
          `No integration ${integrationId}.`,
        )
        return
      }
      if (integration.pending !== false) {
        entry.fault = 'setup-sync-pending'
        reply.setupSyncPending(integration.pending)
        return
      }

      const fault = this.faults.shift() ?? null
      entry.fault = fault?.kind ?? null
      if (fault?.delayMs) await this.delay(fault.delayMs)
      if (this.closing) return
      this.answerEmployees(integration, url.searchParams, fault, reply)
    } catch (error) {
      if (res.headersSent) {
        res.destroy()
        return
      }
      if (error instanceof InputInvalid)
        reply.error(400, 'PLATFORM.INPUT_INVALID', 'Input invalid', error.message)
      else reply.error(500, 'PLATFORM.UNKNOWN_ERROR', 'Unknown error', 'The stand-in failed to answer.')
    }
  }

  private answerEmployees(
    integration: Integration,
    params: URLSearchParams,
    fault: StandInFault | null,
    reply: Reply,
  ): void {
    switch (fault?.kind) {
      case undefined:
      case 'slow':
      case 'truncated-json':
      case 'malformed-record':
        break
      case 'setup-sync-pending':
        reply.setupSyncPending(fault.status ?? 409)
        return
      case 'rate-limited': {
        const seconds = fault.seconds ?? 1
        const headers: Record<string, string> = {
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(seconds),
        }
        if (fault.via === undefined || fault.via === 'retry-after') headers['retry-after'] = String(seconds)
        if (fault.via === 'retry-after-date') {
          headers['retry-after'] = new Date(Date.now() + seconds * 1000).toUTCString()
        }
        reply.error(429, 'PLATFORM.RATE_LIMIT_EXCEEDED', 'Rate limit exceeded', 'Too many requests.', headers)
        return
      }
      case 'html-error':
        reply.send(fault.status ?? 500, HTML_ERROR_PAGE(fault.status ?? 500), 'text/html')
        return
      case 'connection-reset':
        reply.reset()
        return
      case 'permission-missing':
        reply.error(
          403,
          'INTEGRATION.PERMISSION_MISSING',
          'Permission missing',
          'The integration lacks the permission to read employees from the HRIS.',
        )
        return
      case 'kombo-error':
        reply.error(fault.status, fault.code, fault.title ?? 'Error', fault.message ?? 'The request failed.')
        return
    }

    const query = parsePageQuery(params)
    const page = integration.table.page(query.afterId, query.pageSize, (employee) => {
      if (!query.includeDeleted && employee.record.remote_deleted_at) return false
      if (query.updatedAfterMs !== null && employee.updatedAtMs <= query.updatedAfterMs) return false
      return query.matches.every((match) => match(employee))
    })
    const last = page.results[page.results.length - 1]
    const next = page.hasMore && last ? encodeCursor(last.record.id) : null
    reply.entry.resultCount = page.results.length
    reply.entry.next = next

    const parts = page.results.map(jsonOf)
    if (fault?.kind === 'malformed-record') {
      const position = Math.min(Math.max(0, fault.position ?? Math.floor(parts.length / 2)), parts.length)
      parts.splice(
        position,
        0,
        Buffer.from(JSON.stringify(malformedRecord(fault, page.results[0]?.record)), 'utf8'),
      )
    }
    const body = successPage(next, parts)
    if (fault?.kind === 'truncated-json') {
      reply.truncated(body, fault.keepBytes ?? Math.floor(body.length / 2))
      return
    }
    reply.json(200, body)
  }

  private errorBody(code: string | null, title: string, message: string): string {
    this.logCounter += 1
    const logUrl = `${this.baseUrl.replace(/\/v1$/, '')}/logs/${this.logCounter}`
    return JSON.stringify({ status: 'error', error: { code, title, message, log_url: logUrl } })
  }

  private isAuthorized(authorization: string | null): boolean {
    const match = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim()) : null
    return match?.[1] === this.options.apiKey
  }

  /** Counts the request in the current window and returns the rate-limit headers every response carries. */
  private countRequest(): Record<string, string> {
    const windowMs = this.rateLimit.windowSeconds * 1000
    const nowMs = Date.now()
    if (nowMs - this.rateWindowStartMs >= windowMs) {
      this.rateWindowStartMs = nowMs
      this.rateWindowCount = 0
    }
    this.rateWindowCount += 1
    return {
      'ratelimit-limit': String(this.rateLimit.limit),
      'ratelimit-remaining': String(Math.max(0, this.rateLimit.limit - this.rateWindowCount)),
      'ratelimit-reset': String(Math.max(0, Math.ceil((this.rateWindowStartMs + windowMs - nowMs) / 1000))),
    }
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.add(timer)
    })
  }
}

/** One response being written: records the status on the log entry and adds the rate-limit headers. */
class Reply {
  constructor(
    private readonly res: ServerResponse,
    readonly entry: StandInRequest,
    private readonly rateLimitHeaders: Record<string, string>,
    private readonly errorBody: (code: string | null, title: string, message: string) => string,
  ) {}

  send(status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}): void {
    this.entry.status = status
    this.res.writeHead(status, {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(body)),
      ...this.rateLimitHeaders,
      ...extra,
    })
    this.res.end(body)
  }

  json(status: number, body: string | Buffer, extra?: Record<string, string>): void {
    this.send(status, body, JSON_TYPE, extra)
  }

  error(
    status: number,
    code: string | null,
    title: string,
    message: string,
    extra?: Record<string, string>,
  ): void {
    this.json(status, this.errorBody(code, title, message), extra)
  }

  setupSyncPending(status: SetupSyncPendingStatus): void {
    if (status === 409) {
      this.error(409, 'INTEGRATION.SETUP_SYNC_PENDING', 'Setup sync pending', PENDING_MESSAGE)
      return
    }
    // The envelope Kombo documented before 2026-05-19: only a message, no code, title or log_url.
    this.json(503, JSON.stringify({ status: 'error', error: { message: PENDING_MESSAGE } }))
  }

  /** 200 without content-length (chunked): the response ends cleanly although the JSON in it is cut off. */
  truncated(body: Buffer, keepBytes: number): void {
    this.entry.status = 200
    this.res.writeHead(200, { 'content-type': JSON_TYPE, ...this.rateLimitHeaders })
    this.res.write(body.subarray(0, Math.min(body.length - 1, Math.max(1, keepBytes))))
    this.res.end()
  }

  /** Sends a TCP RST before any response byte, which clients see as ECONNRESET. */
  reset(): void {
    this.res.socket?.resetAndDestroy()
  }
}

const JSON_TYPE = 'application/json; charset=utf-8'
const RESULTS_END = Buffer.from(']}}', 'utf8')
const COMMA = Buffer.from(',', 'utf8')

/** `{"status":"success","data":{"next":…,"results":[…]}}` from ready record bytes. */
function successPage(next: string | null, records: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [
    Buffer.from(`{"status":"success","data":{"next":${JSON.stringify(next)},"results":[`, 'utf8'),
  ]
  records.forEach((record, index) => {
    if (index > 0) parts.push(COMMA)
    parts.push(record)
  })
  parts.push(RESULTS_END)
  return Buffer.concat(parts)
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name]
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null)
}

function createClock(source: () => Date): StandInClock {
  let frozenMs: number | null = null
  let offsetMs = 0
  return {
    now: () => new Date(frozenMs ?? source().getTime() + offsetMs),
    set(at) {
      offsetMs = 0
      frozenMs = at === null ? null : new Date(at).getTime()
      if (frozenMs !== null && Number.isNaN(frozenMs))
        throw new Error(`stand-in clock: invalid time ${String(at)}`)
    },
    advance(ms) {
      if (frozenMs !== null) frozenMs += ms
      else offsetMs += ms
    },
  }
}

function parsePageQuery(params: URLSearchParams): PageQuery {
  const pageSizeText = params.get('page_size')
  let pageSize = DEFAULT_PAGE_SIZE
  if (pageSizeText !== null) {
    pageSize = /^\d+$/.test(pageSizeText) ? Number(pageSizeText) : Number.NaN
    if (!(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE)) {
      throw new InputInvalid(
        `page_size must be an integer from 1 to ${MAX_PAGE_SIZE}, got "${pageSizeText}".`,
      )
    }
  }

  const cursor = params.get('cursor')
  let afterId: string | null = null
  if (cursor !== null && cursor !== '') {
    afterId = decodeCursor(cursor)
    if (afterId === null) throw new InputInvalid('The cursor is invalid.')
  }

  const updatedAfter = params.get('updated_after')
  let updatedAfterMs: number | null = null
  if (updatedAfter !== null && updatedAfter !== '') {
    updatedAfterMs = ISO_DATE_TIME.test(updatedAfter) ? Date.parse(updatedAfter) : Number.NaN
    if (Number.isNaN(updatedAfterMs))
      throw new InputInvalid(`updated_after is not an ISO 8601 date: "${updatedAfter}".`)
  }

  const includeDeletedText = params.get('include_deleted') ?? 'false'
  if (includeDeletedText !== 'true' && includeDeletedText !== 'false') {
    throw new InputInvalid(`include_deleted must be "true" or "false", got "${includeDeletedText}".`)
  }

  return {
    pageSize,
    afterId,
    updatedAfterMs,
    includeDeleted: includeDeletedText === 'true',
    matches: listFilters(params),
  }
}

/** Kombo's multi-value filters: comma-separated values ORed within one filter, filters ANDed together. */
function listFilters(params: URLSearchParams): ((employee: StoredEmployee) => boolean)[] {
  const filters: ((employee: StoredEmployee) => boolean)[] = []
  const values = (name: string, fold = false): Set<string> | null => {
    const text = params.get(name)
    if (text === null || text === '') return null
    return new Set(
      text
        .split(',')
        .map((value) => (fold ? value.trim().toLowerCase() : value.trim()))
        .filter(Boolean),
    )
  }
  const ids = values('ids')
  if (ids) filters.push(({ record }) => ids.has(record.id))
  const remoteIds = values('remote_ids')
  if (remoteIds) filters.push(({ record }) => remoteIds.has(record.remote_id))
  const statuses = values('employment_statuses')
  if (statuses) {
    for (const status of statuses) {
      if (!EMPLOYMENT_STATUSES.has(status)) throw new InputInvalid(`Unknown employment status "${status}".`)
    }
    filters.push(({ record }) => statuses.has(record.employment_status ?? ''))
  }
  const workEmails = values('work_emails', true)
  if (workEmails) filters.push(({ record }) => workEmails.has(record.work_email?.toLowerCase() ?? ''))
  const personalEmails = values('personal_emails', true)
  if (personalEmails)
    filters.push(({ record }) => personalEmails.has(record.personal_email?.toLowerCase() ?? ''))
  const groupIds = values('group_ids')
  if (groupIds) filters.push(({ record }) => record.groups.some((group) => groupIds.has(group.id)))
  const legalEntityIds = values('legal_entity_ids')
  if (legalEntityIds) filters.push(({ record }) => legalEntityIds.has(record.legal_entity_id ?? ''))
  const locationIds = values('work_location_ids')
  if (locationIds) filters.push(({ record }) => locationIds.has(record.work_location_id ?? ''))
  return filters
}

function malformedRecord(
  fault: Extract<StandInFaultKind, { kind: 'malformed-record' }>,
  sample: KomboEmployeeRecord | undefined,
): unknown {
  if ('record' in fault) return fault.record
  if (fault.variant === 'wrong-types') {
    return {
      id: 'MalformedRecord000000000',
      remote_id: 4711,
      employee_number: ['E-1'],
      first_name: 42,
      last_name: { value: 'Broken' },
      display_full_name: true,
      work_email: 12345,
      employment_status: 7,
      start_date: 'last spring',
      changed_at: 'not a date',
      remote_deleted_at: null,
      employments: 'none',
      groups: {},
    }
  }
  const { id: _missing, ...withoutId } = sample ?? {
    id: '',
    remote_id: 'no-id-1',
    first_name: 'Nobody',
    last_name: 'Withoutid',
    changed_at: new Date(0).toISOString(),
  }
  return withoutId
}
