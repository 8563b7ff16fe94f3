import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startWebDesk, type RunningWebDesk } from '../../src/web/main'

/**
 * State that belongs to its integration and survives a reload. These journeys need a sync that stays
 * in flight while the page is switched or reloaded, so they run their own desk whose demo HRIS holds
 * each first sync in a long rate-limit wait (the shared desk's wait is two seconds).
 */
const TOKEN = 'sync-state-token-0123456789abcdef'
let desk: RunningWebDesk
let dir: string

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'desk-sync-state-'))
  process.env.DESK_DEMO_RATE_LIMIT_SECONDS = '120'
  desk = await startWebDesk({ db: join(dir, 'desk.db'), port: 0, demo: true, token: TOKEN })
})

test.afterAll(async () => {
  await desk?.close()
  delete process.env.DESK_DEMO_RATE_LIMIT_SECONDS
  rmSync(dir, { recursive: true, force: true })
})

async function call(name: string, payload: unknown): Promise<unknown> {
  const response = await fetch(`${desk.host.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-token': TOKEN },
    body: JSON.stringify(payload),
  })
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } }
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`)
  return result.value
}

async function open(page: Page, integrationId: string, screen = 'Sync'): Promise<void> {
  await page.goto(`${desk.host.origin}/#token=${TOKEN}`)
  await page.getByLabel('Integration', { exact: true }).selectOption(integrationId)
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: screen }).click()
}

const runningPanel = (page: Page) => page.getByRole('region', { name: 'Sync running' })

test('a sync shows only under its own integration, while it runs and after', async ({ page }) => {
  await call('integrations:connect', { integrationId: 'e2e:state-one' })
  await call('integrations:connect', { integrationId: 'e2e:state-two' })
  await open(page, 'e2e:state-one')
  await page.getByRole('button', { name: 'Full sync' }).click()
  await expect(runningPanel(page).getByText(/Rate limited by Kombo/)).toBeVisible()

  await page.getByLabel('Integration', { exact: true }).selectOption('e2e:state-two')
  await expect(page.getByRole('main').getByText('e2e:state-two', { exact: true })).toBeVisible()
  await expect(runningPanel(page)).toBeHidden()
  await expect(page.getByRole('button', { name: 'Full sync' })).toBeEnabled()
  await expect(page.getByRole('region', { name: 'Run history' })).toContainText('No syncs yet.')

  // Back on the first, its sync is still there; cancelled, its outcome stays with it.
  await page.getByLabel('Integration', { exact: true }).selectOption('e2e:state-one')
  await runningPanel(page).getByRole('button', { name: 'Cancel sync' }).click()
  await expect(
    page.getByRole('region', { name: 'Run history' }).getByText('Cancelled', { exact: true }),
  ).toBeVisible()
  await page.getByLabel('Integration', { exact: true }).selectOption('e2e:state-two')
  await expect(page.getByRole('region', { name: 'Last sync' })).toBeHidden()
  await expect(page.getByRole('alert').filter({ hasText: 'The sync stopped' })).toBeHidden()
  await expect(page.getByRole('region', { name: 'Run history' })).toContainText('No syncs yet.')
})

test('a running sync is found again after a reload and in another tab, and either can cancel it', async ({
  context,
}) => {
  await call('integrations:connect', { integrationId: 'e2e:state-reload' })
  const first = await context.newPage()
  await open(first, 'e2e:state-reload')
  await first.getByRole('button', { name: 'Full sync' }).click()
  await expect(runningPanel(first).getByText(/Rate limited by Kombo/)).toBeVisible()

  const second = await context.newPage()
  await open(second, 'e2e:state-reload')
  await expect(runningPanel(second).getByRole('button', { name: 'Cancel sync' })).toBeVisible()

  await first.reload()
  await first.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: 'Sync' }).click()
  await expect(runningPanel(first)).toBeVisible()
  await runningPanel(first).getByRole('button', { name: 'Cancel sync' }).click()

  // Both windows learn that the run ended and show it in the history, without navigating.
  for (const page of [first, second]) {
    await expect(runningPanel(page)).toBeHidden()
    await expect(
      page.getByRole('region', { name: 'Run history' }).getByText('Cancelled', { exact: true }),
    ).toBeVisible()
  }
})
