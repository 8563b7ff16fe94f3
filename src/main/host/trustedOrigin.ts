/**
 * Decides whether a URL is the app's own renderer page. The Electron host asks this for every IPC
 * message (the sending frame's URL) and every navigation; anything else (an injected iframe, a page the
 * window was somehow navigated to) is refused.
 *
 * - Built app: the renderer is one file, so the exact file path must match (another file:// page on
 *   the same disk is not the app).
 * - Dev server: same origin as the dev server URL.
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
  if (app.protocol === 'file:')
    return url.protocol === 'file:' && url.host === app.host && url.pathname === app.pathname
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false
  return url.origin === app.origin
}
