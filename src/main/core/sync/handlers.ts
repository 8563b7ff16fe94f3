import type { ApiHandlers } from '../../../shared/api'
import type { StoredEmployee } from '../../../shared/dto/employees'
import { fail } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { asResult } from '../app/guard'
import { requireIntegration as requireIntegrationRow } from '../app/integrations'
import { runSync } from './runSync'
import { getRun, listRuns } from './syncRuns'

const EMPLOYEE_COLUMNS = `id, remote_id, employee_number, first_name, last_name, display_full_name, work_email,
  personal_email, employment_status, start_date, termination_date, date_of_birth, changed_at,
  remote_deleted_at, vanished_at`

export function syncHandlers(
  ctx: AppContext,
): Pick<ApiHandlers, 'sync:run' | 'sync:cancel' | 'sync:runs' | 'employees:list'> {
  /** One sync per integration at a time in this process; the controller lets the UI cancel it. */
  const running = new Map<string, AbortController>()

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
        const apiKey = ctx.secrets.getApiKey()
        const target = apiKey
          ? { baseUrl: integration.base_url ?? ctx.defaultBaseUrl, apiKey }
          : (ctx.demo ??
            fail(
              'API_KEY_MISSING',
              'no Kombo API key is set; enter it on the Connect screen (KOMBO_API_KEY for the CLI)',
            ))
        const controller = new AbortController()
        const onOuterAbort = () => controller.abort()
        context.signal?.addEventListener('abort', onOuterAbort, { once: true })
        running.set(request.integrationId, controller)
        try {
          const { runId } = await runSync({
            db: ctx.db,
            clock: ctx.clock,
            integrationId: request.integrationId,
            baseUrl: target.baseUrl,
            apiKey: target.apiKey,
            full: request.full,
            policy: { noWait: request.noWait ?? false },
            onProgress: context.onProgress,
            signal: controller.signal,
          })
          return getRun(ctx.db, runId) ?? fail('INTERNAL', `sync run ${runId} disappeared`)
        } finally {
          running.delete(request.integrationId)
          context.signal?.removeEventListener('abort', onOuterAbort)
        }
      }),

    'sync:cancel': (request) =>
      asResult(() => {
        const controller = running.get(request.integrationId)
        controller?.abort()
        return { cancelled: controller !== undefined }
      }),

    'sync:runs': (request) =>
      asResult(() => {
        requireIntegration(request.integrationId)
        return listRuns(ctx.db, request.integrationId)
      }),

    'employees:list': (request) =>
      asResult(() => {
        requireIntegration(request.integrationId)
        return ctx.db
          .prepare(
            `SELECT ${EMPLOYEE_COLUMNS} FROM employees WHERE integration_id = ? ORDER BY last_name, first_name, id`,
          )
          .all(request.integrationId) as StoredEmployee[]
      }),
  }
}
