import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A loopback server that answers Kombo's employees endpoint the way a broken network or a hostile host
 * would. Each behaviour is one misbehaviour, held for as long as the client keeps asking.
 */
export type HostileBehaviour =
  | 'repeated-cursor' // a valid page whose `next` is always the same cursor
  | 'alternating-cursors' // valid pages whose cursors go A, B, A, B, ...
  | 'drip' // 200 and headers at once, then one byte a second
  | 'endless-body' // a chunked 200 body that never ends, written as fast as the client reads
  | 'gigantic-page' // a 1 GiB page, declared in Content-Length and streamed (never allocated)
  | 'deep-nesting' // a results element nested a million arrays deep
  | 'no-headers' // accepts the connection and never answers
  | 'redirect' // 302 to another server, which must never see the key
  | 'slow-fresh-cursors' // valid pages with a new cursor each, every one 400 ms late, forever
  | 'stall-after-first-page' // one valid page with a cursor, then silence: the sync holds its write lock

export interface HostileKombo {
  baseUrl: string
  /** Requests to the employees endpoint, with the Authorization header each carried. */
  requests: { url: string; authorization: string | undefined }[]
  close(): Promise<void>
}

const GIBIBYTE = 1024 * 1024 * 1024
const CHUNK = Buffer.alloc(64 * 1024, 0x20) // spaces: valid JSON whitespace, however much of it
const NESTING = 1_000_000
const SLOW_PAGE_MS = 400

function employeePage(next: string | null, n: number): string {
  return JSON.stringify({
    status: 'success',
    data: {
      next,
      results: [{ id: `hostile-${n}`, remote_id: `h${n}`, first_name: 'Mallory', last_name: `No${n}` }],
    },
  })
}

/** Writes chunks until the client goes away or `total` bytes are out, waiting for drain in between. */
function stream(response: ServerResponse, total: number): void {
  let sent = 0
  const pump = () => {
    while (sent < total && !response.destroyed) {
      const chunk = total - sent < CHUNK.length ? CHUNK.subarray(0, total - sent) : CHUNK
      sent += chunk.length
      if (!response.write(chunk)) return void response.once('drain', pump)
    }
    if (sent >= total) response.end()
  }
  response.on('close', () => (sent = total))
  pump()
}

export async function startHostileKombo(
  behaviour: HostileBehaviour,
  options: { redirectTo?: string } = {},
): Promise<HostileKombo> {
  const requests: HostileKombo['requests'] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let served = 0

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    requests.push({ url: request.url ?? '', authorization: request.headers.authorization })
    served += 1
    switch (behaviour) {
      case 'repeated-cursor':
        response.writeHead(200, { 'content-type': 'application/json' })
        return void response.end(employeePage('cursor-A', served))
      case 'alternating-cursors':
        response.writeHead(200, { 'content-type': 'application/json' })
        return void response.end(employeePage(served % 2 === 1 ? 'cursor-A' : 'cursor-B', served))
      case 'drip': {
        response.writeHead(200, { 'content-type': 'application/json' })
        const text = employeePage(null, served)
        let at = 0
        const timer = setInterval(() => {
          if (at >= text.length || response.destroyed) return clearInterval(timer)
          response.write(text[at++])
        }, 1000)
        timers.add(timer)
        response.on('close', () => clearInterval(timer))
        return
      }
      case 'endless-body':
        response.writeHead(200, { 'content-type': 'application/json' })
        response.write('{"status":"success","data":{"next":null,"results":[')
        return stream(response, Number.POSITIVE_INFINITY)
      case 'gigantic-page':
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(GIBIBYTE) })
        return stream(response, GIBIBYTE)
      case 'deep-nesting':
        response.writeHead(200, { 'content-type': 'application/json' })
        return void response.end(
          `{"status":"success","data":{"next":null,"results":[${'['.repeat(NESTING)}${']'.repeat(NESTING)}]}}`,
        )
      case 'slow-fresh-cursors': {
        const timer = setTimeout(() => {
          response.writeHead(200, { 'content-type': 'application/json' })
          response.end(employeePage(`cursor-${served}`, served))
        }, SLOW_PAGE_MS)
        timers.add(timer)
        return
      }
      case 'stall-after-first-page':
        if (served > 1) return
        response.writeHead(200, { 'content-type': 'application/json' })
        return void response.end(employeePage('cursor-next', served))
      case 'no-headers':
        return // the socket stays open, silent, until the client gives up
      case 'redirect':
        response.writeHead(302, { location: options.redirectTo ?? 'http://127.0.0.1:9/v1/hris/employees' })
        return void response.end()
    }
  }

  const server: Server = createServer(handle)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
