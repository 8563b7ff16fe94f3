import type { ApiHandlers } from '../../../shared/api'
import type { DecisionKind, MatchOutput } from '../../../shared/dto/match'
import { fail, ok } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { mappingFile, mappingRows } from '../export/mapping'
import { effectiveDecisions, latestUndoable } from './decisions'
import { domainChangePairs, matchLegacyToEmployees } from './matchLegacyToEmployees'
import {
  appendDecisions,
  employeeExists,
  legacyUserExists,
  listDecisionEvents,
  loadEmployees,
  loadLegacyUsers,
  requireIntegration,
  storeMatchOutput,
  storedMatchFor,
  usersMatchedTo,
} from './matchStore'

type MatchHandlerNames =
  'match:run' | 'match:decide' | 'match:undo' | 'match:accept-domain' | 'match:decisions' | 'export:mapping'

/** Loads the integration's data, computes the plan and stores it in one transaction. */
export function runMatch(
  ctx: AppContext,
  integrationId: string,
): { output: MatchOutput; remoteIdOf: Map<string, string> } {
  requireIntegration(ctx.db, integrationId)
  const { employees, legacy, events } = ctx.db.transaction(() => ({
    employees: loadEmployees(ctx.db, integrationId),
    legacy: loadLegacyUsers(ctx.db, integrationId),
    events: listDecisionEvents(ctx.db, integrationId),
  }))()
  const output = matchLegacyToEmployees(employees, legacy, effectiveDecisions(events))
  const remoteIdOf = new Map(employees.map((employee) => [employee.id, employee.remote_id]))
  storeMatchOutput(ctx.db, integrationId, output, remoteIdOf, ctx.clock.now().toISOString())
  return { output, remoteIdOf }
}

export function matchHandlers(ctx: AppContext): Pick<ApiHandlers, MatchHandlerNames> {
  const { db } = ctx
  const now = () => ctx.clock.now().toISOString()

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

  /** A link must stay one-to-one: refuse an employee another user is already linked to. */
  function requireFreeEmployee(integrationId: string, userId: string, komboId: string): void {
    const decided = effectiveDecisions(listDecisionEvents(db, integrationId))
    for (const decision of decided.values()) {
      if (decision.user_id !== userId && decision.link?.kombo_id === komboId) {
        fail(
          'CONFLICT',
          `employee ${komboId} is already linked to user ${decision.user_id} by a decision; undo or reject that link first`,
        )
      }
    }
    const others = usersMatchedTo(db, integrationId, komboId).filter((other) => other !== userId)
    if (others.length > 0) {
      fail(
        'CONFLICT',
        `employee ${komboId} is already linked to user ${others.join(', ')}; reject that link first`,
      )
    }
  }

  return {
    'match:run': async (request) => ok(runMatch(ctx, request.integrationId).output),

    'match:decide': async (request) => {
      const { integrationId, userId, kind } = request
      requireIntegration(db, integrationId)
      requireUser(integrationId, userId)
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
      if ((kind === 'accept' || kind === 'manual') && komboId !== null) {
        requireFreeEmployee(integrationId, userId, komboId)
      }
      const [event] = appendDecisions(
        db,
        integrationId,
        [{ user_id: userId, kind, kombo_id: komboId, undoes: null }],
        now(),
      )
      return ok(event!)
    },

    'match:undo': async (request) => {
      requireIntegration(db, request.integrationId)
      requireUser(request.integrationId, request.userId)
      const target =
        latestUndoable(listDecisionEvents(db, request.integrationId), request.userId) ??
        fail('NOT_FOUND', `user ${request.userId} has no decision left to undo`)
      const [event] = appendDecisions(
        db,
        request.integrationId,
        [{ user_id: request.userId, kind: 'undo', kombo_id: target.kombo_id, undoes: target.id }],
        now(),
      )
      return ok(event!)
    },

    'match:accept-domain': async (request) => {
      const { integrationId } = request
      requireIntegration(db, integrationId)
      const employees = loadEmployees(db, integrationId)
      const legacy = loadLegacyUsers(db, integrationId)
      const decisions = effectiveDecisions(listDecisionEvents(db, integrationId))
      const output = matchLegacyToEmployees(employees, legacy, decisions)
      const pairs = domainChangePairs(employees, legacy, output, decisions, request.from, request.to)
      const kind: DecisionKind = 'accept'
      appendDecisions(
        db,
        integrationId,
        pairs.map((pair) => ({ user_id: pair.user_id, kind, kombo_id: pair.kombo_id, undoes: null })),
        now(),
      )
      return ok({ accepted: pairs.length })
    },

    'match:decisions': async (request) => {
      requireIntegration(db, request.integrationId)
      return ok(listDecisionEvents(db, request.integrationId))
    },

    'export:mapping': async (request) => {
      // The mapping reflects every decision made so far: the plan is recomputed (and stored) first.
      const { output, remoteIdOf } = runMatch(ctx, request.integrationId)
      return ok(mappingFile(mappingRows(output, remoteIdOf), request.format, request.integrationId))
    },
  }
}
