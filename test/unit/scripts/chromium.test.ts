import { describe, expect, it } from 'vitest'
import {
  findChromium,
  planInstall,
  playwrightDownloadHost,
  type BrowserFacts,
} from '../../../scripts/chromium'

const PLAYWRIGHT_OWN = '/home/dev/.cache/ms-playwright/chromium-1/chrome-linux64/chrome'

/** A machine described by the executables it has. */
function machine(executables: string[], env: NodeJS.ProcessEnv = {}): BrowserFacts {
  const present = new Set(executables)
  return {
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...env },
    isExecutable: (path) => present.has(path),
    playwrightChromium: () => PLAYWRIGHT_OWN,
  }
}

describe('findChromium', () => {
  it('prefers CHROMIUM_PATH over the system chromium and Playwright’s own', () => {
    const facts = machine(['/opt/chrome/chrome', '/usr/bin/chromium', PLAYWRIGHT_OWN], {
      CHROMIUM_PATH: '/opt/chrome/chrome',
    })
    expect(findChromium(facts)).toEqual({
      kind: 'found',
      path: '/opt/chrome/chrome',
      source: 'CHROMIUM_PATH',
    })
  })

  it('refuses a CHROMIUM_PATH that is not there instead of quietly using another browser', () => {
    const found = findChromium(machine(['/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/typo/chrome' }))
    expect(found.kind).toBe('refused')
    expect(found.kind === 'refused' && found.message).toMatch(
      /^CHROMIUM_PATH=\/opt\/typo\/chrome .*unset it$/,
    )
  })

  it('finds Debian’s chromium and Ubuntu’s chromium-browser on PATH, in PATH order', () => {
    expect(findChromium(machine(['/usr/bin/chromium']))).toMatchObject({ path: '/usr/bin/chromium' })
    expect(findChromium(machine(['/usr/bin/chromium-browser']))).toMatchObject({
      path: '/usr/bin/chromium-browser',
      source: 'system',
    })
    expect(findChromium(machine(['/usr/local/bin/chromium', '/usr/bin/chromium']))).toMatchObject({
      path: '/usr/local/bin/chromium',
    })
  })

  it('does not look outside PATH for the system browser', () => {
    const facts = machine(['/usr/bin/chromium'], { PATH: '/opt/tools/bin' })
    expect(findChromium(facts)).toEqual({ kind: 'none' })
  })

  it('falls back to Playwright’s own Chromium, and reports none when that is missing too', () => {
    expect(findChromium(machine([PLAYWRIGHT_OWN]))).toEqual({
      kind: 'found',
      path: PLAYWRIGHT_OWN,
      source: 'playwright',
    })
    expect(findChromium(machine([]))).toEqual({ kind: 'none' })
  })
})

describe('planInstall', () => {
  it('tries Playwright’s installer first when its download answers, then apt as root on Debian', () => {
    expect(planInstall({ downloadReachable: true, isRoot: true, hasApt: true }).steps).toEqual([
      'playwright-install',
      'apt-install',
    ])
  })

  it('goes straight to apt when the download host cannot be reached', () => {
    expect(planInstall({ downloadReachable: false, isRoot: true, hasApt: true }).steps).toEqual([
      'apt-install',
    ])
  })

  it('never runs apt without root; the line it stops with says to run it with sudo', () => {
    const plan = planInstall({ downloadReachable: false, isRoot: false, hasApt: true })
    expect(plan.steps).toEqual([])
    expect(plan.giveUp).toContain('`sudo apt-get install -y chromium`')
    expect(plan.giveUp).not.toContain('\n')
  })

  it('without apt, the line names Playwright’s installer', () => {
    const plan = planInstall({ downloadReachable: false, isRoot: true, hasApt: false })
    expect(plan.steps).toEqual([])
    expect(plan.giveUp).toContain('`npx playwright install chromium`')
  })

  it('as root the apt command needs no sudo', () => {
    const plan = planInstall({ downloadReachable: false, isRoot: true, hasApt: true })
    expect(plan.giveUp).toContain('run `apt-get install -y chromium`')
  })
})

describe('playwrightDownloadHost', () => {
  it('honours the same override variables as Playwright’s installer, the browser-specific one first', () => {
    expect(playwrightDownloadHost({})).toBe('https://cdn.playwright.dev')
    expect(playwrightDownloadHost({ PLAYWRIGHT_DOWNLOAD_HOST: 'http://mirror' })).toBe('http://mirror')
    expect(
      playwrightDownloadHost({
        PLAYWRIGHT_DOWNLOAD_HOST: 'http://mirror',
        PLAYWRIGHT_CHROMIUM_DOWNLOAD_HOST: 'http://chromium-mirror',
      }),
    ).toBe('http://chromium-mirror')
  })
})
