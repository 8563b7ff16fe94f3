import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runMatch, type RunMatchOptions } from '../../src/main/core/match/matchRun'
import { openDatabase, type Database } from '../../src/main/core/store/database'
import { putDecision, seedDemoCompany, tempStore, type TempStore } from '../unit/diff/seed'

/**
 * A large run stores its plan through a second thread (matchStoreThread.ts): rows, link history, summary,
 * stamp and lists must be exactly those the run stores in its own thread, and a run whose inputs moved
 * while it matched must store nothing, as in its own thread.
 */
const INTEGRATION = 'personio:store-thread'
const NOW = new Date('2030-06-15T09:00:00.000Z')
const stores: TempStore[] = []
const copies: Database[] = []

afterEach(() => {
  for (const copy of copies.splice(0)) copy.close()
  for (const store of stores.splice(0)) store.close()
})

/** A second file with the same bytes, so both runs start from exactly the same store. */
function copyOf(store: TempStore): Database {
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  const path = join(store.dir, 'copy.sqlite')
  copyFileSync(store.path, path)
  const copy = openDatabase(path)
  copies.push(copy)
  return copy
}

function demoStore(): TempStore {
  const store = tempStore()
  stores.push(store)
  seedDemoCompany(store.db, INTEGRATION, { seed: 3, size: 400 })
  putDecision(store.db, INTEGRATION, { user_id: 'none-such', kind: 'none' })
  return store
}

function run(db: Database, options: RunMatchOptions) {
  return runMatch({ db, version: 'test', now: NOW }, INTEGRATION, options)
}

/** Everything a whole match writes, as text. */
function stored(db: Database): unknown {
  const all = (sql: string) => db.prepare(sql).all()
  return {
    results: all('SELECT * FROM match_results ORDER BY integration_id, user_id'),
    links: all('SELECT * FROM link_history ORDER BY integration_id, user_id, kombo_id'),
    settings: all('SELECT * FROM settings ORDER BY integration_id, key'),
    plans: all('SELECT integration_id, basis_run_id, created_at, plan, inputs FROM action_plans ORDER BY id'),
    items: all('SELECT * FROM action_plan_items ORDER BY plan_id, list, seq'),
    generation: all('SELECT * FROM plan_inputs ORDER BY integration_id'),
  }
}

describe('storing a match through the store thread', () => {
  it('stores and hands over exactly what the run stores in its own thread', () => {
    const here = demoStore()
    const there = copyOf(here)
    const inThisThread = run(here.db, { storeThread: false })
    const inStoreThread = run(there, { storeThread: true })
    expect(inStoreThread.stored).toBe(true)
    expect(inStoreThread.summary).toEqual(inThisThread.summary)
    expect(inStoreThread.results).toEqual(inThisThread.results)
    // The file really exercises the rows: links, suggestions and lists.
    expect(inThisThread.summary.matched).toBeGreaterThan(0)
    expect(inThisThread.summary.suggested).toBeGreaterThan(0)
    const expected = stored(here.db) as { plans: unknown[]; items: { list: string }[] }
    expect(expected.plans).toHaveLength(1)
    // The lists' entries too, in more than one list.
    expect(new Set(expected.items.map((item) => item.list)).size).toBeGreaterThan(1)
    expect(stored(there)).toEqual(expected)
  })

  it('stores nothing when the inputs moved while the run matched', () => {
    const store = demoStore()
    let before: unknown = null
    const moved = run(store.db, {
      storeThread: true,
      // After the inputs are loaded and before the thread takes the lock: a decision moves the stamp.
      onPhase: (phase) => {
        if (phase !== 'matching') return
        putDecision(store.db, INTEGRATION, { user_id: 'someone', kind: 'none' })
        before = stored(store.db)
      },
    })
    expect(moved.stored).toBe(false)
    expect(moved.results.length).toBeGreaterThan(0)
    expect(stored(store.db)).toEqual(before)
  })
})
