import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/main/core/app'
import type { AppContext } from '../../src/main/core/app/context'
import { dispatch } from '../../src/main/core/app/dispatch'
import { departureOf, type DepartureFields } from '../../src/main/core/diff/departure'
import { diffEmployees } from '../../src/main/core/diff/diffEmployees'
import { loadDiffState } from '../../src/main/core/diff/loadDiffState'
import { createRandom } from '../../src/main/core/demo/random'
import { openDatabase, type Database } from '../../src/main/core/store/database'
import { inputCounts } from '../../src/main/core/store/inputCounts'
import type { ApiName, ApiRequest, ApiResponses } from '../../src/shared/api'
import type { ActionPlan } from '../../src/shared/dto/diff'
import type { MatchResult } from '../../src/shared/dto/match'
import { seedDemoCompany } from '../unit/diff/seed'
import { makeTempDir } from '../support/tempDir'

/**
 * After every kind of decision the stored results and lists are exactly those a whole `match` stores,
 * and a decision writes only the rows it moves (docs/architecture.md, "Decisions").
 */
const INTEGRATION = 'demo:incremental'
/** Large enough for same-name colleagues, a domain change and id links; small enough to match often. */
const COMPANY_SIZE = 400
/** Decisions of the random run, each checked against a whole match. */
const DECISIONS_AT_RANDOM = 40

interface App {
  db: Database
  call<N extends ApiName>(name: N, request: ApiRequest<N>): Promise<ApiResponses[N]>
}

function openApp(path: string): App {
  const db = openDatabase(path)
  let now = Date.parse('2026-03-01T10:00:00.000Z')
  const ctx: AppContext = {
    db,
    // Each call a minute later, so every stored plan has its own time.
    clock: { now: () => new Date((now += 60_000)) },
    secrets: { getApiKey: () => null },
    defaultBaseUrl: 'http://127.0.0.1:1/v1',
    version: 'test',
  }
  const handlers = createApp(ctx)
  return {
    db,
    async call(name, request) {
      const result = await dispatch(handlers, name, request)
      if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`)
      return result.value
    },
  }
}

interface StoredState {
  rows: unknown[]
  summary: unknown
  lists: Omit<ActionPlan, 'generatedAt'>
}

/** What a decision must leave exactly as a whole match would: every result row, the summary, the lists. */
async function storedState(app: App): Promise<StoredState> {
  const rows = app.db
    .prepare(
      `SELECT user_id, status, method, kombo_id, score, detail, conflicts, candidate_count, candidate_ids
       FROM match_results WHERE integration_id = ? ORDER BY user_id`,
    )
    .all(INTEGRATION)
  const summary = JSON.parse(
    app.db
      .prepare("SELECT value FROM settings WHERE integration_id = ? AND key = 'match_summary'")
      .pluck()
      .get(INTEGRATION) as string,
  ) as unknown
  // The lists as stored by the decision: diff reads them while their inputs are unchanged.
  const { generatedAt, ...lists } = await app.call('diff:get', { integrationId: INTEGRATION })
  expect(generatedAt).toBe(latestPlanTime(app.db))
  return { rows, summary, lists }
}

/** When the stored lists were last computed or patched. */
function latestPlanTime(db: Database): string {
  return db
    .prepare(
      `SELECT COALESCE((SELECT generated_at FROM action_plan_patches WHERE plan_id = p.id ORDER BY seq DESC LIMIT 1),
                       p.created_at)
       FROM action_plans p ORDER BY p.id DESC LIMIT 1`,
    )
    .pluck()
    .get() as string
}

/** The lists computed whole from the store as it is, on the same connection, without storing them. */
function listsComputedWhole(db: Database, generatedAt: string): Omit<ActionPlan, 'generatedAt'> {
  const basis = db
    .prepare(
      "SELECT max(id) FROM sync_runs WHERE integration_id = ? AND source = 'fetch' AND outcome = 'SUCCEEDED'",
    )
    .pluck()
    .get(INTEGRATION) as number
  const { generatedAt: at, ...lists } = diffEmployees(loadDiffState(db, INTEGRATION, basis, generatedAt))
  expect(at).toBe(generatedAt)
  return lists
}

/** What a step writes: rows into match_results, and patches of the stored lists (triggers on the tables). */
function countWrites(db: Database): () => { rows: number; patches: number } {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS written (rows INTEGER NOT NULL, patches INTEGER NOT NULL);
    DELETE FROM temp.written;
    INSERT INTO temp.written VALUES (0, 0);
    CREATE TEMP TRIGGER IF NOT EXISTS count_written AFTER INSERT ON main.match_results
    BEGIN UPDATE temp.written SET rows = rows + 1; END;
    CREATE TEMP TRIGGER IF NOT EXISTS count_patches AFTER INSERT ON main.action_plan_patches
    BEGIN UPDATE temp.written SET patches = patches + 1; END;
  `)
  return () => {
    const counts = db.prepare('SELECT rows, patches FROM temp.written').get() as {
      rows: number
      patches: number
    }
    db.exec('UPDATE temp.written SET rows = 0, patches = 0')
    return counts
  }
}

describe('a decision rematches only what it moves, and stays exact', { timeout: 240_000 }, () => {
  let cleanup: () => void
  let app: App
  /** What each checked step wrote, for the patches' share of them. */
  let stepWrites: Array<{ rows: number; patches: number }>

  beforeEach(() => {
    const temp = makeTempDir('incremental-rematch-')
    cleanup = temp.cleanup
    app = openApp(join(temp.dir, 'desk.sqlite'))
    seedDemoCompany(app.db, INTEGRATION, { seed: 5, size: COMPANY_SIZE })
    stepWrites = []
  })
  afterEach(() => {
    app.db.close()
    cleanup()
  })

  const results = async (): Promise<MatchResult[]> =>
    (await app.call('match:results', { integrationId: INTEGRATION })).results

  /** The employees who have left as of the stored plan's day, as the lists count departures. */
  function leaversOnPlanDay(): Set<string> {
    const today = latestPlanTime(app.db).slice(0, 10)
    const employees = app.db
      .prepare(
        `SELECT id, remote_deleted_at, vanished_at, employment_status, termination_date
         FROM employees WHERE integration_id = ?`,
      )
      .all(INTEGRATION) as Array<DepartureFields & { id: string }>
    return new Set(employees.filter((e) => departureOf(e, today) !== null).map((e) => e.id))
  }

  let copies = 0
  /**
   * Runs a step, then checks its stored state against a whole match run's on the same inputs, and the
   * stored lists against the lists computed whole. The whole match runs on a copy of the file, so this
   * connection's kept plan and lists carry from one decision to the next, as in a long review.
   */
  async function expectExactAfter(step: string, decide: () => Promise<unknown>): Promise<number> {
    const writes = countWrites(app.db)
    await decide()
    const written = writes()
    stepWrites.push(written)
    const incremental = await storedState(app)
    expect({ step, lists: listsComputedWhole(app.db, latestPlanTime(app.db)) }).toEqual({
      step,
      lists: incremental.lists,
    })
    const copy = join(dirname(app.db.name), `whole-${++copies}.sqlite`)
    app.db.prepare('VACUUM INTO ?').run(copy)
    const other = openApp(copy)
    try {
      // The counts the stamps rest on, as this connection keeps them after the decision, are those a
      // fresh connection counts (store/inputCounts.ts).
      expect({ step, counts: inputCounts(app.db, INTEGRATION) }).toEqual({
        step,
        counts: inputCounts(other.db, INTEGRATION),
      })
      await other.call('match:run', { integrationId: INTEGRATION })
      const whole = await storedState(other)
      expect({ step, ...incremental }).toEqual({ step, ...whole })
    } finally {
      other.db.close()
      rmSync(copy, { force: true })
    }
    writes()
    return written.rows
  }

  it('accept, reject, none, a moved link, undo, domain accept, bulk accept and batch undo', async () => {
    const { summary } = await app.call('match:run', { integrationId: INTEGRATION })
    const users = summary.legacyUsers
    let all = await results()
    const suggested = all.filter((r) => r.status === 'suggested' && r.kombo_id !== null)
    const automatic = all.filter((r) => r.status === 'matched' && r.method !== 'decision')
    expect(suggested.length).toBeGreaterThan(6)
    expect(automatic.length).toBeGreaterThan(2)
    expect(summary.domainMappings.length).toBeGreaterThan(0)
    const id = INTEGRATION

    const steps: Array<[string, () => Promise<unknown>]> = [
      [
        'accept',
        () => app.call('match:decide', { integrationId: id, userId: suggested[0]!.user_id, kind: 'accept' }),
      ],
      [
        'reject the top candidate',
        () =>
          app.call('match:decide', {
            integrationId: id,
            userId: suggested[1]!.user_id,
            kind: 'reject',
            komboId: suggested[1]!.kombo_id!,
          }),
      ],
      [
        'none',
        () => app.call('match:decide', { integrationId: id, userId: suggested[2]!.user_id, kind: 'none' }),
      ],
      [
        'pair an employee linked to someone else',
        () =>
          app.call('match:decide', {
            integrationId: id,
            userId: suggested[3]!.user_id,
            kind: 'manual',
            komboId: automatic[0]!.kombo_id!,
            moveLink: true,
          }),
      ],
      ['undo', () => app.call('match:undo', { integrationId: id, userId: suggested[3]!.user_id })],
      ['undo the accept', () => app.call('match:undo', { integrationId: id, userId: suggested[0]!.user_id })],
    ]
    for (const [step, decide] of steps) {
      const written = await expectExactAfter(step, decide)
      // Only the decided users and those around them, never the whole file.
      expect(written, step).toBeGreaterThan(0)
      expect(written, step).toBeLessThan(users / 4)
    }

    const mapping = summary.domainMappings[0]!
    await expectExactAfter('domain accept', () =>
      app.call('match:accept-domain', { integrationId: id, from: mapping.from, to: mapping.to }),
    )
    let batch: number | null = null
    const bulk = await expectExactAfter('bulk accept', async () => {
      const outcome = await app.call('match:accept-bulk', {
        integrationId: id,
        method: 'fuzzy',
        minScore: 0.5,
      })
      expect(outcome.pairs.length).toBeGreaterThan(0)
      batch = outcome.batch
    })
    expect(bulk).toBeLessThan(users)
    await expectExactAfter('batch undo', () =>
      app.call('match:undo-batch', { integrationId: id, batch: batch! }),
    )

    all = await results()
    expect(all.find((r) => r.user_id === suggested[2]!.user_id)?.method).toBe('decision')
    // After the first decision on this connection (the lists computed whole and kept), each single
    // decision patched the stored lists rather than computing them again.
    expect(stepWrites.slice(1, 6).map((written) => written.patches)).toEqual([1, 1, 1, 1, 1])
  })

  it('patches the lists when a suggestion of a leaver is accepted, and when that is undone', async () => {
    await app.call('match:run', { integrationId: INTEGRATION })
    const leavers = leaversOnPlanDay()
    const all = await results()
    const suggested = all.filter((r) => r.status === 'suggested' && r.kombo_id !== null)
    const ofLeavers = suggested.filter((r) => leavers.has(r.kombo_id!))
    // Accepting such a suggestion links the user to someone who left: a departure removal, which the
    // deletion guard weighs, and claims on a returning person, which the adds' re-hires rest on.
    expect(ofLeavers.length).toBeGreaterThan(1)
    const other = suggested.find((r) => !leavers.has(r.kombo_id!))!
    const id = INTEGRATION
    const steps: Array<[string, () => Promise<unknown>]> = [
      // The first decision on this connection computes the lists whole and keeps them.
      [
        'accept another',
        () => app.call('match:decide', { integrationId: id, userId: other.user_id, kind: 'accept' }),
      ],
      ...ofLeavers.slice(0, 2).flatMap((leaver): Array<[string, () => Promise<unknown>]> => [
        [
          `accept ${leaver.user_id}, linked to a leaver`,
          () => app.call('match:decide', { integrationId: id, userId: leaver.user_id, kind: 'accept' }),
        ],
        [
          `undo ${leaver.user_id}`,
          () => app.call('match:undo', { integrationId: id, userId: leaver.user_id }),
        ],
      ]),
    ]
    for (const [step, decide] of steps) await expectExactAfter(step, decide)
    const plan = await app.call('diff:get', { integrationId: id })
    expect(plan.guard.tripped && !plan.guard.confirmed).toBe(false)
    // Each of them patched the stored lists: none computed them whole.
    expect(stepWrites.slice(1).map((written) => written.patches)).toEqual([1, 1, 1, 1])
  })

  it('stores every row when the stored results are not current, and follows decisions made elsewhere', async () => {
    const users = app.db
      .prepare('SELECT user_id FROM legacy_users WHERE integration_id = ? ORDER BY line, user_id')
      .pluck()
      .all(INTEGRATION) as string[]
    // Never matched: the first decision stores every user's result.
    const first = await expectExactAfter('a decision before any match', () =>
      app.call('match:decide', { integrationId: INTEGRATION, userId: users[0]!, kind: 'none' }),
    )
    expect(first).toBe(users.length)
    // Another connection (another window's host, a CLI run) decides: this one's kept plan is behind.
    const suggestion = (await results()).find((r) => r.status === 'suggested' && r.user_id !== users[2])
    const other = openApp(app.db.name)
    try {
      await other.call('match:decide', {
        integrationId: INTEGRATION,
        userId: suggestion!.user_id,
        kind: 'accept',
      })
    } finally {
      other.db.close()
    }
    const next = await expectExactAfter('a decision after one made elsewhere', () =>
      app.call('match:decide', { integrationId: INTEGRATION, userId: users[2]!, kind: 'none' }),
    )
    expect(next).toBeLessThan(users.length / 4)
  })

  it("follows a decision to other users' id links: a settled namesake, a released contest", async () => {
    const db = app.db
    const run = db.prepare('SELECT max(id) FROM sync_runs').pluck().get() as number
    const employee = db.prepare(
      `INSERT INTO employees (integration_id, id, remote_id, first_name, last_name, work_email, first_seen_run,
         last_seen_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    employee.run(INTEGRATION, 'E1', 'R-E1', 'Anna', 'Schmidtke', 'anna.schmidtke@acme.example', run, run)
    employee.run(INTEGRATION, 'E2', 'R-E2', 'Anna', 'Schmidtke', 'anna.schmidtke2@acme.example', run, run)
    employee.run(INTEGRATION, 'E3', 'R-E3', 'Bert', 'Quandt', 'bert.quandt@acme.example', run, run)
    const user = db.prepare(
      `INSERT INTO legacy_users (integration_id, user_id, email, first_name, last_name, hris_id, line)
       VALUES (?, ?, ?, ?, ?, ?, 100000)`,
    )
    // The hris_id names E1, but only a name read from the address confirms it, and E2 has the same name.
    user.run(INTEGRATION, 'w-id-only', 'a.schmidtke@old.example', null, null, 'R-E1')
    // A name only: a suggestion between the two namesakes, which a decision settles.
    user.run(INTEGRATION, 'v-name-only', null, 'Anna', 'Schmidtke', null)
    // Two users point to E3, one by hris_id and one by work email: neither links while both do.
    user.run(INTEGRATION, 'x-by-id', null, 'Bert', 'Quandt', 'R-E3')
    user.run(INTEGRATION, 'y-by-email', 'bert.quandt@acme.example', 'Bert', 'Quandt', null)
    await app.call('match:run', { integrationId: INTEGRATION })
    const of = async (userId: string) =>
      (await app.call('match:results', { integrationId: INTEGRATION, userIds: [userId] })).results[0]!
    expect((await of('w-id-only')).conflicts.join()).toContain('only the hris_id tells them apart')
    expect((await of('y-by-email')).conflicts.join()).toContain('several users point to E3')

    await expectExactAfter('a namesake decided', () =>
      app.call('match:decide', {
        integrationId: INTEGRATION,
        userId: 'v-name-only',
        kind: 'manual',
        komboId: 'E2',
      }),
    )
    expect(await of('w-id-only')).toMatchObject({ status: 'matched', kombo_id: 'E1', method: 'remote_id' })
    await expectExactAfter('a contender decided none', () =>
      app.call('match:decide', { integrationId: INTEGRATION, userId: 'x-by-id', kind: 'none' }),
    )
    expect(await of('y-by-email')).toMatchObject({ status: 'matched', kombo_id: 'E3', method: 'work_email' })
    await expectExactAfter('undo', () =>
      app.call('match:undo', { integrationId: INTEGRATION, userId: 'v-name-only' }),
    )
    expect((await of('w-id-only')).status).not.toBe('matched')
  })

  /** DECISIONS_AT_RANDOM decisions of every kind on users drawn from `pool`, each checked. */
  async function randomRun(pool: readonly MatchResult[], seed: number): Promise<void> {
    const random = createRandom(seed)
    const id = INTEGRATION
    for (let step = 0; step < DECISIONS_AT_RANDOM; step++) {
      const user = random.pick(pool)
      const [current] = (await app.call('match:results', { integrationId: id, userIds: [user.user_id] }))
        .results
      const candidate = random.pick(current!.candidates.length > 0 ? current!.candidates : user.candidates)
      const kind = random.pick(['accept', 'reject', 'none', 'manual', 'undo'] as const)
      const label = `step ${step}: ${kind} ${user.user_id} ${candidate?.kombo_id ?? ''}`
      await expectExactAfter(label, async () => {
        if (kind === 'undo') {
          const decisions = await app.call('match:decisions', { integrationId: id })
          if (decisions.some((event) => event.user_id === user.user_id)) {
            await app
              .call('match:undo', { integrationId: id, userId: user.user_id })
              // Everything already undone: nothing to check in this step.
              .catch((error: Error) => expect(error.message).toContain('no decision left to undo'))
          }
          return
        }
        const komboId = kind === 'none' ? undefined : candidate?.kombo_id
        if (kind !== 'none' && komboId === undefined) return
        await app.call('match:decide', {
          integrationId: id,
          userId: user.user_id,
          kind,
          ...(komboId === undefined ? {} : { komboId }),
          ...(kind === 'accept' || kind === 'manual' ? { moveLink: true } : {}),
        })
      })
    }
    // Most decisions stay within their users and are patched; the others compute the lists whole.
    const decided = stepWrites.filter((written) => written.rows > 0)
    const patched = decided.filter((written) => written.patches === 1)
    expect(patched.length).toBeGreaterThan(decided.length * 0.75)
  }

  it('stays exact through a random run of decisions on users whose links and candidates overlap', async () => {
    await app.call('match:run', { integrationId: INTEGRATION })
    // Users with more than one candidate or a note: where links, namesakes and the joint assignment meet.
    const crowded = (await results()).filter((r) => r.candidates.length > 1 || r.conflicts.length > 0)
    expect(crowded.length).toBeGreaterThan(20)
    await randomRun(crowded, 11)
  })

  it('stays exact through a random run of decisions on users with a leaver among their candidates', async () => {
    await app.call('match:run', { integrationId: INTEGRATION })
    const leavers = leaversOnPlanDay()
    // Links to leavers move departures (the deletion guard) and claims on returning people (re-hires).
    const nearLeavers = (await results()).filter((r) => r.candidates.some((c) => leavers.has(c.kombo_id)))
    expect(nearLeavers.length).toBeGreaterThan(20)
    await randomRun(nearLeavers, 7)
  })
})
