import { expect, test } from '@playwright/test'
import { callDesk, goTo, openDesk, prepareIntegration } from './support/desk'

const INTEGRATION = 'e2e:actions-readable'

test.beforeAll(async ({ request }) => {
  await prepareIntegration(request, INTEGRATION, { importLegacy: true })
})

test('lists name people beside their ids, the guard lists what it withholds, bad shares are refused', async ({
  page,
  request,
}) => {
  await openDesk(page, INTEGRATION)
  await goTo(page, 'Actions')
  const field = page.getByLabel('Deletion guard: withhold removals above')
  await field.fill('150')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('alert').filter({ hasText: '150 is not a share' })).toBeVisible()
  expect((await callDesk(request, 'diff:get', { integrationId: INTEGRATION })).guard.threshold).toBe(0.2)

  await field.fill('1')
  await page.getByRole('button', { name: 'Save' }).click()
  // The page offers the withheld removals once the host has stored the share and answered: read after.
  await expect(page.getByRole('button', { name: 'Review and confirm removals…' })).toBeVisible()
  const plan = await callDesk(request, 'diff:get', { integrationId: INTEGRATION })
  expect(plan.withheldRemovals.length).toBeGreaterThan(0)
  const legacy = await callDesk(request, 'legacy:list', { integrationId: INTEGRATION })
  const withheld = legacy.find((u) => u.user_id === plan.withheldRemovals[0]!.user_id)!

  await page.getByRole('button', { name: 'Review and confirm removals…' }).click()
  const dialog = page.getByRole('alertdialog')
  const list = dialog.getByRole('list', { name: 'Withheld removals' })
  await expect(list.getByRole('listitem')).toHaveCount(plan.withheldRemovals.length)
  await expect(list.getByRole('listitem').first()).toContainText(
    `${withheld.first_name} ${withheld.last_name} #${withheld.user_id}`,
  )
  // The keyboard stays in the dialog.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(dialog.getByRole('button', { name: /^Confirm/ })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  if (plan.update.length > 0) {
    await page
      .getByRole('tablist', { name: 'Action lists' })
      .getByRole('tab', { name: /^Update/ })
      .click()
    const user = legacy.find((u) => u.user_id === plan.update[0]!.user_id)!
    await expect(page.getByRole('list', { name: 'update list' }).getByRole('listitem').first()).toContainText(
      `#${user.user_id}`,
    )
    await expect(page.getByRole('list', { name: 'update list' }).getByRole('listitem').first()).toContainText(
      user.last_name ?? '',
    )
  }
})
