import type { DomainMapping } from '../../../../shared/dto/match'
import { formatCount, formatPercent } from '../../lib/format'
import { useReviewStore } from '../../stores/reviewStore'

function DomainMappingItem({ mapping, open }: { mapping: DomainMapping; open: number }) {
  const busy = useReviewStore((state) => state.busy)
  const partial = useReviewStore((state) => state.partial)
  const acceptDomain = useReviewStore((state) => state.acceptDomain)
  // Accepted already (or nothing left to accept): the offer goes away rather than doing nothing.
  if (open === 0) return null
  return (
    <li>
      <span className="mono">
        {mapping.from} → {mapping.to}
      </span>{' '}
      <span className="muted small">
        {formatCount(mapping.support)} of {formatCount(mapping.total)} users reappear (
        {formatPercent(mapping.total === 0 ? 0 : mapping.support / mapping.total)}); {formatCount(open)}{' '}
        suggestions wait
      </span>{' '}
      <button
        type="button"
        disabled={busy || partial}
        onClick={() => void acceptDomain(mapping.from, mapping.to)}
      >
        {busy ? 'Accepting…' : 'Accept all for this domain'}
      </button>
    </li>
  )
}

/** The old -> new email domains the matcher inferred; accepting one links all its suggestions at once. */
export function DomainMappings() {
  const mappings = useReviewStore((state) => state.summary?.domainMappings)
  // Kept up to date by the store for the rows each decision changes (stores/review/domainOffers.ts).
  const open = useReviewStore((state) => state.openDomainSuggestions)
  if (!mappings || mappings.length === 0 || open.total === 0) return null
  return (
    <section className="domain-strip" aria-label="Email domain changes">
      <h2 className="small-heading">Email domain changes found</h2>
      <ul>
        {mappings.map((mapping) => (
          <DomainMappingItem
            key={`${mapping.from}->${mapping.to}`}
            mapping={mapping}
            open={open.byDomain.get(mapping.from.toLowerCase()) ?? 0}
          />
        ))}
      </ul>
    </section>
  )
}
