import type { MatchResult, MatchSummary } from '../../shared/dto/match'
import { resultJson } from '../../main/core/match/resultJson'
import {
  EXIT,
  JsonWriter,
  withCliApp,
  type CliCommand,
  type CliIO,
  INTEGRATION_OPTIONS,
  integrationTarget,
  matchProgressOn,
} from '../cli'

/** status -> method -> how many results, counted as they stream by. */
type MethodCounts = Map<string, Map<string, number>>

function countMethod(counts: MethodCounts, result: MatchResult): void {
  let methods = counts.get(result.status)
  if (!methods) counts.set(result.status, (methods = new Map()))
  methods.set(result.method, (methods.get(result.method) ?? 0) + 1)
}

/** "(remote_id 515, work_email 688)": how the results of one status were reached. */
function methodsOf(counts: MethodCounts, status: string): string {
  const parts = [...(counts.get(status) ?? new Map<string, number>()).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([method, count]) => `${method} ${count}`)
  return parts.length > 0 ? ` (${parts.join(', ')})` : ''
}

/** Summary counts and the inferred domain changes: what a specialist reads before opening the review. */
function describeSummary(summary: MatchSummary, methods: MethodCounts, integrationId: string): string {
  const lines = [
    `${summary.legacyUsers} legacy users, ${summary.employees} employees in ${integrationId}`,
    `matched   ${summary.matched}${methodsOf(methods, 'matched')}`,
    `suggested ${summary.suggested}${methodsOf(methods, 'suggested')}: waiting for review`,
    `unmatched ${summary.unmatched}${methodsOf(methods, 'unmatched')}`,
  ]
  if (summary.conflicts > 0) lines.push(`${summary.conflicts} results have conflicting evidence (see --json)`)
  if (summary.domainMappings.length === 0) lines.push('no company email domain change seen')
  for (const mapping of summary.domainMappings) {
    lines.push(
      `domain change ${mapping.from} -> ${mapping.to}: ${mapping.support} of ${mapping.total} unmatched users reappear` +
        ` (accept with: decide --accept-domain ${mapping.from}=${mapping.to})`,
    )
  }
  return lines.map((line) => line + '\n').join('')
}

/**
 * Prints `{ "results": [...], "summary": {...} }` exactly as printJson would, one result at a time as
 * matching stores them.
 */
function jsonResultsPrinter(io: CliIO) {
  const out = new JsonWriter(io)
  let first = true
  out.write(`{${out.newline(1)}"results"${out.colon}[`)
  return {
    result(result: MatchResult) {
      out.write(first ? out.newline(2) : ',' + out.newline(2))
      // Compact JSON reuses the text the run stored for the result (resultJson.ts).
      if (io.terminal === true) out.value(result, 2)
      else out.write(resultJson(result))
      first = false
    },
    end(summary: MatchSummary) {
      out.write(`${first ? '' : out.newline(1)}],${out.newline(1)}"summary"${out.colon}`)
      out.value(summary, 1)
      out.write(out.newline(0) + '}\n')
      out.flush()
    },
  }
}

export const matchCommand: CliCommand = {
  name: 'match',
  usage: 'match --db F --integration ID [--json]',
  options: INTEGRATION_OPTIONS,
  async run(values, io) {
    const { dbPath, integrationId } = integrationTarget(values)
    return withCliApp(dbPath, io, async (app) => {
      const methods: MethodCounts = new Map()
      const printer = values.json ? jsonResultsPrinter(io) : null
      const { summary } = await app.call(
        'match:run',
        { integrationId },
        {
          onMatchResult: (result) => {
            countMethod(methods, result)
            printer?.result(result)
          },
          onMatchProgress: matchProgressOn(io),
        },
      )
      if (printer) printer.end(summary)
      else io.stdout(describeSummary(summary, methods, integrationId))
      return EXIT.ok
    })
  },
}
