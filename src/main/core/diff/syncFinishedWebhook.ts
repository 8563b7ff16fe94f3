import { z } from 'zod'
import type { OutcomeGuidance } from '../../../shared/dto/outcome'
import type { SyncOutcome, SyncRunSummary } from '../../../shared/dto/sync'
import { fail } from '../../../shared/result'
import type { Database } from '../store/database'
import { pluckedInteger } from '../store/rows'
import { guidanceFor, KOMBO_SYNC_STATES } from './outcomeGuidance'
import { writeOrExplain } from './writeAccess'
import { getRun } from '../sync/syncRuns'
import { requireIntegration } from '../app/integrations'

/**
 * Kombo's sync-finished webhook payload, the fields this app uses (docs/architecture.md, Sync). Built on
 * first use, like the API's request schemas (src/shared/api.ts): few processes ever read a webhook.
 */
function buildSyncFinishedSchema() {
  const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  return z.object({
    id: z.string().optional(),
    type: z.string(),
    data: z.object({
      sync_id: z.string().min(1).optional(),
      sync_state: z.string({ message: 'sync_state is required' }),
      sync_started_at: isoDateTime,
      sync_ended_at: isoDateTime,
      integration_id: z.string().trim().min(1, 'integration_id is required'),
      log_url: z.string().nullable().optional(),
    }),
  })
}
let syncFinishedSchema: ReturnType<typeof buildSyncFinishedSchema> | undefined

export interface SyncFinishedEvent {
  komboSyncId: string | null
  outcome: SyncOutcome
  startedAt: string
  endedAt: string
  integrationId: string
  logUrl: string | null
}

const KNOWN_STATES: ReadonlySet<string> = new Set(KOMBO_SYNC_STATES)

/**
 * Validates a pasted sync-finished webhook. Accepts the parsed object or its JSON text. Every problem
 * is an INPUT_INVALID error that names the field, so the specialist can fix what they pasted.
 */
export function parseSyncFinishedWebhook(payload: unknown): SyncFinishedEvent {
  let value = payload
  if (typeof payload === 'string') {
    try {
      value = JSON.parse(payload)
    } catch {
      return fail('INPUT_INVALID', 'the webhook payload is not valid JSON; paste the whole body Kombo sent')
    }
  }
  const parsed = (syncFinishedSchema ??= buildSyncFinishedSchema()).safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    return fail(
      'INPUT_INVALID',
      `this is not a sync-finished webhook (${where}${issue?.message ?? 'unexpected shape'}); paste the whole body Kombo sent`,
    )
  }
  const { type, data } = parsed.data
  if (type !== 'sync-finished') {
    return fail(
      'INPUT_INVALID',
      `this is a "${type}" webhook; only sync-finished webhooks carry a sync outcome, so paste one of those`,
    )
  }
  if (!KNOWN_STATES.has(data.sync_state)) {
    return fail(
      'INPUT_INVALID',
      `unknown sync_state "${data.sync_state}": Kombo reports one of ${KOMBO_SYNC_STATES.join(', ')}; check the pasted payload`,
    )
  }
  const startedAt = new Date(data.sync_started_at).toISOString()
  const endedAt = new Date(data.sync_ended_at).toISOString()
  if (endedAt < startedAt) {
    return fail(
      'INPUT_INVALID',
      'data.sync_ended_at is before data.sync_started_at; check the pasted payload',
    )
  }
  return {
    komboSyncId: data.sync_id ?? null,
    outcome: data.sync_state as SyncOutcome,
    // Stored in UTC so runs from the webhook and from the app's own fetch order correctly by time.
    startedAt,
    endedAt,
    integrationId: data.integration_id,
    logUrl: data.log_url ?? null,
  }
}

/**
 * Records a pasted sync-finished webhook as a sync run (source 'webhook') and explains its outcome.
 * The integration must already be known: a webhook carries no data, so an integration the app has never
 * synced has nothing to explain. Importing the same Kombo sync twice records it once.
 */
export function importSyncFinishedWebhook(
  db: Database,
  request: { integrationId?: string | undefined; payload: unknown },
): { run: SyncRunSummary; guidance: OutcomeGuidance } {
  const event = parseSyncFinishedWebhook(request.payload)
  if (request.integrationId !== undefined && request.integrationId !== event.integrationId) {
    return fail(
      'INPUT_INVALID',
      `this webhook is for integration ${event.integrationId}, not ${request.integrationId}; paste the webhook of the integration you are working on`,
    )
  }
  requireIntegration(db, event.integrationId)
  const runId = writeOrExplain(db, (): number => {
    if (event.komboSyncId !== null) {
      const existing: unknown = db
        .prepare(
          `SELECT id FROM sync_runs WHERE integration_id = ? AND source = 'webhook' AND kombo_sync_id = ?`,
        )
        .pluck()
        .get(event.integrationId, event.komboSyncId)
      if (existing !== undefined) return pluckedInteger(existing, 'sync_runs.id')
    }
    const inserted = db
      .prepare(
        `INSERT INTO sync_runs (integration_id, source, started_at, finished_at, outcome, kombo_sync_id, log_url)
         VALUES (?, 'webhook', ?, ?, ?, ?, ?)`,
      )
      .run(
        event.integrationId,
        event.startedAt,
        event.endedAt,
        event.outcome,
        event.komboSyncId,
        event.logUrl,
      )
    return Number(inserted.lastInsertRowid)
  })
  const run = getRun(db, runId) ?? fail('INTERNAL', `imported sync run ${runId} disappeared`)
  return { run, guidance: guidanceFor(run.outcome) }
}
