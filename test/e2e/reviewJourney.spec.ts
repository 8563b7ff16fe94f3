import { expect, test, type Page } from '@playwright/test'
import { callDesk, openReview as openReviewOf, prepareIntegration } from './support/desk'

const INTEGRATION = 'e2e:review-journey'
const openReview = (page: Page) => openReviewOf(page, INTEGRATION)

test.beforeAll(async ({ request }) => {
  await prepareIntegration(request, INTEGRATION, { importLegacy: true })
})

async function filterCount(page: Page, label: string): Promise<number> {
  const text = await page.getByRole('radio', { name: new RegExp(`^${label}`) }).textContent()
  return Number(text?.replace(/\D/g, ''))
}

async function selectedUserId(page: Page): Promise<string> {
  const selected = page.getByRole('listbox', { name: 'Legacy users' }).getByRole('option', { selected: true })
  const text = (await selected.textContent()) ?? ''
  const match = /#(\S+)$/.exec(text.trim())
  if (!match?.[1]) throw new Error(`no user id in the selected row: ${text}`)
  return match[1]
}

test('review a suggestion: move with j/k, accept with a, undo with u', async ({ page, request }) => {
  await openReview(page)
  await expect(page.getByRole('radio', { name: /^Suggested/ })).toBeChecked()
  const suggested = await filterCount(page, 'Suggested')
  expect(suggested).toBeGreaterThan(1)

  const first = await selectedUserId(page)
  await page.keyboard.press('j')
  const second = await selectedUserId(page)
  expect(second).not.toBe(first)
  await page.keyboard.press('k')
  expect(await selectedUserId(page)).toBe(first)

  // The best candidate is shown first, with its score and why.
  const compare = page.getByTestId('compare-pane')
  const candidates = compare.getByRole('list', { name: 'Candidates, best first' })
  await expect(candidates.getByRole('button').first()).toContainText('Best:')
  await expect(candidates.getByRole('button').first()).toContainText(/\d\.\d\d/)
  // Each field's weight of evidence, signed, as the model estimated it from these files.
  await expect(candidates.getByTestId('candidate-evidence').first()).toContainText(/name [+\u2212±]\d+\.\d/)
  await expect(compare.getByTestId('selected-status')).toHaveText('suggested')

  await page.keyboard.press('a')
  await expect(page.getByRole('radio', { name: /^Suggested/ })).toContainText(String(suggested - 1))
  expect(await selectedUserId(page)).not.toBe(first)
  let decisions = await callDesk(request, 'match:decisions', { integrationId: INTEGRATION })
  expect(decisions.at(-1)).toMatchObject({ user_id: first, kind: 'accept' })

  await page.keyboard.press('u')
  await expect(page.getByRole('radio', { name: /^Suggested/ })).toContainText(String(suggested))
  // The count and the selection update in separate renders: wait for the selection to come back.
  await expect.poll(() => selectedUserId(page)).toBe(first)
  await expect(compare.getByTestId('selected-status')).toHaveText('suggested')
  decisions = await callDesk(request, 'match:decisions', { integrationId: INTEGRATION })
  expect(decisions.at(-1)).toMatchObject({ user_id: first, kind: 'undo' })
})

test('pair by hand with the employee search, and decide there is no match', async ({ page, request }) => {
  await openReview(page)
  await page.getByRole('radio', { name: /^Unmatched/ }).click()
  const userId = await selectedUserId(page)
  const employees = await callDesk(request, 'employees:list', { integrationId: INTEGRATION })
  const match = await callDesk(request, 'match:results', { integrationId: INTEGRATION })
  const taken = new Set(match.results.flatMap((r) => [r.kombo_id, ...r.candidates.map((c) => c.kombo_id)]))
  // Someone nobody is linked to or suggested for: pairing them can only be a manual decision.
  const target = employees.find((e) => e.work_email && !taken.has(e.id))!

  await page.keyboard.press('/')
  await expect(page.getByLabel('Search employees to pair by hand')).toBeFocused()
  await page.keyboard.type(target.work_email!)
  await page.keyboard.press('Enter')
  await page.getByRole('button', { name: /Pair with this employee/ }).click()
  await expect
    .poll(async () => (await callDesk(request, 'match:decisions', { integrationId: INTEGRATION })).at(-1))
    .toMatchObject({ user_id: userId, kind: 'manual', kombo_id: target.id })

  await page.getByRole('radio', { name: /^Unmatched/ }).click()
  const next = await selectedUserId(page)
  await page.keyboard.press('n')
  await expect
    .poll(async () => (await callDesk(request, 'match:decisions', { integrationId: INTEGRATION })).at(-1))
    .toMatchObject({ user_id: next, kind: 'none' })
})

test('accept every link of a changed email domain at once', async ({ page }) => {
  await openReview(page)
  const strip = page.getByRole('region', { name: 'Email domain changes' })
  await expect(strip).toContainText('old-company.example →')
  const before = await filterCount(page, 'Matched')
  await strip.getByRole('button', { name: 'Accept all for this domain' }).first().click()
  await expect(page.getByRole('status').filter({ hasText: /Accepted \d+ links/ })).toBeVisible()
  await expect.poll(() => filterCount(page, 'Matched')).toBeGreaterThan(before)
})
