import { expect, test } from '@playwright/test'
import { E2E_TOKEN } from '../../playwright.config'
import { callDesk, goTo, openDesk, prepareIntegration } from './support/desk'

/** What a page keeps and forgets: a refused file, a refused token. */

test('after a refused file, the imported file keeps its own column form', async ({ page, request }) => {
  const integrationId = 'e2e:stale-column-form'
  await prepareIntegration(request, integrationId, { importLegacy: false })
  const employees = await callDesk(request, 'employees:list', { integrationId })
  const good = [
    'Benutzer-ID,Mail,Vorname,Nachname',
    ...employees.slice(0, 5).map((e, i) => `B${i},${e.work_email},${e.first_name},${e.last_name}`),
  ].join('\n')
  await openDesk(page, integrationId)
  await goTo(page, 'Legacy import')
  const chooser = page.getByLabel('Choose CSV file…')
  await chooser.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) })
  await expect(page.getByRole('region', { name: 'Imported good.csv' })).toBeVisible()

  // Nothing here says which column holds the user id: refused.
  await chooser.setInputFiles({
    name: 'refused.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Farbe,Zahl\nrot,1\nblau,2\n'),
  })
  await expect(page.getByRole('region', { name: 'refused.csv was refused' })).toBeVisible()

  const imported = page.getByRole('region', { name: 'Imported good.csv' })
  await imported.getByText('Columns detected wrongly? Choose them by hand').click()
  const form = imported.getByRole('form', { name: 'Choose columns' })
  const userIdColumn = form.getByLabel('User id')
  await expect(userIdColumn.getByRole('option', { name: 'Benutzer-ID' })).toHaveCount(1)
  await expect(userIdColumn.getByRole('option', { name: 'Farbe' })).toHaveCount(0)
  const imports = page.getByRole('status').filter({ hasText: 'Imported 5 users from good.csv' })
  // Clear the first import's note, so the one that follows can only come from the import below.
  for (const dismiss of await imports.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click()
  await expect(imports).toHaveCount(0)
  await form.getByRole('button', { name: 'Import again with these columns' }).click()
  // The import is of good.csv again, not of the refused file.
  await expect(imports).toHaveCount(1)
  await expect(page.getByRole('region', { name: 'refused.csv was refused' })).toBeHidden()
  expect(await callDesk(request, 'legacy:list', { integrationId })).toHaveLength(5)
})

test('a wrong token says so plainly, and the right link works in the same tab', async ({ page }) => {
  await page.goto('/#token=not-the-token-of-this-desk')
  const alert = page.getByRole('alert').filter({ hasText: 'Access token refused' })
  await expect(alert).toContainText("The desk refused this page's access token")
  await expect(alert).toContainText('ACCESS_TOKEN_INVALID')
  await expect(page.getByText('The desk is not answering')).toHaveCount(0)

  // A plain reload does not try the refused token again: it asks for the link.
  await page.reload()
  const field = page.getByLabel('Desk link or access token')
  await expect(field).toBeVisible()

  // Opening the printed link in this tab is enough.
  await page.goto(`/#token=${E2E_TOKEN}`)
  await expect(page.getByRole('navigation', { name: 'Steps' })).toBeVisible()
  await expect(page.getByText('Access token refused')).toHaveCount(0)
})

test('the desk link pasted into the form connects the page', async ({ page, baseURL }) => {
  await page.goto('/')
  await page.getByLabel('Desk link or access token').fill(`${baseURL}/#token=${E2E_TOKEN}`)
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(page.getByRole('navigation', { name: 'Steps' })).toBeVisible()
})
