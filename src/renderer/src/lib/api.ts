import type { ApiClient, ApiName, ApiRequest, ApiResponses } from '../../../shared/api'
import type { SyncProgress } from '../../../shared/dto/sync'
import type { Result } from '../../../shared/result'
import { SYNC_PROGRESS_EVENT, TOKEN_HEADER } from '../../../shared/protocol'

/**
 * The renderer's only way to the core. In Electron the preload exposes `window.api` (one function per
 * use-case); under the web host the same calls go over HTTP to the loopback server, authenticated by
 * the per-run token from the URL the host printed. Stores call this module; components never do.
 */
export interface DesktopBridge extends ApiClient {
  onSyncProgress(listener: (progress: SyncProgress) => void): () => void
}

declare global {
  interface Window {
    api?: DesktopBridge
  }
}

export type BridgeKind = 'desktop' | 'web' | 'none'

interface Bridge {
  kind: BridgeKind
  call<N extends ApiName>(name: N, request: ApiRequest<N>): Promise<Result<ApiResponses[N]>>
  onSyncProgress(listener: (progress: SyncProgress) => void): () => void
}

const TOKEN_STORAGE_KEY = 'desk.token'

/** Takes the token out of the address bar (so it is not bookmarked or shared) and keeps it for the tab. */
export function takeTokenFromLocation(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (match?.[1]) {
    const token = decodeURIComponent(match[1])
    try {
      window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token)
    } catch {
      // Storage can be disabled; the token then lives only in memory for this page.
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search)
    return token
  }
  try {
    return window.sessionStorage.getItem(TOKEN_STORAGE_KEY)
  } catch {
    return null
  }
}

export const TOKEN_REFUSED_MESSAGE =
  "The desk refused this page's access token (the desk was restarted with a new one, or the link was cut short): open the link `npm run web` printed, or paste it below."

function forgetStoredToken(): void {
  try {
    window.sessionStorage.removeItem(TOKEN_STORAGE_KEY)
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/**
 * Uses the token in a pasted desk link (or a bare token) from now on: kept for the tab, and the page
 * reloads so every store starts over with it.
 */
export function adoptToken(linkOrToken: string): boolean {
  const text = linkOrToken.trim()
  const fromLink = /[#&]token=([^&\s]+)/.exec(text)?.[1]
  const token = fromLink ? decodeURIComponent(fromLink) : /^[\w-]{8,}$/.test(text) ? text : null
  if (!token) return false
  try {
    window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token)
  } catch {
    return false
  }
  window.location.reload()
  return true
}

/**
 * Opening the desk link again in a tab that already shows the desk only changes the address's fragment,
 * which reloads nothing: take the new token and start over with it.
 */
export function watchTokenInLocation(): () => void {
  const onHashChange = () => {
    if (/(?:^#|&)token=/.test(window.location.hash)) {
      takeTokenFromLocation()
      window.location.reload()
    }
  }
  window.addEventListener('hashchange', onHashChange)
  return () => window.removeEventListener('hashchange', onHashChange)
}

const NO_HOST_MESSAGE =
  'This page is not connected to the reconciliation desk: start it with `npm start` (desktop) or open the link `npm run web` prints.'

function unavailable(message: string): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message } }
}

function desktopBridge(api: DesktopBridge): Bridge {
  return {
    kind: 'desktop',
    call: (name, request) => {
      const entry = api[name] as (request: unknown) => Promise<Result<ApiResponses[typeof name]>>
      return entry(request)
    },
    onSyncProgress: (listener) => api.onSyncProgress(listener),
  }
}

function webBridge(token: string): Bridge {
  return {
    kind: 'web',
    async call(name, request) {
      let response: Response
      try {
        response = await fetch(`/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(request),
        })
      } catch {
        return unavailable('The desk server does not answer: is `npm run web` still running?')
      }
      if (response.status === 401 || response.status === 403) {
        // A refused token is forgotten, so the next load asks for one instead of failing the same way.
        forgetStoredToken()
        return {
          ok: false,
          error: {
            code: 'ACCESS_TOKEN_INVALID',
            message: TOKEN_REFUSED_MESSAGE,
          },
        }
      }
      try {
        return (await response.json()) as Result<ApiResponses[typeof name]>
      } catch {
        return unavailable(`The desk server sent an unreadable answer (HTTP ${response.status}).`)
      }
    },
    onSyncProgress: (listener) => subscribeServerEvents(token, listener),
  }
}

/** Reads the host's Server-Sent Events with fetch (EventSource cannot send the token header). */
function subscribeServerEvents(token: string, listener: (progress: SyncProgress) => void): () => void {
  const controller = new AbortController()
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  const connect = async () => {
    try {
      const response = await fetch('/api/events', {
        headers: { [TOKEN_HEADER]: token, accept: 'text/event-stream' },
        signal: controller.signal,
      })
      if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`)
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += value
        let boundary = buffer.indexOf('\n\n')
        while (boundary >= 0) {
          const block = buffer.slice(0, boundary)
          buffer = buffer.slice(boundary + 2)
          dispatchEventBlock(block, listener)
          boundary = buffer.indexOf('\n\n')
        }
      }
    } catch {
      if (controller.signal.aborted) return
    }
    // The stream ended or failed (server restart, sleep): reconnect, as EventSource would.
    if (!controller.signal.aborted) retryTimer = setTimeout(() => void connect(), 2000)
  }
  void connect()
  return () => {
    controller.abort()
    if (retryTimer) clearTimeout(retryTimer)
  }
}

function dispatchEventBlock(block: string, listener: (progress: SyncProgress) => void): void {
  let event = 'message'
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim()
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart())
  }
  if (event !== SYNC_PROGRESS_EVENT || data.length === 0) return
  try {
    listener(JSON.parse(data.join('\n')) as SyncProgress)
  } catch {
    // A malformed event is dropped; the next one carries the full state again.
  }
}

function noBridge(): Bridge {
  return {
    kind: 'none',
    call: async () => unavailable(NO_HOST_MESSAGE),
    onSyncProgress: () => () => undefined,
  }
}

let bridge: Bridge | null = null

function currentBridge(): Bridge {
  if (bridge) return bridge
  if (window.api) bridge = desktopBridge(window.api)
  else {
    const token = takeTokenFromLocation()
    bridge = token ? webBridge(token) : noBridge()
  }
  return bridge
}

export function bridgeKind(): BridgeKind {
  return currentBridge().kind
}

/** Calls a use-case; never throws: transport failures become error values like any other. */
export async function callApi<N extends ApiName>(
  name: N,
  request: ApiRequest<N>,
): Promise<Result<ApiResponses[N]>> {
  try {
    return await currentBridge().call(name, request)
  } catch (cause) {
    return unavailable(
      `${name} failed to reach the desk: ${cause instanceof Error ? cause.message : String(cause)}`,
    )
  }
}

export function onSyncProgress(listener: (progress: SyncProgress) => void): () => void {
  return currentBridge().onSyncProgress(listener)
}

/** For tests: forget the chosen bridge so the next call picks again. */
export function resetBridgeForTests(): void {
  bridge = null
}
