import type { IncomingMessage, ServerResponse } from 'node:http'
import type { KomboEmployeeRecord } from './komboRecord'
import type { SetupSyncPendingStatus, StandInClock, StandInFaultKind, StandInRequest } from './standInTypes'

/** How the stand-in writes its answers (Kombo's envelopes, error bodies, the faults tests ask for), and its clock. */

const PENDING_MESSAGE =
  'The first sync of this integration is still running. Data becomes available once it has finished.'
export const HTML_ERROR_PAGE = (status: number): string =>
  `<html>\r\n<head><title>${status} Error</title></head>\r\n<body>\r\n<center><h1>${status} Error</h1></center>\r\n` +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

/** One response being written: records the status on the log entry and adds the rate-limit headers. */
export class Reply {
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
export function successPage(next: string | null, records: readonly Buffer[]): Buffer {
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

export function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name]
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null)
}

export function createClock(source: () => Date): StandInClock {
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

export function malformedRecord(
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
