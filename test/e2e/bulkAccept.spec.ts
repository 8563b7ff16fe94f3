import { expect, test, type Page } from '@playwright/test'
import { callDesk, openReview, prepareIntegration } from './support/desk'

const INTEGRATION = 'e2e:bulk-accept'

test.beforeAll(async ({ request }) => {
  await prepareIntegration(request, INTEGRATION, { importLegacy: true })
})

const dialog = (page: Page) => page.getByRole('alertdialog', { name: 'Accept suggestions in bulk' })

test('bulk accept previews the pairs, links them as one step, and one undo takes the step back', async ({
  page,
  request,
}) => {
  await openReview(page, INTEGRATION)
  const preview = await callDesk(request, 'match:accept-bulk', {
    integrationId: INTEGRATION,
    method: 'fuzzy',
    dryRun: true,
  })
  expect(preview.pairs.length).toBeGreaterThan(1)

  await page.getByRole('button', { name: 'Accept in bulk…' }).click()
  await dialog(page).getByLabel('Suggested by').selectOption('fuzzy')
  await dialog(page).getByLabel('Score at least').fill('')
  await expect(dialog(page).getByTestId('bulk-count')).toContainText(
    `${preview.pairs.length} pairs will be linked in one step`,
  )
  // Names on both sides of every pair, as the host will link them.
  const first = preview.pairs[0]!
  const row = dialog(page)
    .getByRole('row')
    .filter({ hasText: `#${first.user_id}` })
  await expect(row).toContainText(first.user_label)
  await expect(row).toContainText(first.employee_label)
  // A score outside 0..1 is named, and nothing can be applied.
  await dialog(page).getByLabel('Score at least').fill('1.5')
  await expect(dialog(page).getByRole('alert')).toContainText('from 0 to 1')
  await expect(dialog(page).getByRole('button', { name: /^Link/ })).toBeDisabled()
  await dialog(page).getByLabel('Score at least').fill('')
  const link = dialog(page).getByRole('button', { name: `Link ${preview.pairs.length} pairs` })
  // A double click links once.
  await link.dblclick()
  await expect(page.getByText(`Linked ${preview.pairs.length} pairs in one step`)).toBeVisible()
  await expect(dialog(page)).toBeHidden()

  const log = await callDesk(request, 'match:decisions', { integrationId: INTEGRATION })
  const batches = new Set(log.map((event) => event.batch))
  expect(log).toHaveLength(preview.pairs.length)
  expect(batches.size).toBe(1)
  const plan = await callDesk(request, 'diff:get', { integrationId: INTEGRATION })
  const pending = new Set(plan.pendingReview.map((p) => p.user_id))
  expect(preview.pairs.some((pair) => pending.has(pair.user_id))).toBe(false)

  const history = page.getByRole('group', { name: 'Decision history' })
  await history.getByText(/^Decision history/).click()
  const step = history.getByRole('listitem').filter({ hasText: 'in one step' })
  await expect(step).toContainText(`accepted ${preview.pairs.length} suggestions in one step`)
  await step.getByRole('button', { name: `Undo all ${preview.pairs.length}` }).click()
  await expect(page.getByText(`Undid ${preview.pairs.length} decisions of that step`)).toBeVisible()
  const after = await callDesk(request, 'match:results', {
    integrationId: INTEGRATION,
    userIds: preview.pairs.map((pair) => pair.user_id),
  })
  expect(after.results.every((result) => result.status === 'suggested')).toBe(true)
  await expect(history.getByRole('listitem').filter({ hasText: 'accepted' })).toContainText('(undone)')
})
