/**
 * What a person waits for in Review, measured in real Chromium against the web host in demo mode:
 * opening Review from the stored match results (a fresh page each round), and the interactions of a
 * review session (move with j, accept with a, undo with u), each from the key press to the next frame
 * painted after the list changed. The host-side figures (match:run, match:results, diff:get, one
 * decision with its undo) are printed first. Needs `npm run build` (the renderer is served from out/).
 *
 * Run: npm run bench:review                       (the demo company: 1,212 employees, 1,111 users)
 *      BENCH_REVIEW_SIZE=100000 npm run bench:review   (about 100,000 on each side; minutes of setup)
 *      BENCH_REVIEW_DB=bench/.data/scale/100000/company.db npm run bench:review
 *          (a database kept by `BENCH_SCALE_KEEP=1 npm run bench:scale`, copied first: synced, imported
 *          and matched already, so Review opens on stored results at once)
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import type { ApiName, ApiRequest, ApiResponses } from '../src/shared/api'
import { buildLegacyCsv } from '../test/e2e/support/legacyCsv'
import { findChromium, liveBrowserFacts } from '../scripts/chromium'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
/** Above this many users a decision's re-match takes minutes: fewer decisions are timed. */
const LARGE_USERS = 10_000
const SIZE = process.env.BENCH_REVIEW_SIZE
// Read by the demo HRIS when it starts: set before the web host is loaded.
if (SIZE) process.env.DESK_DEMO_SIZE = SIZE
const { startWebDesk } = await import('../src/web/main')

const dir = mkdtempSync(join(tmpdir(), 'bench-review-'))
const KEPT_DB = process.env.BENCH_REVIEW_DB
if (KEPT_DB) copyFileSync(KEPT_DB, join(dir, 'desk.db'))
const desk = await startWebDesk({ db: join(dir, 'desk.db'), port: 0, demo: true })
const integrationId = KEPT_DB ? await keptIntegration() : 'bench:review'
/** A second, empty integration: switching to it and back makes Review read everything afresh. */
const OTHER_INTEGRATION = 'bench:other'

async function call<N extends ApiName>(name: N, request: ApiRequest<N>): Promise<ApiResponses[N]> {
  const result = await desk.app.call(name, request)
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value
}

/** The kept database's integration (BENCH_REVIEW_INTEGRATION, else its only one). */
async function keptIntegration(): Promise<string> {
  const listed = await call('integrations:list', {})
  const named = process.env.BENCH_REVIEW_INTEGRATION ?? listed[0]?.integrationId
  if (!named || !listed.some((integration) => integration.integrationId === named))
    throw new Error(`BENCH_REVIEW_DB has no integration ${named ?? ''}: set BENCH_REVIEW_INTEGRATION`)
  return named
}

function report(label: string, times: number[], budget: number): void {
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]!
  const verdict = budget === Infinity ? '' : median < budget ? `within ${budget} ms` : `OVER ${budget} ms`
  console.log(
    `${label.padEnd(38)} median ${median.toFixed(0).padStart(6)} ms  (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)})  ${verdict}`,
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
/** Shown while Review loads (its first rows are on screen meanwhile). */
const LOADING = '[data-testid="review-loading"]'

/**
 * Presses a key in the page and resolves with the ms from the key event to the first frame painted after
 * the selected row's text changed (the decided row left, the next one is shown). With `events`, also the
 * ms from the same key event to the first frame painted once the history counts that many decisions: the
 * host's stored answer as the person sees it, timed in the page, so the benchmark's own round trips and
 * its wait for the first paint are not counted.
 */
async function keyToPaint(
  page: Page,
  key: string,
  events?: number,
): Promise<{ paint: number; answer: number }> {
  return page.evaluate(
    ({ key, selector, events }) =>
      new Promise<{ paint: number; answer: number }>((resolve, reject) => {
        const before = document.querySelector(selector)?.textContent ?? ''
        const answered = () =>
          events === undefined ||
          document
            .querySelector('.history summary')
            ?.textContent?.includes(`(${events.toLocaleString('en-US')})`)
        let paint: number | null = null
        let answer: number | null = null
        const start = performance.now()
        // Marks for BENCH_REVIEW_TIMELINE: where each key's work begins and ends in the trace.
        performance.mark(`key ${key}`)
        window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
        const check = () => {
          const changed = paint === null && (document.querySelector(selector)?.textContent ?? '') !== before
          const stored = answer === null && answered()
          // The frame after the change has been painted once the next callback runs.
          if (changed || stored) {
            requestAnimationFrame(() => {
              const now = performance.now() - start
              if (changed) paint = now
              if (stored) answer = now
              if (paint !== null && answer !== null) {
                performance.mark(`done ${key}`)
                resolve({ paint, answer })
              } else requestAnimationFrame(check)
            })
          } else if (performance.now() - start > 900_000) reject(new Error(`${key}: nothing changed`))
          else requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      }),
    { key, selector: SELECTED, events },
  )
}

/**
 * Opens Review the way the store reads it afresh: from the Sync screen of another integration, switch
 * to this one and click Review (the review store then holds the other integration's data, so it reads
 * everything again). The clock runs from the click to the frame painted with a row selected (`open`),
 * and on to the frame painted once the whole list is loaded (`whole`: the loading note is gone).
 */
async function openReviewTimes(page: Page): Promise<{ open: number[]; whole: number[] }> {
  const steps = page.getByRole('navigation', { name: 'Steps' })
  const picker = page.getByLabel('Integration', { exact: true })
  const times = { open: [] as number[], whole: [] as number[] }
  await page.goto(desk.host.url)
  // On a busy box the first page load of a 100,000 company (its overview reads) can take a while.
  await steps.waitFor({ timeout: 300_000 })
  for (let round = 0; round < ROUNDS; round++) {
    await picker.selectOption(OTHER_INTEGRATION)
    await steps.getByRole('button', { name: 'Review' }).click()
    await page.getByText('No legacy users to review yet').waitFor()
    await steps.getByRole('button', { name: 'Sync' }).click()
    await page.getByRole('heading', { name: 'Sync', exact: true }).waitFor()
    await picker.selectOption(integrationId)
    // The Sync screen's own reads finish first (its drift report takes seconds at 100,000): the web host
    // answers one call at a time, and Review's would wait behind them.
    await page.waitForFunction(() => (window as unknown as { inFlight: number }).inFlight === 0, null, {
      timeout: 600_000,
    })
    // Clicked inside the page, so the clock holds only the page's work (not the driver's checks).
    const { start, open, whole } = await page.evaluate(
      ({ selected, loading }) =>
        new Promise<{ start: number; open: number; whole: number }>((resolve) => {
          const buttons = document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Steps"] button')
          const review = Array.from(buttons).find((button) => button.textContent?.includes('Review'))!
          const start = performance.now()
          let open = 0
          review.click()
          const check = () => {
            if (open === 0 && document.querySelector(selected))
              requestAnimationFrame(() => {
                open = performance.now()
                check()
              })
            else if (open !== 0 && !document.querySelector(loading))
              requestAnimationFrame(() => resolve({ start, open, whole: performance.now() }))
            else requestAnimationFrame(check)
          }
          check()
        }),
      { selected: SELECTED, loading: LOADING },
    )
    times.open.push(open - start)
    times.whole.push(whole - start)
    if (process.env.BENCH_REVIEW_TRACE) {
      const calls = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.includes('/api/'))
          .slice(-5)
          .map(
            (entry) =>
              `${entry.name.split('/api/')[1]} ${entry.startTime.toFixed(0)}+${entry.duration.toFixed(0)}`,
          ),
      )
      console.log(
        `    round ${round}: start ${start.toFixed(0)}, open ${open.toFixed(0)}, whole ${whole.toFixed(0)}; ${calls.join(', ')}`,
      )
    }
  }
  return times
}

/**
 * Clicks a status tab inside the page and resolves with the ms to the first frame painted after the
 * selected row changed (the list now shows that status).
 */
async function filterToPaint(page: Page, label: string): Promise<number> {
  return page.evaluate(
    ({ label, selector }) =>
      new Promise<number>((resolve, reject) => {
        const tabs = document.querySelectorAll<HTMLButtonElement>('[aria-label="Show legacy users"] button')
        const tab = Array.from(tabs).find((button) => button.textContent?.startsWith(label))
        if (!tab) return reject(new Error(`no ${label} tab`))
        const before = document.querySelector(selector)?.textContent ?? ''
        const start = performance.now()
        tab.click()
        const check = () => {
          if ((document.querySelector(selector)?.textContent ?? '') !== before) {
            requestAnimationFrame(() => resolve(performance.now() - start))
          } else if (performance.now() - start > 10_000) reject(new Error(`${label}: nothing changed`))
          else requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      }),
    { label, selector: SELECTED },
  )
}

async function interactionTimes(
  page: Page,
  rounds: number,
): Promise<Record<'move' | 'accept' | 'undo' | 'stored', number[]>> {
  const times = { move: [] as number[], accept: [] as number[], undo: [] as number[], stored: [] as number[] }
  let events = (await call('match:decisions', { integrationId })).length
  for (let round = 0; round < rounds; round++) {
    times.move.push((await keyToPaint(page, 'j')).paint)
    // And from the key to the host's answer (the decision stored with its lists), as the page shows it.
    const accepted = await keyToPaint(page, 'a', ++events)
    times.accept.push(accepted.paint)
    times.stored.push(accepted.answer)
    const undone = await keyToPaint(page, 'u', ++events)
    times.undo.push(undone.paint)
    times.stored.push(undone.answer)
  }
  return times
}

/** Sets up the company: a kept database as it is, else the demo company synced, imported and matched. */
async function prepare(): Promise<{ users: number; employees: number }> {
  if (KEPT_DB) {
    // Matching must not run again for stored results whose inputs are unchanged: this read shows it.
    const start = performance.now()
    const stored = await call('match:results', { integrationId, view: 'list' })
    console.log(
      `kept database, ${stored.summary.employees} employees, ${stored.results.length} legacy users, ` +
        `${ROUNDS} rounds (first read of the stored results ${((performance.now() - start) / 1000).toFixed(1)} s)`,
    )
    return { users: stored.results.length, employees: stored.summary.employees }
  }
  await call('integrations:connect', { integrationId })
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
  return { users: first.results.length, employees: employees.length }
}

async function hostTimes(large: boolean): Promise<void> {
  console.log('host:')
  await timed('  match:first-rows (Review paints)', 300, () =>
    call('match:first-rows', { integrationId, filter: 'auto', limit: 100 }),
  )
  await timed('  match:results (list view)', Infinity, () =>
    call('match:results', { integrationId, view: 'list' }),
  )
  await timed('  employees:list', Infinity, () => call('employees:list', { integrationId }))
  // What Review reads: the same employees as a table (the field names once).
  await timed('  employees:table (Review)', Infinity, () => call('employees:table', { integrationId }))
  await timed('  legacy:list', Infinity, () => call('legacy:list', { integrationId }))
  await timed('  match:decisions', Infinity, () => call('match:decisions', { integrationId }))
  if (large) return
  await timed('  match:results (full)', Infinity, () => call('match:results', { integrationId }))
  await timed('  diff:get (lists)', Infinity, () => call('diff:get', { integrationId }))
  const suggested = (await call('match:results', { integrationId, view: 'list' })).results.filter(
    (r) => r.status === 'suggested',
  )
  let index = 0
  await timed('  match:decide + match:undo', Infinity, async () => {
    const userId = suggested[index++ % suggested.length]!.user_id
    await call('match:decide', { integrationId, userId, kind: 'accept' })
    await call('match:undo', { integrationId, userId })
  })
}

try {
  await call('integrations:connect', { integrationId: OTHER_INTEGRATION })
  const size = await prepare()
  // At 100,000 the first decision waits for the match worker's basis (about a whole match, built when
  // Review reads the results): the large company times BENCH_REVIEW_DECISIONS rounds of accept and
  // undo (5 by default), the demo company ROUNDS.
  const large = size.users > LARGE_USERS
  const decisionRounds = large ? Number(process.env.BENCH_REVIEW_DECISIONS ?? 5) : ROUNDS
  await hostTimes(large)

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
    // Counts the page's API calls in flight (see openReviewTimes).
    await page.addInitScript(`
      window.inFlight = 0
      const send = window.fetch.bind(window)
      window.fetch = (...args) => {
        window.inFlight++
        return send(...args).finally(() => window.inFlight--)
      }`)
    console.log('browser (Chromium, 1440x900):')
    const opened = await openReviewTimes(page)
    report('  open Review from stored results', opened.open, large ? 1000 : 300)
    report('  whole list loaded', opened.whole, Infinity)
    // BENCH_REVIEW_PROFILE=file.cpuprofile: the page's CPU profile of the interactions below.
    const profile = process.env.BENCH_REVIEW_PROFILE
    const cdp = profile ? await page.context().newCDPSession(page) : null
    if (cdp) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
    }
    const filters: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      filters.push(await filterToPaint(page, 'Matched'))
      filters.push(await filterToPaint(page, 'Suggested'))
    }
    report('  status tab: list shown', filters, 100)
    // The history panel open, as a reviewer keeps it (it is there once a decision was made).
    if ((await page.locator('.history summary').count()) > 0) await page.locator('.history summary').click()
    const tracePath = process.env.BENCH_REVIEW_TIMELINE
    if (tracePath)
      await browser.startTracing(page, {
        path: tracePath,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
      })
    const interactions = await interactionTimes(page, decisionRounds)
    if (tracePath) await browser.stopTracing()
    if (cdp && profile) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile))
    report('  j: next row shown', interactions.move, 100)
    report('  a: accept, next row shown', interactions.accept, 100)
    report('  u: undo, row back', interactions.undo, 100)
    // The first waits for the match worker's basis if Review opened only just before (built then).
    const [firstStored, ...laterStored] = interactions.stored
    console.log(`  first decision stored (host answered)   ${firstStored!.toFixed(0)} ms`)
    if (laterStored.length > 0) report('  later decisions stored (host answered)', laterStored, 100)
  } finally {
    await browser.close()
  }
} finally {
  await desk.close()
  rmSync(dir, { recursive: true, force: true })
}
