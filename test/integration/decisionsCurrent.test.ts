import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/core/store/database'
import type { ActionPlan } from '../../src/shared/dto/diff'
import { insertRun, putEmployee, putLegacyUsers, useSeededStore } from '../unit/diff/seed'
import { runCli } from '../support/runCli'

/** decide, then diff and export with no `match` in between: each decision shows at once. */
const INTEGRATION = 'personio:decisions-current'

const store = useSeededStore(INTEGRATION)

function fillStore(): void {
  const db = store.db
  const run = insertRun(db, INTEGRATION, { outcome: 'SUCCEEDED' })
  putEmployee(db, INTEGRATION, run, {
    id: 'K1',
    remote_id: 'R1',
    first_name: 'Peter',
    last_name: 'Brown',
    work_email: 'peter.brown@acme.example',
  })
  putEmployee(db, INTEGRATION, run, {
    id: 'K2',
    remote_id: 'R2',
    first_name: 'Anna',
    last_name: 'Schmidt',
    work_email: 'anna.schmidt@acme.example',
  })
  putLegacyUsers(db, INTEGRATION, [
    { user_id: 'u-peter', email: 'peter.brown@acme.example', first_name: 'Peter', last_name: 'Brown' },
    // Only a name: a suggestion for a person to confirm.
    { user_id: 'u-anna', email: null, first_name: 'Anna', last_name: 'Schmidt' },
  ])
  db.close()
}

const onDb = (command: string, ...args: string[]) =>
  runCli([command, '--db', store.path, '--integration', INTEGRATION, ...args])

async function diff(): Promise<ActionPlan> {
  const run = await onDb('diff', '--json')
  expect(run.stderr).not.toMatch(/^error:/m)
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as ActionPlan
}

async function mappingLines(): Promise<string[]> {
  const out = join(store.dir, 'mapping.csv')
  const run = await onDb('export', '--mapping', out)
  expect(run.code).toBe(0)
  return readFileSync(out, 'utf8').trim().split(/\r?\n/)
}

// Each CLI run starts a whole process (seconds on a loaded 2-core box): generous timeout.
describe('decisions reach diff and the mapping without matching again', { timeout: 240_000 }, () => {
  it('accept, undo and no match each show in diff --json and export --mapping at once', async () => {
    fillStore()
    expect((await onDb('match')).code).toBe(0)
    let plan = await diff()
    expect(plan.pendingReview.map((p) => p.user_id)).toEqual(['u-anna'])

    expect((await onDb('decide', '--user-id', 'u-anna', '--accept')).code).toBe(0)
    plan = await diff()
    expect(plan.pendingReview).toEqual([])
    expect(plan.add.map((a) => a.kombo_id)).not.toContain('K2')
    expect(plan.remove.map((r) => r.user_id)).not.toContain('u-anna')
    expect(await mappingLines()).toContain('u-anna,R2,K2')

    expect((await onDb('decide', '--user-id', 'u-anna', '--undo')).code).toBe(0)
    plan = await diff()
    expect(plan.pendingReview.map((p) => p.user_id)).toEqual(['u-anna'])
    expect((await mappingLines()).some((line) => line.startsWith('u-anna,'))).toBe(false)

    expect((await onDb('decide', '--user-id', 'u-anna', '--none')).code).toBe(0)
    plan = await diff()
    expect(plan.pendingReview).toEqual([])
    expect(plan.remove).toContainEqual({ user_id: 'u-anna', kombo_id: null, reason: 'no_match_decided' })
    expect(plan.add.map((a) => a.kombo_id)).toContain('K2')
    expect((await mappingLines()).some((line) => line.startsWith('u-anna,'))).toBe(false)
  })

  it('match keeps the lists it changed, and diff reads them instead of computing them again', async () => {
    fillStore()
    expect((await onDb('match')).code).toBe(0)
    const db = openDatabase(store.path)
    const kept = db.prepare('SELECT created_at FROM action_plans ORDER BY id DESC LIMIT 1').pluck().get()
    db.close()
    expect(typeof kept).toBe('string')
    const plan = await diff()
    expect(plan.generatedAt).toBe(kept)
    expect(plan.pendingReview.map((p) => p.user_id)).toEqual(['u-anna'])
  })

  it('decide --accept-suggested previews, accepts as one batch, and --undo-batch takes it back', async () => {
    fillStore()
    expect((await onDb('match')).code).toBe(0)
    const dry = await onDb('decide', '--accept-suggested', '--method', 'fuzzy', '--dry-run')
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('1 suggestions would be accepted (dry run, nothing written)')
    expect(dry.stdout).toMatch(/u-anna \(Anna Schmidt\) -> K2 \(Anna Schmidt\)/)
    expect((await diff()).pendingReview.map((p) => p.user_id)).toEqual(['u-anna'])

    const applied = await onDb('decide', '--accept-suggested', '--method', 'fuzzy', '--min-score', '0.1')
    expect(applied.code).toBe(0)
    const batch = /as batch (\d+)/.exec(applied.stdout)?.[1]
    expect(batch).toBeDefined()
    expect((await diff()).pendingReview).toEqual([])
    expect(await mappingLines()).toContain('u-anna,R2,K2')

    expect((await onDb('decide', '--undo-batch', batch!)).code).toBe(0)
    expect((await diff()).pendingReview.map((p) => p.user_id)).toEqual(['u-anna'])
    expect((await mappingLines()).some((line) => line.startsWith('u-anna,'))).toBe(false)

    const wrong = await onDb('decide', '--accept-suggested', '--min-score', '2')
    expect(wrong.code).toBe(64)
    expect(wrong.stderr).toContain('--min-score takes a number from 0 to 1')
  })
})
