import { afterEach, describe, expect, it } from 'vitest'
import BetterSqlite3 from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { migrate, openDatabase, schemaVersion } from '../../../src/main/core/store/database'
import { LATEST_SCHEMA_VERSION, migrations } from '../../../src/main/core/store/migrations'
import { AppFailure } from '../../../src/shared/result'
import { makeTempDir } from '../../support/tempDir'

describe('openDatabase', () => {
  let temp = makeTempDir()
  afterEach(() => {
    temp.cleanup()
    temp = makeTempDir()
  })

  it('creates the schema at the latest version in WAL mode', () => {
    const db = openDatabase(join(temp.dir, 'a.db'))
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
    expect(tables).toEqual(
      expect.arrayContaining([
        'integrations',
        'employees',
        'sync_runs',
        'identity_tombstones',
        'legacy_users',
      ]),
    )
    db.close()
  })

  it('reopens an existing database without re-running migrations', () => {
    const path = join(temp.dir, 'b.db')
    const first = openDatabase(path)
    first.prepare("INSERT INTO integrations (integration_id, created_at) VALUES ('x:1', 'now')").run()
    first.close()
    const second = openDatabase(path)
    expect(second.prepare('SELECT COUNT(*) FROM integrations').pluck().get()).toBe(1)
    second.close()
  })

  it('refuses a database written by a newer app version and leaves it untouched', () => {
    const path = join(temp.dir, 'newer.db')
    const raw = new BetterSqlite3(path)
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    raw.close()
    expect(() => openDatabase(path)).toThrowError(/newer version of the app/)
    const check = new BetterSqlite3(path)
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1)
    check.close()
  })

  it('rolls back every migration of a batch when one fails', () => {
    const db = new BetterSqlite3(join(temp.dir, 'c.db'))
    const broken = [
      ...migrations,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        description: 'fails',
        up: () => {
          throw new Error('boom')
        },
      },
    ]
    expect(() => migrate(db, broken)).toThrow('boom')
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'employees'").pluck().get()).toBe(0)
    db.close()
  })

  it('moves the raw records of a version 1 database into employee_records, every byte kept', () => {
    const path = join(temp.dir, 'v1.db')
    const v1 = new BetterSqlite3(path)
    migrate(v1, migrations.slice(0, 1))
    v1.prepare("INSERT INTO integrations (integration_id, created_at) VALUES ('x:1', 'now')").run()
    const raw = JSON.stringify({ id: 'k1', first_name: 'Zoë', custom_fields: { team: 'Ω' } })
    v1.prepare(
      `INSERT INTO employees (integration_id, id, remote_id, first_seen_run, last_seen_run, raw)
       VALUES ('x:1', 'k1', 'r1', 1, 1, ?)`,
    ).run(raw)
    v1.close()

    const db = openDatabase(path)
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(db.prepare('SELECT integration_id, id, raw FROM employee_records').all()).toEqual([
      { integration_id: 'x:1', id: 'k1', raw },
    ])
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('employees')
    expect(columns).toContain('remote_id')
    expect(columns).not.toContain('raw')
    // the record goes with its employee
    db.prepare("DELETE FROM employees WHERE id = 'k1'").run()
    expect(db.prepare('SELECT COUNT(*) FROM employee_records').pluck().get()).toBe(0)
    db.close()
  })

  it('gives a version 2 database a plan-inputs generation that rematches, decisions and settings move', () => {
    const path = join(temp.dir, 'v2.db')
    const v2 = new BetterSqlite3(path)
    migrate(v2, migrations.slice(0, 2))
    v2.prepare("INSERT INTO integrations (integration_id, created_at) VALUES ('x:1', 'now')").run()
    v2.prepare(
      `INSERT INTO action_plans (integration_id, basis_run_id, created_at, plan) VALUES ('x:1', NULL, 'now', '{}')`,
    ).run()
    v2.close()

    const db = openDatabase(path)
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    const generation = () =>
      db.prepare("SELECT generation FROM plan_inputs WHERE integration_id = 'x:1'").pluck().get()
    expect(generation()).toBe(0)
    // A plan kept before the migration says nothing of its inputs, so it is never reused as current.
    expect(db.prepare('SELECT inputs FROM action_plans').pluck().get()).toBeNull()
    db.prepare(
      `INSERT INTO match_results (integration_id, user_id, status, method, score, detail)
       VALUES ('x:1', 'u1', 'unmatched', 'none', 0, '{}'), ('x:1', 'u2', 'unmatched', 'none', 0, '{}')`,
    ).run()
    expect(generation()).toBe(0)
    const moves = [
      `UPDATE match_results SET status = 'suggested' WHERE user_id = 'u1'`,
      // (a rematch deleting the previous results moves it itself, once: see version 6)
      `INSERT INTO match_decisions (integration_id, user_id, kind, created_at) VALUES ('x:1', 'u1', 'none', 'now')`,
      `INSERT INTO settings (integration_id, key, value) VALUES ('x:1', 'deletion_guard_threshold', '0.5')`,
      `UPDATE settings SET value = '0.4'`,
    ]
    const expected = [1, 2, 3, 4, 5]
    moves.forEach((sql, index) => {
      db.prepare(sql).run()
      expect(generation(), sql).toBe(expected[index])
    })
    // A new integration starts at its own generation.
    db.prepare("INSERT INTO integrations (integration_id, created_at) VALUES ('x:2', 'now')").run()
    expect(db.prepare("SELECT generation FROM plan_inputs WHERE integration_id = 'x:2'").pluck().get()).toBe(
      0,
    )
    db.close()
  })

  it('gives a version 3 database a batch column: old decisions stay single, new ones can share one', () => {
    const path = join(temp.dir, 'v3.db')
    const v3 = new BetterSqlite3(path)
    migrate(v3, migrations.slice(0, 3))
    v3.prepare("INSERT INTO integrations (integration_id, created_at) VALUES ('x:1', 'now')").run()
    v3.prepare(
      "INSERT INTO match_decisions (integration_id, user_id, kind, kombo_id, created_at) VALUES ('x:1', 'u1', 'accept', 'K1', 'now')",
    ).run()
    v3.close()

    const db = openDatabase(path)
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(db.prepare('SELECT batch FROM match_decisions').pluck().all()).toEqual([null])
    db.prepare(
      `INSERT INTO match_decisions (integration_id, user_id, kind, kombo_id, created_at, batch)
       VALUES ('x:1', 'u2', 'accept', 'K2', 'now', 1), ('x:1', 'u3', 'accept', 'K3', 'now', 1)`,
    ).run()
    expect(
      db
        .prepare("SELECT user_id FROM match_decisions WHERE integration_id = 'x:1' AND batch = 1")
        .pluck()
        .all(),
    ).toEqual(['u2', 'u3'])
    db.close()
  })

  it("gives a version 4 database the review list's columns, filled from the stored detail", () => {
    const path = join(temp.dir, 'v4.db')
    const v4 = new BetterSqlite3(path)
    migrate(v4, migrations.slice(0, 4))
    v4.prepare("INSERT INTO integrations (integration_id, created_at) VALUES ('x:1', 'now')").run()
    v4.prepare(
      `INSERT INTO match_results (integration_id, user_id, status, method, kombo_id, score, detail)
       VALUES ('x:1', 'u1', 'suggested', 'fuzzy', 'K1', 0.8,
               '{"reasons":[],"candidates":[{"kombo_id":"K1"},{"kombo_id":"K2"}],"conflicts":["two namesakes"]}'),
              ('x:1', 'u2', 'unmatched', 'none', NULL, 0, 'not json')`,
    ).run()
    v4.close()

    const db = openDatabase(path)
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(
      db.prepare('SELECT user_id, conflicts, candidate_count FROM match_results ORDER BY user_id').all(),
    ).toEqual([
      { user_id: 'u1', conflicts: '["two namesakes"]', candidate_count: 2 },
      { user_id: 'u2', conflicts: '[]', candidate_count: 0 },
    ])
    db.close()
  })

  it("gives a version 5 database each result's candidate ids in a column, and no per-row delete trigger", () => {
    const path = join(temp.dir, 'v5.db')
    const v5 = new BetterSqlite3(path)
    migrate(v5, migrations.slice(0, 5))
    v5.prepare("INSERT INTO integrations (integration_id, created_at) VALUES ('x:1', 'now')").run()
    v5.prepare(
      `INSERT INTO match_results (integration_id, user_id, status, method, kombo_id, score, detail)
       VALUES ('x:1', 'u1', 'suggested', 'fuzzy', 'K1', 0.8,
               '{"reasons":[],"candidates":[{"kombo_id":"K2"},{"kombo_id":"K1"},{"score":1}]}'),
              ('x:1', 'u2', 'unmatched', 'none', NULL, 0, 'not json')`,
    ).run()
    v5.close()

    const db = openDatabase(path)
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(db.prepare('SELECT user_id, candidate_ids FROM match_results ORDER BY user_id').all()).toEqual([
      { user_id: 'u1', candidate_ids: '["K2","K1"]' },
      { user_id: 'u2', candidate_ids: '[]' },
    ])
    const generation = () =>
      db.prepare("SELECT generation FROM plan_inputs WHERE integration_id = 'x:1'").pluck().get()
    const before = generation()
    db.prepare("DELETE FROM match_results WHERE integration_id = 'x:1'").run()
    expect(generation()).toBe(before)
    db.close()
  })

  it("moves a version 9 plan's lists into rows, each entry's text as the app wrote it", () => {
    const path = join(temp.dir, 'v9.db')
    const v9 = new BetterSqlite3(path)
    migrate(v9, migrations.slice(0, 9))
    v9.prepare("INSERT INTO integrations (integration_id, created_at) VALUES ('x:1', 'now')").run()
    const plan = {
      integrationId: 'x:1',
      basisRunId: null,
      generatedAt: '2026-01-01T00:00:00.000Z',
      add: [
        { kombo_id: 'K1', first_name: 'Zoë "Z" Ünal', last_name: 'O\\Brien 😀', rehire_of: null },
        { kombo_id: 'K2', first_name: null, last_name: 'Łukasz\u0007', rehire_of: 'u9' },
      ],
      update: [{ user_id: 'u1', kombo_id: 'K3', changes: [{ field: 'email', from: 'a@x', to: 'b@x' }] }],
      remove: [{ user_id: 'u2', kombo_id: null, reason: 'no_employee' }],
      withheldRemovals: [],
      pendingReview: [{ user_id: 'u3', kombo_id: 'K4', score: 0.8123456789012345, candidates: ['K4', 'K5'] }],
      guard: { tripped: false, threshold: 0.2, linked: 3, removals: 1e-7 },
      stale: null,
      notices: ['Zoë ✓'],
    }
    const insert = v9.prepare(
      "INSERT INTO action_plans (integration_id, basis_run_id, created_at, plan) VALUES ('x:1', NULL, 'now', ?)",
    )
    insert.run(JSON.stringify(plan))
    insert.run('{"add": "not a list", "update": []}')
    v9.close()

    const db = openDatabase(path)
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    const heads = db.prepare('SELECT plan FROM action_plans ORDER BY id').pluck().all()
    expect(heads).toEqual([
      JSON.stringify({ ...plan, add: [], update: [], remove: [], withheldRemovals: [], pendingReview: [] }),
      '{"add": "not a list", "update": []}',
    ])
    const items = db
      .prepare('SELECT plan_id, list, seq, item FROM action_plan_items ORDER BY plan_id, list, seq')
      .all()
    const expected = (['add', 'pendingReview', 'remove', 'update'] as const).flatMap((list) =>
      plan[list].map((entry, seq) => ({ plan_id: 1, list, seq, item: JSON.stringify(entry) })),
    )
    expect(items).toEqual(expected)
    // A plan's rows go with it.
    db.prepare('DELETE FROM action_plans WHERE id = 1').run()
    expect(db.prepare('SELECT count(*) FROM action_plan_items').pluck().get()).toBe(0)
    db.close()
  })

  it('reports a file that is not a database as an AppFailure', () => {
    const path = join(temp.dir, 'not-a-db.db')
    writeFileSync(path, 'this is plain text, not SQLite '.repeat(100))
    expect(() => openDatabase(path)).toThrow(AppFailure)
  })
})
