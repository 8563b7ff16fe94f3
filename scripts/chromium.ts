import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { chromium } from 'playwright-core'

/**
 * Which Chromium the browser tests run in, and how to get one on a machine that has none. The decisions
 * are pure functions of the facts below, so tests can state a machine (no browser, not root, no apt)
 * without changing the real one; `ensure-chromium.ts` gathers the real facts and acts.
 */
export interface BrowserFacts {
  env: NodeJS.ProcessEnv
  /** True when the path is a file this process may execute. */
  isExecutable(path: string): boolean
  /** Where Playwright keeps (or would keep) its own Chromium. */
  playwrightChromium(): string
}

export type BrowserSource = 'CHROMIUM_PATH' | 'system' | 'playwright'

export type FoundBrowser =
  | { kind: 'found'; path: string; source: BrowserSource }
  | { kind: 'none' }
  /** CHROMIUM_PATH names something that is not a browser: a typo the user must fix, not paper over. */
  | { kind: 'refused'; message: string }

/** The names Debian (`chromium`) and Ubuntu (`chromium-browser`) install on PATH. */
export const SYSTEM_CHROMIUM_NAMES = ['chromium', 'chromium-browser'] as const

export function findOnPath(name: string, facts: Pick<BrowserFacts, 'env' | 'isExecutable'>): string | null {
  for (const dir of (facts.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue
    const candidate = join(dir, name)
    if (facts.isExecutable(candidate)) return candidate
  }
  return null
}

/** $CHROMIUM_PATH first, then the system's chromium, then Playwright's own download. */
export function findChromium(facts: BrowserFacts): FoundBrowser {
  const chosen = facts.env.CHROMIUM_PATH?.trim()
  if (chosen) {
    return facts.isExecutable(chosen)
      ? { kind: 'found', path: chosen, source: 'CHROMIUM_PATH' }
      : {
          kind: 'refused',
          message: `CHROMIUM_PATH=${chosen} is not an executable file: point it at a Chromium or Chrome binary, or unset it`,
        }
  }
  for (const name of SYSTEM_CHROMIUM_NAMES) {
    const path = findOnPath(name, facts)
    if (path) return { kind: 'found', path, source: 'system' }
  }
  const own = facts.playwrightChromium()
  if (facts.isExecutable(own)) return { kind: 'found', path: own, source: 'playwright' }
  return { kind: 'none' }
}

/** What the machine allows when no browser was found. */
export interface InstallFacts {
  /** Playwright's download host answered (any HTTP status counts: it is reachable). */
  downloadReachable: boolean
  isRoot: boolean
  /** /etc/debian_version exists and apt-get is on PATH. */
  hasApt: boolean
}

export type InstallStep = 'playwright-install' | 'apt-install'

export interface InstallPlan {
  /** Tried in order until one leaves a browser behind. */
  steps: InstallStep[]
  /** The one line printed when every step failed or none was possible. */
  giveUp: string
}

export const PLAYWRIGHT_INSTALL_COMMAND = 'npx playwright install chromium'
export const APT_INSTALL_COMMAND = 'apt-get install -y chromium'

export function planInstall(facts: InstallFacts): InstallPlan {
  const steps: InstallStep[] = []
  if (facts.downloadReachable) steps.push('playwright-install')
  if (facts.hasApt && facts.isRoot) steps.push('apt-install')
  const giveUp = facts.hasApt
    ? `no Chromium for the browser tests: run \`${facts.isRoot ? '' : 'sudo '}${APT_INSTALL_COMMAND}\` (or set CHROMIUM_PATH to a Chromium binary), then npm test again`
    : `no Chromium for the browser tests: run \`${PLAYWRIGHT_INSTALL_COMMAND}\` on a network that reaches cdn.playwright.dev (or set CHROMIUM_PATH to a Chromium binary), then npm test again`
  return { steps, giveUp }
}

/** Playwright's own download host, as its installer picks it (an override env var wins). */
export function playwrightDownloadHost(env: NodeJS.ProcessEnv): string {
  return (
    env.PLAYWRIGHT_CHROMIUM_DOWNLOAD_HOST?.trim() ||
    env.PLAYWRIGHT_DOWNLOAD_HOST?.trim() ||
    'https://cdn.playwright.dev'
  )
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The facts of this machine and process. */
export function liveBrowserFacts(env: NodeJS.ProcessEnv = process.env): BrowserFacts {
  return {
    env,
    isExecutable: isExecutableFile,
    playwrightChromium: () => chromium.executablePath(),
  }
}

export function isDebianWithApt(env: NodeJS.ProcessEnv): boolean {
  return (
    existsSync('/etc/debian_version') &&
    findOnPath('apt-get', { env, isExecutable: isExecutableFile }) !== null
  )
}
