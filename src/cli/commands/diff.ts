import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ActionPlan, RemoveAction, RemoveReason, StreamedPlanField } from '../../shared/dto/diff'
import { AppFailure } from '../../shared/result'
import { percent } from '../../main/core/diff/planService'
import { exportList } from '../../main/core/export/lists'
import { writeExportFile } from '../../main/core/export/atomicFile'
import { neutralisedNote } from './export'
import {
  EXIT,
  UsageError,
  withCliApp,
  optionalString,
  printJson,
  JsonWriter,
  type CliCommand,
  type CliIO,
  INTEGRATION_OPTIONS,
  integrationTarget,
  matchProgressOn,
} from '../cli'

const USAGE = 'diff --db F --integration ID [--json] [--out-dir DIR [--format csv|json]]'

const LISTS = ['add', 'update', 'remove'] as const

export const diffCommand: CliCommand = {
  name: 'diff',
  usage: USAGE,
  options: {
    ...INTEGRATION_OPTIONS,
    'out-dir': { type: 'string' },
    format: { type: 'string' },
  },
  async run(values, io) {
    const { dbPath, integrationId } = integrationTarget(values)
    const outDir = optionalString(values, 'out-dir')
    const format = optionalString(values, 'format') ?? 'csv'
    if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json')
    if (values.format !== undefined && outDir === undefined) {
      throw new UsageError('--format applies to the files of --out-dir; give --out-dir too')
    }
    return withCliApp(
      dbPath,
      io,
      async (app) => {
        if (values.json && outDir === undefined) {
          // Only the document: the stored lists go to stdout as they are read, never parsed whole.
          const printer = streamedPlanPrinter(io)
          const plan = await app.call(
            'diff:get',
            { integrationId },
            { onPlanField: printer.field, onMatchProgress: matchProgressOn(io) },
          )
          if (printer.started()) printer.end()
          else printJson(io, plan)
          return EXIT.ok
        }
        const plan = await app.call('diff:get', { integrationId }, { onMatchProgress: matchProgressOn(io) })
        const written: string[] = []
        if (outDir !== undefined) {
          makeDir(outDir)
          // From the plan just shown, not three more computations: the files must agree with each other
          // and with the printed plan even if a sync lands meanwhile.
          for (const list of LISTS) {
            const file = exportList(plan, list, format)
            const path = join(outDir, file.fileName)
            writeExportFile(path, file.content)
            written.push(`wrote ${path} (${file.rows} rows)${neutralisedNote(file.cellsNeutralised)}`)
          }
        }
        if (values.json) {
          printJson(io, plan)
          for (const line of written) io.stderr(line + '\n')
        } else {
          io.stdout(describePlan(plan, { dbPath, integrationId }))
          for (const line of written) io.stdout(line + '\n')
        }
        return EXIT.ok
      },
      { readOnlyCopyIfNeeded: true },
    )
  },
}

/** Prints the plan exactly as printJson would, field by field as diff:get hands the stored lists over. */
function streamedPlanPrinter(io: CliIO) {
  const out = new JsonWriter(io)
  let fields = 0
  return {
    field(field: StreamedPlanField): void {
      out.write(`${fields === 0 ? '{' : ','}${out.newline(1)}${JSON.stringify(field.key)}${out.colon}`)
      fields += 1
      if ('value' in field) {
        out.value(field.value, 1)
        return
      }
      let count = 0
      for (const element of field.elements) {
        out.write(count === 0 ? '[' + out.newline(2) : ',' + out.newline(2))
        if (element instanceof Uint8Array) out.json(element, 2)
        else out.value(element, 2)
        count += 1
      }
      out.write(count === 0 ? '[]' : out.newline(1) + ']')
    },
    started: () => fields > 0,
    end(): void {
      out.write(out.newline(0) + '}\n')
      out.flush()
    },
  }
}

function makeDir(path: string): void {
  try {
    mkdirSync(path, { recursive: true })
  } catch (cause) {
    throw new AppFailure({
      code: 'INPUT_INVALID',
      message: `cannot create the output directory ${path}: ${(cause as Error).message}`,
    })
  }
}

/** "2 deleted, 1 no_employee", most frequent first. */
export function reasonCounts(removals: readonly RemoveAction[]): string {
  const counts = new Map<RemoveReason, number>()
  for (const r of removals) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1)
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ')
}

export function describePlan(plan: ActionPlan, where: { dbPath: string; integrationId: string }): string {
  const lines: string[] = []
  lines.push(
    plan.basisRunId === null
      ? `Lists for ${plan.integrationId}: no successful sync yet`
      : `Lists for ${plan.integrationId}, from sync run ${plan.basisRunId}:`,
  )
  const rehires = plan.add.filter((a) => a.rehire_of !== null).length
  lines.push(
    `  add     ${plan.add.length}${rehires > 0 ? ` (${rehires} re-hire${rehires === 1 ? '' : 's'})` : ''}`,
  )
  lines.push(`  update  ${plan.update.length}`)
  lines.push(
    `  remove  ${plan.remove.length}${plan.remove.length > 0 ? ` (${reasonCounts(plan.remove)})` : ''}`,
  )
  if (plan.pendingReview.length > 0) {
    lines.push(`  review  ${plan.pendingReview.length} suggestions await review (neither added nor removed)`)
  }
  lines.push(describeGuard(plan, where))
  if (plan.stale !== null) {
    lines.push(`STALE: these are the lists of the last successful sync. ${plan.stale.explanation}`)
    lines.push(`  Next step: ${plan.stale.nextStep}`)
    if (plan.stale.logUrl !== null) lines.push(`  Kombo log: ${plan.stale.logUrl}`)
  }
  for (const notice of plan.notices) lines.push(`Note: ${notice}`)
  return lines.join('\n') + '\n'
}

function describeGuard(plan: ActionPlan, where: { dbPath: string; integrationId: string }): string {
  const { guard } = plan
  const share =
    `${guard.removals} of ${guard.linked} linked users` +
    (guard.linked > 0
      ? ` (${percent(guard.removals / guard.linked)}, limit ${percent(guard.threshold)})`
      : '')
  if (!guard.tripped) return `Deletion guard: not tripped; this sync removes ${share}.`
  if (guard.confirmed) {
    return `Deletion guard: tripped (this sync removes ${share}); confirmed at ${guard.confirmedAt ?? '?'}, removals released.`
  }
  return (
    `Deletion guard: TRIPPED; this sync removes ${share}, so ${guard.withheld} removals (${reasonCounts(plan.withheldRemovals)}) are withheld.\n` +
    `  Check them, then release them with: kombo-reconcile confirm-removals --db ${shellWord(where.dbPath)} --integration ${shellWord(where.integrationId)}`
  )
}

/** Quotes a value for the suggested command line only when it needs it. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}
