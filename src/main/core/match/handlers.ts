import type { ApiHandlers, ApiRequest, CallContext } from '../../../shared/api'
import type { LegacyUser } from '../../../shared/dto/legacy'
import type {
  DecisionEvent,
  DecisionKind,
  MatchOutput,
  MatchProgress,
  MatchResult,
  MatchSummary,
} from '../../../shared/dto/match'
import { fail, ok } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { refreshStoredPlan } from '../diff/planService'
import { writeOrExplain } from '../diff/writeAccess'
import { mappingFile, mappingRows } from '../export/mapping'
import { requireSamePairs, selectBulkPairs, undoableInBatch } from './bulkAccept'
import { effectiveDecisions, latestUndoable } from './decisions'
import { domainChangePairs, matchLegacyToEmployees, planMatch } from './matchLegacyToEmployees'
import type { MatchableEmployee } from './prepared'
import {
  appendDecisions,
  employeeExists,
  latestEventIdFor,
  legacyUserExists,
  listDecisionEvents,
  loadEmployees,
  loadLegacyUsers,
  matchInputsStamp,
  nextDecisionBatch,
  recordMatchInputs,
  requireIntegration,
  openMatchWriter,
  storedMatchFor,
  storedMatchOutput,
  usersMatchedTo,
  type NewDecision,
  type StoredResultsQuery,
} from './matchStore'

type MatchHandlerNames =
  | 'match:run'
  | 'match:results'
  | 'match:decide'
  | 'match:undo'
  | 'match:accept-domain'
  | 'match:decisions'
  | 'match:accept-bulk'
  | 'match:undo-batch'
  | 'export:mapping'

interface MatchInputs {
  employees: MatchableEmployee[]
  legacy: LegacyUser[]
  events: DecisionEvent[]
  stamp: string
}

/** The integration's data as one snapshot, with the stamp of what it is. */
function loadMatchInputs(ctx: AppContext, integrationId: string): MatchInputs {
  const { db } = ctx
  requireIntegration(db, integrationId)
  return db.transaction(() => ({
    employees: loadEmployees(db, integrationId),
    legacy: loadLegacyUsers(db, integrationId),
    events: listDecisionEvents(db, integrationId),
    stamp: matchInputsStamp(db, integrationId, ctx.version),
  }))()
}

type MatchRun = { output: MatchOutput; remoteIdOf: Map<string, string> }

/**
 * Stores results as `emit` hands them over, replacing the previous plan in one transaction, unless the
 * inputs moved since they were loaded (a decision or an import while a worker matched): the plan then
 * describes the data as the call began, is returned but not stored, and the next read matches again.
 * With `onResult` each result goes there instead of into the output (whose `results` stay empty): a
 * host printing a 100,000-user plan never holds all of it.
 */
function storePlan(
  ctx: AppContext,
  integrationId: string,
  inputs: MatchInputs,
  emit: (onResult: (result: MatchResult) => void) => MatchSummary,
  onResult?: (result: MatchResult) => void,
): MatchRun {
  const { db } = ctx
  const remoteIdOf = new Map(inputs.employees.map((employee) => [employee.id, employee.remote_id]))
  const results: MatchResult[] = []
  const keep = onResult ?? ((result: MatchResult) => results.push(result))
  const summary = db.transaction(() => {
    if (matchInputsStamp(db, integrationId, ctx.version) !== inputs.stamp) return emit(keep)
    const store = openMatchWriter(db, integrationId, remoteIdOf, ctx.clock.now().toISOString())
    const summary = emit((result) => {
      store(result)
      keep(result)
    })
    recordMatchInputs(db, integrationId, inputs.stamp, summary)
    // The lists rest on the results: computed and kept now, in the same transaction, so the Actions
    // screen, `diff` and the list exports read them instead of computing them while someone waits.
    refreshStoredPlan(db, integrationId, ctx.clock.now())
    return summary
  })()
  return { output: { results, summary }, remoteIdOf }
}

/**
 * Loads the integration's data, computes the plan and stores it, with what it rests on, in this thread:
 * the CLI, and decisions, which re-match inside their own write transaction.
 */
export function runMatch(
  ctx: AppContext,
  integrationId: string,
  onResult?: (result: MatchResult) => void,
): MatchRun {
  const inputs = loadMatchInputs(ctx, integrationId)
  const plan = planMatch(inputs.employees, inputs.legacy, effectiveDecisions(inputs.events))
  return storePlan(ctx, integrationId, inputs, (emit) => plan.emit(emit), onResult)
}

/**
 * runMatch for a call. In a host with a match runner (a worker thread: the web host and the Electron
 * main) matchLegacyToEmployees runs there, so this thread stays free, with progress along the way and the
 * call's signal to cancel it; otherwise it runs here, results streamed as runMatch does.
 */
export async function runMatchForCall(
  ctx: AppContext,
  integrationId: string,
  call: CallContext,
): Promise<MatchRun> {
  if (ctx.matchRunner === undefined) return runMatch(ctx, integrationId, call.onMatchResult)
  const started = performance.now()
  let counts = { employees: 0, legacyUsers: 0 }
  const report = (phase: MatchProgress['phase']) =>
    call.onMatchProgress?.({
      integrationId,
      phase,
      ...counts,
      elapsedMs: Math.round(performance.now() - started),
    })
  report('loading')
  const inputs = loadMatchInputs(ctx, integrationId)
  counts = { employees: inputs.employees.length, legacyUsers: inputs.legacy.length }
  report('matching')
  const output = await ctx.matchRunner(
    { employees: inputs.employees, legacy: inputs.legacy, decisions: effectiveDecisions(inputs.events) },
    call.signal,
  )
  report('storing')
  const run = storePlan(
    ctx,
    integrationId,
    inputs,
    (emit) => {
      output.results.forEach(emit)
      return output.summary
    },
    call.onMatchResult,
  )
  report('done')
  return run
}

/** The stored match results while their inputs are unchanged; matching runs again only when they moved. */
export function currentMatch(
  ctx: AppContext,
  integrationId: string,
  query: StoredResultsQuery = {},
): MatchOutput {
  requireIntegration(ctx.db, integrationId)
  const stamp = matchInputsStamp(ctx.db, integrationId, ctx.version)
  const stored = storedMatchOutput(ctx.db, integrationId, stamp, query)
  if (stored) return stored
  const { output } = runMatch(ctx, integrationId)
  // Read back in the shape asked for; a write that moved the inputs meanwhile gets the whole output.
  const fresh = matchInputsStamp(ctx.db, integrationId, ctx.version)
  return storedMatchOutput(ctx.db, integrationId, fresh, query) ?? output
}

/**
 * Appends decisions and brings everything that rests on them up to date in the same write transaction:
 * the match results and the stored lists. `diff`, the exports and every window read the decision at
 * once, and a failure anywhere leaves neither the decision nor a half-updated plan behind.
 */
function recordDecisions(
  ctx: AppContext,
  integrationId: string,
  decide: (events: readonly DecisionEvent[]) => NewDecision[],
  options: { batch?: boolean } = {},
): DecisionEvent[] {
  const { db } = ctx
  return writeOrExplain(db, () => {
    const added = appendDecisions(
      db,
      integrationId,
      decide(listDecisionEvents(db, integrationId)),
      ctx.clock.now().toISOString(),
      options.batch ? nextDecisionBatch(db, integrationId) : null,
    )
    // The rematch keeps the lists up to date too (storePlan), in this same write transaction.
    if (added.length > 0) runMatch(ctx, integrationId)
    return added
  })
}

/** "Anna Schmidt (K-123)": names beside ids, so a refusal can be acted on without a lookup. */
function employeeLabel(ctx: AppContext, integrationId: string, komboId: string): string {
  const row = ctx.db
    .prepare('SELECT first_name, last_name FROM employees WHERE integration_id = ? AND id = ?')
    .get(integrationId, komboId) as { first_name: string | null; last_name: string | null } | undefined
  const name = [row?.first_name, row?.last_name].filter(Boolean).join(' ')
  return name === '' ? `employee ${komboId}` : `${name} (${komboId})`
}

function userLabel(ctx: AppContext, integrationId: string, userId: string): string {
  const row = ctx.db
    .prepare(
      'SELECT first_name, last_name, full_name, email FROM legacy_users WHERE integration_id = ? AND user_id = ?',
    )
    .get(integrationId, userId) as
    | { first_name: string | null; last_name: string | null; full_name: string | null; email: string | null }
    | undefined
  const name =
    [row?.first_name, row?.last_name].filter(Boolean).join(' ') || row?.full_name || row?.email || ''
  return name === '' ? `user ${userId}` : `user ${userId} (${name})`
}

/** The checks a decision passes before it is recorded. */
function matchGuards(ctx: AppContext) {
  const { db } = ctx

  function requireUser(integrationId: string, userId: string): void {
    if (!legacyUserExists(db, integrationId, userId)) {
      fail('NOT_FOUND', `legacy user ${userId} is not in the imported file; check the user id`)
    }
  }

  function requireEmployee(integrationId: string, komboId: string): void {
    if (!employeeExists(db, integrationId, komboId)) {
      fail('NOT_FOUND', `employee ${komboId} is not among the synced employees; check the Kombo id`)
    }
  }

  /**
   * The optimistic check of a window that says which state it decided on: refused when someone (another
   * window, a script) decided about this user since, so the later word never silently overrides the
   * earlier one.
   */
  function requireCurrentBasis(integrationId: string, userId: string, basedOn: number | null | undefined) {
    if (basedOn === undefined) return
    const latest = latestEventIdFor(db, integrationId, userId)
    if (latest === basedOn) return
    fail(
      'CONFLICT',
      `${userLabel(ctx, integrationId, userId)} was decided in another window meanwhile; the review now shows that decision, look at it again before deciding`,
      { details: { reason: 'stale_decision', userId, latestEventId: latest } },
    )
  }

  /**
   * A link must stay one-to-one: an employee another present user is linked to is refused, unless the
   * specialist asked to move the link, which rejects the pair for the other user in the same step.
   */
  function linkHolders(integrationId: string, userId: string, komboId: string): string[] {
    const holders = new Set<string>()
    for (const decision of effectiveDecisions(listDecisionEvents(db, integrationId)).values()) {
      if (decision.user_id === userId || decision.link?.kombo_id !== komboId) continue
      // Decisions stay with their user id across imports; only users in the current file hold links.
      if (legacyUserExists(db, integrationId, decision.user_id)) holders.add(decision.user_id)
    }
    for (const other of usersMatchedTo(db, integrationId, komboId)) if (other !== userId) holders.add(other)
    return [...holders].sort()
  }

  return { requireUser, requireEmployee, requireCurrentBasis, linkHolders }
}

export function matchHandlers(ctx: AppContext): Pick<ApiHandlers, MatchHandlerNames> {
  const { db } = ctx
  const guards = matchGuards(ctx)

  return {
    'match:run': async (request, call) =>
      ok((await runMatchForCall(ctx, request.integrationId, call)).output),

    'match:results': async (request) =>
      ok(
        currentMatch(ctx, request.integrationId, {
          ...(request.view ? { view: request.view } : {}),
          ...(request.userIds ? { userIds: request.userIds } : {}),
        }),
      ),

    'match:decide': async (request) => ok(decide(ctx, guards, request)),

    'match:undo': async (request) => ok(undo(ctx, guards, request)),

    'match:accept-domain': async (request) => {
      const { integrationId } = request
      requireIntegration(db, integrationId)
      const added = recordDecisions(
        ctx,
        integrationId,
        (events) => {
          const employees = loadEmployees(db, integrationId)
          const legacy = loadLegacyUsers(db, integrationId)
          const decisions = effectiveDecisions(events)
          const output = matchLegacyToEmployees(employees, legacy, decisions)
          const pairs = domainChangePairs(employees, legacy, output, decisions, request.from, request.to)
          const kind: DecisionKind = 'accept'
          return pairs.map((pair) => ({ user_id: pair.user_id, kind, kombo_id: pair.kombo_id, undoes: null }))
        },
        { batch: true },
      )
      return ok({ accepted: added.length, batch: added[0]?.batch ?? null })
    },

    'match:accept-bulk': async (request) => {
      const { integrationId } = request
      requireIntegration(db, integrationId)
      const select = () =>
        selectBulkPairs(
          currentMatch(ctx, integrationId),
          loadLegacyUsers(db, integrationId),
          loadEmployees(db, integrationId),
          request,
        )
      if (request.dryRun === true) return ok({ dryRun: true, batch: null, ...select() })
      let selection: ReturnType<typeof select> = { pairs: [], skipped: 0 }
      const added = recordDecisions(
        ctx,
        integrationId,
        () => {
          selection = select()
          if (request.expected !== undefined) requireSamePairs(selection.pairs, request.expected)
          return selection.pairs.map((pair) => ({
            user_id: pair.user_id,
            kind: 'accept' as const,
            kombo_id: pair.kombo_id,
            undoes: null,
          }))
        },
        { batch: true },
      )
      return ok({ dryRun: false, batch: added[0]?.batch ?? null, ...selection })
    },

    'match:undo-batch': async (request) => {
      const { integrationId, batch } = request
      requireIntegration(db, integrationId)
      const events = recordDecisions(
        ctx,
        integrationId,
        (log) =>
          undoableInBatch(log, batch).map((target) => ({
            user_id: target.user_id,
            kind: 'undo' as const,
            kombo_id: target.kombo_id,
            undoes: target.id,
          })),
        { batch: true },
      )
      return ok({ batch: events[0]?.batch ?? batch, events })
    },

    'match:decisions': async (request) => {
      requireIntegration(db, request.integrationId)
      return ok(listDecisionEvents(db, request.integrationId))
    },

    'export:mapping': async (request) => {
      // The mapping reflects every decision made so far: the plan is recomputed (and stored) first. In this
      // thread: a worker's start-up would make every export wait, and decisions keep the plan current.
      const { output, remoteIdOf } = runMatch(ctx, request.integrationId)
      return ok(mappingFile(mappingRows(output, remoteIdOf), request.format, request.integrationId))
    },
  }
}

type Guards = ReturnType<typeof matchGuards>

/** One decision about one user, with the link moves it asks for, recorded with the plan it changes. */
function decide(ctx: AppContext, guards: Guards, request: ApiRequest<'match:decide'>): DecisionEvent {
  const { db } = ctx
  const { requireUser, requireEmployee, requireCurrentBasis, linkHolders } = guards
  const { integrationId, userId, kind } = request
  requireIntegration(db, integrationId)
  requireUser(integrationId, userId)
  const [event] = recordDecisions(ctx, integrationId, () => {
    requireCurrentBasis(integrationId, userId, request.basedOn)
    let komboId: string | null = request.komboId ?? null
    if (kind === 'accept' && komboId === null) {
      // Accepting without naming the employee means: the suggestion currently shown.
      const stored = storedMatchFor(db, integrationId, userId)
      komboId =
        stored?.status === 'suggested' && stored.kombo_id !== null
          ? stored.kombo_id
          : fail('INPUT_INVALID', `user ${userId} has no suggestion to accept; name the employee (komboId)`)
    }
    if ((kind === 'manual' || kind === 'reject') && komboId === null) {
      fail('INPUT_INVALID', `a ${kind} decision needs the employee's Kombo id`)
    }
    if (kind === 'none') komboId = null
    if (komboId !== null) requireEmployee(integrationId, komboId)
    const moves: NewDecision[] = []
    if ((kind === 'accept' || kind === 'manual') && komboId !== null) {
      const holders = linkHolders(integrationId, userId, komboId)
      if (holders.length > 0 && request.moveLink !== true) {
        const who = holders.map((holder) => userLabel(ctx, integrationId, holder)).join(', ')
        fail(
          'CONFLICT',
          `${employeeLabel(ctx, integrationId, komboId)} is already linked to ${who}; move the link here or pick another employee`,
          { details: { reason: 'employee_linked', komboId, linkedUserIds: holders } },
        )
      }
      for (const holder of holders) {
        moves.push({ user_id: holder, kind: 'reject', kombo_id: komboId, undoes: null })
      }
    }
    return [...moves, { user_id: userId, kind, kombo_id: komboId, undoes: null }]
  })
    .filter((event) => event.user_id === userId)
    .slice(-1)
  return event!
}

/** Undoes a user's latest decision, or the one named. */
function undo(ctx: AppContext, guards: Guards, request: ApiRequest<'match:undo'>): DecisionEvent {
  const { db } = ctx
  const { requireUser, requireCurrentBasis } = guards
  const { integrationId, userId } = request
  requireIntegration(db, integrationId)
  requireUser(integrationId, userId)
  const [event] = recordDecisions(ctx, integrationId, (events) => {
    requireCurrentBasis(integrationId, userId, request.basedOn)
    const target =
      request.eventId === undefined
        ? (latestUndoable(events, userId) ?? fail('NOT_FOUND', `user ${userId} has no decision left to undo`))
        : undoableEvent(events, userId, request.eventId)
    return [{ user_id: userId, kind: 'undo', kombo_id: target.kombo_id, undoes: target.id }]
  })
  return event!
}

/** A named event to undo: the user's own, a decision rather than an undo, and not undone already. */
function undoableEvent(events: readonly DecisionEvent[], userId: string, eventId: number): DecisionEvent {
  const target = events.find((event) => event.id === eventId)
  if (target === undefined || target.user_id !== userId) {
    return fail('NOT_FOUND', `decision ${eventId} is not a decision about user ${userId}; reload the history`)
  }
  if (target.kind === 'undo') return fail('INPUT_INVALID', `decision ${eventId} is itself an undo`)
  if (events.some((event) => event.kind === 'undo' && event.undoes === eventId)) {
    return fail('CONFLICT', `decision ${eventId} was already undone`)
  }
  return target
}
