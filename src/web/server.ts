import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { apiNames, type ApiName, type CallContext } from '../shared/api'
import type { SyncProgress } from '../shared/dto/sync'
import type { MatchProgress } from '../shared/dto/match'
import { MATCH_PROGRESS_EVENT, SYNC_PROGRESS_EVENT, TOKEN_HEADER } from '../shared/protocol'
import type { ApiCaller } from '../main/host/apiCaller'
import { createCallTracker, SHUTDOWN_GRACE_MS } from '../main/host/callTracker'
import { CONTENT_SECURITY_POLICY_HEADER } from '../main/host/csp'
import { RENDERER_CONTENT_TYPES } from '../main/host/contentTypes'

/**
 * The loopback web host: serves the built renderer and the API map over HTTP on 127.0.0.1 for a
 * browser on this machine. Every API request must carry the per-run token (which only the printed URL
 * holds) and a loopback Host header, so neither another local web page nor a DNS-rebinding site can
 * drive it.
 */
export interface WebHostOptions {
  call: ApiCaller
  rendererDir: string
  /** 0 (default) picks a free port. */
  port?: number
  /** A fixed token (tests); by default a random one per run. */
  token?: string
}

export interface WebHost {
  port: number
  token: string
  origin: string
  /** The address to open: the token rides in the fragment, which browsers never send to a server. */
  url: string
  close(): Promise<void>
}

/** Base64 CSV uploads: 100,000 legacy rows of ~300 bytes stay well below this. */
const MAX_BODY_BYTES = 64 * 1024 * 1024
/**
 * Request bodies held at once, from the first byte read until the call has answered: parallel large
 * uploads are taken one after another (the rest wait unread in their sockets), so memory is that of one
 * large call, not of every upload at the same time.
 */
const MAX_BODY_BYTES_IN_FLIGHT = MAX_BODY_BYTES
const LOOPBACK_HOSTNAMES = ['127.0.0.1', 'localhost', '[::1]']
/** Keeps proxies and sleeping laptops from dropping an idle event stream. */
const EVENT_KEEPALIVE_MS = 15_000

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY_HEADER,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function isApiName(name: string): name is ApiName {
  return (apiNames as string[]).includes(name)
}

/** Reads at most `limit` bytes of body into one buffer (sized up front when the length is declared). */
async function readBody(request: IncomingMessage, limit: number, declared: number | null): Promise<string> {
  const body = declared !== null ? Buffer.allocUnsafe(declared) : null
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    const buffer = chunk as Buffer
    if (size + buffer.length > limit) throw new HttpProblem(413, 'request body too large')
    if (body) buffer.copy(body, size)
    else chunks.push(buffer)
    size += buffer.length
  }
  return (body ?? Buffer.concat(chunks)).toString('utf8', 0, size)
}

/** A pool of bytes that calls take before reading their body and give back once answered (FIFO). */
class ByteBudget {
  private available: number
  private readonly waiting: { bytes: number; grant: () => void }[] = []

  constructor(total: number) {
    this.available = total
  }

  async take(bytes: number): Promise<() => void> {
    if (this.waiting.length > 0 || bytes > this.available) {
      await new Promise<void>((grant) => this.waiting.push({ bytes, grant }))
    } else {
      this.available -= bytes
    }
    let released = false
    return () => {
      if (released) return
      released = true
      this.available += bytes
      while (this.waiting.length > 0 && this.waiting[0]!.bytes <= this.available) {
        const next = this.waiting.shift()!
        this.available -= next.bytes
        next.grant()
      }
    }
  }
}

/** A path segment as text; a malformed percent-encoding is the client's mistake, not a server error. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw new HttpProblem(400, 'malformed percent-encoding in the request path')
  }
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(`${text}\n`)
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(JSON.stringify(value))
}

/**
 * The checks on an API call after its token: same-origin, JSON, a known name and a body within bounds.
 * Returns the call's name and its declared body length, if any.
 */
function admitApiCall(
  name: string,
  request: IncomingMessage,
  allowedHosts: ReadonlySet<string>,
): { name: ApiName; declared: number | null } {
  // A page from another origin could only reach here with the token; refusing foreign Origins as well
  // keeps a leaked token from being used by a web page.
  const origin = headerValue(request, 'origin')
  if (origin && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
    throw new HttpProblem(403, 'cross-origin API calls are refused')
  }
  if (!(headerValue(request, 'content-type') ?? '').startsWith('application/json')) {
    throw new HttpProblem(415, 'API calls send application/json')
  }
  if (!isApiName(name)) throw new HttpProblem(404, `unknown API entry '${name}'`)
  const length = headerValue(request, 'content-length')
  const declared = length !== undefined && /^\d+$/.test(length) ? Number(length) : null
  if (declared !== null && declared > MAX_BODY_BYTES) throw new HttpProblem(413, 'request body too large')
  return { name, declared }
}

/** A Server-Sent Events stream: progress frames go to every open one (see broadcast). */
function openEventStream(
  request: IncomingMessage,
  response: ServerResponse,
  eventClients: Set<ServerResponse>,
): void {
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  })
  response.write(': connected\n\n')
  eventClients.add(response)
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), EVENT_KEEPALIVE_MS)
  request.on('close', () => {
    clearInterval(keepAlive)
    eventClients.delete(response)
  })
}

/** The built renderer's files, from `rendererRoot` only. */
function serveStatic(
  rendererRoot: string,
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpProblem(405, 'method not allowed')
  const relative = normalize(decodePathPart(pathname === '/' ? '/index.html' : pathname)).replace(
    /^[/\\]+/,
    '',
  )
  const file = join(rendererRoot, relative)
  if (file !== rendererRoot && !file.startsWith(rendererRoot + sep)) throw new HttpProblem(404, 'not found')
  if (!existsSync(join(rendererRoot, 'index.html'))) {
    throw new HttpProblem(503, `the renderer is not built (${rendererRoot}): run npm run build first`)
  }
  if (!existsSync(file) || !statSync(file).isFile()) throw new HttpProblem(404, 'not found')
  const isIndex = relative === 'index.html'
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': RENDERER_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    // Asset names carry a content hash; index.html must always be fetched fresh to pick them up.
    'cache-control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  })
  if (request.method === 'HEAD') {
    response.end()
    return
  }
  createReadStream(file).pipe(response)
}

/** Listens on 127.0.0.1 only; resolves with the port (a free one for 0). */
async function listenOnLoopback(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', rejectListen)
      resolveListen()
    })
  })
  return (server.address() as AddressInfo).port
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const rendererRoot = resolve(options.rendererDir)
  const eventClients = new Set<ServerResponse>()
  // On shutdown running use-cases (a sync) are told to stop and awaited, so the database is never
  // closed under a write.
  const shutdown = new AbortController()
  const calls = createCallTracker()
  const bodyBudget = new ByteBudget(MAX_BODY_BYTES_IN_FLIGHT)
  let port = 0

  const allowedHosts = () => new Set(LOOPBACK_HOSTNAMES.map((name) => `${name}:${port}`))

  function broadcast(event: string, data: SyncProgress | MatchProgress): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
    for (const client of eventClients) client.write(frame)
  }

  function requireToken(request: IncomingMessage): void {
    if (!sameToken(headerValue(request, TOKEN_HEADER), token)) {
      throw new HttpProblem(401, 'missing or wrong access token: open the URL the desk printed at start')
    }
  }

  async function handleApiCall(
    name: string,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    if (request.method !== 'POST') throw new HttpProblem(405, 'API calls are POST requests')
    requireToken(request)
    const { name: apiName, declared } = admitApiCall(name, request, allowedHosts())
    // A body of unknown length may be as large as allowed: it is budgeted as such.
    const release = await bodyBudget.take(declared ?? MAX_BODY_BYTES)
    try {
      const text = await readBody(request, declared ?? MAX_BODY_BYTES, declared)
      let payload: unknown
      try {
        payload = text.trim() === '' ? {} : (JSON.parse(text) as unknown)
      } catch {
        sendJson(response, 200, {
          ok: false,
          error: { code: 'INPUT_INVALID', message: `${name}: the body is not JSON` },
        })
        return
      }
      const context: CallContext = {
        onProgress: (progress) => broadcast(SYNC_PROGRESS_EVENT, progress),
        onMatchProgress: (progress) => broadcast(MATCH_PROGRESS_EVENT, progress),
        signal: shutdown.signal,
      }
      sendJson(response, 200, await calls.track(options.call(apiName, payload, context)))
    } finally {
      release()
    }
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    requireToken(request)
    openEventStream(request, response, eventClients)
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a foreign site resolving its own name to 127.0.0.1 still sends its own Host.
    if (!allowedHosts().has((headerValue(request, 'host') ?? '').toLowerCase())) {
      throw new HttpProblem(421, 'this server only answers to 127.0.0.1 / localhost')
    }
    let pathname: string
    try {
      pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    } catch {
      throw new HttpProblem(400, 'malformed request path')
    }
    if (pathname === '/api/events') return handleEvents(request, response)
    if (pathname.startsWith('/api/'))
      return handleApiCall(decodePathPart(pathname.slice(5)), request, response)
    return serveStatic(rendererRoot, pathname, request, response)
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((cause: unknown) => {
      if (response.headersSent) {
        response.destroy()
        return
      }
      if (cause instanceof HttpProblem) sendText(response, cause.status, cause.message)
      else sendText(response, 500, 'internal error')
    })
  })

  port = await listenOnLoopback(server, options.port ?? 0)
  const origin = `http://127.0.0.1:${port}`

  return {
    port,
    token,
    origin,
    url: `${origin}/#token=${token}`,
    async close() {
      shutdown.abort()
      await calls.whenIdle(SHUTDOWN_GRACE_MS)
      await new Promise<void>((resolveClose) => {
        for (const client of eventClients) client.end()
        eventClients.clear()
        server.close(() => resolveClose())
        server.closeAllConnections()
      })
    },
  }
}
