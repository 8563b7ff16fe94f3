import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { generateCompany } from '../../src/main/core/demo/generateCompany'
import { startStandIn, type StandIn } from '../../src/main/core/demo/standInServer'
import { openDatabase, type Database } from '../../src/main/core/store/database'
import { runSync } from '../../src/main/core/sync/runSync'
import { workEmailHash } from '../../src/main/core/sync/employeeWriter'
import { connectIntegration } from '../../src/main/core/app/integrationHandlers'
import { systemClock } from '../../src/main/core/time'
import type { SyncProgress } from '../../src/shared/dto/sync'
import { makeTempDir } from '../support/tempDir'

const API_KEY = 'engine-key-123'
const INTEGRATION = 'hibob:B1hu5NGyhdjSq5X3'

describe('runSync', () => {
  let standIn: StandIn
  let temp: ReturnType<typeof makeTempDir>
  let db: Database

  const sync = (extra: Partial<Parameters<typeof runSync>[0]> = {}) =>
    runSync({
      db,
      clock: systemClock,
      integrationId: INTEGRATION,
      baseUrl: standIn.baseUrl,
      apiKey: API_KEY,
      ...extra,
    })

  const changes = (runId: number) =>
    db
      .prepare(
        'SELECT kombo_id, kind, field, old_value, new_value FROM employee_changes WHERE run_id = ? ORDER BY rowid',
      )
      .all(runId)

  beforeEach(async () => {
    temp = makeTempDir()
    db = openDatabase(join(temp.dir, 'engine.db'))
    connectIntegration(db, { integrationId: INTEGRATION }, new Date().toISOString())
    standIn = await startStandIn({
      apiKey: API_KEY,
      integrations: { [INTEGRATION]: generateCompany({ seed: 5, size: 40 }) },
    })
  })

  afterEach(async () => {
    db.close()
    await standIn.close()
    temp.cleanup()
  })

  it('logs what each later sync changed, and nothing for the baseline', async () => {
    const first = await sync()
    expect(changes(first.runId)).toEqual([])
    const [renamed, leaver, gone] = standIn.listEmployees(INTEGRATION)
    standIn.updateEmployee(INTEGRATION, renamed!.id, { last_name: 'Nowak-Kowalska' })
    standIn.deleteEmployee(INTEGRATION, leaver!.id)
    standIn.removeEmployee(INTEGRATION, gone!.id)
    const [hire] = generateCompany({ seed: 77, size: 1 })
    standIn.upsertEmployee(INTEGRATION, { ...hire!, id: 'hire00000000000000000001' })

    const second = await sync({ full: true })
    expect(changes(second.runId)).toEqual(
      expect.arrayContaining([
        {
          kombo_id: renamed!.id,
          kind: 'changed',
          field: 'last_name',
          old_value: renamed!.last_name,
          new_value: 'Nowak-Kowalska',
        },
        { kombo_id: leaver!.id, kind: 'deleted', field: null, old_value: null, new_value: null },
        { kombo_id: gone!.id, kind: 'vanished', field: null, old_value: null, new_value: null },
        {
          kombo_id: 'hire00000000000000000001',
          kind: 'hired',
          field: null,
          old_value: null,
          new_value: null,
        },
      ]),
    )
    expect(changes(second.runId)).toHaveLength(4)
  })

  it('stores each raw record exactly as Kombo sent it, diacritics and all', async () => {
    await sync()
    const stored = db.prepare('SELECT id, raw, typeof(raw) AS type FROM employee_records').all() as {
      id: string
      raw: string
      type: string
    }[]
    expect(stored).toHaveLength(40)
    for (const { id, raw, type } of stored) {
      // the bytes are bound as a blob; they must land as TEXT, readable by any SQLite client
      expect(type).toBe('text')
      expect(raw).toBe(JSON.stringify(standIn.getEmployee(INTEGRATION, id)))
    }
    // some records carry non-ASCII names, so byte and character offsets differ
    expect(stored.some(({ raw }) => Buffer.byteLength(raw) > raw.length)).toBe(true)
  })

  it('keeps the work email hash of a departed employee after Kombo anonymises the record', async () => {
    await sync()
    const leaver = standIn.listEmployees(INTEGRATION).find((e) => e.work_email)!
    standIn.deleteEmployee(INTEGRATION, leaver.id)
    await sync()
    standIn.anonymizeEmployee(INTEGRATION, leaver.id)
    await sync()
    const tombstone = db
      .prepare('SELECT remote_id, work_email_hash, reason FROM identity_tombstones WHERE kombo_id = ?')
      .get(leaver.id)
    expect(tombstone).toEqual({
      remote_id: leaver.remote_id,
      work_email_hash: workEmailHash(leaver.work_email!),
      reason: 'deleted',
    })
    const stored = db.prepare('SELECT work_email FROM employees WHERE id = ?').pluck().get(leaver.id)
    expect(stored).toBeNull()
    // only ids and a hash: nothing readable about the person
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('identity_tombstones')
    expect(columns).not.toContain('work_email')
  })

  it('reports progress and waits, and a cancelled run changes nothing', async () => {
    await sync()
    const before = db.prepare('SELECT id, last_name FROM employees ORDER BY id').all()
    const watermark = db.prepare('SELECT last_sync_started_at FROM integrations').pluck().get()
    for (const employee of standIn.listEmployees(INTEGRATION)) {
      standIn.updateEmployee(INTEGRATION, employee.id, { last_name: 'Changed' })
    }
    standIn.setFaults([{ kind: 'rate-limited', seconds: 30 }])
    const controller = new AbortController()
    const seen: SyncProgress[] = []
    const run = sync({
      signal: controller.signal,
      onProgress: (progress) => {
        seen.push(progress)
        if (progress.waiting) controller.abort()
      },
    })
    await expect(run).rejects.toMatchObject({ error: { code: 'SYNC_CANCELLED' } })
    expect(seen.some((p) => p.waiting?.reason === 'rate_limited' && p.waiting.ms === 30_000)).toBe(true)
    expect(db.prepare('SELECT id, last_name FROM employees ORDER BY id').all()).toEqual(before)
    expect(db.prepare('SELECT last_sync_started_at FROM integrations').pluck().get()).toBe(watermark)
    expect(db.prepare('SELECT outcome FROM sync_runs ORDER BY id DESC LIMIT 1').pluck().get()).toBe(
      'CANCELLED',
    )
  })

  it('stops at once on a missing permission and records why', async () => {
    standIn.setFaults([{ kind: 'permission-missing' }])
    await expect(sync()).rejects.toMatchObject({ error: { code: 'KOMBO_PERMISSION_MISSING' } })
    const run = db.prepare('SELECT outcome, error_code, pages FROM sync_runs').get()
    expect(run).toEqual({ outcome: 'FAILED', error_code: 'INTEGRATION.PERMISSION_MISSING', pages: 0 })
    expect(db.prepare('SELECT COUNT(*) FROM employees').pluck().get()).toBe(0)
  })
})
