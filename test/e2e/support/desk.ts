import { expect, type APIRequestContext, type Page } from '@playwright/test'
import type { ApiName, ApiRequest, ApiResponses } from '../../../src/shared/api'
import type { Result } from '../../../src/shared/result'
import { E2E_TOKEN } from '../../../playwright.config'
import { TOKEN_HEADER } from '../../../src/shared/protocol'
import { buildLegacyCsv, type LegacyFixture } from './legacyCsv'

/** Calls the web host's API directly, to set up state a journey does not itself drive through the UI. */
export async function callDesk<N extends ApiName>(
  request: APIRequestContext,
  name: N,
  payload: ApiRequest<N>,
): Promise<ApiResponses[N]> {
  const response = await request.post(`/api/${name}`, {
    // A fresh connection per call: a kept-alive socket the server times out just as a call reuses it
    // fails that call with ECONNRESET (seen when a journey polls after a long wait).
    headers: { [TOKEN_HEADER]: E2E_TOKEN, 'content-type': 'application/json', connection: 'close' },
    data: payload,
  })
  expect(response.status()).toBe(200)
  const result = (await response.json()) as Result<ApiResponses[N]>
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value
}

/** A demo integration with synced employees and, optionally, an imported legacy export. */
export async function prepareIntegration(
  request: APIRequestContext,
  integrationId: string,
  options: { importLegacy: boolean },
): Promise<{ fixture: LegacyFixture | null; employeeCount: number }> {
  await callDesk(request, 'integrations:connect', { integrationId })
  await callDesk(request, 'sync:run', { integrationId, full: true })
  const employees = await callDesk(request, 'employees:list', { integrationId })
  if (!options.importLegacy) return { fixture: null, employeeCount: employees.length }
  const fixture = buildLegacyCsv(employees)
  await callDesk(request, 'legacy:import', {
    integrationId,
    fileName: 'users.csv',
    contentBase64: Buffer.from(fixture.csv, 'utf8').toString('base64'),
  })
  // The lists rest on stored match results, as after a specialist opened the review once.
  await callDesk(request, 'match:run', { integrationId })
  return { fixture, employeeCount: employees.length }
}

/** Opens the desk with its token and switches to an integration with the top-bar picker. */
export async function openDesk(page: Page, integrationId?: string): Promise<void> {
  await page.goto(`/#token=${E2E_TOKEN}`)
  await expect(page.getByRole('navigation', { name: 'Steps' })).toBeVisible()
  if (integrationId) await page.getByLabel('Integration', { exact: true }).selectOption(integrationId)
}

export async function goTo(
  page: Page,
  screen: 'Connect' | 'Overview' | 'Sync' | 'Legacy import' | 'Review' | 'Actions',
) {
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: screen }).click()
}

/** Opens Review for an integration; it is ready once a legacy user is selected and the whole list is loaded. */
export async function openReview(page: Page, integrationId: string): Promise<void> {
  await openDesk(page, integrationId)
  await goTo(page, 'Review')
  await expect(
    page.getByRole('listbox', { name: 'Legacy users' }).getByRole('option', { selected: true }),
  ).toBeVisible()
  // The first rows show before the whole list; journeys that read every row wait for it.
  await expect(page.getByTestId('review-loading')).toBeHidden()
}
