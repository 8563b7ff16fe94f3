import type { Database } from '../store/database'
import type { Clock } from '../time'

/** Where the core gets the Kombo API key; each host supplies its own (safeStorage, env, memory). */
export interface SecretSource {
  getApiKey(): string | null
  /** Hosts that can persist a key implement this; the CLI reads KOMBO_API_KEY only. */
  setApiKey?(apiKey: string): void
}

export interface AppContext {
  db: Database
  clock: Clock
  secrets: SecretSource
  /** Kombo API root including /v1, used for integrations connected without their own base URL. */
  defaultBaseUrl: string
  /**
   * The embedded demo HRIS (a Kombo stand-in on loopback). When set and no API key is stored, syncs
   * read from it instead of Kombo, so the app can be tried without credentials.
   */
  demo?: { baseUrl: string; apiKey: string }
  version: string
}

export const KOMBO_EU_BASE_URL = 'https://api.kombo.dev/v1'
export const KOMBO_US_BASE_URL = 'https://api.us.kombo.dev/v1'
