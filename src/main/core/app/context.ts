import type { ApiKeyBinding } from '../kombo/keyDestination'
import type { Database } from '../store/database'
import type { DecisionRunner, MatchRunner } from '../match/matchProtocol'
import type { SyncLimits } from '../sync/syncLimits'
import type { Clock } from '../time'

export type { ApiKeyBinding } from '../kombo/keyDestination'

/**
 * Where the core gets the Kombo API key; each host supplies its own (safeStorage, env, memory). The key
 * comes with the origin it was entered for, and is sent nowhere else but Kombo's own hosts.
 */
export interface SecretSource {
  getApiKey(): ApiKeyBinding | null
  /**
   * Hosts that can persist a key implement this; the CLI reads KOMBO_API_KEY only. `origin` is the
   * non-Kombo base URL's origin entered in the same step, or null for Kombo's hosts only.
   */
  setApiKey?(apiKey: string, origin: string | null): void
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
  /** Shorter sync deadlines (tests, KOMBO_RECONCILE_*_MS in the CLI); defaults are in syncLimits.ts. */
  syncLimits?: Partial<SyncLimits>
  /** Where matching runs for a call; in the calling thread when absent (the CLI, tests). */
  matchRunner?: MatchRunner
  /** Where decisions are recorded (with their rematch and lists); in the calling thread when absent. */
  decisionRunner?: DecisionRunner
}

export const KOMBO_EU_BASE_URL = 'https://api.kombo.dev/v1'
export const KOMBO_US_BASE_URL = 'https://api.us.kombo.dev/v1'
