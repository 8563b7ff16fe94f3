import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../src/main/core/store/database'
import type { LegacyImportSummary } from '../../src/shared/dto/legacy'
import { makeTempDir } from '../support/tempDir'
import { runCli, singleErrorLine, type CliRun } from '../support/runCli'

/**
 * Runs the real CLI (bin/kombo-reconcile.js through tsx) on fixture files written as real bytes: each
 * encoding, delimiter and language an Excel export can arrive in, and each way a file can be broken.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const fixtures = join(repoRoot, 'test/fixtures/legacy')
const fixture = (name: string): string => join(fixtures, name)

interface ContractRow {
  user_id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  hris_id: string | null
  private_email: string | null
  full_name: string | null
  status: string | null
}

const person = (row: Partial<ContractRow> & { user_id: string }): ContractRow => ({
  email: null,
  first_name: null,
  last_name: null,
  hris_id: null,
  private_email: null,
  full_name: null,
  status: null,
  ...row,
})

async function importFile(db: string, file: string, extra: string[] = []): Promise<CliRun> {
  return runCli(['import', '--db', db, '--integration', 'acme', '--file', file, ...extra])
}

async function legacyJson(db: string): Promise<ContractRow[]> {
  const run = await runCli(['legacy', '--db', db, '--integration', 'acme', '--json'])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as ContractRow[]
}

/** line and extra of each stored user, read straight from the SQLite file. */
function storedLinesAndExtras(db: string): { user_id: string; line: number; extra: unknown }[] {
  const handle = openDatabase(db)
  try {
    const rows = handle
      .prepare("SELECT user_id, line, extra FROM legacy_users WHERE integration_id = 'acme' ORDER BY line")
      .all() as { user_id: string; line: number; extra: string }[]
    return rows.map((row) => ({ ...row, extra: JSON.parse(row.extra) as unknown }))
  } finally {
    handle.close()
  }
}

const STACK_FRAME = /^\s+at\s/m

/**
 * Each CLI run starts Node and tsx (about a second of CPU). On a shared 2-core machine under load, a
 * test of several runs can wait for CPU far beyond the default 60 s; that is slowness, not failure.
 */
const SPAWNING_TEST_TIMEOUT_MS = 180_000
vi.setConfig({ testTimeout: SPAWNING_TEST_TIMEOUT_MS, hookTimeout: SPAWNING_TEST_TIMEOUT_MS })

/** Every stored legacy_users row of the integration, all columns. */
function storedUsers(db: string): unknown[] {
  const handle = openDatabase(db)
  try {
    return handle.prepare("SELECT * FROM legacy_users WHERE integration_id = 'acme' ORDER BY user_id").all()
  } finally {
    handle.close()
  }
}

const temp = makeTempDir('legacy-cli-')
afterAll(() => temp.cleanup())
let dbCounter = 0
const freshDb = (): string => join(temp.dir, `db-${++dbCounter}.sqlite`)

describe('import of awkward exports', () => {
  it.concurrent('UTF-8 with BOM, semicolons, German headers, CRLF, blank lines', async ({ expect }) => {
    const db = freshDb()
    const run = await importFile(db, fixture('de-utf8-bom-semicolon.csv'), ['--json'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as LegacyImportSummary
    expect(summary).toEqual({
      fileName: 'de-utf8-bom-semicolon.csv',
      rows: 3,
      rowsCollapsed: 0,
      notes: [],
      encoding: 'utf-8-bom',
      delimiter: ';',
      columns: {
        user_id: 'Benutzer-ID',
        email: 'E-Mail',
        first_name: 'Vorname',
        last_name: 'Nachname',
        hris_id: 'Personalnummer',
        private_email: 'Private E-Mail',
      },
      extraColumns: ['Abteilung'],
      usersAdded: 3,
      usersRemoved: 0,
      decisionsKept: 0,
      decisionsDropped: 0,
    })
    expect(await legacyJson(db)).toEqual([
      person({
        user_id: '0042',
        email: 'joerg.mueller@beispiel.de',
        first_name: 'Jörg',
        last_name: 'Müller',
        hris_id: 'P-0007',
        private_email: 'joerg@privat.de',
      }),
      person({
        user_id: '0100',
        email: 'anna.schmidt@beispiel.de',
        first_name: 'Anna',
        last_name: 'Schmidt',
        hris_id: 'P-0100',
      }),
      person({ user_id: '007', email: 'h.weiss@beispiel.de', first_name: 'Heinz', last_name: 'Weiß' }),
    ])
    expect(storedLinesAndExtras(db)).toEqual([
      { user_id: '0042', line: 2, extra: { Abteilung: 'Entwicklung' } },
      { user_id: '0100', line: 4, extra: { Abteilung: 'Vertrieb; Innendienst' } },
      { user_id: '007', line: 6, extra: {} },
    ])
  })

  it.concurrent('UTF-16LE with BOM, tab-delimited (Excel "Unicode text")', async ({ expect }) => {
    const db = freshDb()
    const run = await importFile(db, fixture('en-utf16le-tab.txt'), ['--json'])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as LegacyImportSummary
    expect(summary).toMatchObject({
      rows: 4,
      encoding: 'utf-16le',
      delimiter: '\t',
      columns: {
        user_id: 'User ID',
        email: 'Email',
        first_name: 'First Name',
        last_name: 'Last Name',
        hris_id: 'Employee ID',
        status: 'Status',
      },
      extraColumns: [],
    })
    expect(await legacyJson(db)).toEqual([
      person({
        user_id: '00017',
        email: 'zoe.adams@example.com',
        first_name: 'Zoë',
        last_name: 'Adams',
        hris_id: 'E-17',
        status: 'active',
      }),
      person({
        user_id: '00018',
        email: 'l.nowak@example.com',
        first_name: 'Łukasz',
        last_name: 'Nowak',
        hris_id: 'E-18',
        status: 'disabled',
      }),
      person({
        user_id: '00019',
        email: 'ai.yoshino@example.com',
        first_name: 'Ai',
        last_name: '𠮷野',
        hris_id: 'E-19',
        status: 'active',
      }),
      person({
        user_id: '00020',
        email: 'sean.obrien@example.com',
        first_name: 'Seán',
        last_name: 'O"Brien',
        status: 'active',
      }),
    ])
  })

  it.concurrent(
    'UTF-16BE with BOM, tab-delimited, German headers, ids with leading zeros',
    async ({ expect }) => {
      const db = freshDb()
      const run = await importFile(db, fixture('de-utf16be-tab.txt'), ['--json'])
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout)).toMatchObject({ rows: 3, encoding: 'utf-16be', delimiter: '\t' })
      expect(await legacyJson(db)).toEqual([
        person({
          user_id: '0001',
          email: 'b.schaefer@beispiel.de',
          first_name: 'Björn',
          last_name: 'Schäfer',
          hris_id: '000451',
        }),
        person({
          user_id: '0002',
          email: 'c.oezdemir@beispiel.de',
          first_name: 'Cem',
          last_name: 'Özdemir',
          hris_id: '000452',
        }),
        person({
          user_id: '0003',
          email: 'ai.yoshino@beispiel.de',
          first_name: 'Ai',
          last_name: '𠮷野',
          hris_id: '000453',
        }),
      ])
    },
  )

  it.concurrent('Windows-1252 with French headers (é as 0xE9, œ as 0x9C, € as 0x80)', async ({ expect }) => {
    const db = freshDb()
    const run = await importFile(db, fixture('fr-windows1252-semicolon.csv'), ['--json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      rows: 4,
      encoding: 'windows-1252',
      delimiter: ';',
      columns: {
        user_id: 'Identifiant',
        email: 'Courriel',
        first_name: 'Prénom',
        last_name: 'Nom',
        hris_id: 'Matricule',
        status: 'Statut',
      },
      extraColumns: ['Prime'],
    })
    expect(await legacyJson(db)).toEqual([
      person({
        user_id: '0001',
        email: 'helene.dupre@exemple.fr',
        first_name: 'Hélène',
        last_name: 'Dupré',
        hris_id: 'M-001',
        status: 'actif',
      }),
      person({
        user_id: '0002',
        email: 'francois.noel@exemple.fr',
        first_name: 'François',
        last_name: 'Noël',
        hris_id: 'M-002',
        status: 'actif',
      }),
      person({
        user_id: '0003',
        email: 'b.coeur@exemple.fr',
        first_name: 'Béatrice',
        last_name: 'Cœur',
        hris_id: 'M-003',
        status: 'inactif',
      }),
      person({
        user_id: '0004',
        email: 'j.lefevre@exemple.fr',
        first_name: 'Jérôme',
        last_name: 'Lefèvre; dit "Jojo"',
        hris_id: 'M-004',
        status: 'actif',
      }),
    ])
    expect(storedLinesAndExtras(db)[0]).toEqual({
      user_id: '0001',
      line: 2,
      extra: { Prime: '1\u00a0500 €' },
    })
  })

  it.concurrent('pipe-delimited UTF-8 with Spanish headers', async ({ expect }) => {
    const db = freshDb()
    const run = await importFile(db, fixture('es-pipe.csv'), ['--json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      encoding: 'utf-8',
      delimiter: '|',
      columns: {
        user_id: 'ID de usuario',
        email: 'Correo electrónico',
        first_name: 'Nombre',
        last_name: 'Apellido',
        hris_id: 'Número de empleado',
        private_email: 'Correo personal',
      },
    })
    expect(await legacyJson(db)).toEqual([
      person({
        user_id: '000123',
        email: 'jose.nunez@ejemplo.es',
        first_name: 'José',
        last_name: 'Núñez',
        hris_id: 'EMP-000123',
        private_email: 'jose@correo.es',
      }),
      person({
        user_id: '000124',
        email: 'maria.garcia@ejemplo.es',
        first_name: 'María José',
        last_name: 'García López',
        hris_id: 'EMP-000124',
      }),
    ])
  })

  it.concurrent(
    'multi-line quoted fields with doubled quotes and embedded delimiters',
    async ({ expect }) => {
      const db = freshDb()
      const run = await importFile(db, fixture('multiline-quoted.csv'), ['--json'])
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout)).toMatchObject({ rows: 3, delimiter: ',', extraColumns: ['notes'] })
      expect(await legacyJson(db)).toEqual([
        person({
          user_id: '000001',
          email: 'smith.jr@example.com',
          first_name: 'John',
          last_name: 'Smith, Jr.',
          hris_id: '00042',
        }),
        person({
          user_id: '000002',
          email: 'ann@example.com',
          first_name: 'Ann\nMarie',
          last_name: 'O"Neil',
          hris_id: '00043',
        }),
        person({ user_id: '000003', email: 'bob@example.com', first_name: 'Bob', last_name: 'Stone' }),
      ])
      expect(storedLinesAndExtras(db)).toEqual([
        { user_id: '000001', line: 2, extra: { notes: 'Prefers "Johnny"\nSecond line, with comma' } },
        { user_id: '000002', line: 4, extra: {} },
        { user_id: '000003', line: 6, extra: { notes: 'plain' } },
      ])
    },
  )

  it.concurrent('follows --map for headers it does not know', async ({ expect }) => {
    const db = freshDb()
    const run = await importFile(db, fixture('reimport-v1.csv'), [
      '--map',
      'user_id=email,hris_id=user_id',
      '--map',
      'full_name=first_name',
      '--json',
    ])
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toMatchObject({
      columns: { user_id: 'email', hris_id: 'user_id', full_name: 'first_name', last_name: 'last_name' },
    })
    expect((await legacyJson(db))[0]).toEqual(
      person({ user_id: 'ada@example.com', hris_id: '0001', full_name: 'Ada', last_name: 'Lovelace' }),
    )
  })

  it.concurrent('refuses an unknown role in --map as a usage error', async ({ expect }) => {
    const db = freshDb()
    const run = await importFile(db, fixture('es-pipe.csv'), ['--map', 'nickname=Apodo'])
    expect(run.code).toBe(64)
    expect(run.stderr).toMatch(/^error: --map: unknown role 'nickname' \(roles: user_id, email, /)
    expect(existsSync(db)).toBe(false)
  })
})

describe('refused files leave the previous import intact', () => {
  let db = ''
  let before: ContractRow[] = []
  let storedBefore: unknown[] = []

  beforeAll(async () => {
    db = freshDb()
    const run = await importFile(db, fixture('multiline-quoted.csv'))
    expect(run.code).toBe(0)
    before = await legacyJson(db)
    expect(before.map((row) => row.user_id)).toEqual(['000001', '000002', '000003'])
    storedBefore = storedUsers(db)
  })

  // The email cannot be the user id here: one row has none. The refusal names what was seen and how to map.
  const NO_USER_ID_REASON =
    'no user id column, and no column identifies every user (columns: "Email", "First Name", "Last Name"; ' +
    'detected: email="Email", first_name="First Name", last_name="Last Name"); name it in the column map as ' +
    'user_id=<header> (roles: user_id, email, first_name, last_name, full_name, hris_id, private_email, status)'
  const NO_IDENTITY_REASON =
    'no column to identify people by (email, first name, last name, full name or HRIS id) among "user_id", ' +
    '"department", "cost_center"; name one in the column map, e.g. email=<header> (roles: user_id, email, first_name, last_name, full_name, hris_id, private_email, status)'
  const MAP_HINT =
    'to choose columns by hand, write --map role=Header, once per role or comma-separated ' +
    `(--map user_id=Login --map 'full_name="Last Name, First Name"')`

  const cases: { file: string; message: string; problems: string[] }[] = [
    {
      file: 'people.csv',
      message:
        'people.csv refused: 3 problems (2 duplicate user ids, 1 row with 5 fields instead of 6); ' +
        'first: line 7: duplicate user id 0042 (also on line 3)',
      problems: [
        'line 7: duplicate user id 0042 (also on line 3)',
        'line 8: 5 fields instead of 6',
        'line 9: duplicate user id 0043 (also on line 4)',
      ],
    },
    {
      file: 'many-problems.csv',
      message:
        'many-problems.csv refused: 4 problems (1 row with 3 fields instead of 4, 1 row without a user id, ' +
        '1 duplicate user id, 1 row with 5 fields instead of 4); first: line 3: 3 fields instead of 4',
      problems: [
        'line 3: 3 fields instead of 4',
        'line 4: no user id (column "Benutzer-ID" is empty)',
        'line 5: duplicate user id 1 (also on line 2)',
        'line 6: 5 fields instead of 4',
      ],
    },
    {
      file: 'missing-user-id.csv',
      message:
        'missing-user-id.csv refused: 2 problems (2 rows without a user id); ' +
        'first: line 3: no user id (column "User ID" is empty)',
      problems: [
        'line 3: no user id (column "User ID" is empty)',
        'line 4: no user id (column "User ID" is empty)',
      ],
    },
    {
      file: 'no-user-id-column.csv',
      message:
        'no-user-id-column.csv refused: 1 problem (no user id column); first: line 1: ' + NO_USER_ID_REASON,
      problems: [`line 1: ${NO_USER_ID_REASON}`, MAP_HINT],
    },
    {
      file: 'no-identity-column.csv',
      message:
        'no-identity-column.csv refused: 1 problem (no column to identify people by); first: line 1: ' +
        NO_IDENTITY_REASON,
      problems: [`line 1: ${NO_IDENTITY_REASON}`, MAP_HINT],
    },
    {
      file: 'empty.csv',
      message:
        'empty.csv refused: 1 problem (no user rows); first: line 1: the file is empty; export the user list ' +
        'with a header line',
      problems: ['line 1: the file is empty; export the user list with a header line'],
    },
    {
      file: 'blank-lines-only.csv',
      message:
        'blank-lines-only.csv refused: 1 problem (no user rows); first: line 1: the file is empty; export the ' +
        'user list with a header line',
      problems: ['line 1: the file is empty; export the user list with a header line'],
    },
    {
      file: 'header-only.csv',
      message:
        'header-only.csv refused: 1 problem (no user rows); first: line 1: the file has a header line but no ' +
        'user rows',
      problems: ['line 1: the file has a header line but no user rows'],
    },
    {
      file: 'unclosed-quote.csv',
      message:
        'unclosed-quote.csv refused: 1 problem (1 malformed row); first: line 3: a quoted field starts here ' +
        'and is never closed, so the rest of the file would be one cell',
      problems: [
        'line 3: a quoted field starts here and is never closed, so the rest of the file would be one cell',
      ],
    },
    {
      file: 'users.xlsx',
      message:
        'users.xlsx refused: 1 problem (not a text file); first: line 1: the file is not text (it contains ' +
        'NUL bytes); export the user list as CSV',
      problems: ['line 1: the file is not text (it contains NUL bytes); export the user list as CSV'],
    },
  ]

  it.concurrent.each(cases)(
    '$file is refused with every problem row',
    async ({ file, message, problems }) => {
      const run = await importFile(db, fixture(join('broken', file)))
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr).toBe([`error: ${message}`, ...problems].map((line) => `${line}\n`).join(''))
      expect(run.stderr).not.toMatch(STACK_FRAME)
      // Straight from the file here; the CLI's own view is checked once after every refusal.
      expect(storedUsers(db)).toEqual(storedBefore)
    },
  )

  it('still lists the previous import through the CLI, and records no import for refused files', async () => {
    expect(await legacyJson(db)).toEqual(before)
    const handle = openDatabase(db)
    try {
      const imports = handle.prepare('SELECT file_name FROM legacy_imports').pluck().all()
      expect(imports).toEqual(['multiline-quoted.csv'])
    } finally {
      handle.close()
    }
  })

  it('prints the report on stderr in --json mode too, and every problem as JSON on stdout', async () => {
    const run = await importFile(db, fixture('broken/people.csv'), ['--json'])
    expect(run.code).toBe(1)
    expect(run.stderr.split('\n').slice(1, 4)).toEqual(cases[0]!.problems)
    const printed = JSON.parse(run.stdout) as { error: string; problems: { line: number; reason: string }[] }
    expect(printed.error).toBe(cases[0]!.message)
    expect(printed.problems.map((problem) => `line ${problem.line}: ${problem.reason}`)).toEqual(
      cases[0]!.problems,
    )
  })
})

describe('unreadable paths', () => {
  it('names the path in one line and creates no database', async () => {
    const db = freshDb()
    const missing = join(temp.dir, 'nowhere', 'people.csv')
    const run = await importFile(db, missing)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`error: cannot read ${missing}: no such file\n`)
    expect(existsSync(db)).toBe(false)
  })

  it('says when the path is a directory', async () => {
    const run = await importFile(freshDb(), fixtures)
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`error: cannot read ${fixtures}: it is a directory\n`)
  })
})

describe('re-import', () => {
  it('replaces the legacy set, asks before setting decisions aside, and brings them back with their users', async () => {
    const db = freshDb()
    const first = await importFile(db, fixture('reimport-v1.csv'))
    expect(first.code).toBe(0)
    expect(first.stdout).toBe(
      "imported 4 legacy users from reimport-v1.csv (utf-8, ','-delimited): 4 new, 0 no longer in the file\n" +
        'columns: user_id=user_id, email=email, first_name=first_name, last_name=last_name\n',
    )

    const handle = openDatabase(db)
    try {
      const decide = handle.prepare(
        `INSERT INTO match_decisions (integration_id, user_id, kind, kombo_id, undoes, created_at)
         VALUES ('acme', ?, ?, ?, ?, '2026-11-29T10:00:00.000Z')`,
      )
      decide.run('0001', 'accept', 'k1', null)
      const reject = decide.run('0002', 'reject', 'k2', null).lastInsertRowid
      decide.run('0002', 'undo', null, reject)
      decide.run('0003', 'manual', 'k3', null)
      decide.run('0004', 'none', null, null)
      const result = handle.prepare(
        `INSERT INTO match_results (integration_id, user_id, status, method, kombo_id, score, detail)
         VALUES ('acme', ?, 'matched', 'email', ?, 1, '{}')`,
      )
      for (const [userId, komboId] of [
        ['0001', 'k1'],
        ['0002', 'k2'],
        ['0003', 'k3'],
        ['0004', 'k4'],
      ] as const) {
        result.run(userId, komboId)
      }
    } finally {
      handle.close()
    }

    // Users 0003 and 0004 carry decisions and are not in v2: nothing happens without --drop-decisions.
    const refused = await importFile(db, fixture('reimport-v2.csv'), ['--json'])
    expect(refused.code).not.toBe(0)
    expect(singleErrorLine(refused)).toBe(
      'error: reimport-v2.csv leaves out 2 users with review decisions (0003, 0004); nothing was imported. Import it with --drop-decisions (or confirm in the app) to set their decisions aside until those users return',
    )
    expect((await legacyJson(db)).map((user) => user.user_id)).toEqual(['0001', '0002', '0003', '0004'])

    // v2 also leaves out half of v1's users: that needs its own confirmation.
    const shrinking = await importFile(db, fixture('reimport-v2.csv'), ['--json', '--drop-decisions'])
    expect(shrinking.code).not.toBe(0)
    expect(singleErrorLine(shrinking)).toBe(
      'error: reimport-v2.csv leaves out 2 of the 4 users of the previous import (50.0%, more than 5.0%); nothing was imported. If the file is complete, import it with --allow-shrink (or confirm in the app)',
    )
    expect((await legacyJson(db)).map((user) => user.user_id)).toEqual(['0001', '0002', '0003', '0004'])

    const second = await importFile(db, fixture('reimport-v2.csv'), [
      '--json',
      '--drop-decisions',
      '--allow-shrink',
    ])
    expect(second.stderr).toBe('')
    expect(JSON.parse(second.stdout)).toMatchObject({
      rows: 3,
      usersAdded: 1,
      usersRemoved: 2,
      decisionsKept: 3,
      decisionsDropped: 2,
    })

    expect(await legacyJson(db)).toEqual([
      person({
        user_id: '0001',
        email: 'ada.lovelace@example.com',
        first_name: 'Ada',
        last_name: 'Lovelace',
      }),
      person({ user_id: '0002', email: 'alan@example.com', first_name: 'Alan', last_name: 'Turing' }),
      person({ user_id: '0005', email: 'barbara@example.com', first_name: 'Barbara', last_name: 'Liskov' }),
    ])

    const after = openDatabase(db)
    try {
      expect(
        after.prepare('SELECT user_id, kind FROM match_decisions ORDER BY id').all() as {
          user_id: string
          kind: string
        }[],
      ).toEqual([
        { user_id: '0001', kind: 'accept' },
        { user_id: '0002', kind: 'reject' },
        { user_id: '0002', kind: 'undo' },
        { user_id: '0003', kind: 'manual' },
        { user_id: '0004', kind: 'none' },
      ])
      expect(after.prepare('SELECT user_id FROM match_results ORDER BY user_id').pluck().all()).toEqual([
        '0001',
        '0002',
      ])
      expect(after.prepare('SELECT file_name, row_count FROM legacy_imports ORDER BY id').all()).toEqual([
        { file_name: 'reimport-v1.csv', row_count: 4 },
        { file_name: 'reimport-v2.csv', row_count: 3 },
      ])
    } finally {
      after.close()
    }

    // A third import of the same file asks nothing new (those decisions were set aside already).
    const third = await importFile(db, fixture('reimport-v2.csv'))
    expect(third.code).toBe(0)
    expect(third.stdout).toContain(': 0 new, 0 no longer in the file\n')
    expect(third.stdout).toContain('review decisions: 3 kept, 2 set aside until their users return\n')

    // When the users return, so do their decisions.
    // v1 leaves out the user v2 added (1 of 3): confirmed as well.
    const back = await importFile(db, fixture('reimport-v1.csv'), ['--allow-shrink'])
    expect(back.code).toBe(0)
    expect(back.stdout).toContain('review decisions: 5 kept, 0 set aside until their users return\n')
  })
})

describe('legacy', () => {
  it('lists nothing for an integration without an import', async () => {
    expect(await legacyJson(freshDb())).toEqual([])
  })
})
