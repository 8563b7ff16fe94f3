// Parts of this file run inside the page (page.evaluate / addInitScript), so it uses DOM types.
/// <reference lib="dom" />
import { expect, test } from '@playwright/test'
import { BROKEN_LEGACY_CSV, buildLegacyCsv } from './support/legacyCsv'
import { callDesk, goTo, openDesk, prepareIntegration } from './support/desk'

const INTEGRATION = 'e2e:legacy-journey'

test.beforeAll(async ({ request }) => {
  await prepareIntegration(request, INTEGRATION, { importLegacy: false })
})

test('import a legacy CSV through the file picker and see what was detected', async ({ page, request }) => {
  const employees = await callDesk(request, 'employees:list', { integrationId: INTEGRATION })
  const fixture = buildLegacyCsv(employees)
  // A spreadsheet's export: semicolons and Windows-1252 bytes. Letters that code page lacks (Turkish,
  // Polish, ...) become '?', as a real legacy export would write them.
  const westernOnly = fixture.csv.replace(/[^\u0020-\u00ff\r\n]/g, '?')
  const legacyBytes = Buffer.from(westernOnly.replace(/,/g, ';'), 'latin1')

  await openDesk(page, INTEGRATION)
  await goTo(page, 'Legacy import')
  await page
    .getByLabel('Choose CSV file…')
    .setInputFiles({ name: 'users-export.csv', mimeType: 'text/csv', buffer: legacyBytes })

  const summary = page.getByRole('region', { name: 'Imported users-export.csv' })
  await expect(summary).toBeVisible()
  await expect(summary.getByTestId('import-rows')).toHaveText(fixture.expected.size.toLocaleString('en-US'))
  await expect(summary.getByTestId('import-delimiter')).toHaveText('semicolon')
  await expect(summary.getByTestId('import-encoding')).toHaveText(/1252|latin/i)
  for (const [role, header] of [
    ['User id', 'User ID'],
    ['Email', 'Email'],
    ['HRIS id', 'HRIS ID'],
    ['Private email', 'Private Email'],
  ]) {
    await expect(summary.getByRole('row', { name: `${role} ${header}` })).toBeVisible()
  }
  const stored = await callDesk(request, 'legacy:list', { integrationId: INTEGRATION })
  expect(stored).toHaveLength(fixture.expected.size)
})

test('a broken file is refused with every problem row listed, and nothing changes', async ({
  page,
  request,
}) => {
  const before = await callDesk(request, 'legacy:list', { integrationId: INTEGRATION })
  await openDesk(page, INTEGRATION)
  await goTo(page, 'Legacy import')
  await page.getByLabel('Choose CSV file…').setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(BROKEN_LEGACY_CSV, 'utf8'),
  })

  const report = page.getByRole('region', { name: 'broken.csv was refused' })
  await expect(report).toBeVisible()
  const problems = report.getByRole('table', { name: 'Problem rows' })
  // Line 3 has no user id, line 4 too few fields, line 5 repeats user id 1.
  for (const line of ['3', '4', '5']) {
    await expect(
      problems.getByRole('row').filter({ has: page.getByRole('cell', { name: line, exact: true }) }),
    ).toHaveCount(1)
  }
  await expect(report.getByText('Nothing was imported')).toBeVisible()
  const after = await callDesk(request, 'legacy:list', { integrationId: INTEGRATION })
  expect(after).toHaveLength(before.length)
})

test('a CSV dropped on the drop zone is imported', async ({ page, request }) => {
  const employees = await callDesk(request, 'employees:list', { integrationId: INTEGRATION })
  const { csv, expected } = buildLegacyCsv(employees)
  await openDesk(page, INTEGRATION)
  await goTo(page, 'Legacy import')
  const dataTransfer = await page.evaluateHandle(
    ({ text, name }) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([text], name, { type: 'text/csv' }))
      return transfer
    },
    { text: csv, name: 'dropped.csv' },
  )
  const dropZone = page.getByText("Drop the customer's user export here")
  await dropZone.dispatchEvent('dragover', { dataTransfer })
  await dropZone.dispatchEvent('drop', { dataTransfer })
  const summary = page.getByRole('region', { name: 'Imported dropped.csv' })
  await expect(summary.getByTestId('import-rows')).toHaveText(expected.size.toLocaleString('en-US'))
  await expect(summary.getByTestId('import-encoding')).toHaveText('utf-8')
  await expect(summary.getByTestId('import-delimiter')).toHaveText('comma')
})

test('columns the importer cannot place are chosen by hand and the file imported again', async ({ page }) => {
  // No header names a user id, and the email cannot stand in for one: Bo has none.
  const csv = ['Ref No,E-mail,Given,Family', 'A-1,ana@example.com,Ana,Silva', 'A-2,,Bo,Berg'].join('\n')
  await openDesk(page, INTEGRATION)
  await goTo(page, 'Legacy import')
  await page
    .getByLabel('Choose CSV file…')
    .setInputFiles({ name: 'odd-columns.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  const report = page.getByRole('region', { name: 'odd-columns.csv was refused' })
  await expect(report).toBeVisible()
  const form = report.getByRole('form', { name: 'Choose columns' })
  await form.getByLabel('User id').selectOption('Ref No')
  await form.getByLabel('Email', { exact: true }).selectOption('E-mail')
  await form.getByRole('button', { name: 'Import again with these columns' }).click()
  // Two users replace the whole earlier import: the desk asks first.
  await page
    .getByRole('alertdialog', { name: /^odd-columns\.csv leaves out/ })
    .getByRole('button', { name: 'Import odd-columns.csv without them' })
    .click()
  const summary = page.getByRole('region', { name: 'Imported odd-columns.csv' })
  await expect(summary.getByTestId('import-rows')).toHaveText('2')
  await expect(summary.getByRole('row', { name: 'User id Ref No' })).toBeVisible()
})

test('demo mode offers a sample export of the demo company, and it matches', async ({ page, request }) => {
  // An integration of its own: the sample replaces nobody, so no import guard asks first.
  const integrationId = 'e2e:legacy-sample'
  await prepareIntegration(request, integrationId, { importLegacy: false })
  await openDesk(page, integrationId)
  await goTo(page, 'Legacy import')
  await page.getByRole('button', { name: 'Import a sample export of the demo company' }).click()
  const summary = page.getByRole('region', { name: 'Imported sample-user-export.csv' })
  await expect(summary).toBeVisible()
  const match = await callDesk(request, 'match:run', { integrationId })
  expect(match.summary.matched).toBeGreaterThan(0)
  expect(match.summary.suggested).toBeGreaterThan(0)
  expect(match.summary.domainMappings.map((mapping) => mapping.from)).toContain('old-domain.example')
})

test('a file that leaves out many of the imported users asks first, and Cancel keeps the import', async ({
  page,
  request,
}) => {
  const integrationId = 'e2e:legacy-shrink'
  const { fixture } = await prepareIntegration(request, integrationId, { importLegacy: true })
  const before = await callDesk(request, 'legacy:list', { integrationId })
  // Cut off at a row boundary: the header and the first half of the rows.
  const lines = fixture!.csv.split('\n').filter((line) => line.trim() !== '')
  const cut = Buffer.from(lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n')

  await openDesk(page, integrationId)
  await goTo(page, 'Legacy import')
  const chooser = page.getByLabel('Choose CSV file…')
  await chooser.setInputFiles({ name: 'cut-off.csv', mimeType: 'text/csv', buffer: cut })
  const dialog = page.getByRole('alertdialog', {
    name: new RegExp(`^cut-off\\.csv leaves out [\\d,]+ of ${before.length.toLocaleString('en-US')} users$`),
  })
  await expect(dialog).toContainText('--allow-shrink')
  await expect(dialog.getByRole('button', { name: /^Cancel/ })).toBeFocused()
  await dialog.getByRole('button', { name: /^Cancel/ }).click()
  await expect(dialog).toBeHidden()
  expect(await callDesk(request, 'legacy:list', { integrationId })).toEqual(before)

  await chooser.setInputFiles({ name: 'cut-off.csv', mimeType: 'text/csv', buffer: cut })
  await dialog.getByRole('button', { name: 'Import cut-off.csv without them' }).click()
  const summary = page.getByRole('region', { name: 'Imported cut-off.csv' })
  await expect(summary).toBeVisible()
  const after = await callDesk(request, 'legacy:list', { integrationId })
  expect(after.length).toBeLessThan(before.length * 0.95)
  await expect(summary.getByTestId('import-rows')).toHaveText(after.length.toLocaleString('en-US'))
})
