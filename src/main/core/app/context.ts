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
  /** When set, a sync without an API key runs against the embedded demo HRIS at this base URL. */
  demoBaseUrl?: string
  version: string
}

export const KOMBO_EU_BASE_URL = 'https://api.kombo.dev/v1'
export const KOMBO_US_BASE_URL = 'https://api.us.kombo.dev/v1'
