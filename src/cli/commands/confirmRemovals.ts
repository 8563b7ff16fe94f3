import type { RemoveAction } from '../../shared/dto/diff'
import {
  EXIT,
  withCliApp,
  printJson,
  type CliCommand,
  INTEGRATION_OPTIONS,
  integrationTarget,
  matchProgressOn,
} from '../cli'
import { reasonCounts } from './diff'

/** How many confirmed removals the human output lists one by one before summarising the rest. */
const LISTED_REMOVALS = 20

export const confirmRemovalsCommand: CliCommand = {
  name: 'confirm-removals',
  usage: 'confirm-removals --db F --integration ID [--json]',
  options: INTEGRATION_OPTIONS,
  async run(values, io) {
    const { dbPath, integrationId } = integrationTarget(values)
    return withCliApp(dbPath, io, async (app) => {
      // What the guard holds back now, to say exactly what this confirmation released.
      // A file with users no match has seen yet is matched first, as diff does.
      const before = await app.call('diff:get', { integrationId }, { onMatchProgress: matchProgressOn(io) })
      const after = await app.call('diff:confirm-removals', { integrationId })
      if (values.json) {
        printJson(io, after)
        return EXIT.ok
      }
      const released: RemoveAction[] = before.basisRunId === after.basisRunId ? before.withheldRemovals : []
      const lines = [
        `Confirmed the removals of sync run ${after.basisRunId ?? '?'} at ${after.guard.confirmedAt ?? '?'}: ` +
          `${released.length || after.guard.removals} removals released` +
          (released.length > 0 ? ` (${reasonCounts(released)})` : '') +
          `; the remove list now has ${after.remove.length}.`,
      ]
      for (const removal of released.slice(0, LISTED_REMOVALS)) {
        lines.push(`  ${removal.user_id}  ${removal.reason}  (employee ${removal.kombo_id ?? '-'})`)
      }
      if (released.length > LISTED_REMOVALS) lines.push(`  ... and ${released.length - LISTED_REMOVALS} more`)
      if (after.stale !== null)
        lines.push(`Note: the latest sync failed; these are the lists of the last good one.`)
      io.stdout(lines.join('\n') + '\n')
      return EXIT.ok
    })
  },
}
