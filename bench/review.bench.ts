/**
 * What a person waits for in Review, measured in real Chromium against the web host in demo mode:
 * opening Review from the stored match results (a fresh page each round), and the interactions of a
 * review session (move with j, accept with a, undo with u), each from the key press to the next frame
 * painted after the list changed. The host-side figures (match:run, match:results, diff:get, one
 * decision with its undo) are printed first. Needs `npm run build` (the renderer is served from out/).
 *
 * Run: npm run bench:review                       (the demo company: 1,212 employees, 1,111 users)
 *      BENCH_REVIEW_SIZE=100000 npm run bench:review   (about 100,000 on each side; minutes of setup)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import type { ApiName, ApiRequest, ApiResponses } from '../src/shared/api'
import { buildLegacyCsv } from '../test/e2e/support/legacyCsv'
import { findChromium, liveBrowserFacts } from '../scripts/chromium'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
/** Above this many users a decision's re-match takes minutes: decisions are not timed. */
const DECISION_TIMING_MAX_USERS = 10_000
const SIZE = process.env.BENCH_REVIEW_SIZE
// Read by the demo HRIS when it starts: set before the web host is loaded.
if (SIZE) process.env.DESK_DEMO_SIZE = SIZE
const { startWebDesk } = await import('../src/web/main')

const dir = mkdtempSync(join(tmpdir(), 'bench-review-'))
const desk = await startWebDesk({ db: join(dir, 'desk.db'), port: 0, demo: true })
const integrationId = 'bench:review'
/** A second, empty integration: switching to it and back makes Review read everything afresh. */
const OTHER_INTEGRATION = 'bench:other'

async function call<N extends ApiName>(name: N, request: ApiRequest<N>): Promise<ApiResponses[N]> {
  const result = await desk.app.call(name, request)
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value
}

function report(label: string, times: number[], budget: number): void {
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]!
  const verdict = median < budget ? 'within' : 'OVER'
  console.log(
    `${label.padEnd(38)} median ${median.toFixed(0).padStart(6)} ms  (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)})  ${verdict} ${budget} ms`,
  )
}

async function timed(label: string, budget: number, run: () => Promise<unknown>): Promise<void> {
  const times: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  report(label, times, budget)
}

const SELECTED = '[role="listbox"][aria-label="Legacy users"] [aria-selected="true"]'

/**
 * Presses a key in the page and resolves with the ms from the key event to the first frame painted after
 * the selected row's text changed (the decided row left, the next one is shown).
 */
async function keyToPaint(page: Page, key: string): Promise<number> {
  return page.evaluate(
    ({ key, selector }) =>
      new Promise<number>((resolve, reject) => {
        const before = document.querySelector(selector)?.textContent ?? ''
        const start = performance.now()
        window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
        const check = () => {
          if ((document.querySelector(selector)?.textContent ?? '') !== before) {
            // The frame after the change has been painted once this callback runs.
            requestAnimationFrame(() => resolve(performance.now() - start))
          } else if (performance.now() - start > 10_000) reject(new Error(`${key}: nothing changed`))
          else requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      }),
    { key, selector: SELECTED },
  )
}

/** Waits until the host has answered every decision sent (the history lists n events). */
async function settled(page: Page, events: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.querySelector('.history summary')?.textContent?.includes(`(${n.toLocaleString('en-US')})`),
    events,
    { timeout: 120_000 },
  )
}

/**
 * Opens Review the way the store reads it afresh: from the Sync screen of another integration, switch
 * to this one and click Review (the review store then holds the other integration's data, so it reads
 * everything again). The clock runs from the click to the frame painted with a row selected.
 */
async function openReviewTimes(page: Page): Promise<number[]> {
  const steps = page.getByRole('navigation', { name: 'Steps' })
  const picker = page.getByLabel('Integration', { exact: true })
  const times: number[] = []
  await page.goto(desk.host.url)
  await steps.waitFor()
  for (let round = 0; round < ROUNDS; round++) {
    await picker.selectOption(OTHER_INTEGRATION)
    await steps.getByRole('button', { name: 'Review' }).click()
    await page.getByText('No legacy users to review yet').waitFor()
    await steps.getByRole('button', { name: 'Sync' }).click()
    await page.getByRole('heading', { name: 'Sync', exact: true }).waitFor()
    await picker.selectOption(integrationId)
    // Clicked inside the page, so the clock holds only the page's work (not the driver's checks).
    const { start, end } = await page.evaluate(
      (selector) =>
        new Promise<{ start: number; end: number }>((resolve) => {
          const buttons = document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Steps"] button')
          const review = Array.from(buttons).find((button) => button.textContent?.includes('Review'))!
          const start = performance.now()
          review.click()
          const check = () =>
            document.querySelector(selector)
              ? requestAnimationFrame(() => resolve({ start, end: performance.now() }))
              : requestAnimationFrame(check)
          check()
        }),
      SELECTED,
    )
    times.push(end - start)
    if (process.env.BENCH_REVIEW_TRACE) {
      const calls = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.includes('/api/'))
          .slice(-4)
          .map(
            (entry) =>
              `${entry.name.split('/api/')[1]} ${entry.startTime.toFixed(0)}+${entry.duration.toFixed(0)}`,
          ),
      )
      console.log(`    round ${round}: start ${start.toFixed(0)}, end ${end.toFixed(0)}; ${calls.join(', ')}`)
    }
  }
  return times
}

async function interactionTimes(page: Page): Promise<Record<'move' | 'accept' | 'undo', number[]>> {
  const times = { move: [] as number[], accept: [] as number[], undo: [] as number[] }
  let events = (await call('match:decisions', { integrationId })).length
  for (let round = 0; round < ROUNDS; round++) {
    times.move.push(await keyToPaint(page, 'j'))
    times.accept.push(await keyToPaint(page, 'a'))
    await settled(page, ++events)
    times.undo.push(await keyToPaint(page, 'u'))
    await settled(page, ++events)
  }
  return times
}

try {
  await call('integrations:connect', { integrationId })
  await call('integrations:connect', { integrationId: OTHER_INTEGRATION })
  await call('sync:run', { integrationId, full: true })
  const employees = await call('employees:list', { integrationId })
  const csv = buildLegacyCsv(employees).csv
  await call('legacy:import', {
    integrationId,
    fileName: 'users.csv',
    contentBase64: Buffer.from(csv).toString('base64'),
  })
  const setupStart = performance.now()
  await call('match:run', { integrationId })
  // match:run answers with the summary; the results are read as Review reads them.
  const first = await call('match:results', { integrationId, view: 'list' })
  console.log(
    `${employees.length} employees, ${first.results.length} legacy users, ${ROUNDS} rounds ` +
      `(first match ${((performance.now() - setupStart) / 1000).toFixed(1)} s)`,
  )
  console.log('host:')
  await timed('  match:results (stored, Review open)', 1000, () => call('match:results', { integrationId }))
  await timed('  diff:get (lists)', 1000, () => call('diff:get', { integrationId }))
  await timed('  match:results (list view)', 1000, () =>
    call('match:results', { integrationId, view: 'list' }),
  )
  await timed('  employees:list', 1000, () => call('employees:list', { integrationId }))
  await timed('  legacy:list', 1000, () => call('legacy:list', { integrationId }))
  await timed('  match:decisions', 1000, () => call('match:decisions', { integrationId }))
  // Every decision re-matches the whole file on the host: minutes at 100,000 until matching is faster,
  // so the decision timings (host and browser) run on the demo-sized company only.
  const decide = first.results.length <= DECISION_TIMING_MAX_USERS
  const suggested = first.results.filter((r) => r.status === 'suggested')
  let index = 0
  if (decide)
    await timed('  match:decide + match:undo', Infinity, async () => {
      const userId = suggested[index++ % suggested.length]!.user_id
      await call('match:decide', { integrationId, userId, kind: 'accept' })
      await call('match:undo', { integrationId, userId })
    })

  const browserPath = findChromium(liveBrowserFacts())
  if (browserPath.kind !== 'found') throw new Error('no Chromium: run npm run test:e2e once, which gets one')
  const browser = await chromium.launch({
    executablePath: browserPath.path,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    // tsx names the arrow functions it compiles with a helper the page does not have.
    await page.addInitScript('window.__name = (fn) => fn')
    console.log('browser (Chromium, 1440x900):')
    const openBudget = first.results.length > 10_000 ? 1000 : 300
    report('  open Review from stored results', await openReviewTimes(page), openBudget)
    if (!decide) {
      console.log(`  (decisions not timed above ${DECISION_TIMING_MAX_USERS} users)`)
    } else {
      await page.locator('.history summary').click()
      const interactions = await interactionTimes(page)
      report('  j: next row shown', interactions.move, 100)
      report('  a: accept, next row shown', interactions.accept, 100)
      report('  u: undo, row back', interactions.undo, 100)
    }
  } finally {
    await browser.close()
  }
} finally {
  await desk.close()
  rmSync(dir, { recursive: true, force: true })
}
