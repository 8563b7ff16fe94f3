import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { apiNames } from '../../../src/shared/api'
import { APP_VERSION } from '../../../src/shared/version'
import { electronStub, FakeBrowserWindow, FakeWebContents } from './electronStub'

vi.mock('electron', async () => (await import('./electronStub')).electronStub.module)

/**
 * The Electron entry point as a whole, with Electron stubbed: the real core, a real database in a temp
 * user-data directory and the real demo HRIS, so what is checked is the wiring itself.
 */
await import('../../../src/main/index')
electronStub.ready()
await vi.waitFor(() => expect(FakeBrowserWindow.created.length).toBe(1), { timeout: 10_000 })
const window = FakeBrowserWindow.created[0]!
const appUrl = window.loadedUrls[0]!

afterAll(() => {
  // Whatever a test left, the database and demo HRIS must be closed.
  electronStub.emitApp('will-quit', { preventDefault: () => undefined })
})

describe('the Electron host', () => {
  it('sandboxes every renderer and allows one instance', () => {
    expect(electronStub.module.app.enableSandbox).toHaveBeenCalled()
    expect(electronStub.module.app.requestSingleInstanceLock).toHaveBeenCalled()
  })

  it('declares app:// privileged before the app is ready and serves the renderer on it', async () => {
    const { registerSchemesAsPrivileged, handle } = electronStub.module.protocol
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ])
    expect(registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(
      electronStub.module.app.whenReady.mock.invocationCallOrder[0]!,
    )
    expect(handle).toHaveBeenCalledTimes(1)
    // Run from source, the renderer directory beside src/main is src/renderer, with its index.html.
    const page = await electronStub.protocolHandlers.get('app')!(new Request('app://desk/index.html'))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
    const outside = await electronStub.protocolHandlers.get('app')!(new Request('app://desk/../index.ts'))
    expect(outside.status).toBe(404)
  })

  it('opens one hardened window on the app:// origin with the CommonJS preload and the icon', () => {
    expect(appUrl).toBe('app://desk/index.html')
    expect(String(window.options.icon)).toMatch(/resources[\\/]icon\.png$/)
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    expect(String(window.options.webPreferences?.preload)).toMatch(/preload[\\/]index\.cjs$/)
  })

  it('locks navigation of every web contents the app creates', () => {
    const contents = new FakeWebContents()
    electronStub.emitApp('web-contents-created', {}, contents)
    expect(contents.emitCancellable('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
  })

  it('denies every permission request and check, and sends a CSP header', () => {
    const [permissionHandler] = electronStub.permissionHandlers
    const respond = vi.fn()
    permissionHandler?.({}, 'media', respond)
    expect(respond).toHaveBeenCalledWith(false)
    const [permissionCheck] = electronStub.permissionCheckHandlers
    expect(permissionCheck).toBeDefined()
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'fullscreen'])
      expect(permissionCheck?.({}, permission, 'app://desk', {})).toBe(false)
    const [headerHook] = electronStub.headerHooks
    const callback = vi.fn()
    headerHook?.({ responseHeaders: {} }, callback)
    const headers = (callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> })
      .responseHeaders
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'")
  })

  it('serves every API entry over IPC, through the contract and into the core', async () => {
    expect([...electronStub.ipcHandlers.keys()].sort()).toEqual([...apiNames].sort())
    const sender = new FakeWebContents()
    const info = electronStub.ipcHandlers.get('app:info')!
    const result = (await info({ senderFrame: { url: appUrl, parent: null }, sender }, {})) as {
      ok: boolean
      value?: { version: string; demo: boolean; hasApiKey: boolean }
    }
    expect(result).toEqual({ ok: true, value: { version: APP_VERSION, demo: true, hasApiKey: false } })
  })

  it('answers a malformed payload with an error value, not an exception', async () => {
    const connect = electronStub.ipcHandlers.get('integrations:connect')!
    const result = (await connect(
      { senderFrame: { url: appUrl, parent: null }, sender: new FakeWebContents() },
      {
        integrationId: 42,
      },
    )) as { ok: boolean; error?: { code: string } }
    expect(result.ok).toBe(false)
    expect(result.error?.code).toBe('INPUT_INVALID')
  })

  it('holds the quit until the core is closed, then quits', async () => {
    const preventDefault = vi.fn()
    electronStub.module.app.quit.mockClear()
    electronStub.emitApp('will-quit', { preventDefault })
    expect(preventDefault).toHaveBeenCalled()
    await vi.waitFor(() => expect(electronStub.module.app.quit).toHaveBeenCalled())
    // The second will-quit (from that app.quit) passes straight through.
    const second = vi.fn()
    electronStub.emitApp('will-quit', { preventDefault: second })
    expect(second).not.toHaveBeenCalled()
  })

  it('refuses the same call from a foreign page or from the renderer opened as a file', async () => {
    const info = electronStub.ipcHandlers.get('app:info')!
    const builtPage = pathToFileURL(join(import.meta.dirname, '../../../out/renderer/index.html')).href
    for (const url of ['https://evil.example/', builtPage, 'app://elsewhere/index.html']) {
      const result = (await info(
        { senderFrame: { url, parent: null }, sender: new FakeWebContents() },
        {},
      )) as { ok: boolean }
      expect(result.ok).toBe(false)
    }
  })
})
