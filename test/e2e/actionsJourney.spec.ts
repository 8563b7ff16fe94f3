import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { callDesk, goTo, openDesk, prepareIntegration } from './support/desk'

const INTEGRATION = 'e2e:actions-journey'

test.beforeAll(async ({ request }) => {
  await prepareIntegration(request, INTEGRATION, { importLegacy: true })
})

test('see the add, update and remove lists, and export the mapping', async ({ page, request }) => {
  const plan = await callDesk(request, 'diff:get', { integrationId: INTEGRATION })
  await openDesk(page, INTEGRATION)
  await goTo(page, 'Actions')

  const lists = page.getByRole('tablist', { name: 'Action lists' })
  await expect(lists.getByRole('tab', { name: /^Add/ })).toContainText(
    plan.add.length.toLocaleString('en-US'),
  )
  await expect(lists.getByRole('tab', { name: /^Update/ })).toContainText(
    plan.update.length.toLocaleString('en-US'),
  )
  await expect(lists.getByRole('tab', { name: /^Remove/ })).toContainText(
    plan.remove.length.toLocaleString('en-US'),
  )
  if (plan.pendingReview.length > 0) await expect(page.getByText('still await review')).toBeVisible()

  await lists.getByRole('tab', { name: /^Remove/ }).click()
  const removeList = page.getByRole('list', { name: 'remove list' })
  if (plan.remove.length > 0)
    await expect(removeList.getByRole('listitem').first()).toContainText(`#${plan.remove[0]!.user_id}`)

  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export mapping (CSV)' }).click()
  const download = await downloading
  const content = await readFile((await download.path())!, 'utf8')
  const lines = content.trim().split(/\r?\n/)
  expect(lines[0]).toBe('user_id,hris_id,kombo_id')

  // One row per linked user, each naming the employee's HRIS and Kombo ids.
  const employees = await callDesk(request, 'employees:list', { integrationId: INTEGRATION })
  const remoteIdOf = new Map(employees.map((e) => [e.id, e.remote_id]))
  const match = await callDesk(request, 'match:results', { integrationId: INTEGRATION })
  const linked = match.results.filter((r) => r.status === 'matched' && r.kombo_id)
  expect(lines.length - 1).toBe(linked.length)
  const sample = linked[0]!
  expect(lines).toContain(`${sample.user_id},${remoteIdOf.get(sample.kombo_id!)},${sample.kombo_id}`)
  await expect(
    page.getByRole('status').filter({ hasText: `Saved ${download.suggestedFilename()}` }),
  ).toBeVisible()

  // The list on screen exports the same rows, with their reasons.
  const listDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export remove list (JSON)' }).click()
  const exported = JSON.parse(await readFile((await (await listDownload).path())!, 'utf8')) as unknown
  const rows = Array.isArray(exported) ? exported : (exported as { rows?: unknown[] }).rows
  expect(rows).toHaveLength(plan.remove.length)
  expect(JSON.stringify(exported)).toContain(plan.remove[0]!.reason)
})

test('a tripped deletion guard withholds removals until confirmed', async ({ page, request }) => {
  await openDesk(page, INTEGRATION)
  await goTo(page, 'Actions')
  // Lowering the guard to 1% makes this plan's removals "too many for one sync".
  await page.getByLabel('Deletion guard: withhold removals above').fill('1')
  await page.getByRole('button', { name: 'Save' }).click()
  const plan = await callDesk(request, 'diff:get', { integrationId: INTEGRATION })
  // The demo company always has leavers linked to legacy users, so their removals exceed 1%.
  expect(plan.guard.tripped).toBe(true)

  const banner = page.getByRole('alert').filter({ hasText: 'Deletion guard' })
  await expect(banner).toBeVisible()
  await banner.getByRole('button', { name: 'Review and confirm removals…' }).click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await dialog.getByRole('button', { name: /^Confirm/ }).click()
  await expect(banner).toBeHidden()
  const confirmed = await callDesk(request, 'diff:get', { integrationId: INTEGRATION })
  expect(confirmed.guard.confirmed).toBe(true)
})
