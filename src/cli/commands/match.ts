import type { MatchOutput } from '../../shared/dto/match'
import { EXIT, withCliApp, printJson, requireString, type CliCommand } from '../cli'

/** "(remote_id 515, work_email 688)": how the results of one status were reached. */
function methodsOf(output: MatchOutput, status: string): string {
  const counts = new Map<string, number>()
  for (const result of output.results) {
    if (result.status === status) counts.set(result.method, (counts.get(result.method) ?? 0) + 1)
  }
  const parts = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([method, count]) => `${method} ${count}`)
  return parts.length > 0 ? ` (${parts.join(', ')})` : ''
}

/** Summary counts and the inferred domain changes: what a specialist reads before opening the review. */
export function describeMatch(output: MatchOutput, integrationId: string): string {
  const { summary } = output
  const lines = [
    `${summary.legacyUsers} legacy users, ${summary.employees} employees in ${integrationId}`,
    `matched   ${summary.matched}${methodsOf(output, 'matched')}`,
    `suggested ${summary.suggested}${methodsOf(output, 'suggested')}: waiting for review`,
    `unmatched ${summary.unmatched}${methodsOf(output, 'unmatched')}`,
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

export const matchCommand: CliCommand = {
  name: 'match',
  usage: 'match --db F --integration ID [--json]',
  options: { db: { type: 'string' }, integration: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, io) {
    const dbPath = requireString(values, 'db')
    const integrationId = requireString(values, 'integration')
    return withCliApp(dbPath, io, async (app) => {
      const output = await app.call('match:run', { integrationId })
      if (values.json) printJson(io, output)
      else io.stdout(describeMatch(output, integrationId))
      return EXIT.ok
    })
  },
}
