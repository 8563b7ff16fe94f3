// Parts of this file run inside the page (page.evaluate / addInitScript), so it uses DOM types.
/// <reference lib="dom" />
import { expect, test } from '@playwright/test'

/**
 * The renderer as Electron runs it: no token in the URL, and `window.api` provided (here by a fake
 * standing in for the preload, since Electron cannot start on this machine). The fake serves a company
 * of 100,000 so the virtualised lists are exercised at the scale docs/architecture.md budgets for.
 */
const ROWS = 100_000

function installFakePreload(rows: number): void {
  const calls: { name: string; request: unknown }[] = []
  const employees = Array.from({ length: rows }, (_, i) => ({
    id: `emp${i}`,
    remote_id: String(200000 + i),
    employee_number: null,
    first_name: `First${i}`,
    last_name: `Last${i}`,
    display_full_name: null,
    work_email: `person${i}@acme.example`,
    personal_email: null,
    employment_status: 'ACTIVE',
    start_date: null,
    termination_date: null,
    date_of_birth: null,
    changed_at: null,
    remote_deleted_at: null,
    vanished_at: null,
  }))
  const legacy = employees.map((e, i) => ({
    user_id: String(i),
    email: e.work_email,
    first_name: e.first_name,
    last_name: e.last_name,
    full_name: null,
    hris_id: null,
    private_email: null,
    status: 'active',
    line: i + 2,
    extra: {},
  }))
  const results = legacy.map((u, i) => ({
    user_id: u.user_id,
    status: 'suggested',
    method: 'fuzzy',
    kombo_id: `emp${i}`,
    score: 0.8,
    reasons: ['first name equal', 'last name equal'],
    candidates: [
      { kombo_id: `emp${i}`, score: 0.8, method: 'fuzzy', reasons: ['first name equal', 'last name equal'] },
    ],
    conflicts: i % 10 === 0 ? ['another legacy user has the same name'] : [],
  }))
  const integration = {
    integrationId: 'desktop:big',
    customerId: null,
    baseUrl: null,
    lastSyncStartedAt: '2026-11-01T00:00:00.000Z',
    employeeCount: rows,
    lastRun: null,
  }
  const answers: Record<string, unknown> = {
    'app:info': { version: 'fake', demo: false, hasApiKey: true },
    'integrations:list': [integration],
    'match:results': {
      results,
      summary: {
        legacyUsers: rows,
        employees: rows,
        matched: 0,
        suggested: rows,
        unmatched: 0,
        byMethod: { fuzzy: rows },
        conflicts: rows / 10,
        domainMappings: [],
      },
    },
    'employees:list': employees,
    // What Review reads: the same employees as a table (field names once, then the values of each).
    'employees:table': {
      columns: Object.keys(employees[0] ?? {}),
      rows: employees.map((employee) => Object.values(employee)),
    },
    'legacy:list': legacy,
    'sync:runs': [],
    'sync:active': [],
    'match:decisions': [],
  }
  let eventId = 0
  const api: Record<string, unknown> = {
    onSyncProgress: () => () => undefined,
  }
  for (const name of Object.keys(answers).concat(['match:decide', 'match:undo'])) {
    api[name] = async (request: unknown) => {
      calls.push({ name, request })
      if (name === 'match:decide' || name === 'match:undo') {
        const { userId } = request as { userId: string }
        return {
          ok: true,
          value: {
            id: ++eventId,
            user_id: userId,
            kind: 'accept',
            kombo_id: null,
            undoes: null,
            created_at: '',
          },
        }
      }
      const wanted = (request as { userIds?: string[] } | null)?.userIds
      if (name === 'match:results' && wanted) {
        // After a decision the store reads the decided rows back: the fake has nothing new to say.
        const whole = answers[name] as { summary: unknown }
        return { ok: true, value: { results: [], summary: whole.summary } }
      }
      return { ok: true, value: answers[name] }
    }
  }
  Object.assign(window, { api, fakePreloadCalls: calls })
}

test('the review lists stay virtualised with 100,000 rows, over the desktop bridge', async ({ page }) => {
  await page.addInitScript(installFakePreload, ROWS)
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Review', exact: true })).toBeVisible()
  const users = page.getByRole('listbox', { name: 'Legacy users' })
  await expect(users.getByRole('option', { selected: true })).toContainText('#0')
  await expect(page.getByRole('radio', { name: /^Suggested/ })).toContainText('100,000')

  // Only the rows in view (plus a small overscan) exist in the DOM, on both sides.
  expect(await users.getByRole('option').count()).toBeLessThan(60)
  const employees = page.getByRole('listbox', { name: 'HRIS employees' })
  expect(await employees.getByRole('option').count()).toBeLessThan(60)
  await expect(users).toHaveAttribute('aria-activedescendant', 'legacy-row-0')

  // Moving down keeps the selection in view; deep rows are reachable by scrolling.
  for (let i = 0; i < 30; i++) await page.keyboard.press('j')
  await expect(users.getByRole('option', { selected: true })).toContainText('#30')
  await expect(users.getByRole('option', { selected: true })).toBeInViewport()
  // Arrow keys in the focused employee list move that list only.
  const selectedBefore = await users.getByRole('option', { selected: true }).textContent()
  await employees.focus()
  const focusedEmployee = employees.getByRole('option', { selected: true })
  const employeeBefore = await focusedEmployee.textContent()
  await page.keyboard.press('ArrowDown')
  await expect(focusedEmployee).not.toHaveText(employeeBefore ?? '')
  await expect(users.getByRole('option', { selected: true })).toHaveText(selectedBefore ?? '')
  // An exact email among 100,000 people is found while typing, and Enter shows it beside the user.
  await page.keyboard.press('/')
  await page.keyboard.type('person77777@acme.example')
  await page.keyboard.press('Enter')
  await expect(employees.getByRole('option', { selected: true })).toContainText('person77777@acme.example')
  await page.keyboard.press('Escape')
  await users.focus()

  await users.evaluate((element) => (element.scrollTop = element.scrollHeight))
  await expect(users.getByRole('option', { name: /#99999$/ })).toBeVisible()
  expect(await users.getByRole('option').count()).toBeLessThan(60)

  // Accepting goes through window.api with the fixed entry, and the list moves on.
  await page.getByRole('option', { name: /#99999$/ }).click()
  await page.keyboard.press('a')
  await expect(page.getByRole('radio', { name: /^Suggested/ })).toContainText('99,999')
  const calls = await page.evaluate(
    () => (window as unknown as { fakePreloadCalls: { name: string; request: unknown }[] }).fakePreloadCalls,
  )
  expect(calls.filter((c) => c.name === 'match:decide')).toEqual([
    {
      name: 'match:decide',
      request: {
        integrationId: 'desktop:big',
        userId: '99999',
        kind: 'accept',
        komboId: 'emp99999',
        basedOn: null,
      },
    },
  ])
})

test('without a preload and without a token the page says how to connect', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('alert')).toContainText('npm run web')
})
