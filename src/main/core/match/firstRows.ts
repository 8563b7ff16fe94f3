import type { ApiHandlers } from '../../../shared/api'
import type { StoredEmployee } from '../../../shared/dto/employees'
import type { LegacyUser } from '../../../shared/dto/legacy'
import type { MatchOutput, MatchStatus, ReviewFirstRows } from '../../../shared/dto/match'
import { ok } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { parseExtra } from '../legacy/legacyStaging'
import type { Database } from '../store/database'
import { STORED_EMPLOYEE_SQL_COLUMNS, storedEmployeeFromRow } from '../store/employeeRows'
import { mappedRows } from '../store/rows'
import { currentMatchForCall } from './handlers'

/**
 * Review's first paint (docs/architecture.md, Matching): the first rows of the list with everything they
 * show, read through indexes, so opening Review costs the same at 100,000 users as at 1,000. The whole
 * list follows in its list view; matching runs only when its inputs moved, as for match:results.
 */
export function firstRowsHandlers(ctx: AppContext): Pick<ApiHandlers, 'match:first-rows'> {
  return {
    'match:first-rows': async ({ integrationId, filter, limit }, call) => {
      // When the inputs moved, matching runs as match:run does: off the host's thread where it can.
      const rows = (status: MatchStatus | undefined): Promise<MatchOutput> =>
        currentMatchForCall(ctx, integrationId, { limit, ...(status ? { status } : {}) }, call)
      let chosen: ReviewFirstRows['filter'] = filter === 'auto' ? 'suggested' : filter
      let output = await rows(chosen === 'all' ? undefined : chosen)
      if (filter === 'auto' && output.summary.suggested === 0) {
        chosen = 'all'
        output = await rows(undefined)
      }
      const userIds = output.results.map((result) => result.user_id)
      const komboIds = new Set<string>()
      for (const result of output.results) {
        if (result.kombo_id !== null) komboIds.add(result.kombo_id)
        for (const candidate of result.candidates) komboIds.add(candidate.kombo_id)
      }
      return ok({
        filter: chosen,
        results: output.results,
        users: legacyUsersById(ctx.db, integrationId, userIds),
        employees: employeesById(ctx.db, integrationId, [...komboIds]),
        summary: output.summary,
      })
    },
  }
}

function legacyUsersById(db: Database, integrationId: string, userIds: readonly string[]): LegacyUser[] {
  const rows = db
    .prepare(
      `SELECT user_id, email, first_name, last_name, full_name, hris_id, private_email, status, line, extra
       FROM legacy_users
       WHERE integration_id = ? AND user_id IN (SELECT value FROM json_each(?)) ORDER BY line, user_id`,
    )
    .all(integrationId, JSON.stringify(userIds)) as (Omit<LegacyUser, 'extra'> & { extra: string })[]
  return rows.map((row) => ({ ...row, extra: parseExtra(row.extra) }))
}

function employeesById(db: Database, integrationId: string, komboIds: readonly string[]): StoredEmployee[] {
  const rows = db
    .prepare(
      `SELECT ${STORED_EMPLOYEE_SQL_COLUMNS} FROM employees
       WHERE integration_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .all(integrationId, JSON.stringify(komboIds))
  return mappedRows(rows, 'employees', storedEmployeeFromRow)
}
