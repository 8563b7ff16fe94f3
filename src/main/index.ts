import { app, dialog, session, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import { AppFailure, messageOf } from '../shared/result'
import { APP_VERSION } from '../shared/version'
import { openDatabase } from './core/store/database'
import { SHUTDOWN_GRACE_MS } from './host/callTracker'
import { CONTENT_SECURITY_POLICY_HEADER } from './host/csp'
import { createHostApp, type HostApp } from './host/hostApp'
import { APP_ENTRY_URL, isAppUrl } from './host/trustedOrigin'
import { registerAppScheme, serveRendererOnAppScheme } from './platform/appProtocol'
import { developmentSwitches } from './platform/developmentSwitches'
import { registerApiHandlers, type RegisteredHandlers } from './platform/ipc'
import { deskPaths } from './platform/paths'
import { createSafeStorageSecrets } from './platform/secretStore'
import { electronSqliteBinding } from './platform/sqliteBinding'
import { createMainWindow, lockDownNavigation } from './platform/window'

/**
 * The Electron host: a window, its security settings and IPC adapters over the core's use-cases.
 * Everything the app does lives in src/main/core; this file only wires it to Electron.
 */
// An installed app ignores the development switches (platform/developmentSwitches.ts says why).
const switches = developmentSwitches(process.env, app.isPackaged)
const devServerUrl = switches.rendererUrl
const appUrl = devServerUrl ?? APP_ENTRY_URL
const isOwnPage = (url: string) => isAppUrl(url, appUrl)

// Vite's dev server injects an inline preamble and talks to its HMR socket; only dev relaxes the policy.
const DEV_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws:; img-src 'self' data:"

const log = (line: string) => console.error(`[desk] ${line}`)

let hostApp: HostApp | null = null
/** Tells running use-cases (a sync) to stop when the app quits. */
const quitting = new AbortController()
let handlers: RegisteredHandlers | null = null
let mainWindow: BrowserWindow | null = null

app.enableSandbox()
// Privileged schemes can only be declared before the app is ready.
registerAppScheme()
if (!app.requestSingleInstanceLock()) app.quit()

// Every web contents the app ever creates is locked to the app's own page, not just the main window.
app.on('web-contents-created', (_event, contents) => lockDownNavigation(contents, isOwnPage, log))

async function start(): Promise<void> {
  serveRendererOnAppScheme(join(import.meta.dirname, '../renderer'))
  const defaultSession = session.defaultSession
  // The app needs no camera, notifications, clipboard reads or any other permission: requests are
  // refused, and checks (which pages make without asking, e.g. navigator.permissions) answer "denied".
  defaultSession.setPermissionRequestHandler((_contents, _permission, respond) => respond(false))
  defaultSession.setPermissionCheckHandler(() => false)
  defaultSession.webRequest.onHeadersReceived((details, respond) => {
    respond({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          devServerUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY_HEADER,
        ],
      },
    })
  })

  const paths = deskPaths()
  const nativeBinding = electronSqliteBinding(app.getAppPath(), {
    isPackaged: app.isPackaged,
    fromEnv: switches.sqliteBinding,
  })
  let db: ReturnType<typeof openDatabase>
  try {
    db = openDatabase(paths.database, { nativeBinding })
  } catch (cause) {
    // The usual cause on a developer machine: only the Node build of the sqlite addon is installed.
    const hint = nativeBinding
      ? ''
      : ' (no better-sqlite3 built for this Electron was found: start the app with `npm start`, which fetches it)'
    throw cause instanceof AppFailure
      ? new AppFailure({ ...cause.error, message: `${cause.error.message}${hint}` })
      : cause
  }
  hostApp = await createHostApp({
    db,
    secrets: createSafeStorageSecrets(paths.encryptedApiKey, log),
    version: APP_VERSION,
    demo: 'auto',
    matchOffThread: true,
  })
  if (hostApp.demoProblem) log(`demo HRIS unavailable: ${hostApp.demoProblem}`)
  handlers = registerApiHandlers(hostApp.call, isOwnPage, quitting.signal)
  mainWindow = createMainWindow({
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    appUrl,
    isAppUrl: isOwnPage,
    // In the asar when packaged, at the project root in a checkout: app.getAppPath() is either.
    iconPath: join(app.getAppPath(), 'resources', 'icon.png'),
    log,
  })
}

app
  .whenReady()
  .then(start)
  .catch((cause: unknown) => {
    dialog.showErrorBox('The reconciliation desk cannot start', messageOf(cause))
    app.quit()
  })

// One desk per database: a second launch focuses the open window instead of starting another writer.
app.on('second-instance', () => {
  if (!mainWindow || mainWindow.isDestroyed()) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
})

app.on('window-all-closed', () => app.quit())

app.on('will-quit', (event) => {
  const closing = hostApp
  if (!closing) return
  // Hold the quit until running work has stopped and the database is closed, then quit for real.
  event.preventDefault()
  hostApp = null
  quitting.abort()
  void (handlers?.whenIdle(SHUTDOWN_GRACE_MS) ?? Promise.resolve())
    .then(() => closing.close())
    .finally(() => app.quit())
})
