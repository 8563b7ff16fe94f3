import type { ApiHandlers } from '../../../shared/api'
import type { LegacyImportSummary } from '../../../shared/dto/legacy'
import { fail } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { asResult } from '../app/guard'
import { refusalMessage, toCsvProblems } from './csvProblems'
import { listLegacyUsers, replaceLegacyUsers } from './legacyStore'
import { parseLegacyCsv } from './parseLegacyCsv'

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
