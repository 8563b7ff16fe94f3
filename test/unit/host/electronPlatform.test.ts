import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { apiNames, type CallContext } from '../../../src/shared/api'
import type { SyncProgress } from '../../../src/shared/dto/sync'
import { APP_ENTRY_URL, isAppUrl } from '../../../src/main/host/trustedOrigin'
import { electronStub, FakeBrowserWindow, FakeWebContents, type FakeFrame } from './electronStub'

vi.mock('electron', async () => (await import('./electronStub')).electronStub.module)

const { registerApiHandlers } = await import('../../../src/main/platform/ipc')
const { createMainWindow, lockDownNavigation } = await import('../../../src/main/platform/window')
const { createSafeStorageSecrets } = await import('../../../src/main/platform/secretStore')

const APP_URL = APP_ENTRY_URL
const isOwnPage = (url: string) => isAppUrl(url, APP_URL)
const topFrame = (url: string): FakeFrame => ({ url, parent: null })
const logged: string[] = []
const log = (line: string) => logged.push(line)

describe('the main window', () => {
  it('runs the renderer isolated, sandboxed, without Node and with web security', () => {
    createMainWindow({
      preloadPath: '/opt/desk/out/preload/index.cjs',
      appUrl: APP_URL,
      isAppUrl: isOwnPage,
      iconPath: '/opt/desk/resources/icon.png',
      log,
    })
    const window = FakeBrowserWindow.created.at(-1)!
    expect(window.options.webPreferences).toMatchObject({
      preload: '/opt/desk/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(window.loadedUrls).toEqual(['app://desk/index.html'])
    expect(window.options.icon).toBe('/opt/desk/resources/icon.png')
  })

  it('refuses navigation away from the app page, new windows and webviews', () => {
    const contents = new FakeWebContents()
    lockDownNavigation(contents as never, isOwnPage, log)
    expect(contents.emitCancellable('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.emitCancellable('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(contents.emitCancellable('will-navigate', 'file:///opt/desk/out/renderer/index.html')).toBe(true)
    expect(contents.emitCancellable('will-navigate', 'app://other/index.html')).toBe(true)
    expect(contents.emitCancellable('will-redirect', 'https://evil.example/')).toBe(true)
    expect(contents.emitCancellable('will-navigate', `${APP_URL}#review`)).toBe(false)
    expect(contents.emitCancellable('will-navigate', 'app://desk/assets/index.js')).toBe(false)
    expect(contents.emitCancellable('will-attach-webview')).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://docs.kombo.dev/' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    // An allowlisted link leaves the app, only to the system browser.
    expect(electronStub.module.shell.openExternal).toHaveBeenCalledWith('https://docs.kombo.dev/')
    expect(electronStub.module.shell.openExternal).not.toHaveBeenCalledWith('javascript:alert(1)')
  })

  it('opens only Kombo documentation and dashboard links, refusing and logging every other', () => {
    const contents = new FakeWebContents()
    lockDownNavigation(contents as never, isOwnPage, log)
    const openExternal = electronStub.module.shell.openExternal
    openExternal.mockClear()
    logged.length = 0
    const allowed = ['https://docs.kombo.dev/hris/features/scopes', 'https://app.kombo.dev/integrations?x=1']
    const refused = [
      'https://evil.example/',
      'http://docs.kombo.dev/',
      'https://docs.kombo.dev.evil.example/',
      'https://docs.kombo.dev@evil.example/',
      'https://user:pw@app.kombo.dev/',
      'https://app.kombo.dev:8443/',
      'https://kombo.dev/',
      'file:///etc/passwd',
      'mailto:someone@example.com',
      'ms-msdt:/id PCWDiagnostic',
      'not a url',
    ]
    for (const url of [...allowed, ...refused])
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
    expect(openExternal.mock.calls).toEqual(allowed.map((url) => [url]))
    expect(logged).toHaveLength(refused.length)
    expect(logged[0]).toBe('refused to open a link outside the allowlist: https://evil.example/')
  })
})

describe('IPC handlers', () => {
  const calls: { name: string; payload: unknown }[] = []
  const progress: SyncProgress = {
    integrationId: 'acme',
    runId: 1,
    mode: 'full',
    pages: 2,
    records: 500,
    skippedRecords: 0,
    waiting: null,
  }
  const registered = registerApiHandlers(async (name, payload, context?: CallContext) => {
    calls.push({ name, payload })
    context?.onProgress?.(progress)
    return { ok: true, value: { echoed: name } } as never
  }, isOwnPage)

  it('registers exactly one handler per API entry', () => {
    expect([...electronStub.ipcHandlers.keys()].sort()).toEqual([...apiNames].sort())
  })

  it('passes a message from the app page through, with progress sent back to that window', async () => {
    const sender = new FakeWebContents()
    const handler = electronStub.ipcHandlers.get('sync:run')!
    const result = await handler({ senderFrame: topFrame(APP_URL), sender }, { integrationId: 'x' })
    expect(result).toEqual({ ok: true, value: { echoed: 'sync:run' } })
    expect(calls.at(-1)).toEqual({ name: 'sync:run', payload: { integrationId: 'x' } })
    expect(sender.sent).toEqual([{ channel: 'sync:progress', payload: progress }])
  })

  it('refuses messages from foreign pages, sub-frames and missing frames as error values', async () => {
    const before = calls.length
    const handler = electronStub.ipcHandlers.get('secrets:set-api-key')!
    const sender = new FakeWebContents()
    const foreign = [
      topFrame('https://evil.example/index.html'),
      topFrame('file:///tmp/other/index.html'),
      // The built renderer's own file, opened directly from disk, is not the app's origin either.
      topFrame('file:///opt/desk/out/renderer/index.html'),
      topFrame('app://other/index.html'),
      topFrame('app://user@desk/index.html'),
      topFrame('http://desk/index.html'),
      { url: APP_URL, parent: topFrame(APP_URL) },
      null,
    ]
    for (const senderFrame of foreign) {
      const result = (await handler({ senderFrame, sender }, { apiKey: 'stolen-key-123' })) as {
        ok: boolean
        error?: { code: string }
      }
      expect(result.ok).toBe(false)
      expect(result.error?.code).toBe('INPUT_INVALID')
    }
    expect(calls.length).toBe(before)
  })

  it('can be unregistered', () => {
    registered.unregister()
    expect(electronStub.ipcHandlers.size).toBe(0)
  })
})

describe('the API key store', () => {
  it('keeps the key encrypted on disk and reads it back in a new session', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'desk-secret-')), 'kombo-api-key.bin')
    const store = createSafeStorageSecrets(file, () => undefined)
    expect(store.getApiKey()).toBeNull()
    store.setApiKey!('sk_live_0123456789', 'https://kombo-proxy.example.com')
    expect(readFileSync(file, 'utf8')).not.toContain('sk_live_0123456789')
    expect(createSafeStorageSecrets(file, () => undefined).getApiKey()).toEqual({
      apiKey: 'sk_live_0123456789',
      origin: 'https://kombo-proxy.example.com',
    })
  })

  it('never writes the key when the OS has no real keychain', () => {
    electronStub.module.safeStorage.getSelectedStorageBackend.mockReturnValueOnce('basic_text')
    const file = join(mkdtempSync(join(tmpdir(), 'desk-secret-')), 'kombo-api-key.bin')
    const store = createSafeStorageSecrets(file, () => undefined)
    store.setApiKey!('sk_live_0123456789', null)
    expect(store.persistent).toBe(process.platform !== 'linux')
    if (process.platform === 'linux') expect(existsSync(file)).toBe(false)
    expect(store.getApiKey()).toEqual({ apiKey: 'sk_live_0123456789', origin: null })
  })
})

describe('isAppUrl', () => {
  it('accepts only the app:// origin, or the dev server origin', () => {
    expect(isAppUrl(`${APP_URL}?x=1#y`, APP_URL)).toBe(true)
    expect(isAppUrl('app://desk/', APP_URL)).toBe(true)
    expect(isAppUrl('app://desk2/index.html', APP_URL)).toBe(false)
    expect(isAppUrl('file:///opt/desk/out/renderer/index.html', APP_URL)).toBe(false)
    // A file:// app URL is no longer a trusted origin at all.
    expect(isAppUrl('file:///x/index.html', 'file:///x/index.html')).toBe(false)
    expect(isAppUrl('http://localhost:5173/src/x.tsx', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('not a url', APP_URL)).toBe(false)
    expect(isAppUrl(undefined, APP_URL)).toBe(false)
  })
})

describe('the preload', () => {
  it('imports nothing at run time but electron and the plain protocol names (a sandboxed preload can require nothing else)', async () => {
    const { readFile } = await import('node:fs/promises')
    const source = await readFile(
      join(import.meta.dirname, '..', '..', '..', 'src', 'preload', 'index.ts'),
      'utf8',
    )
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\s)[^'"]*['"]([^'"]+)['"]/gm)].map(
      (m) => m[1],
    )
    // The protocol names are bundled into the preload; they are plain constants that import nothing.
    expect(runtimeImports).toEqual(['electron', '../shared/protocol'])
    const protocol = await readFile(
      join(import.meta.dirname, '..', '..', '..', 'src', 'shared', 'protocol.ts'),
      'utf8',
    )
    expect(protocol).not.toMatch(/^\s*(import|export .* from)\b/m)
  })

  it('exposes one fixed-channel function per API entry, not a generic invoke', async () => {
    const { readFile } = await import('node:fs/promises')
    const source = await readFile(
      join(import.meta.dirname, '..', '..', '..', 'src', 'preload', 'index.ts'),
      'utf8',
    )
    for (const name of apiNames)
      expect(source).toContain(`'${name}': (request) => invoke('${name}', request)`)
  })
})
