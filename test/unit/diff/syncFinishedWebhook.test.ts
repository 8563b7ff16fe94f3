import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiHandlers } from '../../../src/shared/api'
import { createApp } from '../../../src/main/core/app'
import { dispatch } from '../../../src/main/core/app/dispatch'
import { currentPlan } from '../../../src/main/core/diff/planService'
import type { AppContext } from '../../../src/main/core/app/context'
import { insertRun, putEmployee, seedIntegration, tempStore, type TempStore } from './seed'

const INTEGRATION = 'personio:8d1hpPsbjxUkoCoa1veLZGe5'
const NOW = new Date('2030-06-15T09:00:00.000Z')

function webhook(overrides: Record<string, unknown> = {}, dataOverrides: Record<string, unknown> = {}) {
  return {
    id: '5gjAtURLPbnTiwgkaBfiA3WJ',
    type: 'sync-finished',
    data: {
      sync_id: 'B89SCXXho7Yw8PGo8AKJxLn4',
      sync_state: 'SUCCEEDED',
      sync_started_at: '2030-06-15T07:00:00.000Z',
      sync_ended_at: '2030-06-15T07:30:00+00:00',
      sync_duration_seconds: 1800,
      integration_id: INTEGRATION,
      integration_tool: 'personio',
      integration_category: 'HRIS',
      log_url: 'https://app.kombo.dev/env/production/logs/C3xUo6XAsB2sbKC7M1gyXaRX',
      ...dataOverrides,
    },
    ...overrides,
  }
}

let store: TempStore
let handlers: ApiHandlers
beforeEach(() => {
  store = tempStore()
  seedIntegration(store.db, INTEGRATION)
  const ctx: AppContext = {
    db: store.db,
    clock: { now: () => NOW },
    secrets: { getApiKey: () => null },
    defaultBaseUrl: 'http://127.0.0.1:1/v1',
    version: 'test',
  }
  handlers = createApp(ctx)
})
afterEach(() => store.close())

/** Calls sync:import-webhook as every host does: through dispatch, which parses against the contract. */
function importResult(request: { integrationId?: string; payload: unknown }) {
  return dispatch(handlers, 'sync:import-webhook', request)
}

async function importWebhook(request: { integrationId?: string; payload: unknown }) {
  const result = await importResult(request)
  if (!result.ok) throw new Error(`expected the import to succeed: ${result.error.message}`)
  return result.value
}

async function importError(request: { integrationId?: string; payload: unknown }) {
  const result = await importResult(request)
  if (result.ok) throw new Error('expected the import to fail')
  return result.error
}

describe('sync:import-webhook', () => {
  it('records a sync-finished webhook as a webhook run and explains its outcome', async () => {
    const result = await importWebhook({
      integrationId: INTEGRATION,
      payload: webhook({}, { sync_state: 'TIMED_OUT' }),
    })
    expect(result.run).toMatchObject({
      integrationId: INTEGRATION,
      source: 'webhook',
      outcome: 'TIMED_OUT',
      startedAt: '2030-06-15T07:00:00.000Z',
      finishedAt: '2030-06-15T07:30:00.000Z',
      logUrl: 'https://app.kombo.dev/env/production/logs/C3xUo6XAsB2sbKC7M1gyXaRX',
    })
    expect(result.guidance).toMatchObject({ outcome: 'TIMED_OUT', usable: false, fixableBy: 'kombo' })
    const row = store.db.prepare('SELECT source, outcome, kombo_sync_id, log_url FROM sync_runs').get()
    expect(row).toEqual({
      source: 'webhook',
      outcome: 'TIMED_OUT',
      kombo_sync_id: 'B89SCXXho7Yw8PGo8AKJxLn4',
      log_url: 'https://app.kombo.dev/env/production/logs/C3xUo6XAsB2sbKC7M1gyXaRX',
    })
  })

  it('accepts the pasted JSON text and finds the integration from the payload', async () => {
    const result = await importWebhook({ payload: JSON.stringify(webhook()) })
    expect(result.guidance.usable).toBe(true)
  })

  it('records the same Kombo sync once, however often it is pasted', async () => {
    await importWebhook({ payload: webhook() })
    await importWebhook({ payload: webhook() })
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM sync_runs').get()).toEqual({ n: 1 })
  })

  it('makes the diff stale when the webhook reports a failed sync', async () => {
    const good = insertRun(store.db, INTEGRATION, {
      outcome: 'SUCCEEDED',
      finishedAt: '2030-06-14T00:00:00.000Z',
    })
    putEmployee(store.db, INTEGRATION, good, { id: 'e1' })
    await importWebhook({ payload: webhook({}, { sync_state: 'AUTHENTICATION_FAILED' }) })
    const plan = currentPlan(store.db, INTEGRATION, NOW)
    expect(plan.basisRunId).toBe(good)
    expect(plan.stale?.outcome).toBe('AUTHENTICATION_FAILED')
  })

  it('does not let an old webhook pasted late override a newer fetch', async () => {
    await importWebhook({ payload: webhook({}, { sync_state: 'FAILED' }) })
    const good = insertRun(store.db, INTEGRATION, {
      outcome: 'SUCCEEDED',
      finishedAt: '2030-06-15T08:00:00.000Z',
    })
    expect(currentPlan(store.db, INTEGRATION, NOW)).toMatchObject({ basisRunId: good, stale: null })
  })

  it.each([
    ['another webhook type', webhook({ type: 'data-changed' }), /"data-changed" webhook.*sync-finished/],
    [
      'an unknown sync_state',
      webhook({}, { sync_state: 'EXPLODED' }),
      /unknown sync_state "EXPLODED".*SUCCEEDED/,
    ],
    ['a missing sync_state', webhook({}, { sync_state: undefined }), /data\.sync_state/],
    [
      'a date that is not ISO',
      webhook({}, { sync_started_at: 'yesterday' }),
      /data\.sync_started_at: must be an ISO/,
    ],
    [
      'an end before the start',
      webhook({}, { sync_ended_at: '2030-06-15T06:00:00Z' }),
      /sync_ended_at is before/,
    ],
    ['no integration id', webhook({}, { integration_id: '' }), /integration_id is required/],
    ['text that is not JSON', '{"type": "sync-finished", ', /not valid JSON/],
    ['something else entirely', [1, 2, 3], /not a sync-finished webhook/],
  ])('refuses %s with INPUT_INVALID', async (_what, payload, message) => {
    const error = await importError({ payload })
    expect(error.code).toBe('INPUT_INVALID')
    expect(error.message).toMatch(message)
  })

  it('refuses a webhook of another integration than the one asked for', async () => {
    seedIntegration(store.db, 'hibob:other')
    const error = await importError({ integrationId: 'hibob:other', payload: webhook() })
    expect(error).toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/for integration personio:.*not hibob:other/),
    })
  })

  it('refuses an integration the app does not know, saying to connect and sync it first', async () => {
    const error = await importError({ payload: webhook({}, { integration_id: 'workday:unknown' }) })
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/connect it and run a sync first/),
    })
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM integrations').get()).toEqual({ n: 1 })
  })
})
