/**
 * npm run bench:scale — a whole company end to end, as a specialist runs it: `sync`, `import`, `match` and
 * `diff --json` (reading the lists the match kept, and computing them as after a sync), each the bundled
 * CLI as its own process, at 100,000 and 500,000 employees. Records wall
 * time and peak resident memory (GNU time's maximum RSS) per step.
 *
 *   npm run bench:scale                                 # 100,000 and 500,000
 *   BENCH_SCALE_SIZES=100000 BENCH_ROUNDS=7 BENCH_MATCH_ROUNDS=3 npm run bench:scale
 *   BENCH_SCALE_KEEP=1 npm run bench:scale              # keep the databases in bench/.data/scale
 *   BENCH_SCALE_DIFF_ONLY=1 BENCH_SCALE_SIZES=100000 npm run bench:scale   # only diff, on a kept database
 *
 * Data: the Kombo stand-in (its own process) serves a generated company; the legacy export is generated
 * from the synced employees by test/support/legacyExport.ts and written as a CSV file, so the legacy
 * file drifts from the HRIS as a real one does (a third with stored HRIS ids, renamed, nicknamed,
 * contractors, ...).
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { NICKNAMES } from '../src/main/core/demo/generateCompany'
import { generateLegacyExport, type SourceEmployee } from '../test/support/legacyExport'
import { openDatabase } from '../src/main/core/store/database'
import { median, runProcess, startStandInProcess, type ProcessRun } from './support'

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '100000,500000').split(',').map(Number)
/** Rounds of each diff step; sync and import run once. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
/** Rounds of match, which leaves its input as it found it; one by default, as it is the slow step. */
const MATCH_ROUNDS = Number(process.env.BENCH_MATCH_ROUNDS ?? 1)
const KEEP = process.env.BENCH_SCALE_KEEP === '1'
/** Only the diff steps, on the databases an earlier BENCH_SCALE_KEEP=1 run left. */
const DIFF_ONLY = process.env.BENCH_SCALE_DIFF_ONLY === '1'
/** The stand-in's default integration id. */
const INTEGRATION = 'demo:acme'
const SEED = 1
/** The legacy export's seed, as bench/match.bench.ts derives it from the company's. */
const LEGACY_SEED = SEED * 7919
const DATA_DIR = join('bench', '.data', 'scale')
/**
 * Every step runs with V8's heap capped at this size, so a step whose memory grows with the company
 * fails here with "heap out of memory" instead of taking a shared machine's memory.
 */
const HEAP_CAP_MB = Number(process.env.BENCH_SCALE_HEAP_CAP_MB ?? 4096)
/** The stand-in keeps the whole company and its serialised pages in memory (about 6 KB an employee). */
const STAND_IN_HEAP_MB = Number(process.env.BENCH_SCALE_STAND_IN_HEAP_MB ?? 8192)
/** A step still running after this long is stopped and reported as such (coreutils timeout). */
const STEP_TIMEOUT_S = Number(process.env.BENCH_SCALE_STEP_TIMEOUT_S ?? 1800)

type Step = 'sync' | 'import' | 'match' | 'diff after match' | 'diff, lists computed'

interface StepResult {
  step: Step
  runs: ProcessRun[]
  failure: string | null
}

// Measure the CLI as installed: bundled, not compiled from TypeScript on every start.
execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' })
mkdirSync(DATA_DIR, { recursive: true })

const results = new Map<number, StepResult[]>()
for (const size of SIZES) results.set(size, await benchSize(size))
printTable()

async function benchSize(size: number): Promise<StepResult[]> {
  const dir = join(DATA_DIR, String(size))
  const db = join(dir, 'company.db')
  const steps: StepResult[] = []
  if (DIFF_ONLY) {
    if (!existsSync(db)) throw new Error(`${db} is missing: run once with BENCH_SCALE_KEEP=1 first`)
    log(`${size}: diff only, on the database a BENCH_SCALE_KEEP run left`)
  } else if (!(await prepareCompany(size, dir, steps))) {
    return steps
  }

  // A match keeps the lists it changed, so the diff after it reads them: that is what a specialist waits
  // for after `match`. After a sync the lists are computed by the diff itself: each such round runs on a
  // copy of the matched database with its kept lists removed.
  const diffArgs = (db: string) => ['diff', '--db', db, '--integration', INTEGRATION, '--json']
  const afterMatch: ProcessRun[] = []
  for (let round = 0; round < ROUNDS; round += 1) {
    log(`${size}: diff after match ${round + 1}/${ROUNDS}`)
    afterMatch.push(await cli(diffArgs(db)))
  }
  steps.push(stepOf('diff after match', afterMatch))
  const computed: ProcessRun[] = []
  const copy = join(dir, 'diff.db')
  for (let round = 0; round < ROUNDS; round += 1) {
    copyFileSync(db, copy)
    dropKeptLists(copy)
    log(`${size}: diff, lists computed ${round + 1}/${ROUNDS}`)
    computed.push(await cli(diffArgs(copy)))
  }
  steps.push(stepOf('diff, lists computed', computed))
  rmSync(copy, { force: true })
  if (!KEEP && !DIFF_ONLY) rmSync(dir, { recursive: true, force: true })
  return steps
}

/** Sync, import and match a company into `dir`/company.db; false when a step failed. */
async function prepareCompany(size: number, dir: string, steps: StepResult[]): Promise<boolean> {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const db = join(dir, 'company.db')
  const csv = join(dir, 'legacy.csv')
  const integration = ['--db', db, '--integration', INTEGRATION]
  log(`${size}: starting the stand-in`)
  const server = await startStandInProcess(size, SEED, { heapMb: STAND_IN_HEAP_MB })
  if (server.integrationId !== INTEGRATION) throw new Error(`the stand-in serves ${server.integrationId}`)
  try {
    log(`${size}: sync`)
    const sync = await cli(['sync', ...integration, '--base-url', server.baseUrl, '--json'], {
      KOMBO_API_KEY: server.apiKey,
    })
    steps.push(stepOf('sync', [sync]))
    if (sync.exitCode !== 0) return false
  } finally {
    await server.stop()
  }

  log(`${size}: writing the legacy export`)
  writeLegacyCsv(db, csv)
  log(`${size}: import`)
  const imported = await cli(['import', ...integration, '--file', csv, '--json'])
  steps.push(stepOf('import', [imported]))
  if (imported.exitCode !== 0) return false

  // Matching replaces the previous run's results, so every round starts from the same state.
  const matches: ProcessRun[] = []
  for (let round = 0; round < MATCH_ROUNDS; round += 1) {
    log(`${size}: match ${round + 1}/${MATCH_ROUNDS}`)
    // As a specialist runs it: the summary; the results are read from the database by Review and diff.
    const match = await cli(['match', ...integration])
    matches.push(match)
    if (match.exitCode !== 0) break
  }
  steps.push(stepOf('match', matches))
  return matches.every((m) => m.exitCode === 0)
}

/** One CLI command as its own process: bundled, heap-capped, stopped after STEP_TIMEOUT_S. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  const node = [process.execPath, `--max-old-space-size=${HEAP_CAP_MB}`, 'bin/kombo-reconcile.js']
  return runProcess(['timeout', String(STEP_TIMEOUT_S), ...node, ...args], env)
}

function stepOf(step: Step, runs: ProcessRun[]): StepResult {
  const failed = runs.find((run) => run.exitCode !== 0)
  if (failed === undefined) return { step, runs, failure: null }
  return {
    step,
    runs,
    failure: failed.exitCode === 124 ? `stopped after ${STEP_TIMEOUT_S} s` : `exit ${failed.exitCode}`,
  }
}

/** Removes the lists a match kept, so the next diff computes them as it does after a sync. */
function dropKeptLists(dbPath: string): void {
  const db = openDatabase(dbPath)
  try {
    db.prepare('DELETE FROM action_plans').run()
  } finally {
    db.close()
  }
}

/** The legacy export of the synced company, written as the customer's CSV file. */
function writeLegacyCsv(dbPath: string, csvPath: string): void {
  const db = openDatabase(dbPath)
  let employees: SourceEmployee[]
  try {
    employees = db
      .prepare(
        `SELECT id, remote_id, first_name, last_name, display_full_name, work_email, personal_email,
           employment_status FROM employees ORDER BY rowid`,
      )
      .all() as SourceEmployee[]
  } finally {
    db.close()
  }
  const exported = generateLegacyExport(employees, { seed: LEGACY_SEED, nicknames: NICKNAMES })
  const header = [
    'User ID',
    'Email',
    'First Name',
    'Last Name',
    'Full Name',
    'HRIS ID',
    'Private Email',
    'Status',
  ]
  const rows = exported.users.map((u) => [
    u.user_id,
    u.email,
    u.first_name,
    u.last_name,
    u.full_name,
    u.hris_id,
    u.private_email,
    u.status,
  ])
  writeFileSync(csvPath, stringify([header, ...rows]))
}

/** Progress on stderr, with the load average: the box is shared, and the figures move with its load. */
function log(line: string): void {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line} (load ${load})\n`)
}

function printTable(): void {
  console.log(
    `\nwhole processes; medians of ${ROUNDS} diff rounds and ${MATCH_ROUNDS} match rounds (sync, import: 1 run)\n`,
  )
  const header = ['step', ...SIZES.map((s) => `${s.toLocaleString('en')}: wall (CPU)`)]
  header.push(...SIZES.map((s) => `${s.toLocaleString('en')}: peak RSS`))
  console.log(`| ${header.join(' | ')} |`)
  console.log(`| ${header.map(() => '---').join(' | ')} |`)
  const steps: Step[] = ['sync', 'import', 'match', 'diff after match', 'diff, lists computed']
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
  for (const step of steps) {
    const times: string[] = []
    const peaks: string[] = []
    for (const size of SIZES) {
      const result = results.get(size)?.find((r) => r.step === step)
      if (result === undefined) {
        times.push('-')
        peaks.push('-')
      } else if (result.failure !== null) {
        times.push(`failed (${result.failure})`)
        peaks.push(`${Math.max(...result.runs.map((r) => r.peakRssMb)).toFixed(0)} MB`)
      } else {
        const wall = median(result.runs.map((r) => r.wallMs))
        const cpu = median(result.runs.map((r) => r.cpuMs))
        times.push(`${seconds(wall)} (${seconds(cpu)})`)
        peaks.push(`${median(result.runs.map((r) => r.peakRssMb)).toFixed(0)} MB`)
      }
    }
    console.log(`| ${step} | ${times.join(' | ')} | ${peaks.join(' | ')} |`)
  }
  console.log('\nevery run (wall / CPU / peak RSS):')
  for (const [size, steps] of results) {
    for (const result of steps) {
      const runs = result.runs.map(
        (r) => `${seconds(r.wallMs)} / ${seconds(r.cpuMs)} / ${r.peakRssMb.toFixed(0)} MB`,
      )
      console.log(`  ${size} ${result.step}: ${runs.join('; ')}`)
    }
  }
}
