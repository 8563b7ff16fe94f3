import type { ApiHandlers } from '../../../shared/api'
import type { LegacyImportSummary } from '../../../shared/dto/legacy'
import { fail } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { asResult } from '../app/guard'
import { refusalMessage, toCsvProblems } from './csvProblems'
import { decidedUsersLeaving, listLegacyUsers, replaceLegacyUsers } from './legacyStore'
import { parseLegacyCsv } from './parseLegacyCsv'

/** How many user ids a refusal quotes before it says "and more". */
const DECIDED_USER_EXAMPLES = 5

export function legacyHandlers(ctx: AppContext): Pick<ApiHandlers, 'legacy:import' | 'legacy:list'> {
  return {
    'legacy:import': (request) =>
      asResult((): LegacyImportSummary => {
        const bytes = Buffer.from(request.contentBase64, 'base64')
        // Everything is validated before the database is touched: a refused file leaves the last import.
        const outcome = parseLegacyCsv(bytes, request.map ?? {})
        if (!outcome.ok) {
          return fail('CSV_INVALID', refusalMessage(request.fileName, outcome.problems), {
            details: toCsvProblems(outcome.problems),
          })
        }
        const { file } = outcome
        const leaving = decidedUsersLeaving(
          ctx.db,
          request.integrationId,
          new Set(file.users.map((user) => user.user_id)),
        )
        if (leaving.length > 0 && request.dropDecisions !== true) {
          const examples = leaving.slice(0, DECIDED_USER_EXAMPLES).join(', ')
          const more =
            leaving.length > DECIDED_USER_EXAMPLES
              ? ` and ${leaving.length - DECIDED_USER_EXAMPLES} more`
              : ''
          return fail(
            'CONFLICT',
            `${request.fileName} leaves out ${leaving.length} users with review decisions (${examples}${more}); nothing was imported. Import it with --drop-decisions (or confirm in the app) to set their decisions aside until those users return`,
            { details: { reason: 'decisions_would_drop', users: leaving.length, userIds: leaving } },
          )
        }
        const stored = replaceLegacyUsers(
          ctx.db,
          request.integrationId,
          request.fileName,
          file,
          ctx.clock.now().toISOString(),
        )
        return {
          fileName: request.fileName,
          rows: file.users.length,
          encoding: file.encoding,
          delimiter: file.delimiter,
          columns: file.columns,
          extraColumns: file.extraColumns,
          usersAdded: stored.usersAdded,
          usersRemoved: stored.usersRemoved,
          decisionsKept: stored.decisionsKept,
          decisionsDropped: stored.decisionsDropped,
          rowsCollapsed: file.rowsCollapsed,
          notes: file.notes,
        }
      }),
    'legacy:list': (request) => asResult(() => listLegacyUsers(ctx.db, request.integrationId)),
  }
}
