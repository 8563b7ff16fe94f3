import { memo } from 'react'
import type { DecisionEvent } from '../../../../shared/dto/match'
import { employeeName, formatCount, formatDateTime, legacyName } from '../../lib/format'
import { useReviewStore } from '../../stores/reviewStore'

/** How many of the latest entries the panel lists; older ones stay in the log and the exports. */
const HISTORY_SHOWN = 50

const KIND_LABEL: Record<DecisionEvent['kind'], string> = {
  accept: 'accepted',
  manual: 'paired by hand',
  reject: 'rejected',
  none: 'no match',
  undo: 'undid',
}

/** One line of the panel: a single decision, or a whole batch (a bulk or domain accept, or its undo). */
type HistoryItem =
  { kind: 'single'; event: DecisionEvent } | { kind: 'batch'; batch: number; events: DecisionEvent[] }

/** Newest first, each batch folded into one line where its latest event stands. */
function historyItems(history: readonly DecisionEvent[]): HistoryItem[] {
  const byBatch = new Map<number, DecisionEvent[]>()
  for (const event of history) {
    if (event.batch == null) continue
    const events = byBatch.get(event.batch) ?? []
    events.push(event)
    byBatch.set(event.batch, events)
  }
  const items: HistoryItem[] = []
  const placed = new Set<number>()
  for (let index = history.length - 1; index >= 0 && items.length < HISTORY_SHOWN; index--) {
    const event = history[index]!
    if (event.batch == null) items.push({ kind: 'single', event })
    else if (!placed.has(event.batch)) {
      placed.add(event.batch)
      items.push({ kind: 'batch', batch: event.batch, events: byBatch.get(event.batch) ?? [] })
    }
  }
  return items
}

/** Memoised: an answer adds one entry, and the entries already listed need not render again. */
const HistoryEntry = memo(function HistoryEntry({
  event,
  undone,
}: {
  event: DecisionEvent
  undone: boolean
}) {
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
})

function BatchEntry({
  batch,
  events,
  undone,
}: {
  batch: number
  events: DecisionEvent[]
  undone: Set<number>
}) {
  const undoBatch = useReviewStore((state) => state.undoBatch)
  const first = events[0]
  if (!first) return null
  const isUndo = events.every((event) => event.kind === 'undo')
  const inForce = events.filter((event) => event.kind !== 'undo' && !undone.has(event.id)).length
  return (
    <li className={!isUndo && inForce === 0 ? 'history-entry undone' : 'history-entry'}>
      <span className="muted small">{formatDateTime(first.created_at)}</span>{' '}
      <span>
        {isUndo
          ? `undid ${formatCount(events.length)} decisions of one step`
          : `accepted ${formatCount(events.length)} suggestions in one step`}{' '}
        <span className="muted">(step {batch})</span>
      </span>{' '}
      {!isUndo && inForce > 0 ? (
        <button type="button" className="link-button" onClick={() => void undoBatch(batch)}>
          Undo all {formatCount(inForce)}
        </button>
      ) : null}
      {!isUndo && inForce === 0 ? <span className="muted small">(undone)</span> : null}
    </li>
  )
}

/** Every decision, newest first, each with its own undo: kept in the database, so it survives a reload. */
export function DecisionHistory() {
  const history = useReviewStore((state) => state.history)
  if (history.length === 0) return null
  const undone = new Set<number>()
  for (const event of history) if (event.kind === 'undo' && event.undoes !== null) undone.add(event.undoes)
  const items = historyItems(history)
  return (
    <details className="card history" aria-label="Decision history">
      <summary>Decision history ({history.length.toLocaleString('en-US')})</summary>
      <ol className="history-list">
        {items.map((item) =>
          item.kind === 'single' ? (
            <HistoryEntry key={item.event.id} event={item.event} undone={undone.has(item.event.id)} />
          ) : (
            <BatchEntry key={`batch-${item.batch}`} batch={item.batch} events={item.events} undone={undone} />
          ),
        )}
      </ol>
      {items.length >= HISTORY_SHOWN ? (
        <p className="muted small">The {HISTORY_SHOWN} latest entries are shown.</p>
      ) : null}
    </details>
  )
}
