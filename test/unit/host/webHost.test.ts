import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { SyncProgress } from '../../../src/shared/dto/sync'
import { openDatabase } from '../../../src/main/core/store/database'
import { createHostApp, memorySecrets } from '../../../src/main/host/hostApp'
import { startWebHost, TOKEN_HEADER } from '../../../src/web/main'

const TOKEN = 'unit-test-token-0123456789'
/** How long an unread upload is given to finish anyway; reading 33 MB takes a fraction of this. */
const UNREAD_WINDOW_MS = 3000
const scratch = mkdtempSync(join(tmpdir(), 'desk-web-'))
const rendererDir = join(scratch, 'renderer')
mkdirSync(join(rendererDir, 'assets'), { recursive: true })
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>desk</title>')
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
writeFileSync(join(scratch, 'secret.txt'), 'not for the browser')

const progress: SyncProgress = {
  integrationId: 'acme',
  runId: 7,
  mode: 'full',
  pages: 1,
  records: 250,
  skippedRecords: 0,
  waiting: null,
}
const app = await createHostApp({
  db: openDatabase(join(scratch, 'desk.db')),
  secrets: memorySecrets(null),
  version: '1.2.3',
  demo: 'off',
})
const host = await startWebHost({
  rendererDir,
  token: TOKEN,
  // The real use-cases, plus one progress event per sync:run so the event stream can be checked.
  call: (name, payload, context) => {
    if (name === 'sync:run') context?.onProgress?.(progress)
    return app.call(name, payload, context)
  },
})

afterAll(async () => {
  await host.close()
  await app.close()
})

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** node:http rather than fetch, because fetch will not send a forged Host header. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const apiHeaders = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  [TOKEN_HEADER]: TOKEN,
  ...extra,
})

describe('the web host', () => {
  it('prints a loopback URL whose fragment carries the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${TOKEN}`)
  })

  it('round-trips a call through dispatch into the core', async () => {
    const response = await raw('/api/app:info', { method: 'POST', headers: apiHeaders(), body: '{}' })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.body)).toEqual({
      ok: true,
      value: { version: '1.2.3', hasApiKey: false, demo: false },
    })
  })

  it('refuses API calls without the token or with a wrong one', async () => {
    const missing = await raw('/api/app:info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(missing.status).toBe(401)
    const wrong = await raw('/api/app:info', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: 'unit-test-token-0123456780' },
      body: '{}',
    })
    expect(wrong.status).toBe(401)
    const events = await raw('/api/events')
    expect(events.status).toBe(401)
  })

  it('refuses a non-loopback Host header (DNS rebinding), even with the token', async () => {
    const rebound = await raw('/api/app:info', {
      method: 'POST',
      headers: apiHeaders({ host: `attacker.example:${host.port}` }),
      body: '{}',
    })
    expect(rebound.status).toBe(421)
    const page = await raw('/', { headers: { host: 'attacker.example' } })
    expect(page.status).toBe(421)
    const localhost = await raw('/', { headers: { host: `localhost:${host.port}` } })
    expect(localhost.status).toBe(200)
  })

  it('refuses calls from another origin and bodies that are not JSON', async () => {
    const crossOrigin = await raw('/api/app:info', {
      method: 'POST',
      headers: apiHeaders({ origin: 'https://evil.example' }),
      body: '{}',
    })
    expect(crossOrigin.status).toBe(403)
    const form = await raw('/api/app:info', {
      method: 'POST',
      headers: { [TOKEN_HEADER]: TOKEN, 'content-type': 'text/plain' },
      body: '{}',
    })
    expect(form.status).toBe(415)
  })

  it('answers unknown entries with 404 and invalid payloads with an error value', async () => {
    const unknown = await raw('/api/secrets:get-api-key', {
      method: 'POST',
      headers: apiHeaders(),
      body: '{}',
    })
    expect(unknown.status).toBe(404)
    const invalid = await raw('/api/integrations:connect', {
      method: 'POST',
      headers: apiHeaders(),
      body: JSON.stringify({ integrationId: '' }),
    })
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } })
    const notJson = await raw('/api/app:info', { method: 'POST', headers: apiHeaders(), body: '{nope' })
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } })
  })

  it('keeps a stored API key out of every answer', async () => {
    const stored = await raw('/api/secrets:set-api-key', {
      method: 'POST',
      headers: apiHeaders(),
      body: JSON.stringify({ apiKey: 'sk_test_never_echoed' }),
    })
    expect(JSON.parse(stored.body)).toEqual({ ok: true, value: { stored: true } })
    const info = await raw('/api/app:info', { method: 'POST', headers: apiHeaders(), body: '{}' })
    expect(info.body).not.toContain('sk_test_never_echoed')
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { hasApiKey: true } })
  })

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const index = await raw('/')
    expect(index.status).toBe(200)
    expect(index.headers['content-security-policy']).toContain("default-src 'none'")
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(index.headers['x-content-type-options']).toBe('nosniff')
    const asset = await raw('/assets/app.js')
    expect(asset.headers['content-type']).toContain('text/javascript')
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const escape = await raw(path)
      expect(escape.status).toBe(404)
      expect(escape.body).not.toContain('not for the browser')
    }
  })

  it('streams sync progress to token holders as server-sent events', async () => {
    const controller = new AbortController()
    const stream = await fetch(`${host.origin}/api/events`, {
      headers: { [TOKEN_HEADER]: TOKEN },
      signal: controller.signal,
    })
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader()
    await reader.read() // the ': connected' comment
    // The integration is unknown, so the run itself fails; the event is what is checked.
    await raw('/api/sync:run', {
      method: 'POST',
      headers: apiHeaders(),
      body: JSON.stringify({ integrationId: 'x:y' }),
    })
    const { value } = await reader.read()
    expect(value).toBe(`event: sync:progress\ndata: ${JSON.stringify(progress)}\n\n`)
    controller.abort()
  })
})

describe('shutting the web host down', () => {
  it('tells running calls to stop and waits for them before closing', async () => {
    // Each step of the call is a promise the test resolves or awaits: no timing is assumed.
    let callStarted!: () => void
    const started = new Promise<void>((resolve) => (callStarted = resolve))
    let abortSeen!: () => void
    const aborted = new Promise<void>((resolve) => (abortSeen = resolve))
    let recordOutcome!: () => void
    const outcomeRecorded = new Promise<void>((resolve) => (recordOutcome = resolve))
    const slow = await startWebHost({
      rendererDir,
      token: TOKEN,
      call: (_name, _payload, context) => {
        callStarted()
        return new Promise((resolve) => {
          context?.signal?.addEventListener('abort', () => {
            abortSeen()
            // A cancelled sync still records its outcome before it answers.
            void outcomeRecorded.then(() =>
              resolve({ ok: false, error: { code: 'SYNC_CANCELLED', message: 'cancelled' } }),
            )
          })
        }) as never
      },
    })
    const pending = fetch(`${slow.origin}/api/sync:run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: TOKEN },
      body: JSON.stringify({ integrationId: 'x:y' }),
    }).catch(() => null)
    await started
    let closed = false
    const closing = slow.close().then(() => (closed = true))
    await aborted
    // The call has been told to stop but has not answered. A close that did not wait would finish within
    // two turns of the event loop (sockets and the server close in the close phase of the first turn).
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve))
    expect(closed).toBe(false)
    recordOutcome()
    await closing
    expect(closed).toBe(true)
    await pending
  })

  it('answers a malformed percent-encoding with 400, not a server error', async () => {
    const page = await raw('/assets/%E0%A4%A')
    expect(page.status).toBe(400)
    expect(page.body).toContain('malformed percent-encoding')
    const api = await raw('/api/app%ZZinfo', { method: 'POST', headers: apiHeaders(), body: '{}' })
    expect(api.status).toBe(400)
  })

  it('refuses a declared body above the limit before reading it', async () => {
    const tooLarge = await raw('/api/app:info', {
      method: 'POST',
      headers: apiHeaders({ 'content-length': String(65 * 1024 * 1024) }),
    }).catch((error: Error) => error)
    // The host answers 413 at once; the client may see the answer or the connection it then closes.
    if (!(tooLarge instanceof Error)) expect(tooLarge.status).toBe(413)
  })

  it('reads a large body only once the large call before it has answered', async () => {
    let releaseFirst!: () => void
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve))
    let firstStarted!: () => void
    const firstCall = new Promise<void>((resolve) => (firstStarted = resolve))
    let calls = 0
    const budgeted = await startWebHost({
      rendererDir,
      token: TOKEN,
      call: (async () => {
        calls += 1
        if (calls === 1) {
          firstStarted()
          await firstHeld
        }
        return { ok: true, value: { version: 'x', demo: false, hasApiKey: false } }
      }) as never,
    })
    // 33 MB each: two do not fit in the 64 MB the host holds at once.
    const body = JSON.stringify({ pad: 'x'.repeat(33 * 1024 * 1024) })
    const post = () => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: budgeted.port,
        path: '/api/app:info',
        method: 'POST',
        headers: { ...apiHeaders(), 'content-length': String(Buffer.byteLength(body)) },
      })
      const answered = new Promise<number>((resolve, reject) => {
        req.on('response', (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        })
        req.on('error', reject)
      })
      const sent = new Promise<'sent'>((resolve) => req.on('finish', () => resolve('sent')))
      req.end(body)
      return { answered, sent }
    }
    try {
      const first = post()
      await firstCall
      const second = post()
      // While the first call holds its 33 MB, the second body stays unread in its socket: its upload
      // cannot finish (33 MB is far more than the kernel buffers).
      const unread = new Promise<'unread'>((resolve) => setTimeout(() => resolve('unread'), UNREAD_WINDOW_MS))
      expect(await Promise.race([second.sent, unread])).toBe('unread')
      releaseFirst()
      expect(await first.answered).toBe(200)
      expect(await second.sent).toBe('sent')
      expect(await second.answered).toBe(200)
    } finally {
      await budgeted.close()
    }
  })
})
