import { expect, test } from '@playwright/test'
import { E2E_TOKEN } from '../../playwright.config'

test('the desk opens with its token and reaches the host', async ({ page }) => {
  await page.goto(`/#token=${E2E_TOKEN}`)
  await expect(page.getByRole('navigation', { name: 'Steps' })).toBeVisible()
})
