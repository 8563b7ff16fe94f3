import type { ApiHandlers } from '../../../shared/api'
import type { SyncProgress } from '../../../shared/dto/sync'
import { fail } from '../../../shared/result'
import type { ApiKeyBinding, AppContext } from '../app/context'
import { asResult } from '../app/guard'
import { KOMBO_API_ORIGINS, keyMayGoTo } from '../kombo/keyDestination'
import { requireIntegration as requireIntegrationRow } from '../app/integrations'
import { selectEmployeeTable, selectStoredEmployees } from '../store/employeeRows'
import { runSync } from './runSync'
import { getRun, listRuns } from './syncRuns'

export function syncHandlers(
  ctx: AppContext,
): Pick<
  ApiHandlers,
  'sync:run' | 'sync:cancel' | 'sync:active' | 'sync:runs' | 'employees:list' | 'employees:table'
> {
  /**
   * One sync per integration at a time in this process: the controller lets any window cancel it, and
   * the latest progress lets a window opened (or reloaded) meanwhile show it.
   */
  const running = new Map<string, { controller: AbortController; latest: SyncProgress | null }>()

  const requireIntegration = (integrationId: string) => requireIntegrationRow(ctx.db, integrationId)

  return {
    'sync:run': (request, context) =>
      asResult(async () => {
        const integration = requireIntegration(request.integrationId)
        if (running.has(request.integrationId)) {
          fail(
            'SYNC_IN_PROGRESS',
            `a sync of ${request.integrationId} is already running; wait for it or cancel it`,
          )
        }
        const key = ctx.secrets.getApiKey()
        const target = key
          ? { baseUrl: trustedBaseUrl(integration.base_url ?? ctx.defaultBaseUrl, key), apiKey: key.apiKey }
          : (ctx.demo ??
            fail(
              'API_KEY_MISSING',
              'no Kombo API key is set; enter it on the Connect screen (KOMBO_API_KEY for the CLI)',
            ))
        const controller = new AbortController()
        const onOuterAbort = () => controller.abort()
        context.signal?.addEventListener('abort', onOuterAbort, { once: true })
        const entry: { controller: AbortController; latest: SyncProgress | null } = {
          controller,
          latest: null,
        }
        running.set(request.integrationId, entry)
        const onProgress = (progress: SyncProgress) => {
          entry.latest = progress
          context.onProgress?.(progress)
        }
        try {
          const { runId } = await runSync({
            db: ctx.db,
            clock: ctx.clock,
            integrationId: request.integrationId,
            baseUrl: target.baseUrl,
            apiKey: target.apiKey,
            full: request.full,
            policy: { noWait: request.noWait ?? false },
            ...(ctx.syncLimits ? { limits: ctx.syncLimits } : {}),
            onProgress,
            signal: controller.signal,
          })
          return getRun(ctx.db, runId) ?? fail('INTERNAL', `sync run ${runId} disappeared`)
        } finally {
          running.delete(request.integrationId)
          context.signal?.removeEventListener('abort', onOuterAbort)
          // Every window hears that the run ended, not only the one that started it.
          if (entry.latest !== null) context.onProgress?.({ ...entry.latest, waiting: null, finished: true })
        }
      }),

    'sync:cancel': (request) =>
      asResult(() => {
        const entry = running.get(request.integrationId)
        entry?.controller.abort()
        return { cancelled: entry !== undefined }
      }),

    'sync:active': () =>
      asResult(() => [...running.values()].flatMap((entry) => (entry.latest === null ? [] : [entry.latest]))),

    'sync:runs': (request) =>
      asResult(() => {
        requireIntegration(request.integrationId)
        return listRuns(ctx.db, request.integrationId)
      }),

    'employees:list': (request) =>
      asResult(() => {
        requireIntegration(request.integrationId)
        return selectStoredEmployees(ctx.db, request.integrationId, 'name')
      }),

    'employees:table': (request) =>
      asResult(() => {
        requireIntegration(request.integrationId)
        return selectEmployeeTable(ctx.db, request.integrationId)
      }),
  }
}

/**
 * The base URL the key may be sent to. The integration's base URL is read from the database, which is
 * only a file: unless it is Kombo's or the origin the key was entered with, the key is not sent.
 */
function trustedBaseUrl(baseUrl: string, key: ApiKeyBinding): string {
  if (keyMayGoTo(key, baseUrl)) return baseUrl
  return fail(
    'KOMBO_BASE_URL_UNTRUSTED',
    `the API key was not sent to ${baseUrl}: the key goes only to Kombo (${KOMBO_API_ORIGINS.join(', ')}) or to a base URL entered together with it; enter this base URL and the key again in one step (Connect screen, or --base-url with KOMBO_API_KEY in the CLI)`,
  )
}
