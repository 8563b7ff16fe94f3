import type { ApiHandlers } from '../../../shared/api'
import type { IntegrationSummary } from '../../../shared/dto/sync'
import { fail } from '../../../shared/result'
import type { AppContext } from './context'
import { asResult } from './guard'
import { checkBaseUrl } from '../kombo/keyDestination'
import type { Database } from '../store/database'
import { listRuns } from '../sync/syncRuns'
import { pluckedInteger, pluckedTexts } from '../store/rows'
import { requireIntegration } from './integrations'

export function integrationHandlers(
  ctx: AppContext,
): Pick<ApiHandlers, 'app:info' | 'secrets:set-api-key' | 'integrations:list' | 'integrations:connect'> {
  return {
    'app:info': () =>
      asResult(() => {
        const hasApiKey = ctx.secrets.getApiKey() !== null
        return { version: ctx.version, hasApiKey, demo: !hasApiKey && ctx.demo !== undefined }
      }),

    'secrets:set-api-key': (request) =>
      asResult(() => {
        if (!ctx.secrets.setApiKey)
          fail('INPUT_INVALID', 'this host reads the API key from KOMBO_API_KEY only')
        // A key entered on its own is for Kombo's hosts only (see keyDestination.ts).
        ctx.secrets.setApiKey!(request.apiKey, null)
        return { stored: true as const }
      }),

    'integrations:list': () =>
      asResult(() => {
        const ids = pluckedTexts(
          ctx.db.prepare('SELECT integration_id FROM integrations ORDER BY created_at').pluck().all(),
          'integration_id',
        )
        return ids.map((id) => summarizeIntegration(ctx.db, id))
      }),

    'integrations:connect': (request) =>
      asResult(() => {
        if (request.baseUrl !== undefined) bindKeyToBaseUrl(ctx, request.baseUrl, request.apiKey)
        else if (request.apiKey !== undefined) storeKey(ctx, request.apiKey, null)
        connectIntegration(ctx.db, request, ctx.clock.now().toISOString())
        return summarizeIntegration(ctx.db, request.integrationId)
      }),
  }
}

/**
 * A base URL other than Kombo's own is accepted only together with the API key (or when the stored key
 * was entered with this very origin): the key is then stored bound to it. Otherwise code in the window,
 * or anyone holding the web host's token, could point the integration at their own server and have the
 * next sync send it the key.
 */
function bindKeyToBaseUrl(ctx: AppContext, baseUrl: string, apiKey: string | undefined): void {
  const check = checkBaseUrl(baseUrl)
  if (!check.ok) return fail('INPUT_INVALID', `${check.reason}; use Kombo's API root with /v1`)
  if (check.kombo) {
    if (apiKey !== undefined) storeKey(ctx, apiKey, null)
    return
  }
  if (apiKey !== undefined) return storeKey(ctx, apiKey, check.origin)
  const stored = ctx.secrets.getApiKey()
  if (stored !== null && stored.origin !== check.origin) {
    fail(
      'KOMBO_BASE_URL_UNTRUSTED',
      `${check.origin} is not Kombo's API; enter the API key again together with this base URL, so that the key is sent there`,
    )
  }
}

function storeKey(ctx: AppContext, apiKey: string, origin: string | null): void {
  if (!ctx.secrets.setApiKey) fail('INPUT_INVALID', 'this host reads the API key from KOMBO_API_KEY only')
  ctx.secrets.setApiKey!(apiKey, origin)
}

/** Creates the integration, or updates its customer id / base URL when given; never touches its data. */
export function connectIntegration(
  db: Database,
  request: { integrationId: string; customerId?: string | undefined; baseUrl?: string | undefined },
  now: string,
): void {
  db.prepare(
    `INSERT INTO integrations (integration_id, customer_id, base_url, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (integration_id) DO UPDATE SET
       customer_id = COALESCE(excluded.customer_id, integrations.customer_id),
       base_url = COALESCE(excluded.base_url, integrations.base_url)`,
  ).run(request.integrationId, request.customerId ?? null, request.baseUrl?.replace(/\/+$/, '') ?? null, now)
}

export function summarizeIntegration(db: Database, integrationId: string): IntegrationSummary {
  const row = requireIntegration(db, integrationId)
  const employeeCount = pluckedInteger(
    db.prepare('SELECT COUNT(*) FROM employees WHERE integration_id = ?').pluck().get(integrationId),
    'the employee count',
  )
  const lastRun = listRuns(db, integrationId)[0] ?? null
  return {
    integrationId,
    customerId: row.customer_id,
    baseUrl: row.base_url,
    lastSyncStartedAt: row.last_sync_started_at,
    employeeCount,
    lastRun,
  }
}
