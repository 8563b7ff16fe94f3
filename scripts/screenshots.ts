/**
 * Writes one PNG per screen to docs/screenshots/ for the README: the web host in demo mode on a fresh
 * temporary database, the demo company synced and a drifted legacy export imported, each screen opened
 * in Chromium at 1440x900. Run: npm run screenshots (it builds the renderer first).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { startWebDesk } from '../src/web/main'
import { buildLegacyCsv } from '../test/e2e/support/legacyCsv'
import { findChromium, liveBrowserFacts } from './chromium'

const OUT_DIR = resolve(import.meta.dirname, '..', 'docs', 'screenshots')
const INTEGRATION = 'acme-personio'

const dir = mkdtempSync(join(tmpdir(), 'desk-screenshots-'))
const desk = await startWebDesk({ db: join(dir, 'desk.db'), port: 0, demo: true })

async function call(name: Parameters<typeof desk.app.call>[0], request: unknown): Promise<unknown> {
  const result = await desk.app.call(name, request)
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value
}

async function shoot(page: Page, file: string): Promise<void> {
  // No caret or hover state in a picture.
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(OUT_DIR, file), animations: 'disabled', caret: 'hide' })
  console.log(`wrote docs/screenshots/${file}`)
}

async function open(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: screen }).click()
  await page.getByRole('heading', { level: 1, name: screen }).waitFor()
  // Whatever the screen loads ("Reading…", "Matching…") has arrived.
  await page.getByRole('status').filter({ hasText: /…$/ }).waitFor({ state: 'detached' })
}

try {
  mkdirSync(OUT_DIR, { recursive: true })
  await call('integrations:connect', { integrationId: INTEGRATION, customerId: 'Acme GmbH' })
  await call('sync:run', { integrationId: INTEGRATION, full: true })
  const employees = (await call('employees:list', { integrationId: INTEGRATION })) as Parameters<
    typeof buildLegacyCsv
  >[0]
  await call('legacy:import', {
    integrationId: INTEGRATION,
    fileName: 'acme-users.csv',
    contentBase64: Buffer.from(buildLegacyCsv(employees).csv).toString('base64'),
  })
  await call('match:run', { integrationId: INTEGRATION })

  const found = findChromium(liveBrowserFacts())
  if (found.kind !== 'found') throw new Error('no Chromium: run npm run test:e2e once, which gets one')
  const browser = await chromium.launch({ executablePath: found.path, args: ['--headless', '--no-sandbox'] })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.goto(desk.host.url)
    await page.getByRole('navigation', { name: 'Steps' }).waitFor()
    const screens: [string, string][] = [
      ['Connect', 'connect.png'],
      ['Overview', 'overview.png'],
      ['Sync', 'sync.png'],
      ['Legacy import', 'legacy-import.png'],
      ['Review', 'review.png'],
      ['Actions', 'actions.png'],
    ]
    for (const [screen, file] of screens) {
      await open(page, screen)
      if (screen === 'Review') {
        await page
          .getByRole('listbox', { name: 'Legacy users' })
          .getByRole('option', { selected: true })
          .waitFor()
        await page.getByTestId('review-loading').waitFor({ state: 'hidden' })
      }
      await shoot(page, file)
    }
    await open(page, 'Review')
    await page.getByRole('button', { name: 'Accept in bulk…' }).click()
    await page.getByTestId('bulk-count').filter({ hasText: 'pairs will be linked' }).waitFor()
    await shoot(page, 'review-bulk-accept.png')
  } finally {
    await browser.close()
  }
} finally {
  await desk.close()
  rmSync(dir, { recursive: true, force: true })
}
