import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { EmployeeTable, jsonOf, type StoredEmployee } from './employeeTable'
import type { KomboEmployeeRecord } from './komboRecord'
import { encodeCursor, InputInvalid, parsePageQuery } from './standInQuery'
import { createClock, header, HTML_ERROR_PAGE, malformedRecord, Reply, successPage } from './standInReply'
import {
  DEFAULT_RATE_LIMIT,
  DEFAULT_RATE_LIMIT_WINDOW_SECONDS,
  type MutationOptions,
  type SetupSyncPendingStatus,
  type StandIn,
  type StandInClock,
  type StandInFault,
  type StandInOptions,
  type StandInRateLimitOptions,
  type StandInRequest,
} from './standInTypes'

export * from './standInTypes'
export { encodeCursor } from './standInQuery'

/**
 * The project's own Kombo: a loopback HTTP server that answers `GET /v1/hris/employees` (and
 * `GET /v1/check-api-key`) the way Kombo documents it (docs/architecture.md, The demo HRIS), for the app's
 * demo mode, integration tests and benchmarks. Tests steer it with mutation helpers, a clock and a queue of
 * faults. Its query parsing is in standInQuery.ts, its response writing in standInReply.ts.
 */

interface Integration {
  table: EmployeeTable
  pending: SetupSyncPendingStatus | false
}

const EMPLOYEES_PATH = '/v1/hris/employees'
const CHECK_API_KEY_PATH = '/v1/check-api-key'

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
