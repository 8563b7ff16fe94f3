/**
 * Where the Kombo API key may be sent: over https to Kombo's own API hosts, or to the origin a person typed together with the key. A base
 * URL read back from a database file is data anyone could have planted, so it never decides on its own
 * where the key goes.
 */

/** Kombo's API hosts (EU and US regions). */
export const KOMBO_API_ORIGINS: readonly string[] = ['https://api.kombo.dev', 'https://api.us.kombo.dev']

/** Hosts that name this machine: plain http to them is allowed for the demo and test stand-ins only. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** The API key and the one non-Kombo origin (if any) it was entered with. */
export interface ApiKeyBinding {
  apiKey: string
  /** scheme://host[:port] typed together with the key; null when the key is for Kombo's hosts only. */
  origin: string | null
}

export type BaseUrlCheck =
  | { ok: true; url: URL; origin: string; kombo: boolean; loopbackStandIn: boolean }
  | { ok: false; reason: string }

/** Validates the shape of a base URL someone typed; says whether it is Kombo's or a loopback stand-in. */
export function checkBaseUrl(raw: string): BaseUrlCheck {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return { ok: false, reason: `${raw} is not a URL` }
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'a base URL must not carry a user name or password' }
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname)
  if (url.protocol === 'http:' && !loopback) {
    return {
      ok: false,
      reason: `${url.origin} is plain http; the API key only travels over https (plain http is for a stand-in on this machine only)`,
    }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `${url.protocol} is not a web address scheme` }
  }
  return {
    ok: true,
    url,
    origin: url.origin,
    kombo: KOMBO_API_ORIGINS.includes(url.origin),
    loopbackStandIn: url.protocol === 'http:',
  }
}

/** Whether the key may be sent to this base URL: Kombo's own hosts, or the origin typed with the key. */
export function keyMayGoTo(binding: ApiKeyBinding, baseUrl: string): boolean {
  const check = checkBaseUrl(baseUrl)
  if (!check.ok) return false
  return check.kombo || (binding.origin !== null && binding.origin === check.origin)
}
