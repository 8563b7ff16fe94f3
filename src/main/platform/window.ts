import { BrowserWindow, shell, type WebContents, type WebPreferences } from 'electron'

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
 * denied (an https link is handed to the system browser instead), and webviews cannot be attached.
 */
export function lockDownNavigation(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

export interface MainWindowOptions {
  preloadPath: string
  /** The dev server URL, or the built index.html as a file:// URL. */
  appUrl: string
  isAppUrl: (url: string) => boolean
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
    webPreferences: secureWebPreferences(options.preloadPath),
  })
  lockDownNavigation(window.webContents, options.isAppUrl)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(options.appUrl)
  return window
}
