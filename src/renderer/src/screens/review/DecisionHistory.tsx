import type { DecisionEvent } from '../../../../shared/dto/match'
import { employeeName, formatDateTime, legacyName } from '../../lib/format'
import { useReviewStore } from '../../stores/reviewStore'

/** How many of the latest decisions the panel lists; older ones stay in the log and the exports. */
const HISTORY_SHOWN = 50

const KIND_LABEL: Record<DecisionEvent['kind'], string> = {
  accept: 'accepted',
  manual: 'paired by hand',
  reject: 'rejected',
  none: 'no match',
  undo: 'undid',
}

function HistoryEntry({ event, undone }: { event: DecisionEvent; undone: boolean }) {
  const user = useReviewStore((state) => state.legacyById.get(event.user_id))
  const employee = useReviewStore((state) =>
    event.kombo_id ? state.employeeById.get(event.kombo_id) : undefined,
  )
  const undoEvent = useReviewStore((state) => state.undoEvent)
  return (
    <li className={undone ? 'history-entry undone' : 'history-entry'}>
      <span className="muted small">{formatDateTime(event.created_at)}</span>{' '}
      <span>
        {legacyName(user)} <span className="muted">#{event.user_id}</span>: {KIND_LABEL[event.kind]}
        {event.kind === 'undo' ? ` decision ${event.undoes ?? ''}` : ''}
        {event.kombo_id && event.kind !== 'undo' ? ` ${employeeName(employee)}` : ''}
      </span>{' '}
      {event.kind !== 'undo' && !undone ? (
        <button type="button" className="link-button" onClick={() => void undoEvent(event)}>
          Undo
        </button>
      ) : null}
      {undone ? <span className="muted small">(undone)</span> : null}
    </li>
  )
}

/** Every decision, newest first, each with its own undo: kept in the database, so it survives a reload. */
export function DecisionHistory() {
  const history = useReviewStore((state) => state.history)
  if (history.length === 0) return null
  const undone = new Set(history.filter((e) => e.kind === 'undo').map((e) => e.undoes))
  const latest = history.slice(-HISTORY_SHOWN).reverse()
  return (
    <details className="card history" aria-label="Decision history">
      <summary>Decision history ({history.length.toLocaleString('en-US')})</summary>
      <ol className="history-list">
        {latest.map((event) => (
          <HistoryEntry key={event.id} event={event} undone={undone.has(event.id)} />
        ))}
      </ol>
      {history.length > HISTORY_SHOWN ? (
        <p className="muted small">
          The {HISTORY_SHOWN} latest of {history.length} decisions are shown.
        </p>
      ) : null}
    </details>
  )
}
