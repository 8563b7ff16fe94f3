import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openDatabase, type Database } from '../../../src/main/core/store/database'
import { inputCounts, writeCounted } from '../../../src/main/core/store/inputCounts'
import { makeTempDir } from '../../support/tempDir'
import { insertRun, putLegacyUsers, seedIntegration } from '../diff/seed'

/**
 * The stamps' row counts are kept per connection while nobody writes (store/inputCounts.ts): every
 * write, by this connection or another, must still be seen, and nothing a rollback undid may be kept.
 */
const ID = 'demo:counts'

describe('input counts kept per connection', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let path: string
  beforeEach(() => {
    temp = makeTempDir('input-counts-')
    path = join(temp.dir, 'desk.sqlite')
    db = openDatabase(path)
    seedIntegration(db, ID)
    insertRun(db, ID, { outcome: 'SUCCEEDED' })
  })
  afterEach(() => {
    db.close()
    temp.cleanup()
  })

  const user = (id: string) => ({ user_id: id, email: `${id}@acme.example`, first_name: 'A', last_name: id })
  /** Counted by a connection that has kept nothing. */
  const fresh = () => {
    const other = openDatabase(path)
    try {
      return inputCounts(other, ID)
    } finally {
      other.close()
    }
  }

  it('sees rows this connection and another connection add or remove', () => {
    expect(inputCounts(db, ID).users).toBe(0)
    putLegacyUsers(db, ID, [user('u1'), user('u2')])
    expect(inputCounts(db, ID).users).toBe(2)
    const other = openDatabase(path)
    try {
      putLegacyUsers(other, ID, [user('u3')])
      expect(inputCounts(db, ID).users).toBe(3)
      other.prepare('DELETE FROM legacy_users WHERE integration_id = ? AND user_id = ?').run(ID, 'u1')
    } finally {
      other.close()
    }
    expect(inputCounts(db, ID)).toEqual(fresh())
    expect(inputCounts(db, ID).users).toBe(2)
  })

  it('keeps nothing a rolled-back transaction counted', () => {
    putLegacyUsers(db, ID, [user('u1')])
    expect(inputCounts(db, ID).users).toBe(1)
    expect(() =>
      db.transaction(() => {
        putLegacyUsers(db, ID, [user('u2')])
        expect(inputCounts(db, ID).users).toBe(2)
        throw new Error('rolled back')
      })(),
    ).toThrow('rolled back')
    expect(inputCounts(db, ID).users).toBe(1)
  })

  it("keeps a counted write's counts only once committed, and only when it knew them", () => {
    putLegacyUsers(db, ID, [user('u1')])
    const insert = (id: string) => putLegacyUsers(db, ID, [user(id)])
    const transaction = <T>(write: () => T) => db.transaction(write).immediate()
    // A writer that misreports what it wrote: the next read takes its word (this is what is kept) ...
    writeCounted(db, ID, transaction, (counted) => {
      insert('u2')
      counted.add({ users: 5 })
    })
    expect(inputCounts(db, ID).users).toBe(6)
    // ... until anything else is written, which counts again.
    insert('u3')
    expect(inputCounts(db, ID).users).toBe(3)
    // Rolled back: nothing kept.
    expect(() =>
      writeCounted(db, ID, transaction, (counted) => {
        insert('u4')
        counted.add({ users: 1 })
        throw new Error('rolled back')
      }),
    ).toThrow('rolled back')
    expect(inputCounts(db, ID).users).toBe(3)
    // A writer that cannot say: counted again.
    writeCounted(db, ID, transaction, (counted) => {
      insert('u5')
      counted.add(null)
      expect(counted.known()).toBeUndefined()
    })
    expect(inputCounts(db, ID)).toEqual(fresh())
    expect(inputCounts(db, ID).users).toBe(4)
  })
})
