import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findIntegration, requireIntegration } from '../../../src/main/core/app/integrations'
import type { Database } from '../../../src/main/core/store/database'
import {
  selectEmployeeTable,
  selectStoredEmployees,
  STORED_EMPLOYEE_SQL_COLUMNS,
} from '../../../src/main/core/store/employeeRows'
import { employeesFromTable } from '../../../src/shared/dto/employees'
import {
  everyRow,
  everyRowShaped,
  integerAt,
  textAt,
  textOrNullAt,
  TextPool,
  integer,
  rawTextRows,
  oneOf,
  oneOfOrNull,
  realOrNull,
  sqlRow,
  text,
  textOrNull,
  textsOrNull,
} from '../../../src/main/core/store/rows'
import { AppFailure } from '../../../src/shared/result'
import { openTempDatabase } from '../../support/tempDatabase'

let temp: ReturnType<typeof openTempDatabase>
let db: Database
beforeEach(() => {
  temp = openTempDatabase('rows-')
  db = temp.db
})
afterEach(() => temp.close())

function failureOf(body: () => unknown): AppFailure {
  try {
    body()
  } catch (cause) {
    if (cause instanceof AppFailure) return cause
    throw cause
  }
  throw new Error('expected an AppFailure')
}

describe('the integration lookup', () => {
  it('reads the row with its types, and answers an unknown id with the one message', () => {
    db.prepare(
      'INSERT INTO integrations (integration_id, customer_id, base_url, created_at) VALUES (?, ?, ?, ?)',
    ).run('personio:acme', null, 'http://127.0.0.1:9/v1', '2030-01-01T00:00:00.000Z')
    expect(requireIntegration(db, 'personio:acme')).toEqual({
      integration_id: 'personio:acme',
      customer_id: null,
      base_url: 'http://127.0.0.1:9/v1',
      last_sync_started_at: null,
      created_at: '2030-01-01T00:00:00.000Z',
    })
    expect(findIntegration(db, 'personio:other')).toBeNull()
    const unknown = failureOf(() => requireIntegration(db, 'personio:other'))
    expect(unknown.error).toEqual({
      code: 'NOT_FOUND',
      message: 'unknown integration personio:other: connect it and run a sync first',
    })
  })
})

describe('column readers', () => {
  it('refuse a value of the wrong type, naming the column', () => {
    const row = sqlRow(db.prepare("SELECT 1 AS n, 'x' AS s, NULL AS z").get(), 'probe')
    expect(integer(row, 'n')).toBe(1)
    expect(text(row, 's')).toBe('x')
    expect(textOrNull(row, 'z')).toBeNull()
    expect(failureOf(() => text(row, 'n')).error).toMatchObject({
      code: 'DB_ERROR',
      message: expect.stringContaining('n is not text'),
    })
    expect(failureOf(() => integer(row, 'missing')).error.message).toContain('missing is not an integer')
    expect(failureOf(() => sqlRow(undefined, 'probe')).error.code).toBe('DB_ERROR')
  })
})

describe('typed rows', () => {
  it('read a word of a CHECK-limited column, a number and several texts, and refuse what does not fit', () => {
    const row = sqlRow(
      db.prepare("SELECT 'matched' AS status, 0.75 AS score, NULL AS none, 'a' AS x, NULL AS y").get(),
      'probe',
    )
    expect(oneOf(row, 'status', ['matched', 'suggested'] as const)).toBe('matched')
    expect(oneOfOrNull(row, 'none', ['matched'] as const)).toBeNull()
    expect(realOrNull(row, 'score')).toBe(0.75)
    expect(textsOrNull(row, ['x', 'y'])).toEqual({ x: 'a', y: null })
    expect(
      failureOf(() => oneOf(row, 'status', ['suggested', 'unmatched'] as const)).error.message,
    ).toContain('status is not one of suggested, unmatched')
    expect(failureOf(() => textsOrNull(row, ['x', 'score'])).error.message).toContain(
      'score is not text or null',
    )
  })

  it('read whole employees with the one column list, in the order asked for', () => {
    db.prepare("INSERT INTO integrations (integration_id, created_at) VALUES ('p:a', '2030-01-01')").run()
    const insert = db.prepare(
      `INSERT INTO employees (integration_id, id, remote_id, first_name, last_name, work_email, first_seen_run,
         last_seen_run) VALUES ('p:a', ?, ?, ?, ?, ?, 1, 1)`,
    )
    insert.run('id-1', 'r1', 'Zoe', 'Zeller', 'zoe@acme.example')
    insert.run('id-2', 'r2', 'Anna', 'Adams', null)
    expect(selectStoredEmployees(db, 'p:a', 'id').map((e) => e.id)).toEqual(['id-1', 'id-2'])
    const [first] = selectStoredEmployees(db, 'p:a', 'name')
    expect(first).toEqual({
      id: 'id-2',
      remote_id: 'r2',
      employee_number: null,
      first_name: 'Anna',
      last_name: 'Adams',
      display_full_name: null,
      work_email: null,
      personal_email: null,
      employment_status: null,
      start_date: null,
      termination_date: null,
      date_of_birth: null,
      changed_at: null,
      remote_deleted_at: null,
      vanished_at: null,
    })
    expect(Object.keys(first ?? {}).join(', ')).toBe(STORED_EMPLOYEE_SQL_COLUMNS)

    // The same employees as a table (what Review reads at 100,000), and back as the same objects.
    const table = selectEmployeeTable(db, 'p:a')
    expect(table.columns.join(', ')).toBe(STORED_EMPLOYEE_SQL_COLUMNS)
    expect(table.rows.map((row) => row[0])).toEqual(['id-2', 'id-1'])
    expect(employeesFromTable(table)).toEqual(selectStoredEmployees(db, 'p:a', 'name'))
    // A table whose columns this side does not know is not read as employees.
    expect(employeesFromTable({ ...table, columns: [...table.columns].reverse() })).toBeNull()
    expect(employeesFromTable({ ...table, columns: [...table.columns, 'extra'] })).toBeNull()
    // Rows read as arrays are checked like rows read as objects.
    expect(failureOf(() => rawTextRows([['a', 1]], 'employees')).message).toContain(
      'employees: a column is not text or null',
    )
    expect(failureOf(() => rawTextRows([{ id: 'a' }], 'employees')).message).toContain('no row array')
  })
})

describe('everyRow', () => {
  it('reads exactly the rows all() reads, as objects or as arrays, in order', () => {
    db.exec('CREATE TABLE sample (id INTEGER, name TEXT, note TEXT)')
    const insert = db.prepare('INSERT INTO sample VALUES (?, ?, ?)')
    for (let id = 0; id < 3_000; id++) insert.run(id, `Zoë ${id % 7}`, id % 5 === 0 ? null : `n${id}`)
    const select = db.prepare('SELECT id, name, note FROM sample WHERE id % ? = 1 ORDER BY name, id')
    const read = everyRow(select, 3)
    expect(read).toHaveLength(1_000)
    expect(read).toEqual(select.all(3))
    const raw = db.prepare('SELECT name, note FROM sample WHERE id < ? ORDER BY id DESC').raw()
    expect(everyRow(raw, 4)).toEqual([
      ['Zoë 3', 'n3'],
      ['Zoë 2', 'n2'],
      ['Zoë 1', 'n1'],
      ['Zoë 0', null],
    ])
    expect(everyRow(select, 1)).toEqual([])
  })
})

describe('everyRowShaped', () => {
  it('reads the rows all() reads, each shaped as it is read, and names a column of the wrong type', () => {
    db.exec('CREATE TABLE sample (id INTEGER, status TEXT, note TEXT)')
    const insert = db.prepare('INSERT INTO sample VALUES (?, ?, ?)')
    for (let id = 0; id < 2_000; id++)
      insert.run(id, id % 3 === 0 ? 'active' : 'inactive', id % 4 ? `n${id}` : null)
    const select = db.prepare('SELECT id, status, note FROM sample WHERE id % ? = 0 ORDER BY id')
    const shaped: number[] = []
    const read = everyRowShaped(
      db.prepare('SELECT id, status, note FROM sample WHERE id % ? = 0 ORDER BY id').raw(),
      (columns, texts) => {
        shaped.push(integerAt(columns, 0, 'id'))
        return {
          id: integerAt(columns, 0, 'id'),
          status: texts.share(textAt(columns, 1, 'status')),
          note: texts.share(textOrNullAt(columns, 2, 'note')),
        }
      },
      2,
    )
    expect(read).toEqual(select.all(2))
    expect(read).toHaveLength(1_000)
    expect(shaped).toEqual(read.map((row) => row.id))
    const wrongType = db.prepare('SELECT note, id FROM sample WHERE id < 2 ORDER BY id').raw()
    expect(
      failureOf(() => everyRowShaped(wrongType, (columns) => textAt(columns, 1, 'sample.id'))).message,
    ).toContain('sample.id is not text')
    // An object row is not what a shaped read is made for.
    expect(failureOf(() => everyRowShaped(select, (columns) => columns, 2)).message).toContain('no row array')
  })

  it('keeps every text as it was: a shared copy is always the equal text, and null stays null', () => {
    const texts = new TextPool()
    const written = ['Anna', 'Ann', 'anna', 'Anna ', 'Zoë', 'Zoe\u0308', '', 'Anna']
    expect(written.map((text) => texts.share(text))).toEqual(written)
    expect(texts.share(null)).toBeNull()
  })
})
