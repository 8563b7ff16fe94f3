import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { callDesk, goTo, openDesk, openReview, prepareIntegration } from './support/desk'

/** axe-core on every screen and dialog: WCAG 2.1 A and AA and axe's best practices, no violations. */
const INTEGRATION = 'e2e:accessibility'
const EMPTY = 'e2e:accessibility-empty'

test.beforeAll(async ({ request }) => {
  await prepareIntegration(request, INTEGRATION, { importLegacy: true })
  await callDesk(request, 'integrations:connect', { integrationId: EMPTY })
})

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  const found = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes
        .slice(0, 3)
        .map((node) => `${node.target.join(' ')} ${node.failureSummary ?? ''}`)
        .join(' | ')}`,
  )
  expect(found, where).toEqual([])
}

for (const screen of ['Connect', 'Overview', 'Sync', 'Legacy import', 'Actions'] as const) {
  test(`${screen} has no axe violations`, async ({ page }) => {
    await openDesk(page, INTEGRATION)
    await goTo(page, screen)
    await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible()
    // Wait for what the screen loads, so the check sees the filled screen rather than a spinner.
    await expect(page.getByRole('status').filter({ hasText: /…$/ })).toHaveCount(0)
    await expectNoViolations(page, screen)
  })
}

test('Review has no axe violations', async ({ page }) => {
  await openReview(page, INTEGRATION)
  await expectNoViolations(page, 'Review')
})

test('an integration with nothing synced yet has no axe violations either', async ({ page }) => {
  // Five screens checked in one test: axe takes seconds per screen on a busy machine.
  test.setTimeout(180_000)
  await openDesk(page, EMPTY)
  for (const screen of ['Overview', 'Sync', 'Legacy import', 'Review', 'Actions'] as const) {
    await goTo(page, screen)
    await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible()
    await expectNoViolations(page, `${screen} (empty)`)
  }
})

test('the bulk-accept preview, the deletion guard and the re-import guard have no axe violations', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000)
  await openReview(page, INTEGRATION)
  await page.getByRole('button', { name: 'Accept in bulk…' }).click()
  const bulk = page.getByRole('alertdialog', { name: 'Accept suggestions in bulk' })
  await expect(bulk.getByTestId('bulk-count')).toContainText('pairs will be linked')
  await expectNoViolations(page, 'bulk-accept preview')
  await bulk.getByRole('button', { name: 'Cancel' }).click()

  await goTo(page, 'Actions')
  await page.getByLabel('Deletion guard: withhold removals above').fill('1')
  await page.getByRole('button', { name: 'Save' }).click()
  await page.getByRole('button', { name: 'Review and confirm removals…' }).click()
  await expect(page.getByRole('alertdialog')).toBeVisible()
  await expectNoViolations(page, 'deletion guard')
  await page.keyboard.press('Escape')

  // A decision about a user the next file leaves out: the import asks first.
  const match = await callDesk(request, 'match:results', { integrationId: INTEGRATION })
  const user = match.results.find((r) => r.status === 'suggested')!
  await callDesk(request, 'match:decide', { integrationId: INTEGRATION, userId: user.user_id, kind: 'none' })
  const legacy = await callDesk(request, 'legacy:list', { integrationId: INTEGRATION })
  const rows = legacy.filter((u) => u.user_id !== user.user_id).map((u) => `${u.user_id},${u.email ?? ''}`)
  await goTo(page, 'Legacy import')
  await page.locator('input[type=file]').setInputFiles({
    name: 'fewer.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['User ID,Email', ...rows].join('\r\n')),
  })
  await expect(page.getByRole('alertdialog', { name: /Set aside the decisions/ })).toBeVisible()
  await expectNoViolations(page, 're-import guard')
})

/** WCAG relative luminance of an rgb() colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number)
  const channel = (value: number) => {
    const c = value / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!)
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light! + 0.05) / (dark! + 0.05)
}

test('the focus ring stands out 3:1 from the panel and the page behind it', async ({ page }) => {
  await openDesk(page, INTEGRATION)
  await goTo(page, 'Actions')
  await page.keyboard.press('Tab')
  const ring = await page.evaluate(() => {
    const focused = document.activeElement as HTMLElement
    const style = getComputedStyle(focused)
    return { color: style.outlineColor, width: parseFloat(style.outlineWidth), style: style.outlineStyle }
  })
  expect(ring.style).not.toBe('none')
  expect(ring.width).toBeGreaterThanOrEqual(2)
  const page_ = await page.evaluate(() => getComputedStyle(document.body.firstElementChild!).backgroundColor)
  expect(contrast(ring.color, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3)
  expect(
    contrast(ring.color, page_ === 'rgba(0, 0, 0, 0)' ? 'rgb(245, 246, 248)' : page_),
  ).toBeGreaterThanOrEqual(3)
})
