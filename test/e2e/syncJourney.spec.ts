import { expect, test } from '@playwright/test'
import { E2E_LONG_WAIT_PORT } from '../../playwright.config'
import { callDesk, goTo, openDesk } from './support/desk'

test('connect the demo integration, sync it, then sync its changes', async ({ page, request }) => {
  await openDesk(page)
  await goTo(page, 'Connect')
  await expect(page.getByText('Demo mode.')).toBeVisible()
  await expect(page.getByTestId('mode-badge')).toHaveText('Demo HRIS')

  await page.getByLabel('Integration id').fill('e2e:sync-journey')
  await page.getByLabel('Customer id (optional)').fill('customer-42')
  await page.getByRole('button', { name: 'Connect', exact: true }).click()

  await expect(page.getByRole('heading', { name: 'Sync', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Full sync' }).click()
  await expect(page.getByRole('region', { name: 'Last sync' })).toBeVisible({ timeout: 30_000 })
  // The demo's first sync meets one rate limit and waits it out (the wait on screen is checked below,
  // on a host whose wait outlasts the test).
  const [firstRun] = await callDesk(request, 'sync:runs', { integrationId: 'e2e:sync-journey' })
  expect(firstRun?.retries).toBeGreaterThan(0)
  expect(firstRun?.waitedMs).toBeGreaterThan(0)
  const stored = await callDesk(request, 'employees:list', { integrationId: 'e2e:sync-journey' })
  expect(stored.length).toBeGreaterThan(0)
  await expect(page.getByTestId('employee-count')).toHaveText(stored.length.toLocaleString('en-US'))
  const history = page.getByRole('region', { name: 'Run history' })
  await expect(history.getByRole('row')).toHaveCount(2)
  await expect(history.getByText('Succeeded')).toBeVisible()
  await expect(history.getByText(`+${stored.length.toLocaleString('en-US')}`)).toBeVisible()

  // Life goes on at the demo company: the next incremental sync brings hires and leavers.
  await page.getByRole('button', { name: 'Sync changes' }).click()
  await expect(history.getByRole('row')).toHaveCount(3)
  const drift = page.getByRole('region', { name: 'What changed in the HRIS' })
  await expect(drift.getByText(/^Hires/)).toBeVisible()
  await expect(drift.getByText(/^Leavers/)).toBeVisible()
})

test('a pasted sync-finished webhook is recorded with its guidance', async ({ page, request }) => {
  await callDesk(request, 'integrations:connect', { integrationId: 'e2e:webhook' })
  await openDesk(page, 'e2e:webhook')
  await goTo(page, 'Sync')
  const webhook = {
    id: '5gjAtURLPbnTiwgkaBfiA3WJ',
    type: 'sync-finished',
    data: {
      sync_id: 'B89SCXXho7Yw8PGo8AKJxLn4',
      sync_state: 'AUTHENTICATION_FAILED',
      sync_started_at: '2026-11-01T12:00:00.000Z',
      sync_ended_at: '2026-11-01T12:30:00.000Z',
      sync_duration_seconds: 1800,
      integration_id: 'e2e:webhook',
      integration_tool: 'personio',
      integration_category: 'HRIS',
      log_url: 'https://app.kombo.dev/env/production/logs/C3xUo6XAsB2sbKC7M1gyXaRX',
    },
  }
  await page.getByLabel('Webhook body (JSON)').fill('{ not json')
  await page.getByRole('button', { name: 'Record webhook' }).click()
  await expect(page.getByText('This is not JSON')).toBeVisible()
  await page.getByLabel('Webhook body (JSON)').fill(JSON.stringify(webhook, null, 2))
  await page.getByRole('button', { name: 'Record webhook' }).click()
  const guidance = page.getByRole('status').filter({ hasText: 'Next step' })
  await expect(guidance).toContainText('Authentication failed')
  await expect(page.getByRole('region', { name: 'Run history' }).getByText('webhook')).toBeVisible()
})

test.describe('while a sync waits out a rate limit', () => {
  // This host's demo rate limit lasts ten minutes: the journey acts during the wait without racing it.
  test.use({ baseURL: `http://127.0.0.1:${E2E_LONG_WAIT_PORT}` })

  test('the wait is shown with its reason, and cancelling ends the run as cancelled', async ({
    page,
    request,
  }) => {
    await callDesk(request, 'integrations:connect', { integrationId: 'e2e:cancel' })
    await openDesk(page, 'e2e:cancel')
    await goTo(page, 'Sync')
    await page.getByRole('button', { name: 'Full sync' }).click()
    const running = page.getByRole('region', { name: 'Sync running' })
    await expect(running.getByText(/Rate limited by Kombo, retrying in \d+ s/)).toBeVisible()
    // Two pages came in before the rate limit.
    await expect(page.getByTestId('progress-records')).toHaveText('500')
    await running.getByRole('button', { name: 'Cancel sync' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'The sync stopped' })).toBeVisible()
    const runs = await callDesk(request, 'sync:runs', { integrationId: 'e2e:cancel' })
    expect(runs[0]?.outcome).toBe('CANCELLED')
    await expect(
      page.getByRole('region', { name: 'Run history' }).getByText('Cancelled', { exact: true }),
    ).toBeVisible()
    const employees = await callDesk(request, 'employees:list', { integrationId: 'e2e:cancel' })
    expect(employees).toHaveLength(0)
  })
})
