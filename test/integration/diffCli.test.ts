import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { workEmailHash } from '../../src/main/core/diff/normalise'
import type { ActionPlan } from '../../src/shared/dto/diff'
import {
  insertRun,
  putEmployee,
  putLegacyUsers,
  putMatches,
  putTombstone,
  useSeededStore,
} from '../unit/diff/seed'
import { runCli } from '../support/runCli'

/** The real CLI on a database filled the way the other parts fill it. */
const INTEGRATION = 'personio:cli'

const store = useSeededStore(INTEGRATION)

/**
 * Ten linked users; in the latest sync three were deleted, one renamed; one departed user returns under
 * a new record with the same email; one new hire; one orphan legacy account; one pending suggestion.
 */
function fillStore(): void {
  const db = store.db
  const first = insertRun(db, INTEGRATION, { outcome: 'SUCCEEDED' })
  const users = []
  const matches = []
  for (let i = 1; i <= 10; i++) {
    putEmployee(db, INTEGRATION, first, { id: `e${i}` })
    users.push({
      user_id: `u${i}`,
      email: `e${i}@acme.example`,
      first_name: `Firste${i}`,
      last_name: `Laste${i}`,
    })
    matches.push({ user_id: `u${i}`, status: 'matched' as const, kombo_id: `e${i}` })
  }
  putEmployee(db, INTEGRATION, first, {
    id: 'old-zoe',
    remote_id: 'R-Z',
    work_email: null,
    first_name: null,
    last_name: null,
    remote_deleted_at: '2030-01-01T00:00:00Z',
  })
  putTombstone(db, INTEGRATION, {
    kombo_id: 'old-zoe',
    remote_id: 'R-Z',
    work_email_hash: workEmailHash('zoe@acme.example'),
    reason: 'deleted',
  })
  db.prepare(
    `INSERT INTO link_history (integration_id, user_id, kombo_id, remote_id, first_linked_at, last_linked_at)
     VALUES (?, 'u-zoe', 'old-zoe', 'R-Z', '2029-01-01T00:00:00Z', '2029-06-01T00:00:00Z')`,
  ).run(INTEGRATION)
  putEmployee(db, INTEGRATION, first, { id: 'maybe' })
  putLegacyUsers(db, INTEGRATION, [
    ...users,
    { user_id: 'orphan', email: 'gone@acme.example' },
    { user_id: 'pending', email: 'p@acme.example' },
  ])
  putMatches(db, INTEGRATION, [
    ...matches,
    { user_id: 'orphan', status: 'unmatched' },
    { user_id: 'pending', status: 'suggested', kombo_id: 'maybe', score: 0.7 },
  ])
  // First plan: nothing departed yet.
  const second = insertRun(db, INTEGRATION, { outcome: 'SUCCEEDED' })
  for (const i of [1, 2, 3])
    putEmployee(db, INTEGRATION, second, { id: `e${i}`, remote_deleted_at: '2030-06-10T00:00:00Z' })
  putEmployee(db, INTEGRATION, second, { id: 'e4', last_name: '=Renamed' })
  putEmployee(db, INTEGRATION, second, { id: 'new-zoe', remote_id: 'R-Z2', work_email: 'Zoe@acme.example' })
  putEmployee(db, INTEGRATION, second, { id: 'hire' })
}

describe('kombo-reconcile diff', () => {
  it('prints the plan as one JSON document in the contract shape', async () => {
    fillStore()
    store.db.close()
    const run = await runCli(['diff', '--db', store.path, '--integration', INTEGRATION, '--json'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const plan = JSON.parse(run.stdout) as ActionPlan
    expect(
      plan.add.map((a) => ({
        kombo_id: a.kombo_id,
        remote_id: a.remote_id,
        work_email: a.work_email,
        rehire_of: a.rehire_of,
      })),
    ).toEqual([
      { kombo_id: 'hire', remote_id: 'r-hire', work_email: 'hire@acme.example', rehire_of: null },
      { kombo_id: 'new-zoe', remote_id: 'R-Z2', work_email: 'Zoe@acme.example', rehire_of: 'u-zoe' },
    ])
    expect(plan.update).toEqual([
      { user_id: 'u4', kombo_id: 'e4', changes: [{ field: 'last_name', from: 'Laste4', to: '=Renamed' }] },
    ])
    expect(plan.remove).toEqual([{ user_id: 'orphan', kombo_id: null, reason: 'no_employee' }])
    expect(plan.guard).toMatchObject({
      tripped: true,
      linked: 10,
      removals: 3,
      withheld: 3,
      confirmed: false,
    })
    expect(plan.withheldRemovals.map((r) => [r.user_id, r.kombo_id, r.reason])).toEqual([
      ['u1', 'e1', 'deleted'],
      ['u2', 'e2', 'deleted'],
      ['u3', 'e3', 'deleted'],
    ])
    expect(plan.pendingReview).toEqual([
      { user_id: 'pending', kombo_id: 'maybe', score: 0.7, candidates: ['maybe'] },
    ])
    expect(plan.stale).toBeNull()
  })

  it('prints counts, the guard state and how to confirm for a person', async () => {
    fillStore()
    store.db.close()
    const run = await runCli(['diff', '--db', store.path, '--integration', INTEGRATION])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('add     2 (1 re-hire)')
    expect(run.stdout).toContain('update  1')
    expect(run.stdout).toContain('remove  1 (1 no_employee)')
    expect(run.stdout).toContain('review  1 suggestions await review')
    expect(run.stdout).toMatch(
      /Deletion guard: TRIPPED; this sync removes 3 of 10 linked users \(30%, limit 20%\)/,
    )
    expect(run.stdout).toContain(
      `kombo-reconcile confirm-removals --db ${store.path} --integration ${INTEGRATION}`,
    )
  })

  it('writes the three lists, formula-safe, with --out-dir', async () => {
    fillStore()
    store.db.close()
    const out = join(store.dir, 'lists')
    const run = await runCli(['diff', '--db', store.path, '--integration', INTEGRATION, '--out-dir', out])
    expect(run.code).toBe(0)
    const runId = 2
    expect(readdirSync(out).sort()).toEqual([
      `add-personio_cli-run${runId}.csv`,
      `remove-personio_cli-run${runId}.csv`,
      `update-personio_cli-run${runId}.csv`,
    ])
    const update = readFileSync(join(out, `update-personio_cli-run${runId}.csv`), 'utf8')
    expect(update).toBe("user_id,kombo_id,field,from,to\r\nu4,e4,last_name,Laste4,'=Renamed\r\n")
    const add = readFileSync(join(out, `add-personio_cli-run${runId}.csv`), 'utf8')
    expect(add).toContain(
      'new-zoe,R-Z2,Zoe@acme.example,Firstnew-zoe,Lastnew-zoe,ACTIVE,true,u-zoe,work_email',
    )
  })

  it('explains a failed latest sync and keeps the last good lists', async () => {
    fillStore()
    const before = await runCli(['diff', '--db', store.path, '--integration', INTEGRATION, '--json'])
    insertRun(store.db, INTEGRATION, {
      outcome: 'AUTHENTICATION_FAILED',
      source: 'webhook',
      logUrl: 'https://app.kombo.dev/logs/9',
    })
    store.db.close()
    const json = await runCli(['diff', '--db', store.path, '--integration', INTEGRATION, '--json'])
    const plan = JSON.parse(json.stdout) as ActionPlan
    const previous = JSON.parse(before.stdout) as ActionPlan
    expect({ add: plan.add, update: plan.update, remove: plan.remove }).toEqual({
      add: previous.add,
      update: previous.update,
      remove: previous.remove,
    })
    expect(plan.stale).toMatchObject({
      outcome: 'AUTHENTICATION_FAILED',
      logUrl: 'https://app.kombo.dev/logs/9',
    })
    const human = await runCli(['diff', '--db', store.path, '--integration', INTEGRATION])
    expect(human.stdout).toMatch(
      /STALE: these are the lists of the last successful sync\..*AUTHENTICATION_FAILED/,
    )
    expect(human.stdout).toMatch(/Next step: Ask the customer/)
  })

  it('fails with one error line for an unknown integration', async () => {
    store.db.close()
    const run = await runCli(['diff', '--db', store.path, '--integration', 'personio:nope'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /^error: unknown integration personio:nope: connect it and run a sync first.*\n$/,
    )
  })
})

describe('kombo-reconcile confirm-removals', () => {
  it('releases the withheld removals, says which, and refuses a second time', async () => {
    fillStore()
    store.db.close()
    const confirm = await runCli(['confirm-removals', '--db', store.path, '--integration', INTEGRATION])
    expect(confirm.stderr).toBe('')
    expect(confirm.code).toBe(0)
    expect(confirm.stdout).toMatch(
      /^Confirmed the removals of sync run 2 at .*: 3 removals released \(3 deleted\); the remove list now has 4\./,
    )
    expect(confirm.stdout).toContain('  u1  deleted  (employee e1)')

    const after = await runCli(['diff', '--db', store.path, '--integration', INTEGRATION, '--json'])
    const plan = JSON.parse(after.stdout) as ActionPlan
    expect(plan.remove.map((r) => r.user_id)).toEqual(['u1', 'u2', 'u3', 'orphan'])
    expect(plan.guard).toMatchObject({ tripped: true, confirmed: true, withheld: 0 })

    const again = await runCli(['confirm-removals', '--db', store.path, '--integration', INTEGRATION])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(
      /^error: the removals of sync run 2 were already confirmed at .*; nothing left to confirm\n$/,
    )
  })

  it('is an error when the guard holds nothing back', async () => {
    const run = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
    putEmployee(store.db, INTEGRATION, run, { id: 'e1' })
    store.db.close()
    const confirm = await runCli(['confirm-removals', '--db', store.path, '--integration', INTEGRATION])
    expect(confirm.code).toBe(1)
    expect(confirm.stderr).toMatch(
      /^error: the deletion guard holds back no removals for sync run 1 .*nothing to confirm\n$/,
    )
  })
})
