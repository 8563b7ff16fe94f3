import { formatCount, formatPercent } from '../../lib/format'
import { useReviewStore } from '../../stores/reviewStore'

/** The old -> new email domains the matcher inferred; accepting one links all its suggestions at once. */
export function DomainMappings() {
  const mappings = useReviewStore((state) => state.summary?.domainMappings)
  const busy = useReviewStore((state) => state.busy)
  const acceptDomain = useReviewStore((state) => state.acceptDomain)
  if (!mappings || mappings.length === 0) return null
  return (
    <section className="domain-strip" aria-label="Email domain changes">
      <h2 className="small-heading">Email domain changes found</h2>
      <ul>
        {mappings.map((mapping) => (
          <li key={`${mapping.from}->${mapping.to}`}>
            <span className="mono">
              {mapping.from} → {mapping.to}
            </span>{' '}
            <span className="muted small">
              {formatCount(mapping.support)} of {formatCount(mapping.total)} users reappear (
              {formatPercent(mapping.total === 0 ? 0 : mapping.support / mapping.total)})
            </span>{' '}
            <button type="button" disabled={busy} onClick={() => void acceptDomain(mapping.from, mapping.to)}>
              Accept all for this domain
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
