import type { DomainMapping } from '../../../../shared/dto/match'
import { formatCount, formatPercent } from '../../lib/format'
import { useReviewStore, type ReviewState } from '../../stores/reviewStore'

/**
 * Suggestions by rule 3 still waiting, per old domain (lower case) and in all. Counted once per change
 * of the rows (ReviewState.rowsVersion): the store runs its selectors on each update (each key press),
 * and walking 100,000 results there would cost every interaction tens of milliseconds.
 */
interface OpenSuggestions {
  version: number
  total: number
  byDomain: Map<string, number>
}
const openByDomainCache = new WeakMap<ReviewState['resultByUser'], OpenSuggestions>()

function openDomainSuggestions(state: ReviewState): OpenSuggestions {
  const cached = openByDomainCache.get(state.resultByUser)
  if (cached?.version === state.rowsVersion) return cached
  const byDomain = new Map<string, number>()
  let total = 0
  for (const result of state.resultByUser.values()) {
    if (result.status !== 'suggested' || result.method !== 'email_domain_change') continue
    total++
    const email = (state.legacyById.get(result.user_id)?.email ?? '').trim().toLowerCase()
    const domain = email.slice(email.lastIndexOf('@') + 1)
    if (email.includes('@')) byDomain.set(domain, (byDomain.get(domain) ?? 0) + 1)
  }
  const counted = { version: state.rowsVersion, total, byDomain }
  openByDomainCache.set(state.resultByUser, counted)
  return counted
}

/** Suggestions still waiting that a domain's "accept all" would link: users on `from` suggested by rule 3. */
function useOpenDomainSuggestions(from: string): number {
  return useReviewStore((state) => openDomainSuggestions(state).byDomain.get(from.toLowerCase()) ?? 0)
}

function DomainMappingItem({ mapping }: { mapping: DomainMapping }) {
  const busy = useReviewStore((state) => state.busy)
  const partial = useReviewStore((state) => state.partial)
  const acceptDomain = useReviewStore((state) => state.acceptDomain)
  const open = useOpenDomainSuggestions(mapping.from)
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
  const open = useReviewStore((state) => openDomainSuggestions(state).total)
  if (!mappings || mappings.length === 0 || open === 0) return null
  return (
    <section className="domain-strip" aria-label="Email domain changes">
      <h2 className="small-heading">Email domain changes found</h2>
      <ul>
        {mappings.map((mapping) => (
          <DomainMappingItem key={`${mapping.from}->${mapping.to}`} mapping={mapping} />
        ))}
      </ul>
    </section>
  )
}
