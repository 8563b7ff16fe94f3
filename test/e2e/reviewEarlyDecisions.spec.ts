import { expect, test, type APIResponse, type Page, type Route } from '@playwright/test'
import { callDesk, goTo, openDesk, prepareIntegration } from './support/desk'

/**
 * Review paints its first rows before the whole list has arrived (at 100,000 users that takes seconds):
 * a specialist can decide about those rows at once, and the whole list, when it lands, does not undo
 * what was decided meanwhile. Each journey holds the whole list's read back until it has acted.
 */

interface HeldList {
  /** Resolves once the page has asked for the whole list (its answer is held back). */
  asked: Promise<void>
  /** Lets the held answer through (as read when it was asked for, or read now). */
  release(): void
}

/** Holds back the page's read of the whole list (`match:results` as a list; a user's rows pass). */
async function holdWholeList(page: Page, readFirst: boolean): Promise<HeldList> {
  let noteAsked = () => {}
  const asked = new Promise<void>((resolve) => (noteAsked = resolve))
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route(
    (url) => decodeURIComponent(url.pathname) === '/api/match:results',
    async (route: Route) => {
      const body = route.request().postDataJSON() as { view?: string; userIds?: string[] }
      if (body.view !== 'list' || body.userIds) return route.continue()
      // Read now: the answer is the stored state before any decision made while it is held.
      const early: APIResponse | null = readFirst ? await route.fetch() : null
      noteAsked()
      await released
      if (early) await route.fulfill({ response: early })
      else await route.continue()
    },
  )
  return { asked, release }
}

const usersList = (page: Page) => page.getByRole('listbox', { name: 'Legacy users' })

async function selectedUserId(page: Page): Promise<string> {
  const text = (await usersList(page).getByRole('option', { selected: true }).textContent()) ?? ''
  const match = /#(\S+)$/.exec(text.trim())
  if (!match?.[1]) throw new Error(`no user id in the selected row: ${text}`)
  return match[1]
}

/** The row of one user in the legacy list (narrowed to that user first, the list is virtual). */
const rowOf = (page: Page, userId: string) =>
  usersList(page)
    .getByRole('option')
    .filter({ hasText: new RegExp(`#${userId}$`) })

const countOf = async (page: Page, tab: string) =>
  Number(
    ((await page.getByRole('radio', { name: new RegExp(`^${tab}`) }).textContent()) ?? '').replace(/\D/g, ''),
  )

async function openWhileListHeld(page: Page, integrationId: string, readFirst: boolean): Promise<HeldList> {
  const held = await holdWholeList(page, readFirst)
  await openDesk(page, integrationId)
  await goTo(page, 'Review')
  await expect(usersList(page).getByRole('option', { selected: true })).toBeVisible()
  await held.asked
  await expect(page.getByTestId('review-loading')).toContainText('loading all')
  return held
}

test('decisions are possible as soon as the first rows are painted', async ({ page, request }) => {
  const integrationId = 'e2e:early-enabled'
  await prepareIntegration(request, integrationId, { importLegacy: true })
  const held = await openWhileListHeld(page, integrationId, false)

  const userId = await selectedUserId(page)
  const suggestedBefore = await countOf(page, 'Suggested')
  const accept = page.getByRole('toolbar', { name: 'Decision' }).getByRole('button', { name: /Accept/ })
  await expect(accept).toBeEnabled()
  await accept.click()
  // The row is decided at once (it leaves the suggestions) while the rest of the list still loads.
  await expect(rowOf(page, userId)).toHaveCount(0)
  await expect.poll(() => countOf(page, 'Suggested')).toBe(suggestedBefore - 1)
  await expect(page.getByTestId('review-loading')).toBeVisible()
  await expect
    .poll(async () => (await callDesk(request, 'match:decisions', { integrationId })).length)
    .toBe(1)
  const stored = await callDesk(request, 'match:decisions', { integrationId })
  expect(stored[0]).toMatchObject({ user_id: userId, kind: 'accept' })

  held.release()
  await expect(page.getByTestId('review-loading')).toBeHidden()
  await expect(page.getByText('Decision history (1)')).toBeVisible()
  await page.getByLabel('Filter legacy users').fill(userId)
  await page.getByRole('radio', { name: /^All/ }).click()
  await expect(rowOf(page, userId)).toContainText('matched')
})

test('a decision made while the whole list loads is kept when the older list lands', async ({
  page,
  request,
}) => {
  const integrationId = 'e2e:early-kept'
  await prepareIntegration(request, integrationId, { importLegacy: true })
  // The whole list is read before the decision below, and handed to the page only after it is stored.
  const held = await openWhileListHeld(page, integrationId, true)
  const suggestedBefore = await countOf(page, 'Suggested')

  const userId = await selectedUserId(page)
  await page.keyboard.press('a')
  await expect(rowOf(page, userId)).toHaveCount(0)
  await expect
    .poll(async () => (await callDesk(request, 'match:decisions', { integrationId })).length)
    .toBe(1)
  // The host stored the decision and this page took its word for the row: now the old list arrives.
  await expect(page.getByText('Decision history (1)')).toBeVisible()
  held.release()
  await expect(page.getByTestId('review-loading')).toBeHidden()

  expect(await countOf(page, 'Suggested')).toBe(suggestedBefore - 1)
  await expect(page.getByText('Decision history (1)')).toBeVisible()
  await page.getByLabel('Filter legacy users').fill(userId)
  await page.getByRole('radio', { name: /^All/ }).click()
  await expect(rowOf(page, userId)).toContainText('matched')

  // The window still knows the decision it made: undoing it rests on the current state and is taken.
  await rowOf(page, userId).click()
  await page.keyboard.press('u')
  await expect(rowOf(page, userId)).toContainText('suggested')
  await expect
    .poll(async () => (await callDesk(request, 'match:decisions', { integrationId })).length)
    .toBe(2)
  const stored = await callDesk(request, 'match:results', { integrationId, userIds: [userId] })
  expect(stored.results[0]?.status).toBe('suggested')
  expect(await countOf(page, 'Suggested')).toBe(suggestedBefore)
})
