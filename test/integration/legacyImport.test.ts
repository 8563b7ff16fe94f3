import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/main/core/app/context'
import type { ApiHandlers } from '../../src/shared/api'
import { createApp } from '../../src/main/core/app'
import { dispatch } from '../../src/main/core/app/dispatch'
import { latestLegacyImport } from '../../src/main/core/legacy/legacyStore'
import { openDatabase, type Database } from '../../src/main/core/store/database'
import { makeTempDir } from '../support/tempDir'

/** The use-cases as any host calls them (request parsed against the contract), on a temp SQLite file. */
describe('legacy use-cases', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let handlers: ApiHandlers
  const importedAt = new Date('2026-11-29T09:30:00.000Z')

  beforeEach(() => {
    temp = makeTempDir('legacy-import-')
    db = openDatabase(join(temp.dir, 'desk.sqlite'))
    const ctx: AppContext = {
      db,
      clock: { now: () => importedAt },
      secrets: { getApiKey: () => null },
      defaultBaseUrl: 'http://127.0.0.1:9/v1',
      version: 'test',
    }
    handlers = createApp(ctx)
  })
  afterEach(() => {
    db.close()
    temp.cleanup()
  })

  async function importCsv(fileName: string, text: string, map?: Record<string, string>) {
    return dispatch(handlers, 'legacy:import', {
      integrationId: 'acme',
      fileName,
      contentBase64: Buffer.from(text, 'utf8').toString('base64'),
      ...(map ? { map } : {}),
    })
  }

  async function listed() {
    const result = await dispatch(handlers, 'legacy:list', { integrationId: 'acme' })
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  }

  it('imports, creating the integration row, and records the import with its columns', async () => {
    const result = await importCsv('people.csv', 'Benutzer-ID;E-Mail;Vorname;Team\n0042;a@x.de;Jörg;Blau\n')
    expect(result).toEqual({
      ok: true,
      value: {
        fileName: 'people.csv',
        rows: 1,
        rowsCollapsed: 0,
        notes: [],
        encoding: 'utf-8',
        delimiter: ';',
        columns: { user_id: 'Benutzer-ID', email: 'E-Mail', first_name: 'Vorname' },
        extraColumns: ['Team'],
        usersAdded: 1,
        usersRemoved: 0,
        decisionsKept: 0,
        decisionsDropped: 0,
      },
    })
    expect(db.prepare('SELECT integration_id FROM integrations').pluck().all()).toEqual(['acme'])
    expect(latestLegacyImport(db, 'acme')).toEqual({
      id: 1,
      integrationId: 'acme',
      fileName: 'people.csv',
      importedAt: '2026-11-29T09:30:00.000Z',
      rowCount: 1,
      encoding: 'utf-8',
      delimiter: ';',
      columns: { user_id: 'Benutzer-ID', email: 'E-Mail', first_name: 'Vorname' },
      extraColumns: ['Team'],
    })
    expect(await listed()).toEqual([
      {
        user_id: '0042',
        email: 'a@x.de',
        first_name: 'Jörg',
        last_name: null,
        full_name: null,
        hris_id: null,
        private_email: null,
        status: null,
        line: 2,
        extra: { Team: 'Blau' },
      },
    ])
  })

  it('refuses a broken file as CSV_INVALID with every problem as data', async () => {
    const result = await importCsv('people.csv', 'id,email\n1,a@x.com\n1,b@x.com\n,c@x.com\n')
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'CSV_INVALID',
        message:
          'people.csv refused: 2 problems (1 duplicate user id, 1 row without a user id); ' +
          'first: line 3: duplicate user id 1 (also on line 2)',
        details: [
          { line: 3, kind: 'duplicate_user_id', reason: 'duplicate user id 1 (also on line 2)' },
          { line: 4, kind: 'missing_user_id', reason: 'no user id (column "id" is empty)' },
        ],
      },
    })
    expect(db.prepare('SELECT COUNT(*) FROM integrations').pluck().get()).toBe(0)
    expect(latestLegacyImport(db, 'acme')).toBeNull()
  })

  it('passes the request map through to role detection', async () => {
    const result = await importCsv('x.csv', 'Login,Mail\nann,a@x.com\n', { user_id: 'Login', email: 'Mail' })
    expect(result.ok && result.value.columns).toEqual({ user_id: 'Login', email: 'Mail' })
  })

  it('rolls the whole re-import back when a write fails midway, decisions included', async () => {
    expect((await importCsv('v1.csv', 'id,email\n1,a@x.com\n2,b@x.com\n')).ok).toBe(true)
    db.prepare(
      `INSERT INTO match_decisions (integration_id, user_id, kind, kombo_id, created_at)
       VALUES ('acme', '2', 'accept', 'k2', '2026-11-29T09:00:00.000Z')`,
    ).run()
    // Make the store fail on the last row of the next file, after its deletes have run.
    db.exec(`CREATE TRIGGER fail_on_boom BEFORE INSERT ON legacy_users WHEN NEW.user_id = 'boom'
             BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`)
    const result = await importCsv('v2.csv', 'id,email\n1,a@x.com\n3,c@x.com\nboom,d@x.com\n')
    expect(result.ok).toBe(false)
    expect((await listed()).map((user) => user.user_id)).toEqual(['1', '2'])
    expect(db.prepare('SELECT user_id FROM match_decisions').pluck().all()).toEqual(['2'])
    expect(latestLegacyImport(db, 'acme')?.fileName).toBe('v1.csv')
  })

  it('lists nothing for an integration never imported', async () => {
    expect(await listed()).toEqual([])
  })
})
