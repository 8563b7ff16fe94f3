// npm run bench:sync — full sync of a 50,000-employee company from the Kombo stand-in over loopback,
// as a whole CLI process, against a floor process that only walks and parses the same pages.
import { join } from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { execFileSync } from 'node:child_process'
import { median, runProcess, startStandInProcess, type ProcessRun, type StandInProcess } from './support'

const SIZES = (process.env.BENCH_SYNC_SIZES ?? '10000,50000').split(',').map(Number)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
/** The budget: the sync may cost at most 30% more than walking and parsing the pages. */
const BUDGET_RATIO = 1.3
/**
 * Peak RSS alone rises a little with company size, because V8 lets garbage pile up in old space before
 * a major GC. To show that nothing is kept per employee, one more sync of each size runs with every
 * thread's old space capped at this size: it can only finish if the working set is flat.
 */
const CAPPED_OLD_SPACE_MB = 48

// Measure the CLI as installed: bundled, not compiled from TypeScript on every start.
execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' })

const rows: string[] = []
let failed = false

for (const size of SIZES) {
  const server = await startStandInProcess(size)
  const floors: number[] = []
  const syncs: number[] = []
  const floorRss: number[] = []
  const syncRss: number[] = []
  let capped: ProcessRun
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const floor = await runProcess([
        process.execPath,
        'bench/syncFloor.mjs',
        server.baseUrl,
        server.integrationId,
        server.apiKey,
      ])
      if (floor.exitCode !== 0 || Number(floor.stdout.trim()) !== size)
        throw new Error(`floor walked ${floor.stdout.trim()} records`)
      floors.push(floor.wallMs)
      floorRss.push(floor.peakRssMb)

      const sync = await syncOnce(server, size)
      syncs.push(sync.wallMs)
      syncRss.push(sync.peakRssMb)
    }
    capped = await syncOnce(server, size, { NODE_OPTIONS: `--max-old-space-size=${CAPPED_OLD_SPACE_MB}` })
  } finally {
    await server.stop()
  }
  const ratio = median(syncs) / median(floors)
  if (size === 50_000 && ratio > BUDGET_RATIO) failed = true
  rows.push(
    `| ${size.toLocaleString('en')} | ${(median(floors) / 1000).toFixed(2)} s | ${(median(syncs) / 1000).toFixed(2)} s | ` +
      `${ratio.toFixed(2)}x | ${median(floorRss).toFixed(0)} MB | ${median(syncRss).toFixed(0)} MB | ` +
      `${capped.peakRssMb.toFixed(0)} MB |`,
  )
}

console.log(`\nfull sync vs floor, median of ${ROUNDS} rounds, whole processes\n`)
console.log(
  `| employees | floor (walk + parse) | full sync (CLI) | ratio | floor peak RSS | sync peak RSS | ` +
    `sync peak RSS, old space capped at ${CAPPED_OLD_SPACE_MB} MB |`,
)
console.log('| --- | --- | --- | --- | --- | --- | --- |')
for (const row of rows) console.log(row)
console.log(failed ? `\nFAIL: over the ${BUDGET_RATIO}x budget` : `\nwithin the ${BUDGET_RATIO}x budget`)
process.exitCode = failed ? 1 : 0

/** One full sync into a fresh database, as a whole CLI process; throws unless every employee was stored. */
async function syncOnce(
  server: StandInProcess,
  size: number,
  env: NodeJS.ProcessEnv = {},
): Promise<ProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'))
  try {
    const sync = await runProcess(
      [
        process.execPath,
        'bin/kombo-reconcile.js',
        'sync',
        '--db',
        join(dir, 'bench.db'),
        '--integration',
        server.integrationId,
        '--base-url',
        server.baseUrl,
        '--json',
      ],
      { KOMBO_API_KEY: server.apiKey, ...env },
    )
    const run = (sync.exitCode === 0 ? JSON.parse(sync.stdout) : {}) as { records?: number; outcome?: string }
    if (run.records !== size)
      throw new Error(`sync exited ${sync.exitCode} having stored ${run.records ?? 0} of ${size} records`)
    return sync
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
