// Time and peak memory of a sync against servers that misbehave on purpose, and of the web host under
// 20 parallel 60 MB request bodies. See bench/README.md ("Hostile input") for the command and results.
import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { generateCompany } from '../src/main/core/demo/generateCompany'
import { startStandIn } from '../src/main/core/demo/standInServer'
import { startHostileKombo, type HostileBehaviour } from '../test/support/hostileKombo'
import { runProcess } from './support'

const API_KEY = 'bench-hostile-key'
const INTEGRATION = 'personio:bench-hostile'
const CLI = 'bin/kombo-reconcile.js'
/** The drip and the silent server are bounded by the request deadline: a short one keeps the bench short. */
const SHORT_DEADLINE_MS = 5_000
const BODIES = 20
const BODY_BYTES = 60 * 1024 * 1024

const CASES: { behaviour: HostileBehaviour; env?: NodeJS.ProcessEnv }[] = [
  { behaviour: 'repeated-cursor' },
  { behaviour: 'alternating-cursors' },
  { behaviour: 'drip', env: { KOMBO_RECONCILE_REQUEST_DEADLINE_MS: String(SHORT_DEADLINE_MS) } },
  { behaviour: 'no-headers', env: { KOMBO_RECONCILE_REQUEST_DEADLINE_MS: String(SHORT_DEADLINE_MS) } },
  { behaviour: 'endless-body' },
  { behaviour: 'gigantic-page' },
  { behaviour: 'deep-nesting' },
  { behaviour: 'redirect' },
]

async function hostileSyncs(dir: string): Promise<void> {
  const baseline = join(dir, 'baseline.db')
  const standIn = await startStandIn({
    apiKey: API_KEY,
    integrations: { [INTEGRATION]: generateCompany({ seed: 1, size: 1000 }) },
  })
  const first = await runProcess(
    [
      process.execPath,
      CLI,
      'sync',
      '--db',
      baseline,
      '--integration',
      INTEGRATION,
      '--base-url',
      standIn.baseUrl,
    ],
    { KOMBO_API_KEY: API_KEY },
  )
  await standIn.close()
  if (first.exitCode !== 0) throw new Error('the baseline sync failed')

  console.log('| server | exit | wall time | peak RSS |')
  console.log('| ------ | ---- | --------- | -------- |')
  for (const { behaviour, env } of CASES) {
    const hostile = await startHostileKombo(behaviour)
    const db = join(dir, `${behaviour}.db`)
    copyFileSync(baseline, db)
    const run = await runProcess(
      [
        process.execPath,
        CLI,
        'sync',
        '--db',
        db,
        '--integration',
        INTEGRATION,
        '--base-url',
        hostile.baseUrl,
      ],
      { KOMBO_API_KEY: API_KEY, ...env },
    )
    await hostile.close()
    console.log(
      `| ${behaviour} | ${run.exitCode} | ${(run.wallMs / 1000).toFixed(1)} s | ${Math.round(run.peakRssMb)} MB |`,
    )
  }
}

/** Peak resident memory of a process so far, from /proc (Linux). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024
}

async function webHostBodies(dir: string): Promise<void> {
  const token = 'bench-token-0123456789'
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/web/main.ts', '--db', join(dir, 'web.db'), '--token', token],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, KOMBO_API_KEY: '' } },
  )
  const lines = createInterface({ input: child.stdout })
  const port = await new Promise<number>((resolve) => {
    lines.on('line', (line) => {
      const match = /open http:\/\/127\.0\.0\.1:(\d+)\//.exec(line)
      if (match) resolve(Number(match[1]))
    })
  })
  const idle = peakRssMb(child.pid!)
  const body = Buffer.alloc(BODY_BYTES, 0x20)
  body.write('{"pad":"', 0)
  body.write('"}', BODY_BYTES - 2)
  const started = performance.now()
  const statuses = await Promise.all(
    Array.from(
      { length: BODIES },
      () =>
        new Promise<number>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/api/app:info',
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-desk-token': token,
                'content-length': BODY_BYTES,
              },
            },
            (res) => {
              res.resume()
              res.on('end', () => resolve(res.statusCode ?? 0))
            },
          )
          req.on('error', reject)
          req.end(body)
        }),
    ),
  )
  const seconds = (performance.now() - started) / 1000
  const peak = peakRssMb(child.pid!)
  child.kill('SIGTERM')
  console.log(
    `web host: ${BODIES} parallel ${BODY_BYTES / 1024 / 1024} MB bodies, statuses ${[...new Set(statuses)].join(',')}, ` +
      `${seconds.toFixed(1)} s, peak RSS ${Math.round(peak)} MB (idle ${Math.round(idle)} MB)`,
  )
}

const dir = mkdtempSync(join(tmpdir(), 'bench-hostile-'))
try {
  await hostileSyncs(dir)
  await webHostBodies(dir)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
