/**
 * Makes sure the browser tests have a Chromium before Playwright starts (run by `npm run test:e2e`).
 * Found: says which one and exits 0. None: tries Playwright's installer when its download host answers,
 * then, as root on Debian, apt-get; if neither leaves a browser, prints one line saying what to run and
 * exits 1.
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import {
  findChromium,
  findOnPath,
  isDebianWithApt,
  liveBrowserFacts,
  planInstall,
  playwrightDownloadHost,
  type FoundBrowser,
  type InstallStep,
} from './chromium'

/** Long enough for a slow DNS answer, short enough not to stall a machine that has no internet. */
const DOWNLOAD_PROBE_TIMEOUT_MS = 5000

async function isReachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(DOWNLOAD_PROBE_TIMEOUT_MS) })
    return true
  } catch {
    return false
  }
}

function say(line: string): void {
  process.stderr.write(`${line}\n`)
}

function describe(found: Extract<FoundBrowser, { kind: 'found' }>): string {
  return `browser tests run in ${found.path} (${found.source})`
}

function runStep(step: InstallStep): boolean {
  const env = process.env
  if (step === 'playwright-install') {
    const cli = createRequire(import.meta.url).resolve('@playwright/test/cli')
    say('no Chromium found: installing Playwright’s own (playwright install chromium)')
    return spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit', env }).status === 0
  }
  const aptGet = findOnPath('apt-get', liveBrowserFacts(env)) ?? 'apt-get'
  say('no Chromium found: installing Debian’s (apt-get install -y chromium)')
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' }
  const updated = spawnSync(aptGet, ['update'], { stdio: 'inherit', env: aptEnv }).status === 0
  return (
    updated &&
    spawnSync(aptGet, ['install', '-y', 'chromium'], { stdio: 'inherit', env: aptEnv }).status === 0
  )
}

async function main(): Promise<number> {
  const facts = liveBrowserFacts()
  const found = findChromium(facts)
  if (found.kind === 'found') {
    say(describe(found))
    return 0
  }
  if (found.kind === 'refused') {
    say(`error: ${found.message}`)
    return 1
  }
  const plan = planInstall({
    downloadReachable: await isReachable(playwrightDownloadHost(process.env)),
    isRoot: process.getuid?.() === 0,
    hasApt: isDebianWithApt(process.env),
  })
  for (const step of plan.steps) {
    if (!runStep(step)) continue
    const now = findChromium(facts)
    if (now.kind === 'found') {
      say(describe(now))
      return 0
    }
  }
  say(`error: ${plan.giveUp}`)
  return 1
}

process.exitCode = await main()
