import type { Database } from 'better-sqlite3'

/**
 * Forward-only migrations. Migration N brings the database from user_version N-1 to N.
 * Never edit a migration that has shipped: add a new one.
 */
export interface Migration {
  version: number
  description: string
  up(db: Database): void
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'integrations, employees, sync runs, tombstones, legacy users, decisions, plans',
    up(db) {
      db.exec(`
        CREATE TABLE integrations (
          integration_id TEXT PRIMARY KEY,
          customer_id TEXT,
          base_url TEXT,
          -- the watermark: when the last successful fetch started (after any first-sync wait)
          last_sync_started_at TEXT,
          created_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE employees (
          integration_id TEXT NOT NULL REFERENCES integrations(integration_id) ON DELETE CASCADE,
          id TEXT NOT NULL,
          remote_id TEXT NOT NULL,
          employee_number TEXT,
          first_name TEXT,
          last_name TEXT,
          display_full_name TEXT,
          work_email TEXT,
          personal_email TEXT,
          employment_status TEXT,
          start_date TEXT,
          termination_date TEXT,
          date_of_birth TEXT,
          changed_at TEXT,
          remote_deleted_at TEXT,
          -- set when a full fetch no longer returned this employee; cleared when it returns
          vanished_at TEXT,
          first_seen_run INTEGER NOT NULL,
          last_seen_run INTEGER NOT NULL,
          raw TEXT NOT NULL,
          PRIMARY KEY (integration_id, id)
        ) STRICT;
        -- lets a full fetch find the employees it did not see without reading every raw record
        CREATE INDEX employees_by_last_seen ON employees(integration_id, last_seen_run);

        CREATE TABLE sync_runs (
          id INTEGER PRIMARY KEY,
          integration_id TEXT NOT NULL REFERENCES integrations(integration_id) ON DELETE CASCADE,
          -- 'fetch' for the app's own runs, 'webhook' for an imported sync-finished payload
          source TEXT NOT NULL CHECK (source IN ('fetch', 'webhook')),
          mode TEXT CHECK (mode IN ('full', 'incremental')),
          watermark_used TEXT,
          started_at TEXT NOT NULL,
          fetch_started_at TEXT,
          finished_at TEXT,
          pages INTEGER NOT NULL DEFAULT 0,
          records INTEGER NOT NULL DEFAULT 0,
          skipped_records INTEGER NOT NULL DEFAULT 0,
          inserted INTEGER NOT NULL DEFAULT 0,
          updated INTEGER NOT NULL DEFAULT 0,
          deleted INTEGER NOT NULL DEFAULT 0,
          vanished INTEGER NOT NULL DEFAULT 0,
          retries INTEGER NOT NULL DEFAULT 0,
          waited_ms INTEGER NOT NULL DEFAULT 0,
          outcome TEXT NOT NULL,
          error_code TEXT,
          error_message TEXT,
          kombo_sync_id TEXT,
          log_url TEXT
        ) STRICT;
        CREATE INDEX sync_runs_by_integration ON sync_runs(integration_id, id);

        -- Identity of departed employees only (ids and a hash of the normalised work email):
        -- enough to recognise a re-hire after Kombo anonymises the record, nothing more.
        CREATE TABLE identity_tombstones (
          integration_id TEXT NOT NULL REFERENCES integrations(integration_id) ON DELETE CASCADE,
          kombo_id TEXT NOT NULL,
          remote_id TEXT NOT NULL,
          work_email_hash TEXT,
          reason TEXT NOT NULL CHECK (reason IN ('deleted', 'vanished')),
          departed_at TEXT NOT NULL,
          PRIMARY KEY (integration_id, kombo_id)
        ) STRICT;
        CREATE INDEX tombstones_by_email ON identity_tombstones(integration_id, work_email_hash);

        CREATE TABLE legacy_imports (
          id INTEGER PRIMARY KEY,
          integration_id TEXT NOT NULL REFERENCES integrations(integration_id) ON DELETE CASCADE,
          file_name TEXT NOT NULL,
          imported_at TEXT NOT NULL,
          row_count INTEGER NOT NULL,
          encoding TEXT NOT NULL,
          delimiter TEXT NOT NULL,
          -- JSON: { role: header } as detected or overridden, and the extra columns kept aside
          columns TEXT NOT NULL
        ) STRICT;

        CREATE TABLE legacy_users (
          integration_id TEXT NOT NULL REFERENCES integrations(integration_id) ON DELETE CASCADE,
          user_id TEXT NOT NULL,
          email TEXT,
          first_name TEXT,
          last_name TEXT,
          full_name TEXT,
          hris_id TEXT,
          private_email TEXT,
          status TEXT,
          line INTEGER NOT NULL,
          extra TEXT NOT NULL DEFAULT '{}',
          PRIMARY KEY (integration_id, user_id)
        ) STRICT;

        -- Review decisions as an append-only event log; 'undo' events point at what they revert.
        CREATE TABLE match_decisions (
          id INTEGER PRIMARY KEY,
          integration_id TEXT NOT NULL REFERENCES integrations(integration_id) ON DELETE CASCADE,
          user_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('accept', 'reject', 'manual', 'none', 'undo')),
          kombo_id TEXT,
          undoes INTEGER REFERENCES match_decisions(id),
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX decisions_by_user ON match_decisions(integration_id, user_id);

        -- The last computed match, one row per legacy user (replaced as a whole by each match run).
        CREATE TABLE match_results (
          integration_id TEXT NOT NULL REFERENCES integrations(integration_id) ON DELETE CASCADE,
          user_id TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('matched', 'suggested', 'unmatched')),
          method TEXT NOT NULL,
          kombo_id TEXT,
          score REAL NOT NULL,
          detail TEXT NOT NULL,
          PRIMARY KEY (integration_id, user_id)
        ) STRICT;

        -- Every (user, employee) pair that was ever linked: how a returning person is recognised.
        CREATE TABLE link_history (
          integration_id TEXT NOT NULL REFERENCES integrations(integration_id) ON DELETE CASCADE,
          user_id TEXT NOT NULL,
          kombo_id TEXT NOT NULL,
          remote_id TEXT,
          first_linked_at TEXT NOT NULL,
          last_linked_at TEXT NOT NULL,
          PRIMARY KEY (integration_id, user_id, kombo_id)
        ) STRICT;
        CREATE INDEX link_history_by_kombo ON link_history(integration_id, kombo_id);

        -- Plans computed from good syncs, so the last good lists stand after a failed one.
        CREATE TABLE action_plans (
          id INTEGER PRIMARY KEY,
          integration_id TEXT NOT NULL REFERENCES integrations(integration_id) ON DELETE CASCADE,
          basis_run_id INTEGER REFERENCES sync_runs(id),
          created_at TEXT NOT NULL,
          plan TEXT NOT NULL,
          removals_confirmed_at TEXT
        ) STRICT;

        -- What each sync changed, for the drift report between two syncs.
        CREATE TABLE employee_changes (
          run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
          integration_id TEXT NOT NULL,
          kombo_id TEXT NOT NULL,
          -- hired: first seen; deleted: remote_deleted_at set; vanished: gone from a full fetch;
          -- returned: back after deleted/vanished; changed: one field changed (field, old, new)
          kind TEXT NOT NULL CHECK (kind IN ('hired', 'deleted', 'vanished', 'returned', 'changed')),
          field TEXT,
          old_value TEXT,
          new_value TEXT
        ) STRICT;
        CREATE INDEX employee_changes_by_run ON employee_changes(run_id);

        CREATE TABLE settings (
          integration_id TEXT NOT NULL REFERENCES integrations(integration_id) ON DELETE CASCADE,
          key TEXT NOT NULL,
          value TEXT NOT NULL,
          PRIMARY KEY (integration_id, key)
        ) STRICT;
      `)
    },
  },
  {
    version: 2,
    description: "employees' raw Kombo records move to a table of their own",
    up(db) {
      // Every read of employees (diff, matching, the review lists) wants the columns, never the ~3 KB
      // record: with it in the row, 16 KB pages held four employees and each lookup read a page.
      db.exec(`
        CREATE TABLE employee_records (
          integration_id TEXT NOT NULL,
          id TEXT NOT NULL,
          -- the record exactly as Kombo sent it (the bytes of its element in the page)
          raw TEXT NOT NULL,
          PRIMARY KEY (integration_id, id),
          FOREIGN KEY (integration_id, id) REFERENCES employees(integration_id, id) ON DELETE CASCADE
        ) STRICT;
        INSERT INTO employee_records (integration_id, id, raw) SELECT integration_id, id, raw FROM employees;
        ALTER TABLE employees DROP COLUMN raw;
      `)
    },
  },
  {
    version: 3,
    description:
      'a generation per integration, moved by rematches, decisions and settings; plans record their inputs',
    up(db) {
      // The stored lists are reused while nothing they rest on has changed (see diff/planStore.ts,
      // planInputs). Syncs and imports leave a row of their own, and counts catch rows added or removed;
      // what neither shows (a rematch replacing every result, a decision, a setting) moves this
      // generation. Only statements that touch few rows, or many rows in one statement, carry a
      // trigger: a trigger on the sync's or the import's per-row inserts cost 5 to 20 us a row.
      db.exec(`
        CREATE TABLE plan_inputs (
          integration_id TEXT PRIMARY KEY REFERENCES integrations(integration_id) ON DELETE CASCADE,
          generation INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        INSERT INTO plan_inputs (integration_id, generation) SELECT integration_id, 0 FROM integrations;
        CREATE TRIGGER plan_inputs_for_integration AFTER INSERT ON integrations BEGIN
          INSERT OR IGNORE INTO plan_inputs (integration_id, generation) VALUES (NEW.integration_id, 0);
        END;
        ALTER TABLE action_plans ADD COLUMN inputs TEXT;
      `)
      const moves: ReadonlyArray<readonly [table: string, event: 'INSERT' | 'UPDATE' | 'DELETE']> = [
        // A match run deletes the previous results in one statement before writing its own.
        ['match_results', 'DELETE'],
        ['match_results', 'UPDATE'],
        ['match_decisions', 'INSERT'],
        ['match_decisions', 'UPDATE'],
        ['match_decisions', 'DELETE'],
        ['settings', 'INSERT'],
        ['settings', 'UPDATE'],
        ['settings', 'DELETE'],
      ]
      for (const [table, event] of moves) {
        const row = event === 'DELETE' ? 'OLD' : 'NEW'
        db.exec(`
          CREATE TRIGGER ${table}_${event.toLowerCase()}_moves_plan_inputs AFTER ${event} ON ${table} BEGIN
            UPDATE plan_inputs SET generation = generation + 1 WHERE integration_id = ${row}.integration_id;
          END;
        `)
      }
    },
  },
  {
    version: 4,
    description: 'decision events made together (a bulk accept, a domain accept) share a batch number',
    up(db) {
      // One number per batch, so the whole batch is shown and undone as one step; null for a decision
      // made on its own. Old events stay null: they were made one by one.
      db.exec(`
        ALTER TABLE match_decisions ADD COLUMN batch INTEGER;
        CREATE INDEX decisions_by_batch ON match_decisions(integration_id, batch) WHERE batch IS NOT NULL;
      `)
    },
  },
  {
    version: 5,
    description: "match results keep the review list's fields in columns beside the detail",
    up(db) {
      // Review opens on the list (status, employee, score, conflicts, how many candidates) and reads a
      // user's candidates when that user is selected: at 100,000 users the detail JSON is most of a
      // gigabyte, too much to read and send for a list.
      db.exec(`
        ALTER TABLE match_results ADD COLUMN conflicts TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE match_results ADD COLUMN candidate_count INTEGER NOT NULL DEFAULT 0;
        UPDATE match_results SET
          conflicts = COALESCE(json_extract(detail, '$.conflicts'), '[]'),
          candidate_count = COALESCE(json_array_length(detail, '$.candidates'), 0)
        WHERE json_valid(detail);
      `)
    },
  },
  {
    version: 6,
    description: 'match results keep their candidate ids in a column; a rematch moves the plan inputs once',
    up(db) {
      // The diff needs a suggestion's candidate ids, not its evidence: picking them out of the detail
      // JSON took most of a second at 100,000 users. And the per-row trigger on deleting results ran
      // one UPDATE per stored result when a rematch replaced them (half a second at 100,000); the two
      // statements that delete results move the plan inputs themselves (match/matchStore.ts).
      db.exec(`
        ALTER TABLE match_results ADD COLUMN candidate_ids TEXT NOT NULL DEFAULT '[]';
        UPDATE match_results SET candidate_ids = (
          SELECT json_group_array(CASE WHEN c.type = 'text' THEN c.value ELSE c.value ->> '$.kombo_id' END
                                  ORDER BY c.key)
          FROM json_each(detail, '$.candidates') AS c
          WHERE c.type = 'text' OR json_type(c.value, '$.kombo_id') = 'text')
        WHERE json_valid(detail) AND json_type(detail, '$.candidates') = 'array';
        DROP TRIGGER match_results_delete_moves_plan_inputs;
      `)
    },
  },
  {
    version: 7,
    description: 'legacy users indexed in file order',
    up(db) {
      // Review paints the first rows of the file (match:first-rows) before the whole list arrives: in
      // line order through this index, a LIMIT reads those rows only instead of sorting 100,000.
      db.exec('CREATE INDEX legacy_users_by_line ON legacy_users(integration_id, line, user_id);')
    },
  },
  {
    version: 8,
    description: "a decision's change to the lists is kept beside the stored plan",
    up(db) {
      // Writing a 100,000-person plan again (megabytes of JSON) took half a second per decision; a
      // decision stores only the list entries it moved (diff/planPatch.ts), read with the plan, and
      // the inputs the patched plan rests on. A plan row is never updated for a patch: SQLite writes
      // a row whole, megabytes of JSON for one column. For the same reason the columns stored after
      // the plan's JSON are read through an index, not from the row.
      db.exec(`
        CREATE TABLE action_plan_patches (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          plan_id INTEGER NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
          generated_at TEXT NOT NULL,
          inputs TEXT NOT NULL,
          patch TEXT NOT NULL
        ) STRICT;
        CREATE INDEX action_plan_patches_by_plan ON action_plan_patches(plan_id, seq);
        CREATE INDEX action_plans_outline
          ON action_plans(integration_id, basis_run_id, id, removals_confirmed_at, inputs);
      `)
      // A decision looks up who else is linked to its employee: a scan of every result without this.
      db.exec(
        `CREATE INDEX match_results_linked ON match_results(integration_id, kombo_id) WHERE status = 'matched'`,
      )
    },
  },
  {
    version: 9,
    description: 'linked results indexed with their user',
    up(db) {
      // The diff's settled pairs read every linked result through the index of version 8, in employee
      // order, and fetched each row (its user) from the table: random reads over rows that carry the
      // match detail, 0.4-0.5 s more for a 100,000-person diff than before that index. With the user in
      // the index those reads stay in the index, and a decision's lookup of who else holds an employee
      // is answered from it too.
      db.exec(`
        DROP INDEX match_results_linked;
        CREATE INDEX match_results_linked ON match_results(integration_id, kombo_id, user_id)
          WHERE status = 'matched';
      `)
    },
  },
  {
    version: 10,
    description: "a stored plan's lists kept one entry a row",
    up(db) {
      // A 500,000-person plan was one JSON text of 50 MB: built as one string to be stored (hundreds of
      // megabytes at its peak) and read back whole. Entry by entry, it is written and read in pieces of
      // any size (diff/planStore.ts). The plan's own JSON keeps its fields in order, each list empty.
      const lists = ['add', 'update', 'remove', 'withheldRemovals', 'pendingReview']
      // A plan some list of which is not an array is left as it is: its outline does not read, so it
      // is computed again rather than reused.
      const whole = (plan: string) =>
        `json_valid(${plan}) AND ${lists.map((list) => `json_type(${plan}, '$.${list}') = 'array'`).join(' AND ')}`
      db.exec(`
        CREATE TABLE action_plan_items (
          plan_id INTEGER NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
          list TEXT NOT NULL
            CHECK (list IN ('add', 'update', 'remove', 'withheldRemovals', 'pendingReview')),
          seq INTEGER NOT NULL,
          item TEXT NOT NULL,
          PRIMARY KEY (plan_id, list, seq)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO action_plan_items (plan_id, list, seq, item)
          WITH p AS MATERIALIZED (SELECT id, plan FROM action_plans WHERE ${whole('plan')})
          SELECT p.id, list.value, entry.key, entry.value
          FROM p,
               json_each('["add", "update", "remove", "withheldRemovals", "pendingReview"]') AS list,
               json_each(p.plan, '$.' || list.value) AS entry;
        UPDATE action_plans
          SET plan = json_set(plan, '$.add', json('[]'), '$.update', json('[]'), '$.remove', json('[]'),
                              '$.withheldRemovals', json('[]'), '$.pendingReview', json('[]'))
          WHERE ${whole('plan')};
      `)
    },
  },
]

export const LATEST_SCHEMA_VERSION = migrations.length
