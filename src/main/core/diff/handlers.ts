import type { ApiHandlers } from '../../../shared/api'
import { ok } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { exportList } from '../export/lists'
import { driftBetween } from './driftReport'
import { confirmRemovals, currentPlan, setGuardThreshold } from './planService'
import { importSyncFinishedWebhook } from './syncFinishedWebhook'

/** The diff use-cases; the dispatcher turns whatever they throw (AppFailure) into an error value. */
export function diffHandlers(
  ctx: AppContext,
): Pick<
  ApiHandlers,
  | 'diff:get'
  | 'diff:confirm-removals'
  | 'diff:set-guard'
  | 'diff:drift'
  | 'sync:import-webhook'
  | 'export:list'
> {
  return {
    'diff:get': async ({ integrationId }) => ok(currentPlan(ctx.db, integrationId, ctx.clock.now())),
    'diff:confirm-removals': async ({ integrationId }) =>
      ok(confirmRemovals(ctx.db, integrationId, ctx.clock.now())),
    'diff:set-guard': async ({ integrationId, threshold }) =>
      ok({ threshold: setGuardThreshold(ctx.db, integrationId, threshold) }),
    'diff:drift': async ({ integrationId, fromRunId, toRunId }) =>
      ok(driftBetween(ctx.db, integrationId, { fromRunId, toRunId }, ctx.clock.now())),
    'sync:import-webhook': async (request) => ok(importSyncFinishedWebhook(ctx.db, request)),
    'export:list': async ({ integrationId, list, format }) =>
      ok(exportList(currentPlan(ctx.db, integrationId, ctx.clock.now()), list, format)),
  }
}
