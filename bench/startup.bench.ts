/**
 * CLI start-up: how long `kombo-reconcile --help` and each `kombo-reconcile <command> --help` take as whole
 * processes (the bundled CLI as installed), that is the cost every command pays before any work. Wall
 * time moves with the load on the box; CPU time (user + system, from GNU time) is what it costs on an
 * idle core.
 *
 *   npm run bench:startup
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const RUNS = 7
const COMMANDS = [
  'sync',
  'employees',
  'import',
  'legacy',
  'match',
  'decide',
  'diff',
  'confirm-removals',
  'export',
]

execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' })
const scratch = mkdtempSync(join(tmpdir(), 'startup-'))
const report = join(scratch, 'time.txt')

function timeOnce(args: string[]): { wallMs: number; cpuMs: number } {
  const started = performance.now()
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', report, process.execPath, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const wallMs = performance.now() - started
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited with ${run.status}`)
  const [user, system] = readFileSync(report, 'utf8').trim().split(/\s+/).slice(-2).map(Number)
  return { wallMs, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000 }
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const lines = ['| command | wall (median) | CPU (median) |', '| --- | ---: | ---: |']
for (const label of ['--help', ...COMMANDS.map((command) => `${command} --help`)]) {
  const args = ['bin/kombo-reconcile.js', ...label.split(' ')]
  const runs = Array.from({ length: RUNS }, () => timeOnce(args))
  lines.push(
    `| \`kombo-reconcile ${label}\` | ${median(runs.map((r) => r.wallMs)).toFixed(0)} ms | ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms |`,
  )
  console.error(lines[lines.length - 1])
}
const empty = Array.from({ length: RUNS }, () => timeOnce(['-e', '0']))
lines.push(
  `| \`node -e 0\` (Node itself) | ${median(empty.map((r) => r.wallMs)).toFixed(0)} ms | ${median(empty.map((r) => r.cpuMs)).toFixed(0)} ms |`,
)
rmSync(scratch, { recursive: true, force: true })
console.log(`### CLI start-up (median of ${RUNS} runs)\n\n${lines.join('\n')}\n`)
