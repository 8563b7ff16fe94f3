import { useEffect, useId, useState } from 'react'
import type { SyncRunSummary, WaitReason } from '../../../shared/dto/sync'
import { ErrorBox } from '../components/ErrorBox'
import { OutcomeBadge } from '../components/OutcomeBadge'
import { durationBetween, formatCount, formatDateTime, formatDuration } from '../lib/format'
import { OUTCOME_TEXT } from '../lib/outcomes'
import { useSessionStore } from '../stores/sessionStore'
import { useCurrentSync, useSyncStore, type WaitState } from '../stores/syncStore'

const WAIT_HEADLINE: Record<WaitReason, string> = {
  first_sync_pending: "Waiting for Kombo's first sync",
  rate_limited: 'Rate limited by Kombo',
  server_error: 'Kombo had a server error',
  connection_error: 'Connection to Kombo lost',
}

function useSecondsLeft(until: number | null): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (until === null) return
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [until])
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000))
}

function WaitLine({ waiting }: { waiting: WaitState }) {
  const seconds = useSecondsLeft(waiting.until)
  return (
    <p className="wait" role="status">
      <strong>{WAIT_HEADLINE[waiting.reason]}</strong>, retrying in {seconds} s
      {waiting.attempt > 1 ? ` (attempt ${waiting.attempt})` : ''}.{' '}
      <span className="muted">{waiting.message}</span>
    </p>
  )
}

function ProgressPanel() {
  const running = useCurrentSync((sync) => sync.running)
  const progress = useCurrentSync((sync) => sync.progress)
  const waiting = useCurrentSync((sync) => sync.waiting)
  const lastRun = useCurrentSync((sync) => sync.lastRun)
  const cancel = useSyncStore((state) => state.cancel)
  if (!running && !progress) return null
  return (
    <section className="card" aria-labelledby="sync-progress-title" aria-busy={running}>
      <h2 id="sync-progress-title">{running ? 'Sync running' : 'Last sync'}</h2>
      <dl className="stats" aria-live="polite">
        <div>
          <dt>Pages</dt>
          <dd data-testid="progress-pages">{formatCount(progress?.pages ?? 0)}</dd>
        </div>
        <div>
          <dt>Records</dt>
          <dd data-testid="progress-records">{formatCount(progress?.records ?? 0)}</dd>
        </div>
        <div>
          <dt>Skipped records</dt>
          <dd>{formatCount(progress?.skippedRecords ?? 0)}</dd>
        </div>
        {!running && lastRun ? (
          <div>
            <dt>Outcome</dt>
            <dd>
              <OutcomeBadge outcome={lastRun.outcome} />
            </dd>
          </div>
        ) : null}
      </dl>
      {running && waiting ? <WaitLine waiting={waiting} /> : null}
      {running ? (
        <div className="inline">
          <progress aria-label="Sync in progress" />
          <button type="button" onClick={() => void cancel()}>
            Cancel sync
          </button>
        </div>
      ) : null}
    </section>
  )
}

function RunRow({ run }: { run: SyncRunSummary }) {
  const text = OUTCOME_TEXT[run.outcome]
  return (
    <tr>
      <td>{formatDateTime(run.startedAt)}</td>
      <td>{run.source === 'webhook' ? 'webhook' : (run.mode ?? '—')}</td>
      <td>
        <OutcomeBadge outcome={run.outcome} />
      </td>
      <td className="num">{formatCount(run.pages)}</td>
      <td className="num">{formatCount(run.records)}</td>
      <td className="num">
        +{formatCount(run.inserted)} / ~{formatCount(run.updated)} / −{formatCount(run.deleted)}
        {run.vanished > 0 ? ` / ${formatCount(run.vanished)} vanished` : ''}
      </td>
      <td>
        {durationBetween(run.startedAt, run.finishedAt)}
        {run.waitedMs > 0 ? <span className="muted"> (waited {formatDuration(run.waitedMs)})</span> : null}
      </td>
      <td className="guidance">
        {run.errorMessage ? <p>{run.errorMessage}</p> : null}
        {run.outcome !== 'SUCCEEDED' ? <p className="muted">{text.nextStep}</p> : null}
        {run.logUrl ? (
          <a href={run.logUrl} target="_blank" rel="noreferrer">
            Kombo log
          </a>
        ) : null}
      </td>
    </tr>
  )
}

/** A stable empty list for the selector: another integration's runs are never shown. */
const NO_RUNS: SyncRunSummary[] = []

function RunHistory() {
  const integrationId = useSessionStore((state) => state.integrationId)
  const runs = useSyncStore((state) => (state.runsFor === integrationId ? state.runs : NO_RUNS))
  return (
    <section className="card" aria-labelledby="sync-history-title">
      <h2 id="sync-history-title">Run history</h2>
      {runs.length === 0 ? (
        <p className="muted">No syncs yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Mode</th>
                <th scope="col">Outcome</th>
                <th scope="col">Pages</th>
                <th scope="col">Records</th>
                <th scope="col">New / changed / deleted</th>
                <th scope="col">Took</th>
                <th scope="col">What it means</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <RunRow key={run.id} run={run} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/** Entries listed per kind of change before "and N more"; the exports carry the complete lists. */
const DRIFT_LIST_LIMIT = 50

function DriftGroup<T>({
  title,
  items,
  describe,
}: {
  title: string
  items: T[]
  describe: (item: T) => string
}) {
  if (items.length === 0) return null
  return (
    <details className="drift-group">
      <summary>
        {title} <span className="count">{formatCount(items.length)}</span>
      </summary>
      <ul>
        {items.slice(0, DRIFT_LIST_LIMIT).map((item, index) => (
          <li key={index}>{describe(item)}</li>
        ))}
        {items.length > DRIFT_LIST_LIMIT ? (
          <li className="muted">and {formatCount(items.length - DRIFT_LIST_LIMIT)} more</li>
        ) : null}
      </ul>
    </details>
  )
}

function DriftPanel() {
  const drift = useSyncStore((state) => state.drift)
  if (!drift) return null
  const total =
    drift.hires.length +
    drift.leavers.length +
    drift.rehires.length +
    drift.emailChanges.length +
    drift.nameChanges.length +
    drift.linksInvalidated.length
  return (
    <section className="card" aria-labelledby="drift-title">
      <h2 id="drift-title">What changed in the HRIS</h2>
      <p className="muted small">
        {drift.fromRunId === null
          ? 'Since the first sync'
          : `Between sync ${drift.fromRunId} and sync ${drift.toRunId}`}
        {total === 0 ? ': nothing.' : '.'}
      </p>
      <DriftGroup
        title="Hires"
        items={drift.hires}
        describe={(h) => `${h.name ?? h.kombo_id}${h.work_email ? ` <${h.work_email}>` : ''}`}
      />
      <DriftGroup
        title="Leavers"
        items={drift.leavers}
        describe={(l) => `${l.name ?? l.kombo_id} (${l.reason})`}
      />
      <DriftGroup
        title="Re-hires"
        items={drift.rehires}
        describe={(r) => `${r.kombo_id} was user #${r.rehire_of} (${r.evidence})`}
      />
      <DriftGroup
        title="Email changes"
        items={drift.emailChanges}
        describe={(c) => `${c.kombo_id}: ${c.from ?? '—'} → ${c.to ?? '—'}`}
      />
      <DriftGroup
        title="Name changes"
        items={drift.nameChanges}
        describe={(c) => `${c.kombo_id} ${c.field.replace('_', ' ')}: ${c.from ?? '—'} → ${c.to ?? '—'}`}
      />
      <DriftGroup
        title="Links that no longer hold"
        items={drift.linksInvalidated}
        describe={(l) => `user #${l.user_id} ↔ ${l.kombo_id}: ${l.reason}`}
      />
    </section>
  )
}

function WebhookImport() {
  const [text, setText] = useState('')
  const busy = useSyncStore((state) => state.webhookBusy)
  const result = useSyncStore((state) => state.webhookResult)
  const error = useSyncStore((state) => state.webhookError)
  const importWebhook = useSyncStore((state) => state.importWebhook)
  const fieldId = useId()
  return (
    <section className="card" aria-labelledby={`${fieldId}-title`}>
      <h2 id={`${fieldId}-title`}>Paste a sync-finished webhook</h2>
      <p className="muted">
        Kombo sends one when a sync ends. Pasting it records the outcome and explains what to do; a SUCCEEDED
        one means fresh data is ready to fetch.
      </p>
      <label htmlFor={fieldId}>Webhook body (JSON)</label>
      <textarea
        id={fieldId}
        rows={6}
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder='{ "type": "sync-finished", "data": { "sync_state": "SUCCEEDED", … } }'
      />
      <div className="inline">
        <button type="button" disabled={busy || text.trim() === ''} onClick={() => void importWebhook(text)}>
          Record webhook
        </button>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <div className={`callout callout-${result.guidance.usable ? 'good' : 'warn'}`} role="status">
          <p>
            <OutcomeBadge outcome={result.guidance.outcome} /> {result.guidance.explanation}
          </p>
          <p>
            <strong>Next step:</strong> {result.guidance.nextStep}
          </p>
        </div>
      ) : null}
    </section>
  )
}

export function SyncScreen() {
  const integrationId = useSessionStore((state) => state.integrationId)
  const integration = useSessionStore((state) =>
    state.integrations.find((i) => i.integrationId === state.integrationId),
  )
  const running = useCurrentSync((sync) => sync.running)
  const error = useCurrentSync((sync) => sync.error)
  const run = useSyncStore((state) => state.run)
  const loadRuns = useSyncStore((state) => state.loadRuns)
  const go = useSessionStore((state) => state.go)

  useEffect(() => {
    void loadRuns()
  }, [integrationId, loadRuns])

  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Sync</h1>
        <p className="muted">
          <code>{integrationId}</code> ·{' '}
          <span data-testid="employee-count">{formatCount(integration?.employeeCount ?? 0)}</span> employees
          stored · last sync started {formatDateTime(integration?.lastSyncStartedAt)}
        </p>
      </header>
      <div className="toolbar">
        <button type="button" className="primary" disabled={running} onClick={() => void run(false)}>
          Sync changes
        </button>
        <button type="button" disabled={running} onClick={() => void run(true)}>
          Full sync
        </button>
        <span className="muted small">
          &ldquo;Sync changes&rdquo; fetches what changed since the last good sync; a full sync also finds
          employees that vanished.
        </span>
      </div>
      {error ? <ErrorBox error={error} title="The sync stopped" /> : null}
      {error?.code === 'API_KEY_MISSING' || error?.code === 'KOMBO_AUTH_INVALID' ? (
        <p>
          <button type="button" onClick={() => go('connect')}>
            Enter the API key
          </button>
        </p>
      ) : null}
      <ProgressPanel />
      <RunHistory />
      <DriftPanel />
      <WebhookImport />
    </div>
  )
}
