import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/main/core/app'
import type { AppContext } from '../../../src/main/core/app/context'
import { dispatch } from '../../../src/main/core/app/dispatch'
import { openDatabase, type Database } from '../../../src/main/core/store/database'
import type { ApiHandlers, ApiName, ApiRequest, ApiResponses } from '../../../src/shared/api'
import type { AppError } from '../../../src/shared/result'
import { makeTempDir } from '../../support/tempDir'

const INTEGRATION = 'personio:handlers'

interface Harness {
  db: Database
  call<N extends ApiName>(name: N, request: ApiRequest<N>): Promise<ApiResponses[N]>
  failure<N extends ApiName>(name: N, request: ApiRequest<N>): Promise<AppError>
  tick(): void
}

function harness(path: string): Harness {
  const db = openDatabase(path)
  let now = Date.parse('2026-03-01T10:00:00.000Z')
  const ctx: AppContext = {
    db,
    clock: { now: () => new Date(now) },
    secrets: { getApiKey: () => null },
    defaultBaseUrl: 'http://127.0.0.1:1/v1',
    version: 'test',
  }
  const handlers: ApiHandlers = createApp(ctx)
  return {
    db,
    async call(name, request) {
      const result = await dispatch(handlers, name, request)
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
      return result.value
    },
    async failure(name, request) {
      const result = await dispatch(handlers, name, request)
      if (result.ok) throw new Error(`${name} unexpectedly succeeded`)
      return result.error
    },
    tick: () => {
      now += 60_000
    },
  }
}

/** Matches again (match:run answers with the summary) and reads the results it stored. */
async function rematch(app: Harness): Promise<ApiResponses['match:results']> {
  const { summary } = await app.call('match:run', { integrationId: INTEGRATION })
  const stored = await app.call('match:results', { integrationId: INTEGRATION })
  expect(stored.summary).toEqual(summary)
  return stored
}

function insertEmployee(db: Database, id: string, first: string, last: string, email: string | null): void {
  db.prepare(
    `INSERT INTO employees (integration_id, id, remote_id, first_name, last_name, work_email, first_seen_run,
       last_seen_run)
     VALUES (?, ?, ?, ?, ?, ?, 1, 1)`,
  ).run(INTEGRATION, id, `R-${id}`, first, last, email)
}

function insertUser(
  db: Database,
  userId: string,
  fields: { first?: string; last?: string; email?: string; hris?: string },
): void {
  db.prepare(
    `INSERT INTO legacy_users (integration_id, user_id, email, first_name, last_name, hris_id, line)
     VALUES (?, ?, ?, ?, ?, ?, 2)`,
  ).run(
    INTEGRATION,
    userId,
    fields.email ?? null,
    fields.first ?? null,
    fields.last ?? null,
    fields.hris ?? null,
  )
}

describe('match use-cases on a SQLite file', () => {
  let cleanup: () => void
  let app: Harness

  beforeEach(() => {
    const temp = makeTempDir('match-handlers-')
    cleanup = temp.cleanup
    app = harness(join(temp.dir, 'desk.sqlite'))
    app.db
      .prepare('INSERT INTO integrations (integration_id, created_at) VALUES (?, ?)')
      .run(INTEGRATION, 'x')
    insertEmployee(app.db, 'K1', 'Anna', 'Schmidt', 'anna.schmidt@acme.example')
    insertEmployee(app.db, 'K2', 'Robert', 'Müller', 'robert.mueller@acme.example')
    insertEmployee(app.db, 'K3', 'Laura', 'Chen', 'laura.chen@acme.example')
    insertUser(app.db, 'u-anna', { first: 'Anna', last: 'Schmidt', email: 'Anna.Schmidt@acme.example' })
    insertUser(app.db, 'u-bob', { first: 'Bob', last: 'Mueller' })
    insertUser(app.db, 'u-laura', { first: 'Laura', last: 'Chen', hris: 'R-K3' })
  })
  afterEach(() => {
    app.db.close()
    cleanup()
  })

  const storedResults = () =>
    app.db
      .prepare(
        'SELECT user_id, status, method, kombo_id, detail FROM match_results WHERE integration_id = ? ORDER BY user_id',
      )
      .all(INTEGRATION) as Array<{
      user_id: string
      status: string
      method: string
      kombo_id: string | null
      detail: string
    }>
  const links = () =>
    app.db
      .prepare(
        'SELECT user_id, kombo_id, remote_id, first_linked_at, last_linked_at FROM link_history ORDER BY user_id',
      )
      .all() as Array<{
      user_id: string
      kombo_id: string
      remote_id: string
      first_linked_at: string
      last_linked_at: string
    }>

  it('decisions update the stored results at once, and a window deciding on an old state is refused', async () => {
    await app.call('match:run', { integrationId: INTEGRATION })
    const accepted = await app.call('match:decide', {
      integrationId: INTEGRATION,
      userId: 'u-bob',
      kind: 'accept',
      basedOn: null,
    })
    expect(storedResults().find((r) => r.user_id === 'u-bob')).toMatchObject({
      status: 'matched',
      method: 'decision',
      kombo_id: 'K2',
    })
    // A second window that still saw no decision about u-bob.
    const stale = await app.failure('match:decide', {
      integrationId: INTEGRATION,
      userId: 'u-bob',
      kind: 'none',
      basedOn: null,
    })
    expect(stale.code).toBe('CONFLICT')
    expect(stale.message).toBe(
      'user u-bob (Bob Mueller) was decided in another window meanwhile; the review now shows that decision, look at it again before deciding',
    )
    // Based on the current state, the same decision goes through.
    await app.call('match:decide', {
      integrationId: INTEGRATION,
      userId: 'u-bob',
      kind: 'none',
      basedOn: accepted.id,
    })
    expect(storedResults().find((r) => r.user_id === 'u-bob')).toMatchObject({
      status: 'unmatched',
      method: 'decision',
    })
  })

  it('names who holds an employee, and moves the link only when asked', async () => {
    await app.call('match:run', { integrationId: INTEGRATION })
    const held = await app.failure('match:decide', {
      integrationId: INTEGRATION,
      userId: 'u-bob',
      kind: 'manual',
      komboId: 'K1',
    })
    expect(held.message).toBe(
      'Anna Schmidt (K1) is already linked to user u-anna (Anna Schmidt); move the link here or pick another employee',
    )
    await app.call('match:decide', {
      integrationId: INTEGRATION,
      userId: 'u-bob',
      kind: 'manual',
      komboId: 'K1',
      moveLink: true,
    })
    const byUser = new Map(storedResults().map((r) => [r.user_id, r]))
    expect(byUser.get('u-bob')).toMatchObject({ status: 'matched', kombo_id: 'K1' })
    expect(byUser.get('u-anna')?.kombo_id).not.toBe('K1')
  })

  it('undoes one named decision from the history, and serves stored results until inputs change', async () => {
    const first = await app.call('match:results', { integrationId: INTEGRATION })
    const decided = await app.call('match:decide', {
      integrationId: INTEGRATION,
      userId: 'u-bob',
      kind: 'none',
    })
    await app.call('match:decide', { integrationId: INTEGRATION, userId: 'u-laura', kind: 'none' })
    await app.call('match:undo', { integrationId: INTEGRATION, userId: 'u-bob', eventId: decided.id })
    const again = await app.failure('match:undo', {
      integrationId: INTEGRATION,
      userId: 'u-bob',
      eventId: decided.id,
    })
    expect(again.message).toBe(`decision ${decided.id} was already undone`)
    const results = await app.call('match:results', {
      integrationId: INTEGRATION,
      userIds: ['u-bob', 'u-laura'],
    })
    expect(results.results.map((r) => [r.user_id, r.status])).toEqual([
      ['u-bob', first.results.find((r) => r.user_id === 'u-bob')!.status],
      ['u-laura', 'unmatched'],
    ])
    // Stored results are served as stored: a row changed behind the app's back shows unchanged inputs.
    app.db.prepare("UPDATE match_results SET score = 0.5 WHERE user_id = 'u-anna'").run()
    const stored = await app.call('match:results', { integrationId: INTEGRATION })
    expect(stored.results.find((r) => r.user_id === 'u-anna')?.score).toBe(0.5)
    // A new employee is a new input: matching runs again.
    app.db
      .prepare(
        `INSERT INTO employees (integration_id, id, remote_id, first_name, last_name, work_email, first_seen_run, last_seen_run)
         VALUES (?, 'K4', 'R-K4', 'Zoe', 'Adams', NULL, 2, 2)`,
      )
      .run(INTEGRATION)
    const fresh = await app.call('match:results', { integrationId: INTEGRATION })
    expect(fresh.results.find((r) => r.user_id === 'u-anna')?.score).not.toBe(0.5)
  })

  it('reads the results as a list without candidates, and single users in full', async () => {
    const full = await rematch(app)
    const list = await app.call('match:results', { integrationId: INTEGRATION, view: 'list' })
    expect(list.summary).toEqual(full.summary)
    expect(list.results.map((r) => r.user_id)).toEqual(full.results.map((r) => r.user_id))
    for (const [index, result] of list.results.entries()) {
      const whole = full.results[index]!
      expect(result).toMatchObject({
        status: whole.status,
        method: whole.method,
        kombo_id: whole.kombo_id,
        score: whole.score,
        conflicts: whole.conflicts,
        candidates: [],
        candidateCount: whole.candidates.length,
      })
    }
    const bob = await app.call('match:results', { integrationId: INTEGRATION, userIds: ['u-bob'] })
    expect(bob.results).toEqual(full.results.filter((r) => r.user_id === 'u-bob'))
    expect(bob.summary).toEqual(full.summary)
  })

  it("reads Review's first rows with their people, choosing the suggestions when there are any", async () => {
    const full = await rematch(app)
    const inFull = (userId: string) => full.results.find((r) => r.user_id === userId)
    const first = await app.call('match:first-rows', {
      integrationId: INTEGRATION,
      filter: 'auto',
      limit: 10,
    })
    expect(first.filter).toBe('suggested')
    expect(first.summary).toEqual(full.summary)
    expect(first.results).toEqual([inFull('u-bob')])
    expect(first.users.map((u) => [u.user_id, u.last_name])).toEqual([['u-bob', 'Mueller']])
    const named = new Set([
      first.results[0]!.kombo_id,
      ...first.results[0]!.candidates.map((c) => c.kombo_id),
    ])
    expect(new Set(first.employees.map((e) => e.id))).toEqual(named)
    expect(first.employees.find((e) => e.id === 'K2')?.last_name).toBe('Müller')

    // In file order (here: by user id, every user is on line 2), at most `limit` rows.
    const matched = await app.call('match:first-rows', {
      integrationId: INTEGRATION,
      filter: 'matched',
      limit: 1,
    })
    expect(matched.results.map((r) => r.user_id)).toEqual(['u-anna'])
    expect(matched.results[0]).toEqual(inFull('u-anna'))

    // Nothing left to suggest: every user.
    await app.call('match:decide', { integrationId: INTEGRATION, userId: 'u-bob', kind: 'accept' })
    const all = await app.call('match:first-rows', { integrationId: INTEGRATION, filter: 'auto', limit: 10 })
    expect(all.filter).toBe('all')
    expect(all.results.map((r) => [r.user_id, r.status])).toEqual([
      ['u-anna', 'matched'],
      ['u-bob', 'matched'],
      ['u-laura', 'matched'],
    ])
  })

  it('counts the outcome for the overview from the stored results', async () => {
    const full = await rematch(app)
    const before = await app.call('match:outcome', { integrationId: INTEGRATION })
    expect(before.summary).toEqual(full.summary)
    const byStatus = (status: string) => full.results.filter((r) => r.status === status).length
    expect(before).toMatchObject({ suggested: byStatus('suggested'), unmatched: byStatus('unmatched') })
    const linkedBy = (method: string) =>
      full.results.filter((r) => r.status === 'matched' && r.method === method).length
    expect(before.linkedByHrisId).toBe(linkedBy('remote_id'))
    expect(before.linkedByEmail).toBe(linkedBy('work_email'))
    expect(before.linkedByDecision).toBe(0)
    await app.call('match:decide', { integrationId: INTEGRATION, userId: 'u-bob', kind: 'accept' })
    const after = await app.call('match:outcome', { integrationId: INTEGRATION })
    expect(after).toMatchObject({ linkedByDecision: 1, suggested: before.suggested - 1 })
  })

  it('stores the plan and the link history, replacing the previous plan as a whole', async () => {
    const output = await rematch(app)
    expect(output.summary).toMatchObject({ matched: 2, suggested: 1 })
    expect(storedResults().map((r) => [r.user_id, r.status, r.kombo_id])).toEqual([
      ['u-anna', 'matched', 'K1'],
      ['u-bob', 'suggested', 'K2'],
      ['u-laura', 'matched', 'K3'],
    ])
    const detail = JSON.parse(storedResults()[1]!.detail) as { candidates: Array<{ kombo_id: string }> }
    expect(detail.candidates[0]?.kombo_id).toBe('K2')
    // The diff reads a suggestion's candidates from their own column, in the order Review shows them.
    const ids = app.db
      .prepare('SELECT candidate_ids FROM match_results WHERE user_id = ?')
      .pluck()
      .get('u-bob') as string
    expect(JSON.parse(ids)).toEqual(detail.candidates.map((c) => c.kombo_id))
    expect(links().map((l) => [l.user_id, l.kombo_id, l.remote_id])).toEqual([
      ['u-anna', 'K1', 'R-K1'],
      ['u-laura', 'K3', 'R-K3'],
    ])

    app.db.prepare('DELETE FROM legacy_users WHERE user_id = ?').run('u-laura')
    app.tick()
    const generation = () =>
      app.db.prepare('SELECT generation FROM plan_inputs WHERE integration_id = ?').pluck().get(INTEGRATION)
    const before = generation()
    await app.call('match:run', { integrationId: INTEGRATION })
    expect(storedResults().map((r) => r.user_id)).toEqual(['u-anna', 'u-bob'])
    // Replacing the results moves what stored lists rest on.
    expect(Number(generation())).toBeGreaterThan(Number(before))
    const anna = links().find((l) => l.user_id === 'u-anna')!
    expect(anna.first_linked_at < anna.last_linked_at).toBe(true)
  })

  it('validates decisions: unknown ids, missing employee, and links already taken', async () => {
    await app.call('match:run', { integrationId: INTEGRATION })
    expect(
      await app.failure('match:decide', { integrationId: INTEGRATION, userId: 'nobody', kind: 'none' }),
    ).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(
      await app.failure('match:decide', {
        integrationId: INTEGRATION,
        userId: 'u-bob',
        kind: 'manual',
        komboId: 'K404',
      }),
    ).toMatchObject({ code: 'NOT_FOUND' })
    expect(
      await app.failure('match:decide', { integrationId: INTEGRATION, userId: 'u-bob', kind: 'manual' }),
    ).toMatchObject({
      code: 'INPUT_INVALID',
    })
    const taken = await app.failure('match:decide', {
      integrationId: INTEGRATION,
      userId: 'u-bob',
      kind: 'manual',
      komboId: 'K1',
    })
    expect(taken.code).toBe('CONFLICT')
    expect(taken.message).toContain('u-anna')
    expect(
      await app.failure('match:decide', { integrationId: 'other', userId: 'u-bob', kind: 'none' }),
    ).toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('accepts the current suggestion, refuses a second user on a decided employee, and undoes step by step', async () => {
    await app.call('match:run', { integrationId: INTEGRATION })
    const accepted = await app.call('match:decide', {
      integrationId: INTEGRATION,
      userId: 'u-bob',
      kind: 'accept',
    })
    expect(accepted).toMatchObject({ user_id: 'u-bob', kind: 'accept', kombo_id: 'K2', undoes: null })

    insertUser(app.db, 'u-rob', { first: 'Rob', last: 'Müller' })
    const second = await app.failure('match:decide', {
      integrationId: INTEGRATION,
      userId: 'u-rob',
      kind: 'manual',
      komboId: 'K2',
    })
    expect(second).toMatchObject({ code: 'CONFLICT' })
    expect(second.message).toContain('u-bob')

    const rejected = await app.call('match:decide', {
      integrationId: INTEGRATION,
      userId: 'u-bob',
      kind: 'reject',
      komboId: 'K2',
    })
    let output = await rematch(app)
    expect(
      output.results.find((r) => r.user_id === 'u-bob')?.candidates.map((c) => c.kombo_id),
    ).not.toContain('K2')

    const undo = await app.call('match:undo', { integrationId: INTEGRATION, userId: 'u-bob' })
    expect(undo).toMatchObject({ kind: 'undo', undoes: rejected.id })
    output = await rematch(app)
    expect(output.results.find((r) => r.user_id === 'u-bob')).toMatchObject({
      status: 'matched',
      method: 'decision',
      kombo_id: 'K2',
    })

    await app.call('match:undo', { integrationId: INTEGRATION, userId: 'u-bob' })
    expect(await app.failure('match:undo', { integrationId: INTEGRATION, userId: 'u-bob' })).toMatchObject({
      code: 'NOT_FOUND',
    })
    const log = await app.call('match:decisions', { integrationId: INTEGRATION })
    expect(log.map((e) => e.kind)).toEqual(['accept', 'reject', 'undo', 'undo'])
  })

  it('keeps decisions across a re-sync that changes the employee', async () => {
    await app.call('match:decide', {
      integrationId: INTEGRATION,
      userId: 'u-bob',
      kind: 'manual',
      komboId: 'K2',
    })
    app.db
      .prepare('UPDATE employees SET last_name = ?, work_email = ? WHERE id = ?')
      .run('Meyer', 'robert.meyer@acme.example', 'K2')
    const output = await rematch(app)
    expect(output.results.find((r) => r.user_id === 'u-bob')).toMatchObject({
      status: 'matched',
      method: 'decision',
      kombo_id: 'K2',
    })
  })

  it('accepts a whole domain change in one step', async () => {
    for (const [i, local] of ['ana.lopez', 'ben.ito', 'cem.aydin'].entries()) {
      insertEmployee(app.db, `D${i}`, local.split('.')[0]!, local.split('.')[1]!, `${local}@acme.example`)
      insertUser(app.db, `old-${i}`, { email: `${local}@acme-old.example` })
    }
    const output = await rematch(app)
    expect(output.summary.domainMappings[0]).toMatchObject({
      from: 'acme-old.example',
      to: 'acme.example',
      support: 3,
    })
    expect(
      await app.call('match:accept-domain', {
        integrationId: INTEGRATION,
        from: 'acme-old.example',
        to: 'acme.example',
      }),
    ).toEqual({
      accepted: 3,
      batch: 1,
    })
    const after = await rematch(app)
    for (const i of [0, 1, 2]) {
      expect(after.results.find((r) => r.user_id === `old-${i}`)).toMatchObject({
        status: 'matched',
        method: 'decision',
        kombo_id: `D${i}`,
      })
    }
    expect(
      await app.call('match:accept-domain', {
        integrationId: INTEGRATION,
        from: 'acme-old.example',
        to: 'acme.example',
      }),
    ).toEqual({
      accepted: 0,
      batch: null,
    })
  })

  it('bulk accepts by method and score as one batch, previews first, and undoes the batch at once', async () => {
    for (const [i, local] of ['ana.lopez', 'ben.ito', 'cem.aydin'].entries()) {
      insertEmployee(app.db, `D${i}`, local.split('.')[0]!, local.split('.')[1]!, `${local}@acme.example`)
      insertUser(app.db, `old-${i}`, { email: `${local}@acme-old.example` })
    }
    const output = await rematch(app)
    const byDomain = output.results.filter(
      (r) => r.status === 'suggested' && r.method === 'email_domain_change',
    )
    expect(byDomain).toHaveLength(3)
    const none = await app.failure('match:accept-bulk', { integrationId: INTEGRATION })
    expect(none.code).toBe('INPUT_INVALID')

    const preview = await app.call('match:accept-bulk', {
      integrationId: INTEGRATION,
      method: 'email_domain_change',
      dryRun: true,
    })
    expect(preview).toMatchObject({ dryRun: true, batch: null, skipped: 0 })
    expect(preview.pairs.map((p) => [p.user_id, p.kombo_id]).sort()).toEqual([
      ['old-0', 'D0'],
      ['old-1', 'D1'],
      ['old-2', 'D2'],
    ])
    expect(preview.pairs.find((p) => p.user_id === 'old-0')).toMatchObject({
      user_label: 'ana.lopez@acme-old.example',
      employee_label: 'ana lopez',
    })
    // The preview wrote nothing.
    expect(await app.call('match:decisions', { integrationId: INTEGRATION })).toEqual([])

    // Applying what a stale preview listed is refused, and nothing is recorded.
    const stale = await app.failure('match:accept-bulk', {
      integrationId: INTEGRATION,
      method: 'email_domain_change',
      expected: [{ userId: 'old-0', komboId: 'D0' }],
    })
    expect(stale.code).toBe('CONFLICT')
    expect(stale.message).toContain('open the preview again')
    expect(await app.call('match:decisions', { integrationId: INTEGRATION })).toEqual([])

    const applied = await app.call('match:accept-bulk', {
      integrationId: INTEGRATION,
      method: 'email_domain_change',
      expected: preview.pairs.map((p) => ({ userId: p.user_id, komboId: p.kombo_id })),
    })
    expect(applied).toMatchObject({ dryRun: false, batch: 1 })
    const log = await app.call('match:decisions', { integrationId: INTEGRATION })
    expect(log.map((e) => [e.kind, e.batch])).toEqual([
      ['accept', 1],
      ['accept', 1],
      ['accept', 1],
    ])
    // The stored results and the lists show the batch without matching again.
    for (const i of [0, 1, 2])
      expect(storedResults().find((r) => r.user_id === `old-${i}`)).toMatchObject({ status: 'matched' })
    const plan = await app.call('diff:get', { integrationId: INTEGRATION })
    expect(plan.pendingReview.map((p) => p.user_id)).not.toContain('old-0')

    // Nothing left to accept by that method; u-bob's name suggestion is not a domain change.
    const again = await app.call('match:accept-bulk', {
      integrationId: INTEGRATION,
      method: 'email_domain_change',
    })
    expect(again).toMatchObject({ pairs: [], batch: null })

    const undone = await app.call('match:undo-batch', { integrationId: INTEGRATION, batch: 1 })
    expect(undone.events.map((e) => e.undoes).sort()).toEqual(log.map((e) => e.id).sort())
    expect(undone.batch).toBe(2)
    for (const i of [0, 1, 2])
      expect(storedResults().find((r) => r.user_id === `old-${i}`)).toMatchObject({ status: 'suggested' })
    const twice = await app.failure('match:undo-batch', { integrationId: INTEGRATION, batch: 1 })
    expect(twice.code).toBe('CONFLICT')
    expect((await app.failure('match:undo-batch', { integrationId: INTEGRATION, batch: 9 })).code).toBe(
      'NOT_FOUND',
    )

    // By score: only suggestions at or above it.
    const threshold = Math.max(...output.results.filter((r) => r.status === 'suggested').map((r) => r.score))
    const top = await app.call('match:accept-bulk', {
      integrationId: INTEGRATION,
      minScore: threshold,
      dryRun: true,
    })
    expect(top.pairs.length).toBeGreaterThan(0)
    expect(top.pairs.every((p) => p.score >= threshold)).toBe(true)
  })

  it('exports matched users as formula-safe CSV and exact JSON, with the HRIS id', async () => {
    insertEmployee(app.db, 'K9', 'Eve', 'Hacker', 'eve@acme.example')
    insertUser(app.db, '=cmd|"/c calc"!A1', { email: 'eve@acme.example' })
    const csv = await app.call('export:mapping', { integrationId: INTEGRATION, format: 'csv' })
    expect(csv.mimeType).toContain('text/csv')
    const lines = csv.content.split('\r\n')
    expect(lines[0]).toBe('user_id,hris_id,kombo_id')
    expect(lines).toContain('u-anna,R-K1,K1')
    expect(lines).toContain(`"'=cmd|""/c calc""!A1",R-K9,K9`)
    expect(csv.rows).toBe(3)
    expect(csv.cellsNeutralised).toBe(1)
    const json = await app.call('export:mapping', { integrationId: INTEGRATION, format: 'json' })
    const rows = JSON.parse(json.content) as Array<{ user_id: string; hris_id: string; kombo_id: string }>
    expect(rows.find((row) => row.kombo_id === 'K9')?.user_id).toBe('=cmd|"/c calc"!A1')
  })
})
