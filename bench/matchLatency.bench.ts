// How long the web host takes to answer `app:info` while it matches 20,000 employees against 20,000
// legacy users. See bench/README.md ("Matching off the host's thread") for the command and results.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { seedNameOnlyCompany } from '../test/support/seedPeople'
import { followMatchPhases, postApi } from '../test/support/webHostClient'

const INTEGRATION = 'personio:bench-latency'
const EMPLOYEES = Number(process.env.BENCH_LATENCY_SIZE ?? 20_000)
const TOKEN = 'bench-latency-token-0123456789'
/** How long app:info is sampled on the idle host before the match, for comparison. */
const CONTROL_MS = 5_000
/** The company of seedNameOnlyCompany: no email agrees, every user is name-matched. */
function seed(path: string): void {
  seedNameOnlyCompany(path, INTEGRATION, EMPLOYEES)
}

/** `npm run web` on the file, in its own process, as a person would start it; resolves with its origin. */
async function startWebHost(dbPath: string): Promise<{ origin: string; stop: () => void }> {
  const host = spawn('node_modules/.bin/tsx', ['src/web/main.ts', '--db', dbPath, '--token', TOKEN], {
    env: { ...process.env, KOMBO_API_KEY: 'bench-latency-key' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  for await (const line of createInterface({ input: host.stdout })) {
    const url = /^open (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1]
    if (url) return { origin: url, stop: () => host.kill('SIGTERM') }
  }
  throw new Error('the web host stopped before printing its address')
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN
const ms = (value: number) => `${value.toFixed(1)} ms`

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-latency-'))
  const dbPath = join(dir, 'desk.db')
  seed(dbPath)
  const host = await startWebHost(dbPath)
  const desk = { origin: host.origin, token: TOKEN }
  try {
    // One call first, so the host's first-call costs (module loading, statement preparing) are not counted.
    await postApi(desk, 'app:info', {})
    // The same loop on the idle host first: what the box itself adds (it is shared; the figures say so).
    const samples: { phase: string; latency: number }[] = []
    const controlEnds = performance.now() + CONTROL_MS
    while (performance.now() < controlEnds) {
      const sent = performance.now()
      await postApi(desk, 'app:info', {})
      samples.push({ phase: 'no match running', latency: performance.now() - sent })
    }
    let phase = 'starting'
    const stopFollowing = await followMatchPhases(desk, (next) => (phase = next))
    const loadBefore = loadavg()[0]!
    const started = performance.now()
    let done = false
    const match = postApi(desk, 'match:run', { integrationId: INTEGRATION }).finally(() => (done = true))
    while (!done) {
      const at = phase
      const sent = performance.now()
      const info = await postApi(desk, 'app:info', {})
      if (!info.ok) throw new Error('app:info failed during the match')
      samples.push({ phase: at, latency: performance.now() - sent })
    }
    const matchSeconds = (performance.now() - started) / 1000
    const result = await match
    stopFollowing()
    if (!result.ok) throw new Error(`match:run failed: ${JSON.stringify(result)}`)
    const loadAfter = loadavg()[0]!
    console.log(
      `${EMPLOYEES} x ${EMPLOYEES}, match:run ${matchSeconds.toFixed(1)} s wall, load average ` +
        `${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
    )
    console.log('| phase (when sent) | app:info calls | median | 99th percentile | max |')
    console.log('| ----------------- | -------------- | ------ | --------------- | --- |')
    const phases = [...new Set(samples.map((sample) => sample.phase)), 'whole match:run']
    for (const name of phases) {
      const latencies = samples
        .filter((sample) =>
          name === 'whole match:run' ? sample.phase !== 'no match running' : sample.phase === name,
        )
        .map((sample) => sample.latency)
        .sort((a, b) => a - b)
      console.log(
        `| ${name} | ${latencies.length} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ` +
          `${ms(latencies.at(-1)!)} |`,
      )
    }
  } finally {
    host.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
