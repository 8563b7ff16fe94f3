import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { createApp } from '../../src/main/core/app'
import { dispatch } from '../../src/main/core/app/dispatch'
import { generateCompany } from '../../src/main/core/demo/generateCompany'
import { startStandIn, type StandIn } from '../../src/main/core/demo/standInServer'
import { openDatabase, type Database } from '../../src/main/core/store/database'
import { systemClock } from '../../src/main/core/time'
import type { ApiHandlers } from '../../src/shared/api'
import { makeTempDir } from '../support/tempDir'

const API_KEY = 'before-match-key'
const INTEGRATION = 'personio:before-match'

describe('the lists before anyone ran the matcher', () => {
  let standIn: StandIn
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let app: ApiHandlers

  const call = async <T>(name: Parameters<typeof dispatch>[1], request: unknown): Promise<T> => {
    const result = await dispatch(app, name, request)
    if (!result.ok) throw new Error(result.error.message)
    return result.value as T
  }

  beforeEach(async () => {
    temp = makeTempDir()
    db = openDatabase(join(temp.dir, 'desk.db'))
    standIn = await startStandIn({
      apiKey: API_KEY,
      integrations: { [INTEGRATION]: generateCompany({ seed: 3, size: 30 }) },
    })
    app = createApp({
      db,
      clock: systemClock,
      // The stand-in is a loopback origin: the key goes there only because it is bound to it.
      secrets: { getApiKey: () => ({ apiKey: API_KEY, origin: new URL(standIn.baseUrl).origin }) },
      defaultBaseUrl: standIn.baseUrl,
      version: 'test',
    })
  })

  afterEach(async () => {
    db.close()
    await standIn.close()
    temp.cleanup()
  })

  it('links the imported users first, so people already in the product are not listed as adds', async () => {
    await call('integrations:connect', { integrationId: INTEGRATION })
    await call('sync:run', { integrationId: INTEGRATION })
    const active = standIn
      .listEmployees(INTEGRATION)
      .filter((e) => e.work_email && e.employment_status === 'ACTIVE')
    const known = active.slice(0, 10)
    const csv = ['user_id,email', ...known.map((e, i) => `u${i},${e.work_email}`)].join('\n')
    await call('legacy:import', {
      integrationId: INTEGRATION,
      fileName: 'users.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    })

    const plan = await call<{ add: { kombo_id: string }[]; remove: { user_id: string }[] }>('diff:get', {
      integrationId: INTEGRATION,
    })
    const added = new Set(plan.add.map((a) => a.kombo_id))
    for (const employee of known) expect(added.has(employee.id)).toBe(false)
    expect(plan.remove.map((r) => r.user_id)).not.toContain('u0')
    expect(db.prepare('SELECT COUNT(*) FROM match_results').pluck().get()).toBe(10)
  })
})
