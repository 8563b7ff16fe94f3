import type { ActionPlan, StalePlanNotice } from '../../../shared/dto/diff'
import { fail } from '../../../shared/result'
import type { Database } from '../store/database'
import type { InputCounts } from '../store/inputCounts'
import { releaseWithheld } from './deletionGuard'
import { writeIfFree, writeOrExplain } from './writeAccess'
import { diffEmployees, diffEmployeesWithParts } from './diffEmployees'
import type { DiffLink } from './diffState'
import { diffLink, diffStateFromMatch, loadDiffState, type MatchedRows } from './loadDiffState'
import { mappedRows } from '../store/rows'
import { keepLists, patchKeptLists, type DecidedChange, type KeptLists } from './planPatch'
import {
  GOOD_OUTCOMES,
  LAST_GOOD_LISTS_STAND,
  guidanceFor,
  guidanceForUnknown,
  isSyncOutcome,
} from './outcomeGuidance'
import {
  appendPlanPatch,
  confirmRemovalsOf,
  latestPlanRow,
  PATCHES_BEFORE_REWRITE,
  latestFinishedRun,
  latestGoodFetchRun,
  planInputs,
  planWithoutLists,
  readGuardThreshold,
  requireIntegration,
  savePlan,
  storedCurrentPlan,
  storedPlanFor,
  writeGuardThreshold,
  type RunRow,
} from './planStore'

/**
 * The plan the specialist should act on now.
 *
 * After a good sync (SUCCEEDED or PARTIALLY_FAILED) it is computed from the store and kept in
 * action_plans. When the most recent sync was not good, the plan of the last good sync stands and
 * `stale` says what went wrong and what to do; removals are never proposed from a failed sync.
 */
export function currentPlan(db: Database, integrationId: string, now: Date): ActionPlan {
  requireIntegration(db, integrationId)
  const generatedAt = now.toISOString()
  const runs = db.transaction(() => ({
    latest: latestFinishedRun(db, integrationId),
    basis: latestGoodFetchRun(db, integrationId),
  }))()
  const { latest, basis } = runs
  if (latest !== null && !GOOD_OUTCOMES.has(latest.outcome)) {
    const stale = staleNotice(latest)
    if (basis === null) return { ...emptyPlan(db, integrationId, generatedAt), stale }
    const lastGood =
      storedPlanFor(db, integrationId, basis.id) ?? computeAndSave(db, integrationId, basis.id, generatedAt)
    return { ...lastGood, stale }
  }
  // Nothing the lists rest on changed since they were computed: they are read, not computed again.
  const kept = basis === null ? null : storedCurrentPlan(db, integrationId, basis.id, dayOf(generatedAt))
  if (kept !== null && kept.patches > PATCHES_BEFORE_REWRITE) {
    // Decisions patched these lists many times: written whole again, so reads stay quick.
    const { plan: whole, inputs } = kept
    writeIfFree(db, () => savePlan(db, whole, inputs))
  }
  const plan = kept?.plan ?? computeAndSave(db, integrationId, basis?.id ?? null, generatedAt)
  if (latest !== null && basis !== null && latest.source === 'webhook' && latest.id !== basis.id) {
    plan.notices.push(
      `Kombo finished a newer sync (imported webhook, run ${latest.id}) after the last fetch (run ${basis.id}); run sync to pick up its changes.`,
    )
  }
  return plan
}

function computeAndSave(
  db: Database,
  integrationId: string,
  basisRunId: number | null,
  generatedAt: string,
): ActionPlan {
  // The inputs are read in the state's own read transaction, so they describe exactly that state.
  const { inputs, state } = db.transaction(() => ({
    inputs: basisRunId === null ? null : planInputs(db, integrationId, basisRunId, dayOf(generatedAt)),
    state: loadDiffState(db, integrationId, basisRunId, generatedAt),
  }))()
  const plan = diffEmployees(state)
  // Kept for the next plan's guard, for the lists to stand after a failed sync, and to be read instead
  // of computed while its inputs stay the same. While a sync holds the write lock it is skipped: the
  // lists are shown now and kept by the next computation.
  writeIfFree(db, () => savePlan(db, plan, inputs))
  return plan
}

/** The UTC day of an ISO time: termination dates are compared with it. */
export function dayOf(isoTime: string): string {
  return isoTime.slice(0, 10)
}

function emptyPlan(db: Database, integrationId: string, generatedAt: string): ActionPlan {
  return planWithoutLists({
    integrationId,
    basisRunId: null,
    generatedAt,
    guard: {
      tripped: false,
      threshold: readGuardThreshold(db, integrationId),
      linked: 0,
      removals: 0,
      confirmed: false,
      confirmedAt: null,
      withheld: 0,
    },
    notices: ['No successful sync yet, so there are no lists; run a sync first.'],
  })
}

/**
 * Why the lists are stale. A webhook carries Kombo's sync state, explained from Kombo's tables. The
 * app's own fetch stores a sentence naming the cause and the fix (bad API key, unreachable host, ...),
 * which says more than the outcome's generic text; "Kombo will fix it" would be wrong for a typo in
 * the base URL.
 */
function staleNotice(run: RunRow): StalePlanNotice {
  const guidance = isSyncOutcome(run.outcome) ? guidanceFor(run.outcome) : guidanceForUnknown(run.outcome)
  if (run.source === 'fetch' && run.error_message) {
    return {
      runId: run.id,
      outcome: run.outcome,
      explanation: `The latest sync, run ${run.id}, ended ${run.outcome}: ${run.error_message}.`,
      nextStep: `Deal with the cause the message names, if it names one, then sync again. ${LAST_GOOD_LISTS_STAND}`,
      logUrl: run.log_url,
    }
  }
  const origin = run.source === 'webhook' ? "Kombo's sync (imported webhook)" : 'The latest sync'
  return {
    runId: run.id,
    outcome: run.outcome,
    explanation: `${origin}, run ${run.id}, ended ${run.outcome}: ${guidance.explanation}`,
    nextStep: guidance.nextStep,
    logUrl: run.log_url,
  }
}

/**
 * Releases the removals the deletion guard holds back for the current basis run. Fails when there is
 * nothing to confirm, so a script cannot confirm removals nobody has looked at.
 */
export function confirmRemovals(db: Database, integrationId: string, now: Date): ActionPlan {
  const plan = currentPlan(db, integrationId, now)
  const basisRunId = plan.basisRunId
  if (basisRunId === null) {
    return fail('CONFLICT', 'there is no successful sync yet, so no removals to confirm; run a sync first')
  }
  if (plan.guard.confirmed) {
    return fail(
      'CONFLICT',
      `the removals of sync run ${basisRunId} were already confirmed at ${plan.guard.confirmedAt ?? 'an earlier time'}; nothing left to confirm`,
    )
  }
  if (plan.withheldRemovals.length === 0) {
    const share = `${plan.guard.removals} of ${plan.guard.linked} linked users, limit ${percent(plan.guard.threshold)}`
    return fail(
      'CONFLICT',
      `the deletion guard holds back no removals for sync run ${basisRunId} (${share}); nothing to confirm`,
    )
  }
  const confirmedAt = now.toISOString()
  writeOrExplain(db, () => {
    // The plan the specialist confirms must be on record, even if showing it could not keep it.
    savePlan(db, { ...plan, stale: null }, null)
    confirmRemovalsOf(db, integrationId, basisRunId, confirmedAt)
    if (plan.stale !== null) {
      // The last good lists stand after a failed sync: release their withheld removals as they are.
      savePlan(db, releaseWithheld({ ...plan, stale: null }, confirmedAt), null)
    }
  })
  if (plan.stale !== null) return { ...releaseWithheld(plan, confirmedAt), stale: plan.stale }
  return currentPlan(db, integrationId, now)
}

/**
 * Recomputes the lists of the last good sync from the store as it is now and keeps them, for a change
 * the specialist made (a review decision, an undo). Call inside that change's write transaction, so the
 * stored lists never lag behind the decision log, even while a failed sync leaves them standing. A match
 * run that has just stored its results hands over the rows it holds (`fromMatch`) instead of having
 * them read back.
 */
export function refreshStoredPlan(
  db: Database,
  integrationId: string,
  now: Date,
  fromMatch: MatchedRows | null = null,
): void {
  const basis = latestGoodFetchRun(db, integrationId)
  if (basis === null) return
  const generatedAt = now.toISOString()
  // Read after the decision and the rematch, in the same write transaction: the stored plan describes
  // exactly the state it was computed from, so it is reused until something moves again.
  const inputs = planInputs(db, integrationId, basis.id, dayOf(generatedAt))
  const state =
    fromMatch === null
      ? loadDiffState(db, integrationId, basis.id, generatedAt)
      : diffStateFromMatch(db, integrationId, basis.id, generatedAt, fromMatch)
  savePlan(db, diffEmployees(state), inputs)
}

/** The lists each connection last stored for an integration, kept for the next decision's patch. */
const keptListsOf = new WeakMap<Database, Map<string, KeptLists>>()

/**
 * The integration's generation before a decision writes anything (moved by every decision, rematch and
 * setting; migration 3), or null when none is recorded. Read at the start of the decision's write
 * transaction: a patch applies only to lists this connection kept with that very generation. What
 * moves the other inputs of the lists (a sync, an import) moves the match inputs too, and the rematch
 * then stores every row, after which the lists are computed whole.
 */
export function listsGenerationBefore(db: Database, integrationId: string): number | null {
  const generation = db
    .prepare('SELECT generation FROM plan_inputs WHERE integration_id = ?')
    .pluck()
    .get(integrationId)
  return typeof generation === 'number' ? generation : null
}

/**
 * The lists after decisions, inside their write transaction: patched when the lists this connection
 * kept are the stored ones and the decisions stay within their users (planPatch.ts), otherwise
 * computed whole from the rows the rematch holds, as refreshStoredPlan does, and kept for the next.
 * `counts` are the input counts the decision's writes left (store/inputCounts.ts), when it knows them.
 */
export function refreshListsAfterDecisions(
  db: Database,
  integrationId: string,
  now: Date,
  generationBefore: number | null,
  rows: MatchedRows,
  change: DecidedChange | null,
  counts?: InputCounts,
): 'patched' | 'computed' | 'no sync yet' {
  const basis = latestGoodFetchRun(db, integrationId)
  if (basis === null) return 'no sync yet'
  const generatedAt = now.toISOString()
  const day = dayOf(generatedAt)
  let perIntegration = keptListsOf.get(db)
  if (perIntegration === undefined) keptListsOf.set(db, (perIntegration = new Map()))
  // Let go while it changes: a failure halfway leaves nothing kept that the store does not hold.
  const kept = perIntegration.get(integrationId)
  perIntegration.delete(integrationId)
  const current =
    kept !== undefined &&
    change !== null &&
    generationBefore !== null &&
    kept.generation === generationBefore &&
    kept.basisRunId === basis.id &&
    kept.today === day
  if (current) {
    const row = latestPlanRow(db, integrationId, basis.id)
    const patch =
      row?.id === kept.planId && row.inputs === kept.inputs
        ? patchKeptLists(kept, change, linksOf(db, integrationId), generatedAt)
        : null
    if (patch !== null) {
      const inputs = planInputs(db, integrationId, basis.id, day, counts)
      appendPlanPatch(db, kept.planId, patch, inputs)
      kept.inputs = inputs
      kept.generation = listsGenerationBefore(db, integrationId)
      perIntegration.set(integrationId, kept)
      return 'patched'
    }
  }
  const inputs = planInputs(db, integrationId, basis.id, day, counts)
  const state = diffStateFromMatch(db, integrationId, basis.id, generatedAt, rows)
  const { plan, parts } = diffEmployeesWithParts(state)
  savePlan(db, plan, inputs)
  const row = latestPlanRow(db, integrationId, basis.id)
  if (row !== null) {
    const lists = keepLists(state, plan, parts, row.id, inputs)
    lists.generation = listsGenerationBefore(db, integrationId)
    perIntegration.set(integrationId, lists)
  }
  return 'computed'
}

/** One user's link history, in the order the diff reads the whole of it. */
function linksOf(db: Database, integrationId: string): (userId: string) => DiffLink[] {
  const select = db.prepare(
    `SELECT user_id, kombo_id, remote_id, last_linked_at FROM link_history
     WHERE integration_id = ? AND user_id = ? ORDER BY integration_id, user_id, kombo_id`,
  )
  return (userId) => mappedRows(select.all(integrationId, userId), 'link_history', diffLink)
}

export function setGuardThreshold(db: Database, integrationId: string, threshold: number): number {
  requireIntegration(db, integrationId)
  writeOrExplain(db, () => writeGuardThreshold(db, integrationId, threshold))
  return readGuardThreshold(db, integrationId)
}

export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}
