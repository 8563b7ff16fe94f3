import type { DecisionEvent } from '../../../shared/dto/match'
import type { AppContext } from '../app/context'
import { listsGenerationBefore, refreshListsAfterDecisions } from '../diff/planService'
import { writeOrExplain } from '../diff/writeAccess'
import { writeCounted } from '../store/inputCounts'
import { rematchAfterDecisions } from './incrementalRematch'
import {
  appendDecisions,
  listDecisionEvents,
  matchInputsStamp,
  nextDecisionBatch,
  type NewDecision,
} from './matchStore'

/**
 * Appends decisions and brings everything that rests on them up to date in the same write transaction:
 * the match results and the stored lists. `diff`, the exports and every window read the decision at
 * once, and a failure anywhere leaves neither the decision nor a half-updated plan behind.
 */
export function recordDecisions(
  ctx: AppContext,
  integrationId: string,
  decide: (events: readonly DecisionEvent[]) => NewDecision[],
  options: { batch?: boolean } = {},
): DecisionEvent[] {
  const { db } = ctx
  // The row counts the stamps rest on, moved by exactly what this transaction writes (store/inputCounts.ts).
  return writeCounted(
    db,
    integrationId,
    (write) => writeOrExplain(db, write),
    (counted) => {
      const stampBefore = matchInputsStamp(db, integrationId, ctx.version, counted.counts)
      const now = ctx.clock.now()
      const generationBefore = listsGenerationBefore(db, integrationId)
      const added = appendDecisions(
        db,
        integrationId,
        decide(listDecisionEvents(db, integrationId)),
        now.toISOString(),
        options.batch ? nextDecisionBatch(db, integrationId) : null,
      )
      // Only the results the decisions move are built again, then only their users' entries in the
      // lists, in this same write transaction (docs/architecture.md, "Decisions").
      if (added.length > 0) {
        const target = { db, version: ctx.version, now }
        const { listRows, moved, rowsAdded } = rematchAfterDecisions(
          target,
          integrationId,
          stampBefore,
          added,
        )
        counted.add(rowsAdded)
        const change =
          moved === null ? null : { rows: listRows, moved, decidedUsers: added.map((event) => event.user_id) }
        refreshListsAfterDecisions(
          db,
          integrationId,
          now,
          generationBefore,
          listRows,
          change,
          counted.known(),
        )
      }
      return added
    },
  )
}
