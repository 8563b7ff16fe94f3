import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { generateCompany, NICKNAMES } from '../../../src/main/core/demo/generateCompany'
import { openDatabase, type Database } from '../../../src/main/core/store/database'
import { movePlanInputs } from '../../../src/main/core/store/planInputs'
import { generateLegacyExport } from '../../support/legacyExport'

/**
 * Fills the tables the sync engine, the CSV import and the matcher own, straight through SQL, so the
 * diff can be tested on a real SQLite file before (and independently of) those parts.
 */
export interface TempStore {
  db: Database
  path: string
  dir: string
  close(): void
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'diff-test-'))
  const path = join(dir, 'desk.sqlite')
  const db = openDatabase(path)
  return {
    db,
    path,
    dir,
    close() {
      if (db.open) db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * A fresh store with `integrationId` connected for every test of the calling file (registers the
 * vitest hooks); the returned handle always points at the current test's store.
 */
export function useSeededStore(integrationId: string): TempStore {
  let current: TempStore | null = null
  beforeEach(() => {
    current = tempStore()
    seedIntegration(current.db, integrationId)
  })
  afterEach(() => current?.close())
  const live = (): TempStore => {
    if (current === null) throw new Error('useSeededStore: no store outside a test')
    return current
  }
  return {
    get db() {
      return live().db
    },
    get path() {
      return live().path
    },
    get dir() {
      return live().dir
    },
    close: () => live().close(),
  }
}

export function seedIntegration(db: Database, integrationId: string): void {
  db.prepare(
    'INSERT INTO integrations (integration_id, customer_id, base_url, last_sync_started_at, created_at) VALUES (?, NULL, NULL, NULL, ?)',
  ).run(integrationId, '2030-01-01T00:00:00.000Z')
}

export interface RunSeed {
  outcome: string
  source?: 'fetch' | 'webhook'
  startedAt?: string
  finishedAt?: string | null
  errorMessage?: string | null
  logUrl?: string | null
}

let clockTick = 0
/** Strictly increasing timestamps, so runs inserted later also finished later. */
function nextTime(): string {
  clockTick++
  return new Date(Date.UTC(2030, 5, 1) + clockTick * 60_000).toISOString()
}

export function insertRun(db: Database, integrationId: string, run: RunSeed): number {
  const startedAt = run.startedAt ?? nextTime()
  const finishedAt = run.finishedAt === undefined ? nextTime() : run.finishedAt
  const result = db
    .prepare(
      `INSERT INTO sync_runs (integration_id, source, mode, started_at, finished_at, outcome, error_message, log_url)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      integrationId,
      run.source ?? 'fetch',
      (run.source ?? 'fetch') === 'fetch' ? 'full' : null,
      startedAt,
      finishedAt,
      run.outcome,
      run.errorMessage ?? null,
      run.logUrl ?? null,
    )
  return Number(result.lastInsertRowid)
}

export interface EmployeeSeed {
  id: string
  remote_id?: string
  first_name?: string | null
  last_name?: string | null
  work_email?: string | null
  personal_email?: string | null
  employment_status?: string | null
  termination_date?: string | null
  date_of_birth?: string | null
  remote_deleted_at?: string | null
  vanished_at?: string | null
}

/** Inserts or replaces an employee, the way a sync's apply step leaves it. */
export function putEmployee(db: Database, integrationId: string, runId: number, e: EmployeeSeed): void {
  db.prepare(
    `INSERT INTO employees (integration_id, id, remote_id, first_name, last_name, work_email, personal_email,
       employment_status, termination_date, date_of_birth, remote_deleted_at, vanished_at,
       first_seen_run, last_seen_run)
     VALUES (@integration_id, @id, @remote_id, @first_name, @last_name, @work_email, @personal_email,
       @employment_status, @termination_date, @date_of_birth, @remote_deleted_at, @vanished_at,
       @run, @run)
     ON CONFLICT (integration_id, id) DO UPDATE SET remote_id = excluded.remote_id,
       first_name = excluded.first_name, last_name = excluded.last_name, work_email = excluded.work_email,
       personal_email = excluded.personal_email, employment_status = excluded.employment_status,
       termination_date = excluded.termination_date, date_of_birth = excluded.date_of_birth,
       remote_deleted_at = excluded.remote_deleted_at, vanished_at = excluded.vanished_at,
       last_seen_run = excluded.last_seen_run`,
  ).run({
    integration_id: integrationId,
    id: e.id,
    remote_id: e.remote_id ?? `r-${e.id}`,
    first_name: e.first_name === undefined ? `First${e.id}` : e.first_name,
    last_name: e.last_name === undefined ? `Last${e.id}` : e.last_name,
    work_email: e.work_email === undefined ? `${e.id}@acme.example` : e.work_email,
    personal_email: e.personal_email ?? null,
    employment_status: e.employment_status === undefined ? 'ACTIVE' : e.employment_status,
    termination_date: e.termination_date ?? null,
    date_of_birth: e.date_of_birth ?? null,
    remote_deleted_at: e.remote_deleted_at ?? null,
    vanished_at: e.vanished_at ?? null,
    run: runId,
  })
}

export interface LegacySeed {
  user_id: string
  email?: string | null
  first_name?: string | null
  last_name?: string | null
  full_name?: string | null
  hris_id?: string | null
  private_email?: string | null
  status?: string | null
}

export function putLegacyUsers(db: Database, integrationId: string, users: readonly LegacySeed[]): void {
  const insert = db.prepare(
    `INSERT INTO legacy_users (integration_id, user_id, email, first_name, last_name, full_name, hris_id,
       private_email, status, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  users.forEach((u, index) =>
    insert.run(
      integrationId,
      u.user_id,
      u.email ?? null,
      u.first_name ?? null,
      u.last_name ?? null,
      u.full_name ?? null,
      u.hris_id ?? null,
      u.private_email ?? null,
      u.status ?? null,
      index + 2,
    ),
  )
}

export interface MatchSeed {
  user_id: string
  status: 'matched' | 'suggested' | 'unmatched'
  kombo_id?: string | null
  score?: number
  candidates?: string[]
}

/** Replaces the match results as a whole (as a match run does) and records links in link_history. */
export function putMatches(
  db: Database,
  integrationId: string,
  matches: readonly MatchSeed[],
  at = nextTime(),
): void {
  db.prepare('DELETE FROM match_results WHERE integration_id = ?').run(integrationId)
  movePlanInputs(db, integrationId)
  const insert = db.prepare(
    `INSERT INTO match_results (integration_id, user_id, status, method, kombo_id, score, detail,
       candidate_ids)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const link = db.prepare(
    `INSERT INTO link_history (integration_id, user_id, kombo_id, remote_id, first_linked_at, last_linked_at)
     VALUES (?, ?, ?, (SELECT remote_id FROM employees WHERE integration_id = ? AND id = ?), ?, ?)
     ON CONFLICT (integration_id, user_id, kombo_id) DO UPDATE SET last_linked_at = excluded.last_linked_at`,
  )
  for (const m of matches) {
    const detail = JSON.stringify({
      reasons: [],
      candidates: (m.candidates ?? []).map((kombo_id) => ({ kombo_id, score: 0.5, reasons: [] })),
    })
    insert.run(
      integrationId,
      m.user_id,
      m.status,
      m.status === 'matched' ? 'work_email' : 'fuzzy',
      m.kombo_id ?? null,
      m.score ?? (m.status === 'matched' ? 1 : 0),
      detail,
      JSON.stringify(m.candidates ?? []),
    )
    if (m.status === 'matched' && m.kombo_id)
      link.run(integrationId, m.user_id, m.kombo_id, integrationId, m.kombo_id, at, at)
  }
}

export function putTombstone(
  db: Database,
  integrationId: string,
  t: { kombo_id: string; remote_id: string; work_email_hash: string | null; reason: 'deleted' | 'vanished' },
): void {
  db.prepare(
    `INSERT OR REPLACE INTO identity_tombstones (integration_id, kombo_id, remote_id, work_email_hash, reason, departed_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(integrationId, t.kombo_id, t.remote_id, t.work_email_hash, t.reason, nextTime())
}

export function putDecision(
  db: Database,
  integrationId: string,
  d: {
    user_id: string
    kind: 'accept' | 'reject' | 'manual' | 'none' | 'undo'
    kombo_id?: string
    undoes?: number
  },
): number {
  const result = db
    .prepare(
      `INSERT INTO match_decisions (integration_id, user_id, kind, kombo_id, undoes, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(integrationId, d.user_id, d.kind, d.kombo_id ?? null, d.undoes ?? null, nextTime())
  return Number(result.lastInsertRowid)
}

export function putChange(
  db: Database,
  integrationId: string,
  c: {
    run_id: number
    kombo_id: string
    kind: 'hired' | 'deleted' | 'vanished' | 'returned' | 'changed'
    field?: string
    old_value?: string | null
    new_value?: string | null
  },
): void {
  db.prepare(
    `INSERT INTO employee_changes (run_id, integration_id, kombo_id, kind, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.run_id,
    integrationId,
    c.kombo_id,
    c.kind,
    c.field ?? null,
    c.old_value ?? null,
    c.new_value ?? null,
  )
}

/**
 * The demo company on both sides, as a sync and an import leave it: `size` generated employees synced in
 * one successful run, and a drifted legacy export of them imported. The same seed gives the same company.
 */
export function seedDemoCompany(
  db: Database,
  integrationId: string,
  company: { seed: number; size: number },
): void {
  seedIntegration(db, integrationId)
  const run = insertRun(db, integrationId, { outcome: 'SUCCEEDED' })
  const employees = generateCompany(company)
  const insert = db.prepare(
    `INSERT INTO employees (integration_id, id, remote_id, employee_number, first_name, last_name,
       display_full_name, work_email, personal_email, employment_status, termination_date, first_seen_run,
       last_seen_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const e of employees) {
    insert.run(
      integrationId,
      e.id,
      e.remote_id,
      e.employee_number ?? null,
      e.first_name ?? null,
      e.last_name ?? null,
      e.display_full_name ?? null,
      e.work_email ?? null,
      e.personal_email ?? null,
      e.employment_status ?? null,
      e.termination_date ?? null,
      run,
      run,
    )
  }
  const legacy = generateLegacyExport(
    employees.map((e) => ({ ...e, first_name: e.first_name ?? null, last_name: e.last_name ?? null })),
    { seed: company.seed * 7919, nicknames: NICKNAMES },
  )
  putLegacyUsers(db, integrationId, legacy.users)
}
