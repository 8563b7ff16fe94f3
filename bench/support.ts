import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs'

export interface StandInProcess {
  baseUrl: string
  integrationId: string
  apiKey: string
  stop(): Promise<void>
}

/**
 * Starts the Kombo stand-in as its own process, as a real Kombo would be: it must not share our CPU time
 * slice. It holds the whole company, serialised, in memory; `heapMb` raises V8's heap limit for companies
 * of several hundred thousand.
 */
export async function startStandInProcess(
  size: number,
  seed = 1,
  options: { heapMb?: number } = {},
): Promise<StandInProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(options.heapMb === undefined ? [] : [`--max-old-space-size=${options.heapMb}`]),
      '--import',
      'tsx',
      'test/support/standInMain.ts',
      '--port',
      '0',
      '--size',
      String(size),
      '--seed',
      String(seed),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const lines = createInterface({ input: child.stdout })
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)))
  })
  const info = JSON.parse(first) as { baseUrl: string; integrationId: string; apiKey: string }
  return {
    ...info,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

export interface ProcessRun {
  wallMs: number
  /** User plus system CPU time of the process and its threads: steadier than wall time on a busy box. */
  cpuMs: number
  peakRssMb: number
  exitCode: number
  stdout: string
}

/**
 * Runs a whole process, timing it and reading its CPU time and peak resident memory from GNU time. Its
 * standard output goes to a file, as `command > out.json` would: the time is the command's own, not
 * that of this process reading megabytes of JSON through a pipe while it times.
 */
export async function runProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  const stamp = `${process.pid}-${Date.now()}`
  const rssFile = `/tmp/bench-rss-${stamp}`
  const outFile = `/tmp/bench-out-${stamp}`
  const out = openSync(outFile, 'w')
  const started = performance.now()
  const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, ...args], {
    stdio: ['ignore', out, 'inherit'],
    env: { ...process.env, ...env },
  })
  const exitCode = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)))
  const wallMs = performance.now() - started
  closeSync(out)
  const stdout = readFileSync(outFile, 'utf8')
  // The last line: GNU time prints "Command exited with non-zero status N" above it on failure.
  const [peakKb, userS, systemS] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '')
    .split(' ')
    .map(Number)
  rmSync(rssFile, { force: true })
  rmSync(outFile, { force: true })
  return {
    wallMs,
    cpuMs: ((userS ?? NaN) + (systemS ?? NaN)) * 1000,
    peakRssMb: (peakKb ?? NaN) / 1024,
    exitCode,
    stdout,
  }
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}
