import { useEffect, useRef, type RefObject } from 'react'
import { ErrorBox } from '../components/ErrorBox'
import { isTypingTarget } from '../lib/keyboard'
import { formatCount } from '../lib/format'
import { useDataStamp } from '../lib/useDataStamp'
import { useReviewStore, type UserFilter } from '../stores/reviewStore'
import { useSessionStore } from '../stores/sessionStore'
import { BulkAcceptButton, BulkAcceptDialog } from './review/BulkAcceptDialog'
import { ComparePanel } from './review/ComparePanel'
import { DecisionHistory } from './review/DecisionHistory'
import { DomainMappings } from './review/DomainMappings'
import { EmployeeList } from './review/EmployeeList'
import { UserList } from './review/UserList'

const FILTERS: { value: UserFilter; label: string }[] = [
  { value: 'suggested', label: 'Suggested' },
  { value: 'unmatched', label: 'Unmatched' },
  { value: 'matched', label: 'Matched' },
  { value: 'all', label: 'All' },
]

function FilterTabs() {
  const filter = useReviewStore((state) => state.filter)
  const counts = useReviewStore((state) => state.counts)
  const setFilter = useReviewStore((state) => state.setFilter)
  return (
    <div className="segmented" role="radiogroup" aria-label="Show legacy users">
      {FILTERS.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={filter === option.value}
          className={filter === option.value ? 'active' : undefined}
          onClick={() => setFilter(option.value)}
        >
          {option.label} <span className="count">{formatCount(counts[option.value])}</span>
        </button>
      ))}
    </div>
  )
}

/** Review shortcuts; single letters are ignored while typing in a field. */
function useReviewShortcuts(searchRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (
        event.defaultPrevented ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        isTypingTarget(event.target) ||
        // A dialog is open over the review (a bulk preview): its keys are its own.
        document.querySelector('[aria-modal="true"]') !== null
      )
        return
      const review = useReviewStore.getState()
      const actions: Record<string, () => void> = {
        j: () => review.move(1),
        ArrowDown: () => review.move(1),
        k: () => review.move(-1),
        ArrowUp: () => review.move(-1),
        a: () => void review.accept({ repeat: event.repeat }),
        r: () => void review.reject({ repeat: event.repeat }),
        n: () => void review.noMatch({ repeat: event.repeat }),
        u: () => void review.undo(),
        '/': () => searchRef.current?.focus(),
      }
      const action = actions[event.key]
      if (!action) return
      event.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [searchRef])
}

export function ReviewScreen() {
  const integrationId = useSessionStore((state) => state.integrationId)
  const status = useReviewStore((state) => state.status)
  const error = useReviewStore((state) => state.error)
  const load = useReviewStore((state) => state.load)
  const counts = useReviewStore((state) => state.counts)
  const partial = useReviewStore((state) => state.partial)
  const go = useSessionStore((state) => state.go)
  const searchRef = useRef<HTMLInputElement>(null)

  // New employees or a new export change every result: a new stamp reloads (keeping the selection).
  const stamp = useDataStamp()
  useEffect(() => {
    void load({ stamp })
  }, [integrationId, stamp, load])

  useReviewShortcuts(searchRef)

  return (
    <div className="screen review-screen">
      <header className="screen-header inline-header">
        <h1>Review</h1>
        <FilterTabs />
        <button
          type="button"
          onClick={() => void load({ force: true, stamp, rematch: true })}
          disabled={status === 'loading'}
        >
          {status === 'loading' ? 'Matching…' : 'Re-run matching'}
        </button>
        <BulkAcceptButton />
        <p className="muted small shortcuts">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> accept · <kbd>r</kbd> reject · <kbd>n</kbd> no match ·{' '}
          <kbd>u</kbd> undo · <kbd>/</kbd> search
        </p>
      </header>
      {error ? <ErrorBox error={error} title="Matching could not run" /> : null}
      {status === 'ready' && counts.all === 0 ? (
        <div className="callout callout-info" role="note">
          No legacy users to review yet: import the customer&apos;s user export first.{' '}
          <button type="button" onClick={() => go('legacy')}>
            Go to legacy import
          </button>
        </div>
      ) : null}
      <DomainMappings />
      {status === 'loading' && !error ? (
        <p role="status" className="muted" data-testid="review-loading">
          {partial
            ? `Showing the first rows; loading all ${formatCount(counts.all)} legacy users…`
            : 'Matching legacy users to employees…'}
        </p>
      ) : null}
      <div className="review-grid">
        <UserList />
        <ComparePanel />
        <EmployeeList searchRef={searchRef} />
      </div>
      <DecisionHistory />
      <BulkAcceptDialog />
    </div>
  )
}
