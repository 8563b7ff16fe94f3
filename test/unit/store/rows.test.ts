import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findIntegration, requireIntegration } from '../../../src/main/core/app/integrations'
import { openDatabase, type Database } from '../../../src/main/core/store/database'
import { integer, sqlRow, text, textOrNull } from '../../../src/main/core/store/rows'
import { AppFailure } from '../../../src/shared/result'
import { makeTempDir } from '../../support/tempDir'

let temp: ReturnType<typeof makeTempDir>
let db: Database
beforeEach(() => {
  temp = makeTempDir('rows-')
  db = openDatabase(join(temp.dir, 'desk.sqlite'))
})
afterEach(() => {
  db.close()
  temp.cleanup()
})

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
