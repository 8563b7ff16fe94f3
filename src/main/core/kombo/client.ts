import type { Agent } from 'undici'
import { KomboError, classifyHttpFailure, readErrorBody } from './errors'
import { pageText } from './pageText'
import { isSkipped, parseEmployeeRecord, type ParsedEmployee, type SkippedRecord } from './employeeRecord'

/** Kombo's maximum page size, and its recommendation for bulk reads. */
export const MAX_PAGE_SIZE = 250

/** What one response may cost before the client gives up on it; see defaultResponseLimits. */
export interface ResponseLimits {
  /** Headers and the whole body of one request, in total (an idle timeout never fires on a drip). */
  requestDeadlineMs: number
  /** Bytes of one page, counted while it streams in. */
  maxPageBytes: number
  /** Nesting of arrays and objects in one page (checked by the writer thread, see resultSlices.ts). */
  maxJsonDepth: number
}

export const defaultResponseLimits: ResponseLimits = {
  // A page of 250 employees arrives in well under a second; two minutes means the connection is stuck.
  requestDeadlineMs: 120_000,
  // 250 employees with raw records are about 1 MB; 64 MB is far above any real page and far below what
  // a string or the heap can take.
  maxPageBytes: 64 * 1024 * 1024,
  // Kombo's envelope is 3 levels and a record with custom fields and nested employments a few more.
  maxJsonDepth: 64,
}

/** An error body is only read for its message: the first part is enough. */
const MAX_ERROR_BODY_BYTES = 64 * 1024

export interface KomboClientOptions {
  /** Kombo's API root including /v1, e.g. https://api.kombo.dev/v1 */
  baseUrl: string
  apiKey: string
  integrationId: string
  limits?: Partial<ResponseLimits>
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
/**
 * undici is loaded on the first request, not when the app starts: most commands (match, diff, export)
 * never talk to Kombo, and loading it is a large share of a short command's start-up.
 */
interface UndiciParts {
  Agent: typeof Agent
  request: typeof import('undici').request
}
let undiciModule: Promise<UndiciParts> | null = null
// undici is CommonJS: imported from the bundled CLI its exports arrive as the module's default.
const loadUndici = () =>
  (undiciModule ??= import('undici').then((loaded) => {
    const exports = typeof loaded.Agent === 'function' ? loaded : loaded.default
    return { Agent: exports.Agent, request: exports.request }
  }))

export class KomboClient {
  private agent: Agent | null = null
  private readonly employeesUrl: string
  private readonly limits: ResponseLimits

  constructor(private readonly options: KomboClientOptions) {
    this.employeesUrl = `${options.baseUrl.replace(/\/+$/, '')}/hris/employees`
    this.limits = { ...defaultResponseLimits, ...options.limits }
  }

  private async connection(): Promise<{ agent: Agent; request: UndiciParts['request'] }> {
    const undici = await loadUndici()
    const timeout = this.limits.requestDeadlineMs
    this.agent ??= new undici.Agent({
      keepAliveTimeout: 10_000,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connections: 2,
    })
    return { agent: this.agent, request: undici.request }
  }

  async getEmployeesPage(query: EmployeesQuery, signal?: AbortSignal): Promise<EmployeesPage> {
    const url = new URL(this.employeesUrl)
    url.searchParams.set('page_size', String(query.pageSize ?? MAX_PAGE_SIZE))
    url.searchParams.set('include_deleted', query.includeDeleted === false ? 'false' : 'true')
    if (query.updatedAfter) url.searchParams.set('updated_after', query.updatedAfter)
    if (query.cursor) url.searchParams.set('cursor', query.cursor)

    const { requestDeadlineMs, maxPageBytes } = this.limits
    const deadline = AbortSignal.timeout(requestDeadlineMs)
    const requestSignal = signal ? AbortSignal.any([signal, deadline]) : deadline
    let status: number
    let headers: Record<string, string | string[] | undefined>
    let bodyBytes: Buffer
    try {
      const { agent, request } = await this.connection()
      const response = await request(url, {
        method: 'GET',
        dispatcher: agent,
        signal: requestSignal,
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          'x-integration-id': this.options.integrationId,
          accept: 'application/json',
        },
      })
      status = response.statusCode
      headers = response.headers
      if (status === 200) {
        const declared = Number(first(headers, 'content-length'))
        if (declared > maxPageBytes) {
          response.body.destroy()
          throw pageTooLarge(declared, maxPageBytes)
        }
      }
      // Bytes, not text: the writer thread gets them without a copy and cuts raw records from them.
      bodyBytes = await readCapped(response.body, status === 200 ? maxPageBytes : MAX_ERROR_BODY_BYTES, {
        overCap: status === 200 ? 'refuse' : 'truncate',
      })
    } catch (cause) {
      if (deadline.aborted && !signal?.aborted) {
        throw new KomboError(
          'timeout',
          `no complete answer from ${url.origin} within ${formatSeconds(requestDeadlineMs)}`,
        )
      }
      throw transportFailure(cause, url)
    }
    if (status !== 200) {
      const bodyText = bodyBytes.toString('utf8')
      const body = readErrorBody(bodyText)
      const kind = classifyHttpFailure(status, body)
      const detail =
        kind === 'refused' && status >= 300 && status < 400
          ? `a redirect (HTTP ${status}${locationOf(headers)}), which is not followed so that the API key stays with this host`
          : (body?.message ?? `HTTP ${status}${bodyText ? ` (${describeBody(bodyText)})` : ''}`)
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
    await this.agent?.close()
  }
}

/**
 * Reads a response body into one buffer, never holding more than `cap` bytes: past it the stream is
 * destroyed, so an endless or gigantic body costs at most the cap.
 */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  cap: number,
  how: { overCap: 'refuse' | 'truncate' },
): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    if (size + chunk.length > cap) {
      body.destroy()
      if (how.overCap === 'refuse') throw pageTooLarge(size + chunk.length, cap)
      chunks.push(chunk.subarray(0, cap - size))
      size = cap
      break
    }
    chunks.push(chunk)
    size += chunk.length
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)
}

function pageTooLarge(bytes: number, cap: number): KomboError {
  return new KomboError(
    'refused',
    `a page of more than ${formatBytes(cap)} (${formatBytes(bytes)} or more), far above any real page`,
  )
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${bytes} bytes`
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`
}

function first(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

function locationOf(headers: Record<string, string | string[] | undefined>): string {
  const location = first(headers, 'location')
  return location ? ` to ${describeBody(location)}` : ''
}

function parsePage(bodyBytes: Buffer): EmployeesPage {
  // JSON.parse is iterative: depth cannot overflow it. The nesting limit is enforced where the page is
  // sliced into raw records (resultSlices.ts), on the writer thread.
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
  const retryAfter = first(headers, 'retry-after')
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter)
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  const reset = first(headers, 'ratelimit-reset')
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
  // undici's own failures carry a UND_ERR_* code.
  if (code) {
    return new KomboError(
      'transport',
      `connection to ${url.origin} failed (${code || error?.message || 'unknown'})`,
    )
  }
  return new KomboError('transport', `request to ${url.origin} failed (${error?.message ?? String(cause)})`)
}
