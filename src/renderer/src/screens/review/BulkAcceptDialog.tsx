import { useId } from 'react'
import { BULK_ACCEPT_METHODS, type BulkAcceptOutcome } from '../../../../shared/dto/match'
import { Dialog } from '../../components/Dialog'
import { ErrorBox } from '../../components/ErrorBox'
import { formatCount, scoreLabel } from '../../lib/format'
import { bulkCriteria, useBulkAcceptStore, type BulkMethodChoice } from '../../stores/bulkAcceptStore'
import { useReviewStore } from '../../stores/reviewStore'
import { METHOD_LABEL } from './methodLabels'

/** Rows the preview lists in full; beyond, the count says how many more the step links. */
const PREVIEW_ROWS_SHOWN = 500

function Criteria() {
  const id = useId()
  const method = useBulkAcceptStore((state) => state.method)
  const minScore = useBulkAcceptStore((state) => state.minScore)
  const setCriteria = useBulkAcceptStore((state) => state.setCriteria)
  const problem = bulkCriteria(method, minScore)
  return (
    <div className="bulk-criteria">
      <label htmlFor={`${id}-method`}>Suggested by</label>
      <select
        id={`${id}-method`}
        value={method}
        onChange={(event) => void setCriteria({ method: event.target.value as BulkMethodChoice })}
      >
        <option value="any">any method</option>
        {BULK_ACCEPT_METHODS.map((value) => (
          <option key={value} value={value}>
            {METHOD_LABEL[value]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-score`}>Score at least</label>
      <input
        id={`${id}-score`}
        inputMode="decimal"
        placeholder="e.g. 0.90"
        value={minScore}
        aria-invalid={typeof problem === 'string' && minScore.trim() !== ''}
        aria-describedby={`${id}-problem`}
        onChange={(event) => void setCriteria({ minScore: event.target.value })}
      />
      <p
        id={`${id}-problem`}
        className="muted small"
        role={typeof problem === 'string' ? 'alert' : undefined}
      >
        {typeof problem === 'string' ? problem : ''}
      </p>
    </div>
  )
}

function PreviewTable({ preview }: { preview: BulkAcceptOutcome }) {
  const shown = preview.pairs.slice(0, PREVIEW_ROWS_SHOWN)
  return (
    <div className="bulk-preview" tabIndex={0} role="region" aria-label="Pairs to link">
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Legacy user</th>
            <th scope="col">HRIS employee</th>
            <th scope="col">Score</th>
            <th scope="col">Method</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((pair) => (
            <tr key={pair.user_id}>
              <td>
                {pair.user_label || '—'} <span className="muted">#{pair.user_id}</span>
              </td>
              <td>
                {pair.employee_label || '—'} <span className="muted mono">{pair.kombo_id}</span>
              </td>
              <td>{scoreLabel(pair.score)}</td>
              <td>{METHOD_LABEL[pair.method]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.pairs.length > shown.length ? (
        <p className="muted small">
          The first {formatCount(shown.length)} of {formatCount(preview.pairs.length)} pairs are listed.
        </p>
      ) : null}
    </div>
  )
}

/** Accept many suggestions at once: criteria, the exact pairs it will link, then one step to apply. */
export function BulkAcceptDialog() {
  const open = useBulkAcceptStore((state) => state.open)
  const status = useBulkAcceptStore((state) => state.status)
  const preview = useBulkAcceptStore((state) => state.preview)
  const error = useBulkAcceptStore((state) => state.error)
  const close = useBulkAcceptStore((state) => state.close)
  const apply = useBulkAcceptStore((state) => state.apply)
  if (!open) return null
  const count = preview?.pairs.length ?? 0
  return (
    <Dialog title="Accept suggestions in bulk" onClose={close} wide>
      <Criteria />
      {error ? <ErrorBox error={error} title="Not applied" /> : null}
      <p role="status" data-testid="bulk-count">
        {status === 'previewing'
          ? 'Finding the suggestions…'
          : preview
            ? `${formatCount(count)} pairs will be linked in one step.${
                preview.skipped > 0
                  ? ` ${formatCount(preview.skipped)} are left out: their employee is linked or suggested for another user too.`
                  : ''
              }`
            : ''}
      </p>
      {preview && count > 0 ? <PreviewTable preview={preview} /> : null}
      <div className="inline end">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={status !== 'ready' || count === 0}
          onClick={() => void apply()}
        >
          {status === 'applying' ? 'Linking…' : `Link ${formatCount(count)} pairs`}
        </button>
      </div>
    </Dialog>
  )
}

/** Opens the bulk dialog with the list's own narrowing as the starting criteria. */
export function BulkAcceptButton() {
  const start = useBulkAcceptStore((state) => state.start)
  const suggested = useReviewStore((state) => state.counts.suggested)
  const partial = useReviewStore((state) => state.partial)
  return (
    <button
      type="button"
      disabled={suggested === 0 || partial}
      onClick={() => {
        const { view } = useReviewStore.getState()
        const method = (BULK_ACCEPT_METHODS as readonly string[]).includes(view.method)
          ? (view.method as BulkMethodChoice)
          : 'any'
        const minScore = view.band === 'high' ? '0.90' : view.band === 'medium' ? '0.70' : ''
        void start({ method, minScore: method === 'any' && minScore === '' ? '0.90' : minScore })
      }}
    >
      Accept in bulk…
    </button>
  )
}
