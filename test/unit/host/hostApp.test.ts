import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../../src/main/core/store/database'
import { createHostApp, memorySecrets } from '../../../src/main/host/hostApp'
import type { DemoHris } from '../../../src/main/host/demoHris'

function fakeDemo(): DemoHris & { ensured: string[] } {
  const ensured: string[] = []
  return {
    baseUrl: 'http://127.0.0.1:1/v1',
    apiKey: 'demo-key',
    ensured,
    ensureIntegration: (id) => void ensured.push(id),
    beforeSync: () => undefined,
    close: vi.fn(async () => undefined),
  }
}

const freshDb = () => openDatabase(join(mkdtempSync(join(tmpdir(), 'desk-host-')), 'desk.db'))

describe('createHostApp', () => {
  it('starts the demo HRIS only when no API key is known (auto)', async () => {
    const demo = fakeDemo()
    const withKey = await createHostApp({
      db: freshDb(),
      secrets: memorySecrets('sk_live_abcdefgh'),
      version: '1',
      demo: 'auto',
      startDemo: async () => demo,
    })
    expect(withKey.context.demo).toBeUndefined()
    await withKey.close()

    const withoutKey = await createHostApp({
      db: freshDb(),
      secrets: memorySecrets(null),
      version: '1',
      demo: 'auto',
      startDemo: async () => demo,
    })
    expect(withoutKey.context.demo).toEqual({ baseUrl: demo.baseUrl, apiKey: demo.apiKey })
    await withoutKey.close()
    expect(demo.close).toHaveBeenCalledTimes(1)
  })

  it('gives every integration connected in demo mode a company', async () => {
    const demo = fakeDemo()
    const app = await createHostApp({
      db: freshDb(),
      secrets: memorySecrets(null),
      version: '1',
      demo: 'force',
      startDemo: async () => demo,
    })
    const connected = await app.call('integrations:connect', { integrationId: 'personio:demo' })
    expect(connected.ok).toBe(true)
    expect(demo.ensured).toEqual(['personio:demo'])
    await app.close()
  })

  it('keeps working, and says why, when the demo cannot start', async () => {
    const app = await createHostApp({
      db: freshDb(),
      secrets: memorySecrets(null),
      version: '1',
      demo: 'auto',
      startDemo: async () => {
        throw new Error('port in use')
      },
    })
    expect(app.demoProblem).toBe('port in use')
    const info = await app.call('app:info', {})
    expect(info).toEqual({ ok: true, value: { version: '1', hasApiKey: false, demo: false } })
    await app.close()
  })
})
