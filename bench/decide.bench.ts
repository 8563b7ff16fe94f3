/**
 * A review decision's round trip through the core (match:decide / match:undo in one write transaction
 * with the rematch and the lists' patch), as the CLI makes it in its own thread and the hosts' match
 * worker in its: accept, reject, none, manual pair and undo, each timed in wall time and in this
 * process's CPU time.
 *
 * Run: BENCH_DECIDE_DB=bench/.data/scale/100000/company.db npm run bench:decide
 *      (a database kept by `BENCH_SCALE_KEEP=1 npm run bench:scale`: synced, imported and matched; it is
 *      copied to a temporary directory first and never written)
 * BENCH_ROUNDS (default 10) decisions of each kind, on different users.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/main/core/app'
import type { AppContext } from '../src/main/core/app/context'
import { dispatch } from '../src/main/core/app/dispatch'
import { refreshStoredPlan } from '../src/main/core/diff/planService'
import { rematchAfterDecisions } from '../src/main/core/match/incrementalRematch'
import { appendDecisions, matchInputsStamp, type NewDecision } from '../src/main/core/match/matchStore'
import { openDatabase } from '../src/main/core/store/database'
import type { ApiName, ApiRequest, ApiResponses } from '../src/shared/api'
import { APP_VERSION } from '../src/shared/version'

const SOURCE = process.env.BENCH_DECIDE_DB ?? join('bench', '.data', 'scale', '100000', 'company.db')
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10)
const INTEGRATION = process.env.BENCH_DECIDE_INTEGRATION ?? 'demo:acme'

const dir = mkdtempSync(join(tmpdir(), 'bench-decide-'))
const path = join(dir, 'company.db')
copyFileSync(SOURCE, path)
const db = openDatabase(path)
const ctx: AppContext = {
  db,
  clock: { now: () => new Date() },
  secrets: { getApiKey: () => null },
  defaultBaseUrl: 'http://127.0.0.1:1/v1',
  version: APP_VERSION,
}
const handlers = createApp(ctx)

async function call<N extends ApiName>(name: N, request: ApiRequest<N>): Promise<ApiResponses[N]> {
  const result = await dispatch(handlers, name, request)
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`)
  return result.value
}

interface Timing {
  wallMs: number
  cpuMs: number
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  await work()
  const wallMs = performance.now() - started
  const used = process.cpuUsage(cpu)
  return { wallMs, cpuMs: (used.user + used.system) / 1000 }
}

const ms = (value: number) => `${value.toFixed(1)} ms`
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function report(kind: string, timings: readonly Timing[]): void {
  const wall = timings.map((t) => t.wallMs)
  const cpu = timings.map((t) => t.cpuMs)
  console.log(
    `| ${kind.padEnd(22)} | ${String(timings.length).padStart(3)} | ${ms(median(wall)).padStart(9)} | ${ms(Math.max(...wall)).padStart(9)} | ${ms(median(cpu)).padStart(9)} | ${ms(Math.max(...cpu)).padStart(9)} |`,
  )
}

try {
  console.log(
    `database: ${SOURCE} (copied to ${path}), integration ${INTEGRATION}, load ${loadavg().join(' ')}`,
  )
  const open = await timed(() => call('match:results', { integrationId: INTEGRATION, view: 'list' }))
  const { results, summary } = await call('match:results', { integrationId: INTEGRATION, view: 'list' })
  console.log(
    `${summary.legacyUsers} users, ${summary.employees} employees; stored results read in ${ms(open.wallMs)}`,
  )
  const suggested = results.filter((r) => r.status === 'suggested' && r.kombo_id !== null)
  const automatic = results.filter((r) => r.status === 'matched' && r.method !== 'decision')
  if (suggested.length < ROUNDS * 6 + 1 || automatic.length < ROUNDS) throw new Error('too few suggestions')

  // The first decision on a connection builds the plan's basis (as a whole match run compares).
  const first = await timed(() =>
    call('match:decide', { integrationId: INTEGRATION, userId: suggested[0]!.user_id, kind: 'none' }),
  )
  await call('match:undo', { integrationId: INTEGRATION, userId: suggested[0]!.user_id })
  const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20)
  console.log(
    `first decision (builds the basis): ${ms(first.wallMs)} wall, ${ms(first.cpuMs)} CPU; RSS ${rssMb} MB`,
  )

  // Counts the patches this connection stores (a whole computation deletes the earlier ones).
  db.exec(`
    CREATE TEMP TABLE patches_written (n INTEGER NOT NULL);
    INSERT INTO temp.patches_written VALUES (0);
    CREATE TEMP TRIGGER count_patches AFTER INSERT ON main.action_plan_patches
    BEGIN UPDATE temp.patches_written SET n = n + 1; END;
  `)
  const timings = new Map<string, Timing[]>()
  const note = (kind: string, timing: Timing) => timings.set(kind, [...(timings.get(kind) ?? []), timing])
  const decideAndUndo = async (kind: string, request: ApiRequest<'match:decide'>) => {
    note(kind, await timed(() => call('match:decide', request)))
    note(
      'undo',
      await timed(() => call('match:undo', { integrationId: INTEGRATION, userId: request.userId })),
    )
  }
  for (let round = 0; round < ROUNDS; round++) {
    const [a, b, c, d] = suggested.slice(1 + round * 4, 5 + round * 4)
    const id = INTEGRATION
    await decideAndUndo('accept', { integrationId: id, userId: a!.user_id, kind: 'accept' })
    await decideAndUndo('reject (top candidate)', {
      integrationId: id,
      userId: b!.user_id,
      kind: 'reject',
      komboId: b!.kombo_id!,
    })
    await decideAndUndo('none', { integrationId: id, userId: c!.user_id, kind: 'none' })
    // A manual pair with an employee another user is linked to: the link moves (two events).
    await decideAndUndo('manual (moves a link)', {
      integrationId: id,
      userId: d!.user_id,
      kind: 'manual',
      komboId: automatic[round]!.kombo_id!,
      moveLink: true,
    })
  }
  console.log('\n| decision               |   n | wall med. |  wall max |  CPU med. |   CPU max |')
  console.log('| ---------------------- | --: | --------: | --------: | --------: | --------: |')
  for (const [kind, list] of timings) report(kind, list)
  // Each decision that patched the lists (rather than computing them whole) stored one patch.
  const patched = db.prepare('SELECT n FROM temp.patches_written').pluck().get() as number
  const decided = [...timings.values()].reduce((sum, list) => sum + list.length, 0)
  console.log(`lists patched by ${patched} of the ${decided} decisions, computed whole by the others`)

  // The rematch alone, as a decision makes it in its transaction, without the lists after it.
  const rematch: Timing[] = []
  const rows: number[] = []
  const rematchAlone = (decision: NewDecision) =>
    db.transaction(() => {
      const stampBefore = matchInputsStamp(db, INTEGRATION, APP_VERSION)
      const added = appendDecisions(db, INTEGRATION, [decision], new Date().toISOString())
      const cpu = process.cpuUsage()
      const started = performance.now()
      const outcome = rematchAfterDecisions(
        { db, version: APP_VERSION, now: new Date() },
        INTEGRATION,
        stampBefore,
        added,
      )
      const used = process.cpuUsage(cpu)
      rematch.push({ wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 })
      rows.push(outcome.rowsWritten)
      if (outcome.mode !== 'incremental') throw new Error('the rematch was not incremental')
      return added[0]!
    })()
  for (const user of suggested.slice(1 + ROUNDS * 4, 1 + ROUNDS * 6)) {
    const event = rematchAlone({
      user_id: user.user_id,
      kind: 'accept',
      kombo_id: user.kombo_id,
      undoes: null,
    })
    rematchAlone({ user_id: user.user_id, kind: 'undo', kombo_id: user.kombo_id, undoes: event.id })
  }
  report('rematch alone (a./u.)', rematch)
  console.log(`rows written per decision: median ${median(rows)}, max ${Math.max(...rows)}`)

  // What the whole lists cost on their own, for comparison: a decision recomputes them in its transaction.
  const lists = await timed(async () =>
    db.transaction(() => refreshStoredPlan(db, INTEGRATION, new Date()))(),
  )
  console.log(`\nthe lists recomputed alone: ${ms(lists.wallMs)} wall, ${ms(lists.cpuMs)} CPU`)
  console.log(`load average after: ${loadavg().join(' ')}`)
} finally {
  db.close()
  rmSync(dir, { recursive: true, force: true })
}
