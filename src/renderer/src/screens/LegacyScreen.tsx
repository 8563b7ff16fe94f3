import { useEffect, useId, useRef, useState, type DragEvent } from 'react'
import { LEGACY_ROLES, type LegacyRole } from '../../../shared/dto/legacy'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { formatCount } from '../lib/format'
import { useLegacyStore, type ColumnMap } from '../stores/legacyStore'
import { useSessionStore } from '../stores/sessionStore'

const ROLE_LABEL: Record<LegacyRole, string> = {
  user_id: 'User id',
  email: 'Email',
  first_name: 'First name',
  last_name: 'Last name',
  full_name: 'Full name',
  hris_id: 'HRIS id',
  private_email: 'Private email',
  status: 'Status',
}

/** Stable empties for selectors: a fresh [] or {} per read would re-render without end. */
const NO_HEADERS: string[] = []
const NO_COLUMN_MAP: ColumnMap = {}

const DELIMITER_LABEL: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }

function DropZone() {
  const importing = useLegacyStore((state) => state.importing)
  const importFile = useLegacyStore((state) => state.importFile)
  const [dragging, setDragging] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const inputId = useId()

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    const file = event.dataTransfer.files[0]
    if (file) void importFile(file)
  }

  return (
    <div
      className={dragging ? 'dropzone dragging' : 'dropzone'}
      onDragOver={(event) => {
        event.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      aria-busy={importing}
    >
      <p>
        <strong>Drop the customer&apos;s user export here</strong> (CSV, any common encoding or delimiter)
      </p>
      <p>
        <label htmlFor={inputId} className="button-like">
          Choose CSV file…
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="sr-only"
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          disabled={importing}
          onChange={(event) => {
            const file = event.target.files?.[0]
            if (file) void importFile(file)
            // Choosing the same file again after fixing it must fire change again.
            if (inputRef.current) inputRef.current.value = ''
          }}
        />
      </p>
      {importing ? (
        <p role="status" className="muted">
          Reading and checking the file…
        </p>
      ) : null}
    </div>
  )
}

/** Lets the specialist say which column plays which role, then imports the same file again. */
function ColumnMapForm({ initial, which }: { initial: ColumnMap; which: 'imported' | 'refused' }) {
  const headers = useLegacyStore((state) =>
    which === 'refused' ? (state.refused?.headers ?? NO_HEADERS) : state.headers,
  )
  const importing = useLegacyStore((state) => state.importing)
  const reimport = useLegacyStore((state) => state.reimport)
  const [map, setMap] = useState<ColumnMap>(initial)
  const formId = useId()
  if (headers.length === 0) return null
  return (
    <form
      className="column-map"
      aria-label="Choose columns"
      onSubmit={(event) => {
        event.preventDefault()
        void reimport(map, which)
      }}
    >
      <div className="column-map-grid">
        {LEGACY_ROLES.map((role) => (
          <div key={role} className="field">
            <label htmlFor={`${formId}-${role}`}>{ROLE_LABEL[role]}</label>
            <select
              id={`${formId}-${role}`}
              value={map[role] ?? ''}
              onChange={(event) => setMap({ ...map, [role]: event.target.value || undefined })}
            >
              <option value="">{role === 'user_id' ? '(choose)' : '(detect / none)'}</option>
              {headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <button type="submit" disabled={importing}>
        Import again with these columns
      </button>
    </form>
  )
}

function ImportSummary() {
  const summary = useLegacyStore((state) => state.summary)
  const go = useSessionStore((state) => state.go)
  if (!summary) return null
  const roles = Object.entries(summary.columns) as [LegacyRole, string][]
  return (
    <section className="card" aria-labelledby="import-summary-title">
      <h2 id="import-summary-title">Imported {summary.fileName}</h2>
      <dl className="stats">
        <div>
          <dt>Users</dt>
          <dd data-testid="import-rows">{formatCount(summary.rows)}</dd>
        </div>
        <div>
          <dt>Encoding</dt>
          <dd data-testid="import-encoding">{summary.encoding}</dd>
        </div>
        <div>
          <dt>Delimiter</dt>
          <dd data-testid="import-delimiter">
            {DELIMITER_LABEL[summary.delimiter] ?? JSON.stringify(summary.delimiter)}
          </dd>
        </div>
        <div>
          <dt>New / gone since last import</dt>
          <dd>
            +{formatCount(summary.usersAdded)} / −{formatCount(summary.usersRemoved)}
          </dd>
        </div>
        <div>
          <dt>Decisions kept / set aside</dt>
          <dd>
            {formatCount(summary.decisionsKept)} / {formatCount(summary.decisionsDropped)}
          </dd>
        </div>
      </dl>
      <h3>Detected columns</h3>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Column in the file</th>
          </tr>
        </thead>
        <tbody>
          {roles.map(([role, header]) => (
            <tr key={role}>
              <td>{ROLE_LABEL[role]}</td>
              <td>
                <code>{header}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.extraColumns.length > 0 ? (
        <p className="muted small">Kept aside, not used for matching: {summary.extraColumns.join(', ')}</p>
      ) : null}
      <details className="adjust-columns">
        <summary>Columns detected wrongly? Choose them by hand</summary>
        <ColumnMapForm initial={summary.columns} which="imported" />
      </details>
      <button type="button" className="primary" onClick={() => go('review')}>
        Review matches
      </button>
    </section>
  )
}

/** Asks before an import sets review decisions aside; Cancel leaves the current import as it is. */
function DecisionsAtRiskDialog() {
  const held = useLegacyStore((state) => state.decisionsAtRisk)
  const confirm = useLegacyStore((state) => state.confirmDropDecisions)
  const cancel = useLegacyStore((state) => state.cancelDropDecisions)
  if (!held) return null
  return (
    <Dialog title={`Set aside the decisions of ${formatCount(held.users)} users?`} onClose={cancel}>
      <p>{held.message}</p>
      <p className="muted">
        Nothing has been imported yet. The decisions are not deleted: they apply again when these users return
        in a later import.
      </p>
      <div className="inline end">
        <button type="button" onClick={cancel}>
          Cancel, keep the current import
        </button>
        <button type="button" className="danger" onClick={() => void confirm()}>
          Import {held.file.name} and set them aside
        </button>
      </div>
    </Dialog>
  )
}

/** Asks before an import leaves out many of the previous import's users (a cut-off or filtered export). */
function ShrinkAtRiskDialog() {
  const held = useLegacyStore((state) => state.shrinkAtRisk)
  const confirm = useLegacyStore((state) => state.confirmShrink)
  const cancel = useLegacyStore((state) => state.cancelShrink)
  if (!held) return null
  return (
    <Dialog
      title={`${held.file.name} leaves out ${formatCount(held.usersRemoved)} of ${formatCount(held.previousUsers)} users`}
      onClose={cancel}
    >
      <p>{held.message}</p>
      <p className="muted">
        Nothing has been imported yet. A file cut off or filtered by mistake would turn these users into
        removals; import it only if the users really left.
      </p>
      <div className="inline end">
        <button type="button" onClick={cancel}>
          Cancel, keep the current import
        </button>
        <button type="button" className="danger" onClick={() => void confirm()}>
          Import {held.file.name} without them
        </button>
      </div>
    </Dialog>
  )
}

/** Problem rows the refusal table shows; a file with a million bad rows is summed up, not rendered whole. */
const SHOWN_PROBLEMS = 100

function RefusalReport() {
  const refusal = useLegacyStore((state) => state.refusal)
  const columnMap = useLegacyStore((state) => state.refused?.columnMap ?? NO_COLUMN_MAP)
  if (!refusal) return null
  return (
    <section className="card refused" aria-labelledby="refusal-title">
      <h2 id="refusal-title">{refusal.fileName} was refused</h2>
      <p role="alert">{refusal.message}</p>
      <p className="muted">
        Nothing was imported; the previous import stays in place.{' '}
        {refusal.columnsUnclear
          ? 'Choose the columns below, or fix the file and import it again.'
          : 'Fix these rows and import the file again.'}
      </p>
      {refusal.columnsUnclear ? <ColumnMapForm initial={columnMap} which="refused" /> : null}
      {refusal.problems.length > 0 ? (
        <div className="table-scroll tall">
          <table className="table compact" aria-label="Problem rows">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {refusal.problems.slice(0, SHOWN_PROBLEMS).map((problem, index) => (
                <tr key={`${problem.line}-${index}`}>
                  <td className="num">{problem.line}</td>
                  <td>{problem.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {refusal.problems.length > SHOWN_PROBLEMS ? (
            <p className="muted small">
              … and {formatCount(refusal.problems.length - SHOWN_PROBLEMS)} more problems; the command line
              lists them all with --report FILE.
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}

export function LegacyScreen() {
  const integrationId = useSessionStore((state) => state.integrationId)
  const error = useLegacyStore((state) => state.error)
  const userCount = useLegacyStore((state) => state.userCount)
  const loadCount = useLegacyStore((state) => state.loadCount)
  const importSample = useLegacyStore((state) => state.importSample)
  const importing = useLegacyStore((state) => state.importing)
  const demo = useSessionStore((state) => state.info?.demo ?? false)
  useEffect(() => {
    void loadCount()
  }, [integrationId, loadCount])
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Legacy import</h1>
        <p className="muted">
          The customer&apos;s existing users, as exported from your product.{' '}
          {userCount !== null ? `${formatCount(userCount)} users imported so far.` : ''}
        </p>
      </header>
      <DropZone />
      {demo ? (
        <p className="muted">
          No export at hand?{' '}
          <button type="button" disabled={importing} onClick={() => void importSample()}>
            Import a sample export of the demo company
          </button>
        </p>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      <DecisionsAtRiskDialog />
      <ShrinkAtRiskDialog />
      <RefusalReport />
      <ImportSummary />
    </div>
  )
}
