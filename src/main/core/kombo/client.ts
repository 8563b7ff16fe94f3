import { Agent, request, errors as undiciErrors } from 'undici'
import { KomboError, classifyHttpFailure, readErrorBody } from './errors'
import { pageText } from './pageText'
import { isSkipped, parseEmployeeRecord, type ParsedEmployee, type SkippedRecord } from './employeeRecord'

/** Kombo's maximum page size, and its recommendation for bulk reads. */
export const MAX_PAGE_SIZE = 250
/** A page of 250 employees arrives in well under a second; a minute means the connection is stuck. */
const REQUEST_TIMEOUT_MS = 60_000

export interface KomboClientOptions {
  /** Kombo's API root including /v1, e.g. https://api.kombo.dev/v1 */
  baseUrl: string
  apiKey: string
  integrationId: string
  requestTimeoutMs?: number
}

export interface EmployeesQuery {
  cursor?: string | null
  updatedAfter?: string | null
  pageSize?: number
  includeDeleted?: boolean
}

export interface EmployeesPage {
  next: string | null
  employees: ParsedEmployee[]
  skipped: SkippedRecord[]
  /** The response body as received (UTF-8): raw records are cut from it, not re-serialised. */
  body: Buffer
  resultCount: number
}

/**
 * A thin client for the one endpoint the app reads. It does not retry: the sync engine decides what
 * to do with each KomboError kind (wait, retry at the same cursor, or stop).
 */
export class KomboClient {
  private readonly agent: Agent
  private readonly employeesUrl: string

  constructor(private readonly options: KomboClientOptions) {
    this.employeesUrl = `${options.baseUrl.replace(/\/+$/, '')}/hris/employees`
    const timeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connections: 2,
    })
  }

  async getEmployeesPage(query: EmployeesQuery, signal?: AbortSignal): Promise<EmployeesPage> {
    const url = new URL(this.employeesUrl)
    url.searchParams.set('page_size', String(query.pageSize ?? MAX_PAGE_SIZE))
    url.searchParams.set('include_deleted', query.includeDeleted === false ? 'false' : 'true')
    if (query.updatedAfter) url.searchParams.set('updated_after', query.updatedAfter)
    if (query.cursor) url.searchParams.set('cursor', query.cursor)

    let status: number
    let headers: Record<string, string | string[] | undefined>
    let bodyBytes: Buffer
    try {
      const response = await request(url, {
        method: 'GET',
        dispatcher: this.agent,
        signal,
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          'x-integration-id': this.options.integrationId,
          accept: 'application/json',
        },
      })
      status = response.statusCode
      headers = response.headers
      // Bytes, not text: the writer thread gets them without a copy and cuts raw records from them.
      bodyBytes = Buffer.from(await response.body.arrayBuffer())
    } catch (cause) {
      throw transportFailure(cause, url)
    }
    if (status !== 200) {
      const bodyText = bodyBytes.toString('utf8')
      const body = readErrorBody(bodyText)
      const kind = classifyHttpFailure(status, body)
      const detail = body?.message ?? `HTTP ${status}${bodyText ? ` (${describeBody(bodyText)})` : ''}`
      throw new KomboError(kind, detail, {
        status,
        komboCode: body?.code ?? null,
        logUrl: body?.logUrl ?? null,
        retryAfterMs: retryAfterMs(headers),
      })
    }
    return parsePage(bodyBytes)
  }

  async close(): Promise<void> {
    await this.agent.close()
  }
}

function parsePage(bodyBytes: Buffer): EmployeesPage {
  const { text, restore } = pageText(bodyBytes)
  let envelope: unknown
  try {
    envelope = JSON.parse(text)
  } catch {
    // A 200 whose body does not parse was cut off on the way: the same request can be retried.
    throw new KomboError(
      'transport',
      `truncated or invalid JSON in a 200 response (${bodyBytes.length} bytes)`,
    )
  }
  const data = (envelope as { data?: unknown } | null)?.data
  const results = (data as { results?: unknown } | null | undefined)?.results
  const next = (data as { next?: unknown } | null | undefined)?.next
  if (!Array.isArray(results) || (next !== null && next !== undefined && typeof next !== 'string')) {
    throw new KomboError(
      'transport',
      'a 200 response without the success envelope {status, data: {next, results}}',
    )
  }
  const employees: ParsedEmployee[] = []
  const skipped: SkippedRecord[] = []
  results.forEach((value, index) => {
    const parsed = parseEmployeeRecord(value, index, restore)
    if (isSkipped(parsed)) skipped.push(parsed)
    else employees.push(parsed)
  })
  return {
    next: typeof next === 'string' && next !== '' ? restore(next) : null,
    employees,
    skipped,
    body: bodyBytes,
    resultCount: results.length,
  }
}

function describeBody(text: string): string {
  const compact = text.replace(/\s+/g, ' ').trim()
  return compact.length > 80 ? `${compact.slice(0, 80)}…` : compact
}

/** Retry-After is seconds or an HTTP date; Kombo's ratelimit-reset is seconds until the window resets. */
export function retryAfterMs(
  headers: Record<string, string | string[] | undefined>,
  now = Date.now(),
): number | null {
  const first = (name: string): string | undefined => {
    const value = headers[name]
    return Array.isArray(value) ? value[0] : value
  }
  const retryAfter = first('retry-after')
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter)
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  const reset = first('ratelimit-reset')
  if (reset !== undefined) {
    const seconds = Number(reset)
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  }
  return null
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

function transportFailure(cause: unknown, url: URL): Error {
  if (cause instanceof KomboError) return cause
  const error = cause as { name?: string; code?: string; message?: string; cause?: { code?: string } }
  if (error?.name === 'AbortError' || error?.code === 'UND_ERR_ABORTED') return cause as Error
  const code = error?.code ?? error?.cause?.code ?? ''
  if (UNREACHABLE_CODES.has(code)) {
    return new KomboError('unreachable', `cannot reach ${url.origin} (${code})`)
  }
  if (cause instanceof undiciErrors.UndiciError || code) {
    return new KomboError(
      'transport',
      `connection to ${url.origin} failed (${code || error?.message || 'unknown'})`,
    )
  }
  return new KomboError('transport', `request to ${url.origin} failed (${error?.message ?? String(cause)})`)
}
