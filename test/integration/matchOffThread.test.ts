import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebDesk, type RunningWebDesk } from '../../src/web/main'
import { makeTempDir } from '../support/tempDir'
import { seedNameOnlyCompany } from '../support/seedPeople'
import { followMatchPhases, postApi } from '../support/webHostClient'

/**
 * The web host matches in a worker thread that loads, matches and stores on its own connection: while a
 * 20,000-employee match runs, the host's event loop is free, so other calls (here `app:info`) are
 * answered throughout, also while the results are written. How fast they are answered is measured by
 * `bench/matchLatency.bench.ts` (bench/README.md); here it is that they are answered, in every phase.
 */
const INTEGRATION = 'personio:big'
const EMPLOYEES = 20_000
/** Answers each phase must see: one that blocked the host's thread would see none (or one at its end). */
const MIN_ANSWERS_PER_PHASE = 5

/** The company of seedNameOnlyCompany: no email agrees, every user is name-matched. */
function seed(path: string): void {
  seedNameOnlyCompany(path, INTEGRATION, EMPLOYEES)
}

const temp = makeTempDir('match-off-thread-')
let desk: RunningWebDesk

beforeAll(async () => {
  const dbPath = join(temp.dir, 'desk.db')
  seed(dbPath)
  desk = await startWebDesk({
    db: dbPath,
    port: 0,
    demo: false,
    apiKey: 'test-key',
    token: 'match-test-token',
  })
})

afterAll(async () => {
  await desk?.close()
  temp.cleanup()
})

const call = (name: string, payload: unknown) => postApi(desk.host, name, payload)

describe('matching in the web host', { timeout: 600_000 }, () => {
  it(`answers app:info while ${EMPLOYEES} employees are matched and their results stored`, async () => {
    let phase = 'not started'
    const stopFollowing = await followMatchPhases(desk.host, (next) => (phase = next))
    let matchDone = false
    const match = call('match:run', { integrationId: INTEGRATION }).finally(() => {
      matchDone = true
    })
    const answersIn = new Map<string, number>()
    while (!matchDone) {
      const before = phase
      const info = await call('app:info', {})
      expect(info.ok).toBe(true)
      // Counted for a phase only when it began and ended in it.
      if (phase === before) answersIn.set(phase, (answersIn.get(phase) ?? 0) + 1)
    }
    stopFollowing()
    const result = await match
    expect(result.ok).toBe(true)
    expect(result.value).toEqual({
      summary: expect.objectContaining({ employees: EMPLOYEES, legacyUsers: EMPLOYEES }),
    })
    expect(answersIn.get('matching') ?? 0).toBeGreaterThanOrEqual(MIN_ANSWERS_PER_PHASE)
    expect(answersIn.get('storing') ?? 0).toBeGreaterThanOrEqual(MIN_ANSWERS_PER_PHASE)
    // The results were stored by the worker: Review reads them without matching again.
    const stored = await call('match:results', { integrationId: INTEGRATION, view: 'list' })
    expect((stored.value as { results: unknown[] }).results).toHaveLength(EMPLOYEES)
  })
})
