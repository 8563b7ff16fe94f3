import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'

/**
 * A stand-in for the parts of Electron the host touches, recording what the host did with them. Tests
 * install it with `vi.mock('electron', () => electronStub.module)` (Electron cannot start here).
 */
type Listener = (...args: unknown[]) => unknown

export interface FakeFrame {
  url: string
  parent: FakeFrame | null
}

export class FakeWebContents {
  readonly listeners = new Map<string, Listener[]>()
  readonly sent: { channel: string; payload: unknown }[] = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  destroyed = false
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  /** Fires an event the way Electron would and reports whether a listener cancelled it. */
  emitCancellable(event: string, ...args: unknown[]): boolean {
    let prevented = false
    const electronEvent = { preventDefault: () => (prevented = true) }
    for (const listener of this.listeners.get(event) ?? []) listener(electronEvent, ...args)
    return prevented
  }
}

export class FakeBrowserWindow {
  static created: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  readonly loadedUrls: string[] = []
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    FakeBrowserWindow.created.push(this)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url)
    return Promise.resolve()
  }
  once(): this {
    return this
  }
  show(): void {}
  isDestroyed(): boolean {
    return false
  }
  isMinimized(): boolean {
    return false
  }
  restore(): void {}
  focus(): void {}
}

export type IpcHandler = (
  event: { senderFrame: FakeFrame | null; sender: FakeWebContents },
  payload: unknown,
) => unknown

export function createElectronStub(userData: string) {
  const ipcHandlers = new Map<string, IpcHandler>()
  const appListeners = new Map<string, Listener[]>()
  let resolveReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (resolveReady = resolve))
  const headerHooks: Listener[] = []
  const permissionHandlers: Listener[] = []
  const permissionCheckHandlers: Listener[] = []
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>()
  const encrypted = (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`)

  const module = {
    app: {
      /** Set before importing src/main/index.ts to play an installed app. */
      isPackaged: false,
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      getPath: vi.fn(() => userData),
      getAppPath: vi.fn(() => userData),
      getVersion: vi.fn(() => '9.9.9-test'),
      whenReady: vi.fn(() => ready),
      on: vi.fn((event: string, listener: Listener) => {
        appListeners.set(event, [...(appListeners.get(event) ?? []), listener])
      }),
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, handler: IpcHandler) => {
        if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`)
        ipcHandlers.set(channel, handler)
      }),
      removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
        if (protocolHandlers.has(scheme)) throw new Error(`second handler for ${scheme}://`)
        protocolHandlers.set(scheme, handler)
      }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn((handler: Listener) => permissionHandlers.push(handler)),
        setPermissionCheckHandler: vi.fn((handler: Listener) => permissionCheckHandlers.push(handler)),
        webRequest: { onHeadersReceived: vi.fn((hook: Listener) => headerHooks.push(hook)) },
      },
    },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    dialog: { showErrorBox: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptString: vi.fn(encrypted),
      decryptString: vi.fn((buffer: Buffer) => {
        const text = buffer.toString()
        if (!text.startsWith('enc:')) throw new Error('not encrypted by this keychain')
        return Buffer.from(text.slice(4), 'base64').toString()
      }),
    },
  }

  return {
    module,
    ipcHandlers,
    appListeners,
    headerHooks,
    permissionHandlers,
    permissionCheckHandlers,
    protocolHandlers,
    ready: () => resolveReady(),
    emitApp: (event: string, ...args: unknown[]) => {
      for (const listener of appListeners.get(event) ?? []) listener(...args)
    },
  }
}

/** One stub per test file (each file runs in its own process), shared by the vi.mock factory and the test. */
export const electronStub = createElectronStub(mkdtempSync(join(tmpdir(), 'desk-electron-')))
