import type { ApiHandlers } from '../../../shared/api'
import type { MatchOutcomeCounts, MatchMethod, MatchStatus } from '../../../shared/dto/match'
import { ok } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { currentMatchForCall } from './handlers'

/**
 * How the stored results came out, counted in SQL: the overview shows these figures, and reading every
 * result to count them took seconds at 100,000 users. Matching runs first only when its inputs moved.
 */
export function outcomeHandlers(ctx: AppContext): Pick<ApiHandlers, 'match:outcome'> {
  return {
    'match:outcome': async ({ integrationId }, call) => {
      const { summary } = await currentMatchForCall(ctx, integrationId, { view: 'list', limit: 0 }, call)
      const rows = ctx.db
        .prepare(
          `SELECT status, method, count(*) AS n FROM match_results WHERE integration_id = ?
           GROUP BY status, method`,
        )
        .all(integrationId) as { status: MatchStatus; method: MatchMethod; n: number }[]
      const counts: MatchOutcomeCounts = {
        linkedByHrisId: 0,
        linkedByEmail: 0,
        linkedByDecision: 0,
        suggested: 0,
        unmatched: 0,
        summary,
      }
      for (const { status, method, n } of rows) {
        if (status === 'suggested') counts.suggested += n
        else if (status === 'unmatched') counts.unmatched += n
        else if (method === 'remote_id') counts.linkedByHrisId += n
        else if (method === 'decision') counts.linkedByDecision += n
        // Automatic links come only from the HRIS id and the work email (docs/architecture.md, Matching).
        else counts.linkedByEmail += n
      }
      return ok(counts)
    },
  }
}
