import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY_HEADER } from '../../../src/main/host/csp'
import { developmentSwitches } from '../../../src/main/platform/developmentSwitches'
import { electronSqliteBinding } from '../../../src/main/platform/sqliteBinding'

vi.mock('electron', async () => (await import('./electronStub')).electronStub.module)

const { createAppRequestHandler, rendererFileFor } = await import('../../../src/main/platform/appProtocol')

/** A built renderer in a temp directory, with a secret beside it that must never be served. */
const base = mkdtempSync(join(tmpdir(), 'desk-app-protocol-'))
const rendererDir = join(base, 'renderer')
mkdirSync(join(rendererDir, 'assets'), { recursive: true })
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>')
writeFileSync(join(rendererDir, 'assets', 'index-abc123.js'), 'console.log("app")')
writeFileSync(join(rendererDir, 'assets', 'index-abc123.css'), 'body{}')
writeFileSync(join(base, 'secret.txt'), 'not for the page')
mkdirSync(join(base, 'renderer-sibling'))
writeFileSync(join(base, 'renderer-sibling', 'x.js'), 'outside')
symlinkSync(join(base, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'))

const handle = createAppRequestHandler(rendererDir)
const get = (url: string, method = 'GET') => handle(new Request(url, { method }))

describe('the app:// protocol handler', () => {
  it('serves the built renderer on app://desk with its type and the CSP', async () => {
    for (const url of ['app://desk/index.html', 'app://desk/']) {
      const response = await get(url)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await response.text()).toContain('<div id="root">')
    }
    const script = await get('app://desk/assets/index-abc123.js?v=1#x')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('console.log("app")')
    const style = await get('app://desk/assets/index-abc123.css')
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('answers HEAD without a body', async () => {
    const response = await get('app://desk/index.html', 'HEAD')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
  })

  it('refuses every path outside the renderer directory', async () => {
    const escapes = [
      'app://desk/../secret.txt',
      'app://desk/%2e%2e/secret.txt',
      'app://desk/..%2fsecret.txt',
      'app://desk/assets/..%2f..%2fsecret.txt',
      'app://desk/..%5csecret.txt',
      'app://desk/%2e%2e%2frenderer-sibling/x.js',
      'app://desk/assets/link.txt',
      'app://desk/index.html%00.js',
      'app://desk/%E0%A4%A',
      `app://desk/${encodeURIComponent(join(base, 'secret.txt'))}`,
    ]
    for (const url of escapes) {
      const response = await get(url)
      expect({ url, status: response.status }).toEqual({ url, status: 404 })
      expect(await response.text()).not.toContain('not for the page')
    }
  })

  it('refuses other hosts, missing files, directories and non-GET methods', async () => {
    expect((await get('app://other/index.html')).status).toBe(404)
    expect((await get('app://desk/missing.js')).status).toBe(404)
    expect((await get('app://desk/assets')).status).toBe(404)
    expect((await get('app://desk/index.html', 'POST')).status).toBe(405)
  })

  it('maps URLs to files only inside the directory', () => {
    expect(rendererFileFor(rendererDir, 'app://desk/assets/a.js')).toBe(join(rendererDir, 'assets', 'a.js'))
    expect(rendererFileFor(rendererDir, 'app://desk/')).toBe(join(rendererDir, 'index.html'))
    expect(rendererFileFor(rendererDir, 'file:///etc/passwd')).toBeNull()
    expect(rendererFileFor(rendererDir, 'https://desk/index.html')).toBeNull()
    expect(rendererFileFor(rendererDir, 'not a url')).toBeNull()
    // (a Request cannot even carry credentials; the mapping refuses them all the same)
    expect(rendererFileFor(rendererDir, 'app://user@desk/index.html')).toBeNull()
  })
})

describe('the development switches', () => {
  const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/', DESK_SQLITE_BINDING: '/tmp/evil.node' }

  it('are honoured in a checkout', () => {
    expect(developmentSwitches(env, false)).toEqual({
      rendererUrl: 'http://localhost:5173/',
      sqliteBinding: '/tmp/evil.node',
    })
    expect(developmentSwitches({}, false)).toEqual({ rendererUrl: undefined, sqliteBinding: undefined })
  })

  it('are ignored by an installed app', () => {
    expect(developmentSwitches(env, true)).toEqual({ rendererUrl: undefined, sqliteBinding: undefined })
  })

  it('pick the Electron sqlite addon only in a checkout', () => {
    const binding = join(base, 'electron-abi.node')
    writeFileSync(binding, 'not really an addon')
    expect(electronSqliteBinding(base, { isPackaged: false, fromEnv: binding })).toBe(binding)
    expect(electronSqliteBinding(base, { isPackaged: true, fromEnv: binding })).toBeUndefined()
    // The copy `npm start` fetched beside node_modules is also ignored once packaged.
    const cached = join(
      base,
      'node_modules/.cache/hris-desk/better-sqlite3-electron-abi150/build/Release/better_sqlite3.node',
    )
    mkdirSync(join(cached, '..'), { recursive: true })
    writeFileSync(cached, 'addon')
    expect(electronSqliteBinding(base, { isPackaged: false, fromEnv: undefined, abi: '150' })).toBe(cached)
    expect(electronSqliteBinding(base, { isPackaged: true, fromEnv: undefined, abi: '150' })).toBeUndefined()
  })
})
