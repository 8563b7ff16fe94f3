import { expect, test, type Page } from '@playwright/test'
import { callDesk, goTo, openDesk, prepareIntegration } from './support/desk'

const READY = 'e2e:overview-ready'
const SYNCED_ONLY = 'e2e:overview-synced'
const CONNECTED_ONLY = 'e2e:overview-connected'

test.beforeAll(async ({ request }) => {
  await prepareIntegration(request, READY, { importLegacy: true })
  await prepareIntegration(request, SYNCED_ONLY, { importLegacy: false })
  await callDesk(request, 'integrations:connect', { integrationId: CONNECTED_ONLY })
})

const nextSteps = (page: Page) => page.getByRole('group', { name: 'What to do next' })

test('the overview counts each outcome and offers the review next', async ({ page, request }) => {
  const match = await callDesk(request, 'match:results', { integrationId: READY })
  const plan = await callDesk(request, 'diff:get', { integrationId: READY })
  const linked = (method: string) =>
    match.results.filter((r) => r.status === 'matched' && r.method === method).length
  await openDesk(page, READY)
  await goTo(page, 'Overview')
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible()
  const figures = page.locator('.overview-legend li')
  await expect(figures.filter({ hasText: 'linked by HRIS id' })).toHaveText(
    `linked by HRIS id: ${linked('remote_id').toLocaleString('en-US')}`,
  )
  await expect(figures.filter({ hasText: 'linked by email' })).toHaveText(
    `linked by email: ${linked('work_email').toLocaleString('en-US')}`,
  )
  await expect(figures.filter({ hasText: /^suggested/ })).toHaveText(
    `suggested: ${match.summary.suggested.toLocaleString('en-US')}`,
  )
  await expect(figures.filter({ hasText: 'adds' })).toHaveText(
    `adds: ${plan.add.length.toLocaleString('en-US')}`,
  )
  await expect(figures.filter({ hasText: 'removes' })).toHaveText(
    `removes: ${plan.remove.length.toLocaleString('en-US')}`,
  )

  await nextSteps(page)
    .getByRole('button', { name: `Review ${match.summary.suggested} suggestions` })
    .click()
  await expect(page.getByRole('heading', { name: 'Review', exact: true })).toBeVisible()

  // A decision shows in the overview at once.
  const userId = match.results.find((r) => r.status === 'suggested')!.user_id
  await callDesk(request, 'match:decide', { integrationId: READY, userId, kind: 'accept' })
  await goTo(page, 'Overview')
  await expect(figures.filter({ hasText: 'linked by decision' })).toHaveText(
    `linked by decision: ${(linked('decision') + 1).toLocaleString('en-US')}`,
  )
})

test('the next step follows what is missing: a sync first, then the import', async ({ page }) => {
  await openDesk(page, CONNECTED_ONLY)
  await goTo(page, 'Overview')
  await nextSteps(page).getByRole('button', { name: 'Sync employees from the HRIS' }).click()
  await expect(page.getByRole('heading', { name: 'Sync', exact: true })).toBeVisible()

  await page.getByLabel('Integration', { exact: true }).selectOption(SYNCED_ONLY)
  await goTo(page, 'Overview')
  await nextSteps(page).getByRole('button', { name: "Import the customer's user export" }).click()
  await expect(page.getByRole('heading', { name: 'Legacy import' })).toBeVisible()
})
