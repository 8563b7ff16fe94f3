import type { ApiHandlers, ApiRequest, CallContext } from '../../../shared/api'
import type {
  DecisionEvent,
  DecisionKind,
  MatchOutput,
  MatchResult,
  MatchSummary,
} from '../../../shared/dto/match'
import { fail, ok } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { mappingFile, mappingRows } from '../export/mapping'
import { siblingOptions } from '../store/database'
import { requireSamePairs, selectBulkPairs, undoableInBatch } from './bulkAccept'
import { effectiveDecisions, latestUndoable } from './decisions'
import { recordDecisions } from './recordDecisions'
import { domainChangePairs } from './matchLegacyToEmployees'
import type { MatchPhaseListener } from './matchProtocol'
import { runMatch as runMatchHere, type MatchRun, type MatchTarget } from './matchRun'
import {
  employeeExists,
  latestEventIdFor,
  legacyUserExists,
  listDecisionEvents,
  loadEmployees,
  loadLegacyUsers,
  matchInputsStamp,
  requireIntegration,
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

/** Where and when a run in this thread reads and stores. */
function targetOf(ctx: AppContext): MatchTarget {
  return { db: ctx.db, version: ctx.version, now: ctx.clock.now() }
}

/**
 * Loads the integration's data, computes the plan and stores it in this thread: the CLI, and decisions,
 * which re-match inside their own write transaction.
 */
export function runMatch(
  ctx: AppContext,
  integrationId: string,
  onResult?: (result: MatchResult) => void,
): MatchRun {
  return runMatchHere(targetOf(ctx), integrationId, onResult ? { onResult } : {})
}

/**
 * runMatch for a call, answering with the summary. In a host with a match runner (the web host and the
 * Electron main) the whole run (loading, matching, storing) happens in a worker thread on its own
 * connection, so this thread stays free, with progress along the way and the call's signal to cancel
 * it. A caller that takes each result (the CLI prints them), a host without a runner and a database in
 * memory (no other connection can open it) match here.
 */
export async function runMatchForCall(
  ctx: AppContext,
  integrationId: string,
  call: CallContext,
): Promise<MatchSummary> {
  const onPhase = progressOf(integrationId, call)
  const { db } = ctx
  if (ctx.matchRunner === undefined || !matchesOffThread(ctx, call)) {
    return runMatchHere(targetOf(ctx), integrationId, { onResult: call.onMatchResult ?? ignore, onPhase })
      .summary
  }
  requireIntegration(db, integrationId)
  const { nativeBinding } = siblingOptions(db)
  let counts = { employees: 0, legacyUsers: 0 }
  const summary = await ctx.matchRunner(
    {
      dbPath: db.name,
      ...(nativeBinding ? { nativeBinding } : {}),
      integrationId,
      version: ctx.version,
      now: ctx.clock.now().toISOString(),
    },
    {
      ...(call.signal ? { signal: call.signal } : {}),
      onPhase: (phase, known) => {
        counts = known
        onPhase(phase, known)
      },
    },
  )
  onPhase('done', counts)
  return summary
}

const ignore = () => {}

/** The call's match progress, timed from now. */
function progressOf(integrationId: string, call: CallContext): MatchPhaseListener {
  const started = performance.now()
  return (phase, counts) =>
    call.onMatchProgress?.({
      integrationId,
      phase,
      ...counts,
      elapsedMs: Math.round(performance.now() - started),
    })
}

/** Whether a call's match runs in the host's worker: not for a caller that takes each result, nor in memory. */
function matchesOffThread(ctx: AppContext, call: CallContext): boolean {
  return ctx.matchRunner !== undefined && call.onMatchResult === undefined && !ctx.db.memory
}

/**
 * The plan an export writes, reflecting every decision so far. Where the host has a worker, the stored
 * plan while it rests on the current inputs (decisions store theirs), else one the worker recomputes and
 * stores, read back as a list (the mapping needs no candidates); elsewhere recomputed and stored here.
 */
async function freshPlanForExport(
  ctx: AppContext,
  integrationId: string,
  call: CallContext,
): Promise<{ output: MatchOutput; remoteIdOf: ReadonlyMap<string, string> }> {
  const { db } = ctx
  if (matchesOffThread(ctx, call)) {
    requireIntegration(db, integrationId)
    const storedNow = () =>
      storedMatchOutput(db, integrationId, matchInputsStamp(db, integrationId, ctx.version), { view: 'list' })
    let output = storedNow()
    if (output === null) {
      await runMatchForCall(ctx, integrationId, call)
      output = storedNow()
    }
    const remoteIdOf = new Map(loadEmployees(db, integrationId).map((e) => [e.id, e.remote_id]))
    // Not stored when the inputs moved while the worker matched: then it matches again here.
    if (output) return { output, remoteIdOf }
  }
  const onPhase = progressOf(integrationId, call)
  const { summary, results, remoteIdOf } = runMatchHere(targetOf(ctx), integrationId, { onPhase })
  return { output: { summary, results }, remoteIdOf }
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
  const { summary, results } = runMatch(ctx, integrationId)
  // Read back in the shape asked for; a write that moved the inputs meanwhile gets the whole output.
  const fresh = matchInputsStamp(ctx.db, integrationId, ctx.version)
  return storedMatchOutput(ctx.db, integrationId, fresh, query) ?? { results, summary }
}

/**
 * currentMatch for a call: when matching must run again, it runs as `match:run` does (off this thread
 * where the host can), and the stored results are read back.
 */
export async function currentMatchForCall(
  ctx: AppContext,
  integrationId: string,
  query: StoredResultsQuery,
  call: CallContext,
): Promise<MatchOutput> {
  requireIntegration(ctx.db, integrationId)
  const stamp = matchInputsStamp(ctx.db, integrationId, ctx.version)
  const stored = storedMatchOutput(ctx.db, integrationId, stamp, query)
  if (stored) return stored
  await runMatchForCall(ctx, integrationId, { ...call, onMatchResult: undefined })
  // Stored by now, unless the inputs moved meanwhile: then it matches again here.
  return currentMatch(ctx, integrationId, query)
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
      ok({ summary: await runMatchForCall(ctx, request.integrationId, call) }),

    'match:results': async (request, call) => {
      // Review is open: the worker builds what decisions rest on now, not at the first decision.
      offThread(ctx)?.prepare(request.integrationId, ctx.clock.now())
      return ok(
        await currentMatchForCall(
          ctx,
          request.integrationId,
          {
            ...(request.view ? { view: request.view } : {}),
            ...(request.userIds ? { userIds: request.userIds } : {}),
          },
          call,
        ),
      )
    },

    'match:decide': async (request) =>
      offThread(ctx)?.call('match:decide', request, ctx.clock.now()) ?? ok(decide(ctx, guards, request)),

    'match:undo': async (request) =>
      offThread(ctx)?.call('match:undo', request, ctx.clock.now()) ?? ok(undo(ctx, guards, request)),

    'match:accept-domain': async (request) =>
      offThread(ctx)?.call('match:accept-domain', request, ctx.clock.now()) ?? ok(acceptDomain(ctx, request)),

    'match:accept-bulk': async (request) => {
      const { integrationId } = request
      requireIntegration(db, integrationId)
      const select = () =>
        selectBulkPairs(
          currentMatch(ctx, integrationId, { view: 'list' }),
          loadLegacyUsers(db, integrationId),
          loadEmployees(db, integrationId),
          request,
        )
      if (request.dryRun === true) return ok({ dryRun: true, batch: null, ...select() })
      const runner = offThread(ctx)
      if (runner) return runner.call('match:accept-bulk', request, ctx.clock.now())
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
      const runner = offThread(ctx)
      if (runner) return runner.call('match:undo-batch', request, ctx.clock.now())
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

    'export:mapping': async (request, call) => {
      const { output, remoteIdOf } = await freshPlanForExport(ctx, request.integrationId, call)
      return ok(mappingFile(mappingRows(output, remoteIdOf), request.format, request.integrationId))
    },
  }
}

/** Accepts every pair of a domain change at once, as one batch the history can undo. */
function acceptDomain(
  ctx: AppContext,
  request: ApiRequest<'match:accept-domain'>,
): { accepted: number; batch: number | null } {
  const { db } = ctx
  const { integrationId } = request
  requireIntegration(db, integrationId)
  const added = recordDecisions(
    ctx,
    integrationId,
    (events) => {
      const employees = loadEmployees(db, integrationId)
      const legacy = loadLegacyUsers(db, integrationId)
      const decisions = effectiveDecisions(events)
      // The stored plan is the whole match's (decisions keep it current): nothing is matched again.
      const output = currentMatch(ctx, integrationId, { view: 'list' })
      const pairs = domainChangePairs(employees, legacy, output, decisions, request.from, request.to)
      const kind: DecisionKind = 'accept'
      return pairs.map((pair) => ({ user_id: pair.user_id, kind, kombo_id: pair.kombo_id, undoes: null }))
    },
    { batch: true },
  )
  return { accepted: added.length, batch: added[0]?.batch ?? null }
}

type Guards = ReturnType<typeof matchGuards>

/** The host's decision runner (a match worker keeping the basis and lists); none for a database in memory. */
function offThread(ctx: AppContext) {
  return ctx.db.memory ? undefined : ctx.decisionRunner
}

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
