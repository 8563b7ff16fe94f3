import { defineConfig, devices } from '@playwright/test'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findChromium, liveBrowserFacts } from './scripts/chromium'

/**
 * End-to-end journeys in real Chromium against the web host in demo mode on a fresh temp database.
 * `npm test` builds the renderer and runs scripts/ensure-chromium.ts (which obtains a browser when the
 * machine has none) before this runs. DESK_E2E_PORT moves both web hosts (it and the next port), so two
 * checkouts can run their journeys side by side.
 */
export const E2E_PORT = Number(process.env.DESK_E2E_PORT ?? 4173)
/**
 * A second web host whose demo rate limit lasts far longer than any test, for journeys that must act
 * while a sync waits (cancel it, read the countdown) without racing the demo's usual 2 s wait.
 */
export const E2E_LONG_WAIT_PORT = E2E_PORT + 1
const LONG_DEMO_RATE_LIMIT_SECONDS = 600
export const E2E_TOKEN = 'e2e-token-not-secret-0123456789'

// Set once in the runner; the workers inherit it, so every process agrees on the same file.
process.env.DESK_E2E_DB ??= join(tmpdir(), `desk-e2e-${Date.now()}-${process.pid}.db`)

// $CHROMIUM_PATH, the system's chromium, or Playwright's own: the same choice ensure-chromium.ts made.
const browser = findChromium(liveBrowserFacts())
if (browser.kind === 'refused') throw new Error(browser.message)
if (browser.kind === 'none')
  throw new Error('no Chromium for the browser tests: run npm run test:e2e, which gets one')

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    trace: 'off',
    launchOptions: {
      executablePath: browser.path,
      args: CHROMIUM_FLAGS,
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: [
    {
      command: `npx tsx src/web/main.ts --demo --port ${E2E_PORT} --db "${process.env.DESK_E2E_DB}" --token ${E2E_TOKEN}`,
      url: `http://127.0.0.1:${E2E_PORT}/index.html`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: `npx tsx src/web/main.ts --demo --port ${E2E_LONG_WAIT_PORT} --db "${process.env.DESK_E2E_DB}-long-wait" --token ${E2E_TOKEN}`,
      env: { DESK_DEMO_RATE_LIMIT_SECONDS: String(LONG_DEMO_RATE_LIMIT_SECONDS) },
      url: `http://127.0.0.1:${E2E_LONG_WAIT_PORT}/index.html`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
})
