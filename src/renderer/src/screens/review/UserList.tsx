import { memo, useId } from 'react'
import { VirtualList } from '../../components/VirtualList'
import type { MatchMethod } from '../../../../shared/dto/match'
import { employeeName, legacyName, scoreLabel } from '../../lib/format'
import { useReviewStore, type DecidedFilter, type ScoreBand, type UserSort } from '../../stores/reviewStore'
import { METHOD_LABEL } from './methodLabels'

/** Three lines of text plus padding; fixed so the virtualiser never has to measure. */
const USER_ROW_HEIGHT = 70

/** The proposal in one line: whom, how sure, by what evidence; or why there is none. */
function Proposal({ userId }: { userId: string }) {
  const result = useReviewStore((state) => state.resultByUser.get(userId))
  const employee = useReviewStore((state) =>
    result?.kombo_id ? state.employeeById.get(result.kombo_id) : undefined,
  )
  if (!result) return <span className="muted">not matched yet</span>
  if (result.status === 'unmatched') {
    if (result.method === 'decision') return <span>decided: no match</span>
    return (
      <span className="muted">
        {result.candidates.length > 0 || (result.candidateCount ?? 0) > 0
          ? 'only weak candidates'
          : 'nothing found'}
      </span>
    )
  }
  return (
    <span>
      → {employeeName(employee)} · {scoreLabel(result.score)} · {METHOD_LABEL[result.method]}
    </span>
  )
}

/** Memoised: a row renders again when its own store values change, not whenever the list does. */
const UserRow = memo(function UserRow({ userId }: { userId: string }) {
  const user = useReviewStore((state) => state.legacyById.get(userId))
  const result = useReviewStore((state) => state.resultByUser.get(userId))
  return (
    <div className="row-body">
      <div className="row-main">
        <span className="row-title">{legacyName(user)}</span>
        {result && result.conflicts.length > 0 ? (
          <span className="conflict-mark" title={result.conflicts.join('; ')} aria-label="has conflicts">
            !
          </span>
        ) : null}
        {result ? (
          <span className={`badge badge-${result.status}`}>
            {result.status}
            {result.status === 'suggested' ? ` ${scoreLabel(result.score)}` : ''}
          </span>
        ) : null}
      </div>
      <div className="row-sub row-proposal">
        <Proposal userId={userId} />
      </div>
      <div className="row-sub">
        <span className="mono">{user?.email ?? user?.private_email ?? '—'}</span>
        <span className="muted">#{userId}</span>
      </div>
    </div>
  )
})

/** One function for every render, so the list's memoised rows see the same props. */
const renderUserRow = (id: string) => <UserRow userId={id} />

const METHODS: (MatchMethod | 'any')[] = [
  'any',
  'remote_id',
  'work_email',
  'email_domain_change',
  'fuzzy',
  'decision',
  'none',
]

/** Narrow and order the list the way reviewers triage: by evidence, by certainty, conflicts first. */
function ListControls() {
  const view = useReviewStore((state) => state.view)
  const setView = useReviewStore((state) => state.setView)
  const id = useId()
  return (
    <div className="list-controls">
      <label htmlFor={`${id}-method`}>Method</label>
      <select
        id={`${id}-method`}
        value={view.method}
        onChange={(event) => setView({ method: event.target.value as MatchMethod | 'any' })}
      >
        {METHODS.map((method) => (
          <option key={method} value={method}>
            {method === 'any' ? 'any' : METHOD_LABEL[method]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-band`}>Score</label>
      <select
        id={`${id}-band`}
        value={view.band}
        onChange={(event) => setView({ band: event.target.value as ScoreBand })}
      >
        <option value="any">any</option>
        <option value="high">0.90 and up</option>
        <option value="medium">0.70–0.89</option>
        <option value="low">below 0.70</option>
      </select>
      <label htmlFor={`${id}-decided`}>Decided</label>
      <select
        id={`${id}-decided`}
        value={view.decided}
        onChange={(event) => setView({ decided: event.target.value as DecidedFilter })}
      >
        <option value="any">any</option>
        <option value="decided">by you</option>
        <option value="undecided">not yet</option>
      </select>
      <label htmlFor={`${id}-sort`}>Sort</label>
      <select
        id={`${id}-sort`}
        value={view.sort}
        onChange={(event) => setView({ sort: event.target.value as UserSort })}
      >
        <option value="file">file order</option>
        <option value="score-desc">score, high first</option>
        <option value="score-asc">score, low first</option>
        <option value="name">last name</option>
      </select>
      <label className="inline-check">
        <input
          type="checkbox"
          checked={view.conflictsOnly}
          onChange={(event) => setView({ conflictsOnly: event.target.checked })}
        />
        conflicts only
      </label>
    </div>
  )
}

export function UserList() {
  const visibleUserIds = useReviewStore((state) => state.visibleUserIds)
  const selectedUserId = useReviewStore((state) => state.selectedUserId)
  const userQuery = useReviewStore((state) => state.userQuery)
  const select = useReviewStore((state) => state.select)
  const setUserQuery = useReviewStore((state) => state.setUserQuery)
  const fieldId = useId()
  return (
    <section className="pane" aria-labelledby={`${fieldId}-title`}>
      <header className="pane-header">
        <h2 id={`${fieldId}-title`}>Legacy users</h2>
        <span className="muted small">{visibleUserIds.length.toLocaleString()} shown</span>
      </header>
      <label htmlFor={fieldId} className="sr-only">
        Filter legacy users
      </label>
      <input
        id={fieldId}
        type="search"
        className="pane-filter"
        placeholder="Filter by name, email or id"
        value={userQuery}
        onChange={(event) => setUserQuery(event.target.value)}
      />
      <ListControls />
      <VirtualList
        label="Legacy users"
        idPrefix="legacy-row"
        ids={visibleUserIds}
        rowHeight={USER_ROW_HEIGHT}
        selectedId={selectedUserId}
        onSelect={select}
        renderRow={renderUserRow}
        empty="No users with this status."
      />
    </section>
  )
}
