import type { ApiRequest } from '../../../shared/api'
import type { LegacyImportSummary } from '../../../shared/dto/legacy'
import { fail } from '../../../shared/result'
import type { Database } from '../store/database'
import type { ByteSource } from './byteSource'
import { refusalMessage, toCsvProblems } from './csvProblems'
import { readLegacyFile } from './legacyFileReader'
import { openStaging, replaceFromStaging } from './legacyStaging'

/** How many user ids a refusal quotes before it says "and more". */
const DECIDED_USER_EXAMPLES = 5
/**
 * A new file may leave out this share of the previous import's users without asking: people leave and a
 * few accounts are cleaned up between exports, but a file missing more was most likely cut off or
 * filtered, and importing it would turn those users into removals (docs/architecture.md, Legacy import).
 */
export const SHRINK_TOLERANCE = 0.05

type ImportRequest = Omit<ApiRequest<'legacy:import'>, 'contentBase64'>

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`

function refuseDecisionsLeaving(fileName: string, leaving: readonly string[]): never {
  const examples = leaving.slice(0, DECIDED_USER_EXAMPLES).join(', ')
  const more =
    leaving.length > DECIDED_USER_EXAMPLES ? ` and ${leaving.length - DECIDED_USER_EXAMPLES} more` : ''
  return fail(
    'CONFLICT',
    `${fileName} leaves out ${leaving.length} users with review decisions (${examples}${more}); nothing was imported. Import it with --drop-decisions (or confirm in the app) to set their decisions aside until those users return`,
    { details: { reason: 'decisions_would_drop', users: leaving.length, userIds: leaving } },
  )
}

function refuseShrink(
  fileName: string,
  previousUsers: number,
  usersRemoved: number,
  incoming: number,
): never {
  return fail(
    'CONFLICT',
    `${fileName} leaves out ${usersRemoved} of the ${previousUsers} users of the previous import ` +
      `(${percent(usersRemoved / previousUsers)}, more than ${percent(SHRINK_TOLERANCE)}); nothing was imported. ` +
      'If the file is complete, import it with --allow-shrink (or confirm in the app)',
    { details: { reason: 'import_would_shrink', previousUsers, usersRemoved, incomingUsers: incoming } },
  )
}

/**
 * Imports a legacy user export: reads it into a staging table as it streams (memory stays flat however
 * large the file), refuses it with every problem listed, or when it would set review decisions aside or
 * leave out many users without being told to, and otherwise replaces the previous import in one
 * transaction. Everything before that transaction leaves the stored import as it was.
 */
export function importLegacyFile(
  db: Database,
  request: ImportRequest,
  source: ByteSource,
  importedAt: string,
): LegacyImportSummary {
  const staging = openStaging(db)
  try {
    // One transaction for the whole file, on the staging table only: no write lock on the desk meanwhile.
    const outcome = db.transaction(() => readLegacyFile(source, request.map ?? {}, staging))()
    if (!outcome.ok) {
      return fail('CSV_INVALID', refusalMessage(request.fileName, outcome.problems), {
        details: toCsvProblems(outcome.problems),
      })
    }
    const { file } = outcome
    // The guards see the comparison inside the replacing transaction, under the write lock.
    const stored = replaceFromStaging(
      db,
      request.integrationId,
      { fileName: request.fileName, ...file },
      importedAt,
      (staged) => {
        if (staged.decidedLeaving.length > 0 && request.dropDecisions !== true) {
          refuseDecisionsLeaving(request.fileName, staged.decidedLeaving)
        }
        if (staged.usersRemoved > staged.previousUsers * SHRINK_TOLERANCE && request.allowShrink !== true) {
          refuseShrink(request.fileName, staged.previousUsers, staged.usersRemoved, file.userCount)
        }
      },
    )
    return {
      fileName: request.fileName,
      rows: file.userCount,
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
  } finally {
    staging.clear()
  }
}
