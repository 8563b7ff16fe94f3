import type { DomainMapping } from '../../../../shared/dto/match'
import { useDeferredValue, useMemo } from 'react'
import { formatCount, formatPercent } from '../../lib/format'
import { useReviewStore, type ReviewState } from '../../stores/reviewStore'

/** Suggestions by rule 3 still waiting, per old domain (lower case) and in all. */
interface OpenSuggestions {
  total: number
  byDomain: Map<string, number>
}

function countOpenSuggestions(
  resultByUser: ReviewState['resultByUser'],
  legacyById: ReviewState['legacyById'],
): OpenSuggestions {
  const byDomain = new Map<string, number>()
  let total = 0
  for (const result of resultByUser.values()) {
    if (result.status !== 'suggested' || result.method !== 'email_domain_change') continue
    total++
    const email = (legacyById.get(result.user_id)?.email ?? '').trim().toLowerCase()
    if (email.includes('@')) {
      const domain = email.slice(email.lastIndexOf('@') + 1)
      byDomain.set(domain, (byDomain.get(domain) ?? 0) + 1)
    }
  }
  return { total, byDomain }
}

/**
 * Counted once per change of the rows (ReviewState.rowsVersion), and a render later: walking 100,000
 * results costs tens of milliseconds, which the key press that changed a row must not wait for.
 */
function useOpenSuggestions(): OpenSuggestions {
  const resultByUser = useDeferredValue(useReviewStore((state) => state.resultByUser))
  const legacyById = useDeferredValue(useReviewStore((state) => state.legacyById))
  const version = useDeferredValue(useReviewStore((state) => state.rowsVersion))
  // The rows change in place: the version is what tells this count to run again.
  return useMemo(
    () => (version >= 0 ? countOpenSuggestions(resultByUser, legacyById) : { total: 0, byDomain: new Map() }),
    [resultByUser, legacyById, version],
  )
}

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
  const open = useOpenSuggestions()
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
