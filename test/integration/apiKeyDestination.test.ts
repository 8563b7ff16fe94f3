import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { generateCompany } from '../../src/main/core/demo/generateCompany'
import { startStandIn, type StandIn } from '../../src/main/core/demo/standInServer'
import { openDatabase } from '../../src/main/core/store/database'
import { createHostApp, memorySecrets } from '../../src/main/host/hostApp'
import { makeTempDir } from '../support/tempDir'
import { runCli, singleErrorLine } from '../support/runCli'

const API_KEY = 'sk_test_key_destination'
const INTEGRATION = 'personio:keyed'

/**
 * The key's only destinations are Kombo's hosts and a base URL typed together with it. Two stand-ins
 * play the real server and a server someone planted; every request either receives is recorded, so a
 * leaked key cannot go unnoticed.
 */
describe('where the API key is sent', () => {
  let temp: ReturnType<typeof makeTempDir>
  let dbPath: string
  let real: StandIn
  let planted: StandIn

  beforeEach(async () => {
    temp = makeTempDir()
    dbPath = join(temp.dir, 'desk.db')
    const company = { [INTEGRATION]: generateCompany({ seed: 8, size: 20 }) }
    real = await startStandIn({ apiKey: API_KEY, integrations: company })
    // Accepts any key, as an attacker's server would.
    planted = await startStandIn({ apiKey: API_KEY, integrations: company })
  })

  afterEach(async () => {
    await real.close()
    await planted.close()
    temp.cleanup()
  })

  const plantBaseUrl = (baseUrl: string) => {
    const db = new BetterSqlite3(dbPath)
    db.prepare('UPDATE integrations SET base_url = ? WHERE integration_id = ?').run(baseUrl, INTEGRATION)
    db.close()
  }

  it('CLI: never sends KOMBO_API_KEY to a base URL read from the database', async () => {
    const first = await runCli(
      ['sync', '--db', dbPath, '--integration', INTEGRATION, '--base-url', real.baseUrl],
      { KOMBO_API_KEY: API_KEY },
    )
    expect(first.code, first.stderr).toBe(0)
    expect(first.stderr).toContain(`note: ${new URL(real.baseUrl).origin} is plain http on this machine`)

    // Someone edits the database file to point the integration elsewhere.
    plantBaseUrl(planted.baseUrl)
    const refused = await runCli(['sync', '--db', dbPath, '--integration', INTEGRATION], {
      KOMBO_API_KEY: API_KEY,
    })
    expect(refused.code).toBe(1)
    expect(singleErrorLine(refused)).toMatch(
      /the API key was not sent to http:\/\/127\.0\.0\.1:\d+\/v1: the key goes only to Kombo .* or to a base URL entered together with it/,
    )
    expect(planted.requests).toHaveLength(0)

    // The same URL typed in the command with the key is the person's choice.
    const typed = await runCli(
      ['sync', '--db', dbPath, '--integration', INTEGRATION, '--base-url', planted.baseUrl],
      { KOMBO_API_KEY: API_KEY },
    )
    expect(typed.code, typed.stderr).toBe(0)
    expect(planted.requests.length).toBeGreaterThan(0)
  })

  it('CLI: refuses plain http to another machine before any request', async () => {
    const run = await runCli(
      ['sync', '--db', dbPath, '--integration', INTEGRATION, '--base-url', 'http://kombo.example.com/v1'],
      { KOMBO_API_KEY: API_KEY },
    )
    expect(run.code).toBe(64)
    expect(singleErrorLine(run)).toMatch(/plain http; the API key only travels over https/)
  })

  it('app: a non-Kombo base URL needs the key entered again, and is then the only other destination', async () => {
    const app = await createHostApp({
      db: openDatabase(dbPath),
      secrets: memorySecrets(API_KEY),
      version: 'test',
      demo: 'off',
    })
    try {
      await expect(app.call('integrations:connect', { integrationId: INTEGRATION })).resolves.toMatchObject({
        ok: true,
      })
      const refused = await app.call('integrations:connect', {
        integrationId: INTEGRATION,
        baseUrl: planted.baseUrl,
      })
      expect(refused).toMatchObject({ ok: false, error: { code: 'KOMBO_BASE_URL_UNTRUSTED' } })
      if (!refused.ok) expect(refused.error.message).toMatch(/enter the API key again together with/)
      const summary = await app.call('integrations:list', {})
      expect(summary.ok && summary.value[0]!.baseUrl).toBeNull()

      // Typed together with the key: accepted, and the sync goes there.
      const bound = await app.call('integrations:connect', {
        integrationId: INTEGRATION,
        baseUrl: real.baseUrl,
        apiKey: API_KEY,
      })
      expect(bound.ok).toBe(true)
      const synced = await app.call('sync:run', { integrationId: INTEGRATION })
      expect(synced).toMatchObject({ ok: true, value: { outcome: 'SUCCEEDED' } })
      expect(real.requests.some((r) => r.path.endsWith('/hris/employees'))).toBe(true)

      // A key replaced on its own is for Kombo only: the custom base URL no longer gets it.
      await app.call('secrets:set-api-key', { apiKey: API_KEY })
      const before = real.requests.length
      const unsent = await app.call('sync:run', { integrationId: INTEGRATION })
      expect(unsent).toMatchObject({ ok: false, error: { code: 'KOMBO_BASE_URL_UNTRUSTED' } })
      expect(real.requests).toHaveLength(before)
      expect(planted.requests).toHaveLength(0)
    } finally {
      await app.close()
    }
  })
})
