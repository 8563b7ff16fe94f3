import { useEffect, useId, useState } from 'react'
import type {
  AddAction,
  FieldChange,
  RehireEvidence,
  RemoveAction,
  UpdateAction,
} from '../../../shared/dto/diff'
import { Dialog } from '../components/Dialog'
import { REMOVE_REASON_TEXT } from '../../../shared/removeReasons'
import { ErrorBox } from '../components/ErrorBox'
import { VirtualList } from '../components/VirtualList'
import { employeeName, formatCount, formatDateTime, formatPercent, legacyName } from '../lib/format'
import { useDataStamp } from '../lib/useDataStamp'
import { useActionsStore, type ActionList, type ExportFormat } from '../stores/actionsStore'
import { useReviewStore } from '../stores/reviewStore'
import { useSessionStore } from '../stores/sessionStore'

const FIELD_LABEL: Record<FieldChange['field'], string> = {
  email: 'email',
  first_name: 'first name',
  last_name: 'last name',
  full_name: 'full name',
  employment_status: 'status',
}

const REHIRE_EVIDENCE: Record<RehireEvidence, string> = {
  remote_id: 'the same HRIS id',
  work_email: 'the same work email',
  name_and_private_email: 'name and private email',
  name_and_birth_date: 'name and birth date',
}

const LIST_COLUMNS: Record<ActionList, string[]> = {
  add: ['Employee', 'Work email', 'HRIS id', 'Notes'],
  update: ['User', 'Changes', 'Kombo id'],
  remove: ['User', 'Reason', 'Kombo id'],
}

const ACTION_ROW_HEIGHT = 48

function AddRow({ action }: { action: AddAction }) {
  return (
    <div className="row-body grid-row">
      <span className="row-title">
        {[action.first_name, action.last_name].filter(Boolean).join(' ') || '—'}
      </span>
      <span className="mono">{action.work_email ?? '—'}</span>
      <span className="mono muted">{action.remote_id}</span>
      <span className="inline">
        {action.employment_status && action.employment_status !== 'ACTIVE' ? (
          <span className="badge badge-neutral">{action.employment_status.toLowerCase()}</span>
        ) : null}
        {action.rehire_of ? (
          <span
            className="badge badge-warn"
            title={
              action.rehire_evidence ? `recognised by ${REHIRE_EVIDENCE[action.rehire_evidence]}` : undefined
            }
          >
            re-hire of #{action.rehire_of}
          </span>
        ) : null}
      </span>
    </div>
  )
}

/** A legacy user as people know them: the name first, the id after it. */
function UserLabel({ userId }: { userId: string }) {
  const user = useReviewStore((state) => state.legacyById.get(userId))
  return (
    <span className="row-title">
      {user ? `${legacyName(user)} ` : ''}
      <span className="muted">#{userId}</span>
    </span>
  )
}

function EmployeeLabel({ komboId }: { komboId: string | null }) {
  const employee = useReviewStore((state) => (komboId ? state.employeeById.get(komboId) : undefined))
  if (!komboId) return <span className="mono muted">—</span>
  return (
    <span className="muted">
      {employee ? `${employeeName(employee)} ` : ''}
      <span className="mono">{komboId}</span>
    </span>
  )
}

function UpdateRow({ action }: { action: UpdateAction }) {
  return (
    <div className="row-body grid-row">
      <UserLabel userId={action.user_id} />
      <span className="changes">
        {action.changes.map((change) => (
          <span key={change.field} className="change">
            {FIELD_LABEL[change.field]}: <del>{change.from ?? '—'}</del> → <ins>{change.to ?? '—'}</ins>
          </span>
        ))}
      </span>
      <EmployeeLabel komboId={action.kombo_id} />
    </div>
  )
}

function RemoveRow({ action }: { action: RemoveAction }) {
  return (
    <div className="row-body grid-row">
      <UserLabel userId={action.user_id} />
      <span>{REMOVE_REASON_TEXT[action.reason]}</span>
      <EmployeeLabel komboId={action.kombo_id} />
    </div>
  )
}

function ConfirmRemovalsDialog({ onClose }: { onClose: () => void }) {
  const guard = useActionsStore((state) => state.plan?.guard)
  const withheld = useActionsStore((state) => state.plan?.withheldRemovals)
  const busy = useActionsStore((state) => state.busy)
  const confirmRemovals = useActionsStore((state) => state.confirmRemovals)
  if (!guard) return null
  return (
    <Dialog title={`Remove ${formatCount(guard.removals)} users?`} onClose={onClose}>
      <p>
        This sync would remove {formatCount(guard.removals)} of {formatCount(guard.linked)} linked users (
        {formatPercent(guard.linked === 0 ? 0 : guard.removals / guard.linked)}). That is more than the{' '}
        {formatPercent(guard.threshold)} a normal sync removes, which often means the HRIS returned too little
        (a permission or scope change), not that people left.
      </p>
      <p>Check a few of them in the HRIS first. Confirming puts all of them on the remove list.</p>
      <ul className="withheld-list" aria-label="Withheld removals">
        {(withheld ?? []).map((action) => (
          <li key={action.user_id}>
            <UserLabel userId={action.user_id} /> · {REMOVE_REASON_TEXT[action.reason]} ·{' '}
            <EmployeeLabel komboId={action.kombo_id} />
          </li>
        ))}
      </ul>
      <div className="inline end">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            void confirmRemovals().then(onClose)
          }}
        >
          Confirm {formatCount(guard.removals)} removals
        </button>
      </div>
    </Dialog>
  )
}

function GuardBanner() {
  const guard = useActionsStore((state) => state.plan?.guard)
  const [confirming, setConfirming] = useState(false)
  if (!guard || !guard.tripped || guard.confirmed) return null
  return (
    <div className="callout callout-bad" role="alert">
      <strong>Deletion guard: removals withheld.</strong>
      <p>
        One sync would remove {formatCount(guard.removals)} of {formatCount(guard.linked)} linked users, above
        the {formatPercent(guard.threshold)} limit. {formatCount(guard.withheld)} removals are left off the
        remove list until you confirm them.
      </p>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Review and confirm removals…
      </button>
      {confirming ? <ConfirmRemovalsDialog onClose={() => setConfirming(false)} /> : null}
    </div>
  )
}

function StaleBanner() {
  const stale = useActionsStore((state) => state.plan?.stale)
  if (!stale) return null
  return (
    <div className="callout callout-warn" role="note">
      <strong>These lists rest on the last good sync.</strong> The latest sync ended {stale.outcome}:{' '}
      {stale.explanation} <em>{stale.nextStep}</em>
    </div>
  )
}

function PendingReview() {
  const pending = useActionsStore((state) => state.plan?.pendingReview.length ?? 0)
  const go = useSessionStore((state) => state.go)
  if (pending === 0) return null
  return (
    <div className="callout callout-info" role="note">
      {formatCount(pending)} users still await review: they are neither added nor removed until you decide.{' '}
      <button type="button" onClick={() => go('review')}>
        Go to review
      </button>
    </div>
  )
}

function ExportButtons({ list }: { list: ActionList }) {
  const exportList = useActionsStore((state) => state.exportList)
  const exporting = useActionsStore((state) => state.exporting)
  return (
    <span className="inline">
      {(['csv', 'json'] as ExportFormat[]).map((format) => (
        <button
          key={format}
          type="button"
          disabled={exporting !== null}
          aria-busy={exporting === `${list}-${format}`}
          onClick={(event) => {
            // The second click of a double click is not a second export.
            if (event.detail <= 1) void exportList(list, format)
          }}
        >
          Export {list} list ({format.toUpperCase()})
        </button>
      ))}
    </span>
  )
}

function ListView() {
  const plan = useActionsStore((state) => state.plan)
  const tab = useActionsStore((state) => state.tab)
  const setTab = useActionsStore((state) => state.setTab)
  if (!plan) return null
  const tabs: { value: ActionList; label: string; count: number }[] = [
    { value: 'add', label: 'Add', count: plan.add.length },
    { value: 'update', label: 'Update', count: plan.update.length },
    { value: 'remove', label: 'Remove', count: plan.remove.length },
  ]
  const rows =
    tab === 'add'
      ? {
          ids: plan.add.map((_, i) => String(i)),
          render: (i: number) => plan.add[i] && <AddRow action={plan.add[i]} />,
        }
      : tab === 'update'
        ? {
            ids: plan.update.map((_, i) => String(i)),
            render: (i: number) => plan.update[i] && <UpdateRow action={plan.update[i]} />,
          }
        : {
            ids: plan.remove.map((_, i) => String(i)),
            render: (i: number) => plan.remove[i] && <RemoveRow action={plan.remove[i]} />,
          }
  return (
    <section className="card list-card">
      <div className="inline spread">
        <div className="segmented" role="tablist" aria-label="Action lists">
          {tabs.map((option) => (
            <button
              key={option.value}
              type="button"
              role="tab"
              id={`actions-tab-${option.value}`}
              aria-selected={tab === option.value}
              aria-controls="actions-panel"
              className={tab === option.value ? 'active' : undefined}
              onClick={() => setTab(option.value)}
            >
              {option.label} <span className="count">{formatCount(option.count)}</span>
            </button>
          ))}
        </div>
        <ExportButtons list={tab} />
      </div>
      <div id="actions-panel" role="tabpanel" aria-labelledby={`actions-tab-${tab}`} className="list-panel">
        <div className="grid-row list-head" aria-hidden="true">
          {LIST_COLUMNS[tab].map((column) => (
            <span key={column}>{column}</span>
          ))}
        </div>
        <VirtualList
          role="list"
          label={`${tab} list`}
          idPrefix={`${tab}-row`}
          ids={rows.ids}
          rowHeight={ACTION_ROW_HEIGHT}
          renderRow={(id) => rows.render(Number(id))}
          empty={
            tab === 'add' ? 'Nobody to add.' : tab === 'update' ? 'Nothing to update.' : 'Nobody to remove.'
          }
        />
      </div>
    </section>
  )
}

function GuardSetting() {
  const threshold = useActionsStore((state) => state.plan?.guard.threshold)
  const setGuard = useActionsStore((state) => state.setGuard)
  const [percent, setPercent] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const fieldId = useId()
  if (threshold === undefined) return null
  const shown = percent ?? String(Math.round(threshold * 100))
  return (
    <form
      className="inline"
      // Checked here, with a sentence that says what is wrong, rather than a browser bubble.
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        const value = Number(shown)
        if (shown.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) {
          setProblem(`${shown.trim() || 'An empty value'} is not a share: enter a percentage from 0 to 100.`)
          return
        }
        setProblem(null)
        void setGuard(value / 100).then(() => setPercent(null))
      }}
    >
      <label htmlFor={fieldId}>Deletion guard: withhold removals above</label>
      <input
        id={fieldId}
        type="number"
        min={0}
        max={100}
        step={1}
        className="narrow"
        value={shown}
        onChange={(e) => setPercent(e.target.value)}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${fieldId}-problem` : undefined}
      />
      <span>% of linked users</span>
      <button type="submit" disabled={percent === null}>
        Save
      </button>
      {problem ? (
        <span id={`${fieldId}-problem`} role="alert" className="field-problem">
          {problem}
        </span>
      ) : null}
    </form>
  )
}

export function ActionsScreen() {
  const integrationId = useSessionStore((state) => state.integrationId)
  const status = useActionsStore((state) => state.status)
  const error = useActionsStore((state) => state.error)
  const plan = useActionsStore((state) => state.plan)
  const load = useActionsStore((state) => state.load)
  const exportMapping = useActionsStore((state) => state.exportMapping)
  const exporting = useActionsStore((state) => state.exporting)
  const stamp = useDataStamp()
  const loadMatches = useReviewStore((state) => state.load)
  useEffect(() => {
    // The lists rest on the stored match results: make sure matching has run on the current data first
    // (a no-op when the review screen already did).
    void loadMatches({ stamp }).then(() => load())
  }, [integrationId, stamp, loadMatches, load])
  return (
    <div className="screen">
      <header className="screen-header inline-header">
        <h1>Actions</h1>
        <p className="muted">
          What the customer&apos;s product must do next
          {plan ? `, as of ${formatDateTime(plan.generatedAt)}` : ''}.
        </p>
        <span className="inline">
          <button
            type="button"
            className="primary"
            disabled={exporting !== null}
            aria-busy={exporting === 'mapping-csv'}
            onClick={(event) => {
              if (event.detail <= 1) void exportMapping('csv')
            }}
          >
            Export mapping (CSV)
          </button>
          <button
            type="button"
            disabled={exporting !== null}
            aria-busy={exporting === 'mapping-json'}
            onClick={(event) => {
              if (event.detail <= 1) void exportMapping('json')
            }}
          >
            Export mapping (JSON)
          </button>
        </span>
      </header>
      {error ? <ErrorBox error={error} title="The lists could not be computed" /> : null}
      {status === 'loading' && !plan ? <p role="status">Computing the lists…</p> : null}
      <StaleBanner />
      <GuardBanner />
      <PendingReview />
      <ListView />
      <GuardSetting />
    </div>
  )
}
