import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const CLI_PATH = fileURLToPath(new URL('../../bin/kombo-reconcile.js', import.meta.url))

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Starts the real CLI as its own process (as a user would run it) without waiting for it. */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: { uid?: number; gid?: number } = {},
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: { ...process.env, KOMBO_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return { child, done }
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return startCli(args, env).done
}

/** A failing CLI run must end with exactly one `error: ...` line and no stack trace. */
export function singleErrorLine(run: CliRun): string {
  const lines = run.stderr.trimEnd().split('\n')
  const last = lines[lines.length - 1] ?? ''
  if (!last.startsWith('error: ')) throw new Error(`expected a final "error: ..." line, got:\n${run.stderr}`)
  if (/\n\s+at .+\(.+:\d+:\d+\)/.test(run.stderr)) throw new Error(`stack trace on stderr:\n${run.stderr}`)
  return last
}
