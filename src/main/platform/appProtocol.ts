import { protocol } from 'electron'
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve } from 'node:path'
import { RENDERER_CONTENT_TYPES } from '../host/contentTypes'
import { CONTENT_SECURITY_POLICY_HEADER } from '../host/csp'
import { APP_HOST, APP_SCHEME } from '../host/trustedOrigin'

/**
 * The app:// scheme: the built renderer served from one fixed origin (app://desk) instead of file://.
 * Only files inside the renderer directory are served, with the app's CSP on every response.
 */

/**
 * Must run before the app is ready (Electron reads the list once, at startup). `standard` gives the
 * scheme a real origin and relative URL resolution; `secure` makes it a secure context like https;
 * `supportFetchAPI` and `corsEnabled` let the page's module scripts (Vite emits them with `crossorigin`)
 * load from their own origin.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ])
}

/** Serves the renderer directory on app://desk. Call once the app is ready. */
export function serveRendererOnAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir))
}

const RESPONSE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY_HEADER,
  'x-content-type-options': 'nosniff',
  // The files change only with a new build of the app; nothing is worth keeping across versions.
  'cache-control': 'no-cache',
}

function problem(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...RESPONSE_HEADERS, 'content-type': 'text/plain' } })
}

/**
 * Maps an app:// URL to a file path inside the renderer directory, or null when the URL is not on the
 * app's origin or its path would leave the directory (`..`, encoded separators, NUL bytes).
 * "/" is the renderer's index.html. The path is only lexically checked here; the handler also checks
 * the real path, so a symbolic link cannot lead outside either.
 */
export function rendererFileFor(rendererDir: string, requestUrl: string): string | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  if (url.username !== '' || url.password !== '') return null
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  const root = resolve(rendererDir)
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`)
  return isInside(root, file) ? file : null
}

function isInside(root: string, file: string): boolean {
  const path = relative(root, file)
  return path !== '' && !path.startsWith('..') && !isAbsolute(path)
}

/** The protocol handler: GET and HEAD of renderer files, 404 for anything else on or off the origin. */
export function createAppRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return problem(405, 'method not allowed')
    const file = rendererFileFor(rendererDir, request.url)
    if (!file) return problem(404, 'not found')
    try {
      const [realRoot, realFile] = await Promise.all([realpath(resolve(rendererDir)), realpath(file)])
      if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return problem(404, 'not found')
      const body = request.method === 'HEAD' ? null : await readFile(realFile)
      return new Response(body, {
        status: 200,
        headers: {
          ...RESPONSE_HEADERS,
          'content-type':
            RENDERER_CONTENT_TYPES[extname(realFile).toLowerCase()] ?? 'application/octet-stream',
        },
      })
    } catch {
      // Missing file (ENOENT), a directory, or unreadable: the page sees a plain 404 either way.
      return problem(404, 'not found')
    }
  }
}
