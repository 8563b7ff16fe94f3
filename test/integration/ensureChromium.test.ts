import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir } from '../support/tempDir'

/**
 * The real ensure-chromium script on a machine arranged to have no browser: PATH holds only node and a
 * stand-in apt-get (which records its arguments and "installs" chromium by writing an executable onto
 * that PATH), and Playwright looks for its own browsers in an empty directory. The system chromium the
 * other tests use is never touched.
 */
const root = fileURLToPath(new URL('../..', import.meta.url))
const TSX_CLI = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
const SCRIPT = join(root, 'scripts', 'ensure-chromium.ts')
/** The script only runs apt-get as root on Debian; on other machines it must stop with one line. */
const canUseApt = process.getuid?.() === 0 && existsSync('/etc/debian_version')

let temp: ReturnType<typeof makeTempDir>
let bin: string
/** Scripts still running when a test ends (a failed one) are stopped, so they cannot slow the next. */
const running = new Set<ChildProcess>()

beforeEach(() => {
  temp = makeTempDir('ensure-chromium-')
  bin = join(temp.dir, 'bin')
  mkdirSync(bin)
  mkdirSync(join(temp.dir, 'playwright-browsers'))
  symlinkSync(process.execPath, join(bin, 'node'))
})
afterEach(() => {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
  temp.cleanup()
})

function installFakeApt(): void {
  const log = join(temp.dir, 'apt.log')
  const chromium = join(bin, 'chromium')
  writeFileSync(
    join(bin, 'apt-get'),
    [
      '#!/bin/sh',
      `echo "$DEBIAN_FRONTEND $*" >> '${log}'`,
      `if [ "$1" = install ]; then printf '#!/bin/sh\\nexit 0\\n' > '${chromium}'; /bin/chmod +x '${chromium}'; fi`,
      '',
    ].join('\n'),
  )
  chmodSync(join(bin, 'apt-get'), 0o755)
}

function aptCalls(): string[] {
  const log = join(temp.dir, 'apt.log')
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []
}

function runScript(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [TSX_CLI, SCRIPT], {
    cwd: root,
    env: {
      HOME: temp.dir,
      PATH: bin,
      PLAYWRIGHT_BROWSERS_PATH: join(temp.dir, 'playwright-browsers'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  running.add(child)
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => {
      running.delete(child)
      resolve({ code, stderr })
    })
  })
}

/** Nothing listens on a port a server just released: the download probe fails at once. */
async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? ''
}

// Each run starts tsx and, in one case, Playwright's installer and its download workers: several
// seconds each on a loaded 2-core box, so a generous timeout.
describe('ensure-chromium on a machine without a browser', { timeout: 240_000 }, () => {
  let downloadHost: Server | null = null
  afterEach(async () => {
    const host = downloadHost
    downloadHost = null
    if (!host) return
    await new Promise<void>((resolve) => {
      host.close(() => resolve())
      host.closeAllConnections()
    })
  })

  it('installs Debian’s chromium with apt-get when Playwright’s download is unreachable', async () => {
    installFakeApt()
    const run = await runScript({ PLAYWRIGHT_DOWNLOAD_HOST: await closedPortUrl() })
    if (canUseApt) {
      expect(aptCalls()).toEqual(['noninteractive update', 'noninteractive install -y chromium'])
      expect(lastLine(run.stderr)).toBe(`browser tests run in ${join(bin, 'chromium')} (system)`)
      expect(run.code).toBe(0)
    } else {
      expect(aptCalls()).toEqual([])
      expect(lastLine(run.stderr)).toMatch(/^error: no Chromium .*`sudo apt-get install -y chromium`/)
      expect(run.code).toBe(1)
    }
  })

  it('tries Playwright’s installer first when its download host answers, then falls back to apt', async () => {
    installFakeApt()
    const requested: string[] = []
    downloadHost = createServer((request, response) => {
      requested.push(request.url ?? '')
      response.writeHead(404).end()
    })
    await new Promise<void>((resolve) => downloadHost!.listen(0, '127.0.0.1', resolve))
    const { port } = downloadHost.address() as AddressInfo
    const run = await runScript({ PLAYWRIGHT_DOWNLOAD_HOST: `http://127.0.0.1:${port}` })
    // The probe, then the installer's own download of a Chromium build from this host.
    expect(requested.some((url) => /chromium|chrome/i.test(url))).toBe(true)
    expect(run.stderr).toContain('installing Playwright’s own')
    if (canUseApt) {
      expect(aptCalls()).toContain('noninteractive install -y chromium')
      expect(run.code).toBe(0)
    } else {
      expect(run.code).toBe(1)
    }
  })

  it('without apt-get, stops with one line that says what to run', async () => {
    const run = await runScript({ PLAYWRIGHT_DOWNLOAD_HOST: await closedPortUrl() })
    expect(run.code).toBe(1)
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'error: no Chromium for the browser tests: run `npx playwright install chromium` on a network that reaches cdn.playwright.dev (or set CHROMIUM_PATH to a Chromium binary), then npm test again',
    ])
  })

  it('uses an executable CHROMIUM_PATH without installing anything, and refuses a wrong one', async () => {
    installFakeApt()
    const own = join(temp.dir, 'my-chrome')
    writeFileSync(own, '#!/bin/sh\nexit 0\n')
    chmodSync(own, 0o755)
    const good = await runScript({ CHROMIUM_PATH: own })
    expect(good.code).toBe(0)
    expect(lastLine(good.stderr)).toBe(`browser tests run in ${own} (CHROMIUM_PATH)`)

    const wrong = await runScript({ CHROMIUM_PATH: join(temp.dir, 'typo') })
    expect(wrong.code).toBe(1)
    expect(lastLine(wrong.stderr)).toMatch(/^error: CHROMIUM_PATH=.*typo is not an executable file/)
    expect(aptCalls()).toEqual([])
  })
})
