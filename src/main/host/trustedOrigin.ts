/**
 * The desktop app's renderer is served from one fixed origin on a privileged custom scheme
 * (src/main/platform/appProtocol.ts), never from file://, where every file on the disk would share the
 * page's origin.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** What the main window loads in a built app. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** The schemes an app URL may have: the app's own, or http(s) for the development server only. */
const APP_URL_PROTOCOLS = new Set([`${APP_SCHEME}:`, 'http:', 'https:'])

/**
 * Decides whether a URL belongs to the app's own renderer. The Electron host asks this for every IPC
 * message (the sending frame's URL) and every navigation; anything else (file://, an injected iframe, a
 * page the window was somehow navigated to) is refused.
 *
 * Both the built app (app://desk) and the dev server are compared by scheme, host and port. Node's URL
 * reports the origin of a non-special scheme as "null", so the parts are compared rather than `origin`.
 */
export function isAppUrl(candidate: string | undefined | null, appUrl: string): boolean {
  if (!candidate) return false
  let url: URL
  let app: URL
  try {
    url = new URL(candidate)
    app = new URL(appUrl)
  } catch {
    return false
  }
  if (!APP_URL_PROTOCOLS.has(app.protocol)) return false
  // Credentials in the URL never belong to the app and could disguise another host.
  if (url.username !== '' || url.password !== '') return false
  return url.protocol === app.protocol && url.host === app.host && url.host !== ''
}
