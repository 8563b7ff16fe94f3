// npm run bench:diff — the diff of 100,000 employees against 100,000 legacy users: the pure function
// alone, then loading the state from SQLite plus the diff, then the whole 'diff:get' use-case (which
// also stores the plan). Budget (docs/architecture.md, Performance budgets): under 1 s.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { diffEmployees } from '../src/main/core/diff/diffEmployees'
import { loadDiffState } from '../src/main/core/diff/loadDiffState'
import { workEmailHash } from '../src/main/core/diff/normalise'
import { currentPlan } from '../src/main/core/diff/planService'
import { openDatabase, type Database } from '../src/main/core/store/database'

const EMPLOYEES = Number(process.env.BENCH_DIFF_EMPLOYEES ?? 100_000)
const LEGACY_USERS = Number(process.env.BENCH_DIFF_USERS ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
/** docs/architecture.md, Performance budgets: the diff of 100,000 employees under 1 s. */
const BUDGET_MS = 1000

const INTEGRATION = 'personio:bench'
const NOW = new Date('2030-06-15T09:00:00.000Z')

/**
 * A company in the middle of its life: most people linked, some leavers (deleted, vanished,
 * terminated, a share of them Kombo-blanked with a tombstone), new hires and re-hires to add,
 * suggestions pending review, orphan accounts, product values drifted from the HRIS.
 */
function fillCompany(db: Database): void {
  db.prepare(
    `INSERT INTO integrations (integration_id, created_at) VALUES (?, '2030-01-01T00:00:00.000Z')`,
  ).run(INTEGRATION)
  const run = (outcome: string, at: string): number =>
    Number(
      db
        .prepare(
          `INSERT INTO sync_runs (integration_id, source, mode, started_at, finished_at, outcome)
           VALUES (?, 'fetch', 'full', ?, ?, ?)`,
        )
        .run(INTEGRATION, at, at, outcome).lastInsertRowid,
    )
  run('SUCCEEDED', '2030-06-01T00:00:00.000Z')
  const basis = run('SUCCEEDED', '2030-06-14T00:00:00.000Z')

  const employee = db.prepare(
    `INSERT INTO employees (integration_id, id, remote_id, first_name, last_name, work_email, personal_email,
       employment_status, termination_date, date_of_birth, remote_deleted_at, vanished_at, first_seen_run,
       last_seen_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const record = db.prepare('INSERT INTO employee_records (integration_id, id, raw) VALUES (?, ?, ?)')
  const tombstone = db.prepare(
    `INSERT INTO identity_tombstones (integration_id, kombo_id, remote_id, work_email_hash, reason, departed_at)
     VALUES (?, ?, ?, ?, ?, '2030-06-10T00:00:00.000Z')`,
  )
  const legacy = db.prepare(
    `INSERT INTO legacy_users (integration_id, user_id, email, first_name, last_name, full_name, hris_id,
       private_email, status, line) VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?)`,
  )
  const match = db.prepare(
    `INSERT INTO match_results (integration_id, user_id, status, method, kombo_id, score, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const link = db.prepare(
    `INSERT INTO link_history (integration_id, user_id, kombo_id, remote_id, first_linked_at, last_linked_at)
     VALUES (?, ?, ?, ?, '2030-06-01T00:00:00.000Z', '2030-06-01T00:00:00.000Z')`,
  )
  const decision = db.prepare(
    `INSERT INTO match_decisions (integration_id, user_id, kind, kombo_id, undoes, created_at)
     VALUES (?, ?, 'none', NULL, NULL, '2030-06-02T00:00:00.000Z')`,
  )

  db.transaction(() => {
    for (let i = 0; i < EMPLOYEES; i++) {
      const id = `emp${String(i).padStart(7, '0')}`
      const email = `person${i}@acme.example`
      // 1% deleted (half of them already blanked), 0.5% vanished, 1% terminated.
      const deleted = i % 100 === 1
      const blanked = deleted && i % 200 === 1
      const vanished = i % 200 === 3
      const terminated = i % 100 === 5
      employee.run(
        INTEGRATION,
        id,
        `R${i}`,
        blanked ? null : `Given${i % 997}`,
        blanked ? null : `Family${i}`,
        blanked ? null : email,
        i % 3 === 0 ? `p${i}@home.example` : null,
        terminated ? 'INACTIVE' : 'ACTIVE',
        terminated ? '2030-05-31T00:00:00.000Z' : null,
        `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}T00:00:00.000Z`,
        deleted ? '2030-06-10T00:00:00.000Z' : null,
        vanished ? '2030-06-14T00:00:00.000Z' : null,
        1,
        basis,
      )
      record.run(INTEGRATION, id, rawRecord(id, i))
      if (deleted || vanished) {
        tombstone.run(INTEGRATION, id, `R${i}`, workEmailHash(email), deleted ? 'deleted' : 'vanished')
      }
    }
    for (let u = 0; u < LEGACY_USERS; u++) {
      const userId = `U${u}`
      const i = u
      const komboId = `emp${String(i).padStart(7, '0')}`
      // 92% linked (one in 50 with a renamed family name, one in 40 with a product status to compare),
      // 3% suggested, 5% unmatched (a tenth of those decided "no match").
      const bucket = u % 100
      const status = bucket < 92 ? 'matched' : bucket < 95 ? 'suggested' : 'unmatched'
      legacy.run(
        INTEGRATION,
        userId,
        `person${i}@acme.example`,
        `Given${i % 997}`,
        u % 50 === 0 ? `Old${i}` : `Family${i}`,
        `R${i}`,
        u % 40 === 0 ? 'disabled' : 'active',
        u + 2,
      )
      if (status === 'matched') {
        match.run(INTEGRATION, userId, 'matched', 'remote_id', komboId, 1, '{"reasons":[],"candidates":[]}')
        link.run(INTEGRATION, userId, komboId, `R${i}`)
      } else if (status === 'suggested') {
        const detail = JSON.stringify({
          reasons: ['last name equal'],
          candidates: [{ kombo_id: komboId, score: 0.7 }],
        })
        match.run(INTEGRATION, userId, 'suggested', 'fuzzy', komboId, 0.7, detail)
      } else {
        match.run(INTEGRATION, userId, 'unmatched', 'none', null, 0, '{"reasons":[],"candidates":[]}')
        if (u % 10 === 7) decision.run(INTEGRATION, userId)
      }
    }
    // Re-hires: a returning person under a new record, for one in ten of the deleted ones.
    for (let i = 1; i < EMPLOYEES; i += 1000) {
      employee.run(
        INTEGRATION,
        `rehire${i}`,
        `R${i}-new`,
        'Returning',
        `Family${i}`,
        `person${i}@acme.example`,
        null,
        'ACTIVE',
        null,
        null,
        null,
        null,
        basis,
        basis,
      )
      record.run(INTEGRATION, `rehire${i}`, rawRecord(`rehire${i}`, i))
    }
  })()
}

/**
 * The Kombo record the sync engine keeps beside the columns (about 1.3 kB, employments and groups
 * included), so the rows are as wide as real ones and the reads touch as many pages.
 */
function rawRecord(id: string, i: number): string {
  return JSON.stringify({
    id,
    remote_id: `R${i}`,
    employee_number: String(10000 + i),
    first_name: `Given${i % 997}`,
    last_name: `Family${i}`,
    display_full_name: `Given${i % 997} Family${i}`,
    job_title: 'Account Executive',
    work_email: `person${i}@acme.example`,
    mobile_phone_number: '+49 30 1234567',
    employment_status: 'ACTIVE',
    employment_type: 'FULL_TIME',
    weekly_hours: 40,
    home_address: { city: 'Berlin', country: 'DE', street_1: 'Hauptstrasse 1', zip_code: '10115' },
    employments: [
      {
        id: `${id}-emp`,
        job_title: 'Account Executive',
        pay_rate: 62000,
        pay_period: 'YEAR',
        pay_currency: 'EUR',
        effective_date: '2024-01-01T00:00:00.000Z',
        changed_at: '2030-06-01T00:00:00.000Z',
      },
    ],
    groups: [
      { id: `grp${i % 40}`, remote_id: String(i % 40), name: 'Sales EMEA', type: 'DEPARTMENT' },
      { id: `team${i % 90}`, remote_id: String(i % 90), name: 'Inside Sales', type: 'TEAM' },
    ],
    legal_entity: { id: 'le1', remote_id: '1', name: 'Acme GmbH' },
    work_location: { id: 'loc1', remote_id: '1', name: 'Berlin HQ', type: 'OFFICE' },
    custom_fields: { cost_center: `CC-${i % 50}`, badge: `B${i}` },
    changed_at: '2030-06-01T00:00:00.000Z',
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

interface Timing {
  /** Wall-clock milliseconds: what the budget is about. */
  ms: number
  /** CPU milliseconds of this process: steadier than wall time on a shared machine. */
  cpuMs: number
}

function time(body: () => unknown): Timing {
  const cpu = process.cpuUsage()
  const start = performance.now()
  body()
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { ms, cpuMs: (used.user + used.system) / 1000 }
}

const dir = mkdtempSync(join(tmpdir(), 'bench-diff-'))
try {
  const db = openDatabase(join(dir, 'bench.sqlite'))
  const fill = time(() => fillCompany(db))
  console.log(
    `filled ${EMPLOYEES.toLocaleString('en')} employees and ${LEGACY_USERS.toLocaleString('en')} legacy users in ${(fill.ms / 1000).toFixed(1)} s`,
  )

  const basisRunId = 2
  const generatedAt = NOW.toISOString()
  // Warm-up (statement caches, JIT), and the two states: every record, and what diff:get reads.
  const fullState = loadDiffState(db, INTEGRATION, basisRunId, generatedAt, { settleUnchangedPairs: false })
  const settledState = loadDiffState(db, INTEGRATION, basisRunId, generatedAt)
  const sample = diffEmployees(fullState)
  diffEmployees(settledState)
  currentPlan(db, INTEGRATION, NOW)

  const pureFull: Timing[] = []
  const pureSettled: Timing[] = []
  const loadAndDiff: Timing[] = []
  const useCase: Timing[] = []
  const reused: Timing[] = []
  // Moving the generation (what any write to the diff's inputs does) makes diff:get compute the plan.
  const touchInputs = db.prepare(
    'UPDATE plan_inputs SET generation = generation + 1 WHERE integration_id = ?',
  )
  for (let round = 0; round < ROUNDS; round++) {
    pureFull.push(time(() => diffEmployees(fullState)))
    pureSettled.push(time(() => diffEmployees(settledState)))
    loadAndDiff.push(time(() => diffEmployees(loadDiffState(db, INTEGRATION, basisRunId, generatedAt))))
    touchInputs.run(INTEGRATION)
    useCase.push(time(() => currentPlan(db, INTEGRATION, NOW)))
    reused.push(time(() => currentPlan(db, INTEGRATION, NOW)))
  }
  db.close()

  const rehires = sample.add.filter((a) => a.rehire_of !== null).length
  console.log(
    `plan: ${sample.add.length} add (${rehires} re-hires), ${sample.update.length} update, ` +
      `${sample.remove.length} remove, ${sample.withheldRemovals.length} withheld, ` +
      `${sample.pendingReview.length} pending review; guard tripped: ${sample.guard.tripped}`,
  )
  console.log(
    `\ndiff of ${EMPLOYEES.toLocaleString('en')} employees x ${LEGACY_USERS.toLocaleString('en')} legacy users, median of ${ROUNDS} rounds (Node ${process.version})\n`,
  )
  console.log('| step | median (wall) | min | max | median CPU | budget |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  let failed = false
  const row = (name: string, timings: Timing[], budgeted: boolean): void => {
    const wall = timings.map((t) => t.ms)
    const m = median(wall)
    if (budgeted && m > BUDGET_MS) failed = true
    const verdict = budgeted ? (m <= BUDGET_MS ? `< ${BUDGET_MS} ms: met` : `< ${BUDGET_MS} ms: MISSED`) : '-'
    console.log(
      `| ${name} | ${m.toFixed(0)} ms | ${Math.min(...wall).toFixed(0)} ms | ${Math.max(...wall).toFixed(0)} ms | ` +
        `${median(timings.map((t) => t.cpuMs)).toFixed(0)} ms | ${verdict} |`,
    )
  }
  row(`diffEmployees (pure), every record (${fullState.employees.length} employees)`, pureFull, true)
  row(
    `diffEmployees (pure), state as loaded (${settledState.settledLinks} settled pairs left out)`,
    pureSettled,
    false,
  )
  row('loadDiffState + diffEmployees (from SQLite)', loadAndDiff, true)
  row("'diff:get' use-case (load + diff + store the plan)", useCase, false)
  row("'diff:get' use-case, inputs unchanged (the stored plan read back)", reused, false)
  if (failed) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
