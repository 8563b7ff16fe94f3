import { BrowserWindow, type WebContents, type WebPreferences } from 'electron'
import { openExternalLink } from './externalLinks'

/** Every renderer runs isolated and sandboxed, with no Node and with web security on. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
  }
}

/**
 * The window may show the app's page and nothing else: navigations away are cancelled, new windows are
 * denied (a link to an allowlisted site is handed to the system browser instead, any other is refused
 * and logged), and webviews cannot be attached.
 */
export function lockDownNavigation(
  contents: WebContents,
  isAppUrl: (url: string) => boolean,
  log: (line: string) => void,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openExternalLink(url, log)
    return { action: 'deny' }
  })
}

export interface MainWindowOptions {
  preloadPath: string
  /** The dev server URL, or the built renderer on the app's own origin (app://desk/index.html). */
  appUrl: string
  isAppUrl: (url: string) => boolean
  /** The window and taskbar icon (Linux; Windows and macOS take it from the packaged executable). */
  iconPath?: string
  log: (line: string) => void
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'HRIS reconciliation desk',
    backgroundColor: '#f6f7f9',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  })
  lockDownNavigation(window.webContents, options.isAppUrl, options.log)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(options.appUrl)
  return window
}
