import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { callDesk, goTo, openDesk, prepareIntegration } from './support/desk'

/** Decisions that are never lost or stale: each journey has an integration of its own. */

async function openReview(page: Page, integrationId: string): Promise<void> {
  await openDesk(page, integrationId)
  await goTo(page, 'Review')
  await expect(
    page.getByRole('listbox', { name: 'Legacy users' }).getByRole('option', { selected: true }),
  ).toBeVisible()
  // The first rows show before the whole list; journeys that read every row wait for it.
  await expect(page.getByTestId('review-loading')).toBeHidden()
}

async function selectedUserId(page: Page): Promise<string> {
  const selected = page.getByRole('listbox', { name: 'Legacy users' }).getByRole('option', { selected: true })
  const text = (await selected.textContent()) ?? ''
  const match = /#(\S+)$/.exec(text.trim())
  if (!match?.[1]) throw new Error(`no user id in the selected row: ${text}`)
  return match[1]
}

async function decisions(request: APIRequestContext, integrationId: string) {
  return callDesk(request, 'match:decisions', { integrationId })
}

test('a decision shows in the Actions lists at once, without matching again', async ({ page, request }) => {
  const integrationId = 'e2e:durable-actions'
  await prepareIntegration(request, integrationId, { importLegacy: true })
  await openReview(page, integrationId)
  const before = await callDesk(request, 'diff:get', { integrationId })
  const userId = await selectedUserId(page)
  expect(before.pendingReview.map((p) => p.user_id)).toContain(userId)

  await page.keyboard.press('a')
  await expect.poll(async () => (await decisions(request, integrationId)).length).toBe(1)
  await goTo(page, 'Actions')
  await expect(page.getByRole('note').filter({ hasText: 'still await review' })).toContainText(
    `${(before.pendingReview.length - 1).toLocaleString('en-US')} users still await review`,
  )
  const after = await callDesk(request, 'diff:get', { integrationId })
  expect(after.pendingReview.map((p) => p.user_id)).not.toContain(userId)
})

test('a re-import that would set decisions aside asks first, and they return with their users', async ({
  page,
  request,
}) => {
  const integrationId = 'e2e:durable-reimport'
  const { fixture } = await prepareIntegration(request, integrationId, { importLegacy: true })
  const match = await callDesk(request, 'match:results', { integrationId })
  const suggested = match.results.find((r) => r.status === 'suggested')!
  await callDesk(request, 'match:decide', { integrationId, userId: suggested.user_id, kind: 'accept' })

  // The same export without the decided user's row.
  const lines = fixture!.csv.split('\n')
  const userCount = lines.filter((line) => line.trim() !== '').length - 1
  const without = lines.filter((line) => !line.startsWith(`${suggested.user_id},`)).join('\n')
  expect(without.length).toBeLessThan(fixture!.csv.length)

  await openDesk(page, integrationId)
  await goTo(page, 'Legacy import')
  const chooser = page.locator('input[type=file]')
  await chooser.setInputFiles({ name: 'fewer.csv', mimeType: 'text/csv', buffer: Buffer.from(without) })
  const dialog = page.getByRole('alertdialog', { name: /Set aside the decisions of 1 users/ })
  await expect(dialog).toContainText(suggested.user_id)
  await expect(dialog.getByRole('button', { name: /^Cancel/ })).toBeFocused()
  await dialog.getByRole('button', { name: /^Cancel/ }).click()
  await expect(dialog).toBeHidden()
  expect(await callDesk(request, 'legacy:list', { integrationId })).toHaveLength(userCount)

  await chooser.setInputFiles({ name: 'fewer.csv', mimeType: 'text/csv', buffer: Buffer.from(without) })
  await dialog.getByRole('button', { name: /set them aside/ }).click()
  await expect(page.getByRole('status').filter({ hasText: '1 decisions set aside' })).toBeVisible()
  expect(await callDesk(request, 'legacy:list', { integrationId })).toHaveLength(userCount - 1)

  // The user comes back, and so does the decision about them.
  await chooser.setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(fixture!.csv) })
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /^Imported/ })
      .last(),
  ).toContainText('users.csv')
  const back = await callDesk(request, 'match:results', { integrationId })
  expect(back.results.find((r) => r.user_id === suggested.user_id)).toMatchObject({
    status: 'matched',
    method: 'decision',
    kombo_id: suggested.kombo_id,
  })
})

test('two windows on one user: the later, outdated decision is refused and shows the first', async ({
  browser,
  request,
}) => {
  const integrationId = 'e2e:durable-two-windows'
  await prepareIntegration(request, integrationId, { importLegacy: true })
  // Two separate browser sessions: neither hears of the other's decision except through the server.
  const first = await (await browser.newContext()).newPage()
  const second = await (await browser.newContext()).newPage()
  await openReview(first, integrationId)
  await openReview(second, integrationId)
  const userId = await selectedUserId(first)
  expect(await selectedUserId(second)).toBe(userId)

  await first.keyboard.press('a')
  await expect.poll(async () => (await decisions(request, integrationId)).length).toBe(1)
  await second.keyboard.press('n')
  await expect(second.getByRole('alert').filter({ hasText: 'decided in another window' })).toBeVisible()
  const log = await decisions(request, integrationId)
  expect(log).toHaveLength(1)
  expect(log[0]).toMatchObject({ user_id: userId, kind: 'accept' })
  // The refused window now shows what the first one decided.
  await second.getByLabel('Filter legacy users').fill(userId)
  await second.getByRole('radio', { name: /^All/ }).click()
  await second.getByRole('listbox', { name: 'Legacy users' }).getByRole('option').first().click()
  await expect(second.getByTestId('selected-status')).toHaveText('matched')
  await first.context().close()
  await second.context().close()
})

test('a decision in one tab updates the other tab of the same browser', async ({ context, request }) => {
  const integrationId = 'e2e:durable-other-tab'
  await prepareIntegration(request, integrationId, { importLegacy: true })
  const first = await context.newPage()
  const second = await context.newPage()
  await openReview(first, integrationId)
  await openReview(second, integrationId)
  const suggested = second.getByRole('radio', { name: /^Suggested/ })
  const count = Number((await suggested.textContent())?.replace(/\D/g, ''))

  await first.keyboard.press('a')
  await expect(suggested).toContainText((count - 1).toLocaleString('en-US'))
})

test('a double click accepts one suggestion, and a double-clicked export downloads once', async ({
  page,
  request,
}) => {
  const integrationId = 'e2e:durable-double-click'
  await prepareIntegration(request, integrationId, { importLegacy: true })
  await openReview(page, integrationId)
  const first = await selectedUserId(page)
  await page
    .getByRole('toolbar', { name: 'Decision' })
    .getByRole('button', { name: /^Accept/ })
    .dblclick()
  await expect.poll(async () => (await decisions(request, integrationId)).length).toBe(1)
  const next = await selectedUserId(page)
  expect(next).not.toBe(first)
  await expect(page.getByTestId('selected-status')).toHaveText('suggested')
  // A later, deliberate decision on the next row goes through and is the second one, not the third.
  await page
    .getByRole('toolbar', { name: 'Decision' })
    .getByRole('button', { name: /^No match/ })
    .click()
  await expect.poll(async () => (await decisions(request, integrationId)).length).toBe(2)
  expect((await decisions(request, integrationId)).map((d) => [d.user_id, d.kind])).toEqual([
    [first, 'accept'],
    [next, 'none'],
  ])

  await goTo(page, 'Actions')
  const downloads: string[] = []
  page.on('download', (download) => downloads.push(download.suggestedFilename()))
  await page.getByRole('button', { name: 'Export mapping (CSV)' }).dblclick()
  await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveCount(1)
  const json = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export mapping (JSON)' }).click()
  await json
  expect(downloads.filter((name) => name.endsWith('.csv'))).toHaveLength(1)
})
