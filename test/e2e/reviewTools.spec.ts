import { expect, test, type Page } from '@playwright/test'
import { callDesk, goTo, openReview as openReviewOf, prepareIntegration } from './support/desk'

const INTEGRATION = 'e2e:review-tools'
const openReview = (page: Page) => openReviewOf(page, INTEGRATION)

test.beforeAll(async ({ request }) => {
  await prepareIntegration(request, INTEGRATION, { importLegacy: true })
})

const users = (page: Page) => page.getByRole('listbox', { name: 'Legacy users' })

test('rows show the proposal; the list filters by method and sorts by score', async ({ page, request }) => {
  await openReview(page)
  const match = await callDesk(request, 'match:results', { integrationId: INTEGRATION })
  const first = match.results.find((r) => r.status === 'suggested')!
  const employees = await callDesk(request, 'employees:list', { integrationId: INTEGRATION })
  const proposed = employees.find((e) => e.id === first.kombo_id)!
  const row = users(page).getByRole('option', { selected: true })
  await expect(row).toContainText(`→ ${proposed.first_name} ${proposed.last_name}`)
  await expect(row).toContainText(first.score.toFixed(2))

  await page.getByLabel('Method').selectOption('email_domain_change')
  const byDomain = match.results.filter((r) => r.status === 'suggested' && r.method === 'email_domain_change')
  await expect(page.getByText(`${byDomain.length.toLocaleString('en-US')} shown`)).toBeVisible()
  await page.getByLabel('Method').selectOption('any')
  await page.getByLabel('Sort').selectOption('score-asc')
  const lowest = match.results
    .filter((r) => r.status === 'suggested')
    .reduce((low, r) => (r.score < low.score ? r : low))
  // The selection stays where it was; the top of the list holds the lowest score.
  await users(page).evaluate((element) => (element.scrollTop = 0))
  await expect(users(page).locator('[aria-posinset="1"]')).toContainText(lowest.score.toFixed(2))
})

test('after a search pick, the keyboard is back on the list', async ({ page }) => {
  await openReview(page)
  await page.keyboard.press('/')
  await page.keyboard.type('a')
  await page.keyboard.press('Enter')
  await expect(users(page)).toBeFocused()
  await expect(page.getByLabel('Search employees to pair by hand')).toHaveValue('a')
})

test('accepting a whole domain removes its offer; the history undoes one decision and keeps it', async ({
  page,
  request,
}) => {
  await openReview(page)
  const strip = page.getByRole('region', { name: 'Email domain changes' })
  await strip.getByRole('button', { name: 'Accept all for this domain' }).first().click()
  await expect(page.getByRole('status').filter({ hasText: /Accepted \d+ links/ })).toBeVisible()
  await expect(strip).toBeHidden()

  // Decide no match for the selected user: the state says so, and no candidate is offered to accept.
  await page.getByRole('radio', { name: /^Suggested/ }).click()
  const selected = users(page).getByRole('option', { selected: true })
  const userId = /#(\S+)$/.exec(((await selected.textContent()) ?? '').trim())![1]!
  await page.keyboard.press('n')
  await page.getByLabel('Filter legacy users').fill(userId)
  await page.getByRole('radio', { name: /^All/ }).click()
  await users(page).getByRole('option').first().click()
  await expect(page.getByTestId('selected-status')).toHaveText('decided: no match')
  await expect(
    page.getByRole('toolbar', { name: 'Decision' }).getByRole('button', { name: /^Accept/ }),
  ).toBeDisabled()

  const history = page.getByRole('group', { name: 'Decision history' })
  await history.getByText(/^Decision history/).click()
  const entry = history
    .getByRole('listitem')
    .filter({ hasText: `#${userId}` })
    .first()
  await expect(entry).toContainText('no match')
  await entry.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByTestId('selected-status')).toHaveText('suggested')

  // The undo is stored: a reload shows it.
  await page.reload()
  await goTo(page, 'Review')
  const log = await callDesk(request, 'match:decisions', { integrationId: INTEGRATION })
  expect(log.at(-1)).toMatchObject({ user_id: userId, kind: 'undo' })
  await page
    .getByRole('group', { name: 'Decision history' })
    .getByText(/^Decision history/)
    .click()
  await expect(
    page.getByRole('group', { name: 'Decision history' }).getByRole('listitem').first(),
  ).toContainText('undid')
})
