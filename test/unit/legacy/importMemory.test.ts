import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bytesSource, fileSource } from '../../../src/main/core/legacy/byteSource'
import { openStaging } from '../../../src/main/core/legacy/legacyStaging'
import type { Database } from '../../../src/main/core/store/database'
import { openTempDatabase } from '../../support/tempDatabase'

/**
 * What keeps an import's memory flat however long the file (bench/README.md, Scale): the staging table's
 * pages beyond a bounded cache go to SQLite's temporary file, and the file is read and decoded in pieces
 * small enough that V8 frees their text with the young generation.
 */
describe('the memory an import holds', () => {
  let temp: ReturnType<typeof openTempDatabase>
  let db: Database

  beforeEach(() => {
    temp = openTempDatabase('import-memory-')
    db = temp.db
  })
  afterEach(() => temp.close())

  const tempCacheSize = () => db.pragma('temp.cache_size', { simple: true }) as number

  it('bounds the TEMP database page cache while staging, and gives the previous size back after', () => {
    db.pragma('temp.cache_size = -200000')
    const staging = openStaging(db)
    const whileStaging = tempCacheSize()
    staging.clear()
    // Negative sizes are KiB: a bound of some MiB, not the "keep every page" of an unset cache.
    expect(whileStaging).toBeLessThan(0)
    expect(-whileStaging).toBeGreaterThanOrEqual(1024)
    expect(-whileStaging).toBeLessThanOrEqual(64 * 1024)
    expect(tempCacheSize()).toBe(-200000)
  })

  it('stages many users through the bounded cache and reads each back', () => {
    const staging = openStaging(db)
    try {
      const count = 20_000
      for (let index = 0; index < count; index += 1) {
        staging.add(
          {
            user_id: `u${index}`,
            email: `user${index}@example.com`,
            first_name: 'Ann',
            last_name: `Lee${index}`,
            full_name: null,
            hris_id: null,
            private_email: null,
            status: null,
            line: index + 2,
            extra: { group: `g${index % 7}` },
          },
          `identity-${index}`,
        )
      }
      expect(staging.count()).toBe(count)
      expect(staging.first('u12345')).toEqual({
        line: 12347,
        identity: 'identity-12345',
        extra: { group: 'g4' },
      })
    } finally {
      staging.clear()
    }
  })

  it('reads a file in chunks of at most 32 KiB that together are the whole file', () => {
    const bytes = Buffer.alloc(1_000_003)
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = 32 + (index % 90)
    const path = join(temp.dir, 'users.csv')
    writeFileSync(path, bytes)
    for (const source of [fileSource(path), bytesSource(bytes)]) {
      // A file source reuses its buffer: each chunk is copied before the next is read.
      const chunks: Buffer[] = []
      for (const chunk of source.chunks()) chunks.push(Buffer.from(chunk))
      expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(32 * 1024)
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true)
    }
  })
})
