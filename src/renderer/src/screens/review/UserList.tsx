import { useId } from 'react'
import { VirtualList } from '../../components/VirtualList'
import { legacyName, scoreLabel } from '../../lib/format'
import { useReviewStore } from '../../stores/reviewStore'

/** Two lines of text plus padding; fixed so the virtualiser never has to measure. */
const USER_ROW_HEIGHT = 52

function UserRow({ userId }: { userId: string }) {
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
      <div className="row-sub">
        <span className="mono">{user?.email ?? user?.private_email ?? '—'}</span>
        <span className="muted">#{userId}</span>
      </div>
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
      <VirtualList
        label="Legacy users"
        idPrefix="legacy-row"
        ids={visibleUserIds}
        rowHeight={USER_ROW_HEIGHT}
        selectedId={selectedUserId}
        onSelect={select}
        renderRow={(id) => <UserRow userId={id} />}
        empty="No users with this status."
      />
    </section>
  )
}
