import type { ApiHandlers, ApiName, ApiResponses, CallContext } from '../../shared/api'
import { messageOf, type Result } from '../../shared/result'
import { createApp } from '../core/app'
import { dispatch } from '../core/app/dispatch'
import {
  KOMBO_EU_BASE_URL,
  type ApiKeyBinding,
  type AppContext,
  type SecretSource,
} from '../core/app/context'
import type { DecisionRunner } from '../core/match/matchProtocol'
import { decisionsInWorker, matchInWorker } from '../core/match/matchThread'
import { siblingOptions } from '../core/store/database'
import type { Database } from '../core/store/database'
import type { SyncLimits } from '../core/sync/syncLimits'
import { systemClock, type Clock } from '../core/time'
import { startDemoHris, type DemoHris } from './demoHris'

/**
 * 'auto': start the embedded demo HRIS when no API key is known at start-up (the app can be tried
 * without credentials); 'force': always (tests, demos), and ignore a key from the environment;
 * 'off': never.
 */
export type DemoMode = 'auto' | 'force' | 'off'

export interface HostAppOptions {
  db: Database
  secrets: SecretSource
  version: string
  demo: DemoMode
  defaultBaseUrl?: string
  clock?: Clock
  /** Shorter sync deadlines (tests, the CLI's KOMBO_RECONCILE_*_MS); defaults are in syncLimits.ts. */
  syncLimits?: Partial<SyncLimits>
  /** Replaceable in tests; defaults to the in-process Kombo stand-in. */
  startDemo?: () => Promise<DemoHris>
  /**
   * Run matching in a worker thread, so this host's event loop keeps answering other calls during a large
   * match (the web host, the Electron main). The CLI matches in its own thread.
   */
  matchOffThread?: boolean
}

/** The use-cases wired to one database and secret source: what the Electron and the web host both run. */
export interface HostApp {
  context: AppContext
  handlers: ApiHandlers
  /** Why the demo HRIS was wanted but could not start; null when it runs or was not wanted. */
  demoProblem: string | null
  /** Parses the untrusted payload and calls the use-case; every failure comes back as data. */
  call<N extends ApiName>(name: N, payload: unknown, context?: CallContext): Promise<Result<ApiResponses[N]>>
  /** Stops the demo HRIS (if running) and closes the database. */
  close(): Promise<void>
}

export async function createHostApp(options: HostAppOptions): Promise<HostApp> {
  const wantsDemo =
    options.demo === 'force' || (options.demo === 'auto' && options.secrets.getApiKey() === null)
  let demo: DemoHris | null = null
  let demoProblem: string | null = null
  if (wantsDemo) {
    try {
      demo = await (options.startDemo ?? startDemoHris)()
    } catch (cause) {
      // The app still works without the demo (with a real key); the host reports why it is missing.
      demoProblem = messageOf(cause)
    }
  }
  // Decisions go to a worker that keeps the plan's basis between them, on its own connection.
  const { nativeBinding } = siblingOptions(options.db)
  const decisionRunner =
    options.matchOffThread && !options.db.memory
      ? decisionsInWorker({
          dbPath: options.db.name,
          version: options.version,
          ...(nativeBinding ? { nativeBinding } : {}),
        })
      : null
  const context: AppContext = {
    db: options.db,
    clock: options.clock ?? systemClock,
    secrets: options.secrets,
    defaultBaseUrl: options.defaultBaseUrl ?? KOMBO_EU_BASE_URL,
    version: options.version,
    ...(options.syncLimits ? { syncLimits: options.syncLimits } : {}),
    ...(options.matchOffThread ? { matchRunner: matchInWorker } : {}),
    ...(decisionRunner ? { decisionRunner } : {}),
    ...(demo ? { demo: { baseUrl: demo.baseUrl, apiKey: demo.apiKey } } : {}),
  }
  const core = decisionRunner ? readsAfterDecisions(createApp(context), decisionRunner) : createApp(context)
  const handlers: ApiHandlers = demo ? withDemoIntegrations(core, demo) : core
  let closed = false
  return {
    context,
    handlers,
    demoProblem,
    call: (name, payload, callContext = {}) => dispatch(handlers, name, payload, callContext),
    async close() {
      if (closed) return
      closed = true
      await demo?.close()
      await decisionRunner?.close()
      options.db.close()
    },
  }
}

/**
 * The calls that read or move what decisions change, made after every decision sent to the match
 * worker is stored: a window (or a script) that decides and then reads the lists, the history or the
 * mapping sees its decision, as when decisions were recorded on the host's own thread.
 */
const READS_AFTER_DECISIONS = [
  'match:results',
  'match:first-rows',
  'match:decisions',
  'match:outcome',
  'match:run',
  'match:accept-bulk',
  'diff:get',
  'diff:confirm-removals',
  'diff:set-guard',
  'export:list',
  'export:mapping',
  'legacy:import',
] as const satisfies readonly ApiName[]

function readsAfterDecisions(core: ApiHandlers, decisions: DecisionRunner): ApiHandlers {
  const handlers: ApiHandlers = { ...core }
  for (const name of READS_AFTER_DECISIONS) {
    const handler = core[name] as (request: unknown, call: CallContext) => Promise<unknown>
    ;(handlers as Record<string, unknown>)[name] = async (request: unknown, call: CallContext) => {
      await decisions.settled()
      return handler(request, call)
    }
  }
  return handlers
}

/**
 * In demo mode any integration id has data: the stand-in gets a generated company for an id when it is
 * connected or synced (after a restart the stand-in starts empty, while the database remembers the id).
 */
function withDemoIntegrations(core: ApiHandlers, demo: DemoHris): ApiHandlers {
  return {
    ...core,
    'integrations:connect': (request, context) => {
      demo.ensureIntegration(request.integrationId)
      return core['integrations:connect'](request, context)
    },
    'sync:run': (request, context) => {
      demo.ensureIntegration(request.integrationId)
      demo.beforeSync(request.integrationId)
      return core['sync:run'](request, context)
    },
  }
}

/**
 * A secret source that keeps the key in this process's memory only (web host, tests). A key given at
 * start (KOMBO_API_KEY) is for Kombo's hosts unless `origin` names the base URL it was given with.
 */
export function memorySecrets(initial: string | null = null, origin: string | null = null): SecretSource {
  const bind = (value: string | null | undefined, boundTo: string | null): ApiKeyBinding | null => {
    const apiKey = value?.trim()
    return apiKey ? { apiKey, origin: boundTo } : null
  }
  let key = bind(initial, origin)
  return {
    getApiKey: () => key,
    setApiKey: (value, boundTo) => {
      key = bind(value, boundTo)
    },
  }
}
