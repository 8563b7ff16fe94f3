import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY_HEADER } from '../../../src/main/host/csp'
import { electronStub, FakeBrowserWindow, FakeWebContents } from './electronStub'
import { APP_VERSION } from '../../../src/shared/version'

vi.mock('electron', async () => (await import('./electronStub')).electronStub.module)

/**
 * The Electron entry point as an installed app (app.isPackaged), started in an environment that sets
 * both development switches: a dev server URL and a "native addon" that is not one. Were either
 * honoured, the window would load the dev server, or opening the database would fail on the bogus file.
 */
const bogusAddon = join(mkdtempSync(join(tmpdir(), 'desk-bogus-addon-')), 'better_sqlite3.node')
writeFileSync(bogusAddon, 'this is not a native module')
vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/')
vi.stubEnv('DESK_SQLITE_BINDING', bogusAddon)
electronStub.module.app.isPackaged = true

await import('../../../src/main/index')
electronStub.ready()
await vi.waitFor(
  () => {
    expect(electronStub.module.dialog.showErrorBox).not.toHaveBeenCalled()
    expect(FakeBrowserWindow.created.length).toBe(1)
  },
  { timeout: 10_000 },
)
const window = FakeBrowserWindow.created[0]!

afterAll(() => {
  electronStub.emitApp('will-quit', { preventDefault: () => undefined })
  vi.unstubAllEnvs()
})

describe('an installed app', () => {
  it('loads its own app:// page, not ELECTRON_RENDERER_URL', () => {
    expect(window.loadedUrls).toEqual(['app://desk/index.html'])
  })

  it('keeps the strict CSP even with ELECTRON_RENDERER_URL set', () => {
    const [headerHook] = electronStub.headerHooks
    const callback = vi.fn()
    headerHook?.({ responseHeaders: {} }, callback)
    const headers = (callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> })
      .responseHeaders
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY_HEADER])
  })

  it('refuses IPC from the dev server origin', async () => {
    const info = electronStub.ipcHandlers.get('app:info')!
    const fromDevServer = (await info(
      { senderFrame: { url: 'http://localhost:5173/', parent: null }, sender: new FakeWebContents() },
      {},
    )) as { ok: boolean }
    expect(fromDevServer.ok).toBe(false)
  })

  it('opened its database without DESK_SQLITE_BINDING (the bogus addon would not load)', async () => {
    const info = electronStub.ipcHandlers.get('app:info')!
    const result = (await info(
      { senderFrame: { url: 'app://desk/index.html', parent: null }, sender: new FakeWebContents() },
      {},
    )) as { ok: boolean; value?: { version: string } }
    expect(result).toMatchObject({ ok: true, value: { version: APP_VERSION } })
  })
})
