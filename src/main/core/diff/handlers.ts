import type { ApiHandlers, CallContext } from '../../../shared/api'
import { ok } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { exportList } from '../export/lists'
import { driftBetween } from './driftReport'
import { confirmRemovals, currentPlan, setGuardThreshold } from './planService'
import { readBackCurrentPlan } from './planReadBack'
import { storeCurrentLists } from './streamedDiff'
import { importSyncFinishedWebhook } from './syncFinishedWebhook'
import { runMatchForCall } from '../match/handlers'

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
  /**
   * The lists rest on the links: legacy users the matcher has not seen yet (a first import, or new rows
   * in a re-import) are matched first, or every employee would read as an add and every such user as
   * a removal.
   */
  const matchNewLegacyUsers = async (integrationId: string, call: CallContext): Promise<void> => {
    const unseen = ctx.db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM legacy_users l WHERE l.integration_id = ? AND NOT EXISTS
           (SELECT 1 FROM match_results m WHERE m.integration_id = l.integration_id AND m.user_id = l.user_id))`,
      )
      .pluck()
      .get(integrationId)
    if (unseen === 1) await runMatchForCall(ctx, integrationId, call)
  }
  const planOf = async (integrationId: string, call: CallContext) => {
    await matchNewLegacyUsers(integrationId, call)
    return currentPlan(ctx.db, integrationId, ctx.clock.now())
  }

  return {
    'diff:get': async ({ integrationId }, call) => {
      if (call.onPlanField === undefined) return ok(await planOf(integrationId, call))
      await matchNewLegacyUsers(integrationId, call)
      const now = ctx.clock.now()
      const onField = call.onPlanField
      const readBack = () => readBackCurrentPlan(ctx.db, integrationId, now, onField)
      // Lists that are not current are computed into the store chunk by chunk and read back from it:
      // neither the company nor the plan is ever held whole (streamedDiff.ts).
      return ok(
        readBack() ??
          (storeCurrentLists(ctx.db, integrationId, now) ? readBack() : null) ??
          currentPlan(ctx.db, integrationId, now),
      )
    },
    'diff:confirm-removals': async ({ integrationId }) =>
      ok(confirmRemovals(ctx.db, integrationId, ctx.clock.now())),
    'diff:set-guard': async ({ integrationId, threshold }) =>
      ok({ threshold: setGuardThreshold(ctx.db, integrationId, threshold) }),
    'diff:drift': async ({ integrationId, fromRunId, toRunId }) =>
      ok(driftBetween(ctx.db, integrationId, { fromRunId, toRunId }, ctx.clock.now())),
    'sync:import-webhook': async (request) => ok(importSyncFinishedWebhook(ctx.db, request)),
    'export:list': async ({ integrationId, list, format }, call) =>
      ok(exportList(await planOf(integrationId, call), list, format)),
  }
}
