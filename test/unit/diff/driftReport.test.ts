import { describe, expect, it } from 'vitest'
import { driftBetween } from '../../../src/main/core/diff/driftReport'
import { workEmailHash } from '../../../src/main/core/diff/normalise'
import { AppFailure } from '../../../src/shared/result'
import {
  insertRun,
  putChange,
  putEmployee,
  putLegacyUsers,
  putMatches,
  putTombstone,
  useSeededStore,
} from './seed'

const INTEGRATION = 'personio:drift'
const NOW = new Date('2030-06-15T09:00:00.000Z')

const store = useSeededStore(INTEGRATION)

/** First sync: ada, bob, cy, dee hired; users u-ada.. linked to them. */
function firstSync(): number {
  const run = insertRun(store.db, INTEGRATION, {
    outcome: 'SUCCEEDED',
    startedAt: '2030-06-01T00:00:00.000Z',
  })
  for (const id of ['ada', 'bob', 'cy', 'dee', 'eve']) {
    putEmployee(store.db, INTEGRATION, run, { id })
    putChange(store.db, INTEGRATION, { run_id: run, kombo_id: id, kind: 'hired' })
  }
  putLegacyUsers(
    store.db,
    INTEGRATION,
    ['ada', 'bob', 'cy', 'dee', 'eve'].map((id) => ({ user_id: `u-${id}`, email: `${id}@acme.example` })),
  )
  putMatches(
    store.db,
    INTEGRATION,
    ['ada', 'bob', 'cy', 'dee', 'eve'].map((id) => ({
      user_id: `u-${id}`,
      status: 'matched' as const,
      kombo_id: id,
    })),
  )
  return run
}

describe('driftBetween', () => {
  it('reports what changed between the last two successful fetches, pointing at the records', () => {
    const first = firstSync()
    insertRun(store.db, INTEGRATION, { outcome: 'FAILED' })
    const second = insertRun(store.db, INTEGRATION, {
      outcome: 'SUCCEEDED',
      startedAt: '2030-06-10T00:00:00.000Z',
    })
    putEmployee(store.db, INTEGRATION, second, { id: 'fay' })
    putChange(store.db, INTEGRATION, { run_id: second, kombo_id: 'fay', kind: 'hired' })
    putEmployee(store.db, INTEGRATION, second, {
      id: 'ada',
      first_name: null,
      last_name: null,
      work_email: null,
      remote_deleted_at: '2030-06-09T00:00:00Z',
    })
    putTombstone(store.db, INTEGRATION, {
      kombo_id: 'ada',
      remote_id: 'r-ada',
      work_email_hash: workEmailHash('ada@acme.example'),
      reason: 'deleted',
    })
    putChange(store.db, INTEGRATION, { run_id: second, kombo_id: 'ada', kind: 'deleted' })
    // Kombo blanked the deleted record: not a name or email change anyone should act on.
    putChange(store.db, INTEGRATION, {
      run_id: second,
      kombo_id: 'ada',
      kind: 'changed',
      field: 'first_name',
      old_value: 'Firstada',
      new_value: null,
    })
    putChange(store.db, INTEGRATION, {
      run_id: second,
      kombo_id: 'ada',
      kind: 'changed',
      field: 'work_email',
      old_value: 'ada@acme.example',
      new_value: null,
    })
    putChange(store.db, INTEGRATION, {
      run_id: second,
      kombo_id: 'bob',
      kind: 'changed',
      field: 'work_email',
      old_value: 'bob@acme.example',
      new_value: 'robert@acme.example',
    })
    putChange(store.db, INTEGRATION, {
      run_id: second,
      kombo_id: 'cy',
      kind: 'changed',
      field: 'last_name',
      old_value: 'Lastcy',
      new_value: 'Newname',
    })
    putChange(store.db, INTEGRATION, {
      run_id: second,
      kombo_id: 'dee',
      kind: 'changed',
      field: 'employment_status',
      old_value: 'ACTIVE',
      new_value: 'INACTIVE',
    })
    putChange(store.db, INTEGRATION, {
      run_id: second,
      kombo_id: 'eve',
      kind: 'changed',
      field: 'remote_id',
      old_value: 'r-eve',
      new_value: 'r-eve-2',
    })
    // Ada comes back under a new record with the same work email.
    putEmployee(store.db, INTEGRATION, second, {
      id: 'ada-2',
      remote_id: 'r-ada-2',
      work_email: 'ADA@acme.example',
    })
    putChange(store.db, INTEGRATION, { run_id: second, kombo_id: 'ada-2', kind: 'hired' })

    const report = driftBetween(store.db, INTEGRATION, {}, NOW)
    expect(report).toEqual({
      integrationId: INTEGRATION,
      fromRunId: first,
      toRunId: second,
      hires: [{ kombo_id: 'fay', name: 'Firstfay Lastfay', work_email: 'fay@acme.example' }],
      leavers: [
        { kombo_id: 'ada', user_id: 'u-ada', name: null, reason: 'deleted' },
        { kombo_id: 'dee', user_id: 'u-dee', name: 'Firstdee Lastdee', reason: 'terminated' },
      ],
      rehires: [{ kombo_id: 'ada-2', rehire_of: 'u-ada', evidence: 'work_email' }],
      emailChanges: [
        { kombo_id: 'bob', user_id: 'u-bob', from: 'bob@acme.example', to: 'robert@acme.example' },
      ],
      nameChanges: [{ kombo_id: 'cy', user_id: 'u-cy', field: 'last_name', from: 'Lastcy', to: 'Newname' }],
      linksInvalidated: [
        { user_id: 'u-ada', kombo_id: 'ada', reason: 'deleted' },
        { user_id: 'u-dee', kombo_id: 'dee', reason: 'terminated' },
        { user_id: 'u-eve', kombo_id: 'eve', reason: 'remote_id_changed' },
      ],
    })
  })

  it('reports everything up to the only successful fetch when there is one', () => {
    const first = firstSync()
    const report = driftBetween(store.db, INTEGRATION, {}, NOW)
    expect(report.fromRunId).toBeNull()
    expect(report.toRunId).toBe(first)
    expect(report.hires.map((h) => h.kombo_id)).toEqual(['ada', 'bob', 'cy', 'dee', 'eve'])
  })

  it('collapses several runs to their net effect', () => {
    const first = firstSync()
    const leave = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
    putChange(store.db, INTEGRATION, { run_id: leave, kombo_id: 'bob', kind: 'vanished' })
    putChange(store.db, INTEGRATION, {
      run_id: leave,
      kombo_id: 'cy',
      kind: 'changed',
      field: 'first_name',
      old_value: 'A',
      new_value: 'B',
    })
    const back = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
    putChange(store.db, INTEGRATION, { run_id: back, kombo_id: 'bob', kind: 'returned' })
    putChange(store.db, INTEGRATION, {
      run_id: back,
      kombo_id: 'cy',
      kind: 'changed',
      field: 'first_name',
      old_value: 'B',
      new_value: 'C',
    })
    const report = driftBetween(store.db, INTEGRATION, { fromRunId: first, toRunId: back }, NOW)
    expect(report.leavers).toEqual([])
    expect(report.rehires).toEqual([{ kombo_id: 'bob', rehire_of: 'u-bob', evidence: 'remote_id' }])
    expect(report.nameChanges).toEqual([
      { kombo_id: 'cy', user_id: 'u-cy', field: 'first_name', from: 'A', to: 'C' },
    ])
  })

  it('is empty before any successful fetch, and refuses a backwards or foreign range', () => {
    expect(driftBetween(store.db, INTEGRATION, {}, NOW)).toMatchObject({
      fromRunId: null,
      toRunId: null,
      hires: [],
    })
    const first = firstSync()
    const second = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
    expect(() => driftBetween(store.db, INTEGRATION, { fromRunId: second, toRunId: first }, NOW)).toThrow(
      AppFailure,
    )
    expect(() => driftBetween(store.db, INTEGRATION, { toRunId: 999 }, NOW)).toThrow(/not a sync run/)
  })
})
