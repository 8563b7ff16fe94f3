import type { LegacyUser } from '../../../../shared/dto/legacy'
import type { MatchResult } from '../../../../shared/dto/match'

/**
 * Suggestions by the domain-change rule still waiting, per old domain (lower case) and in all: what the
 * "Accept all for this domain" offers rest on. Counted over every row when the list is loaded, then kept
 * up to date for the rows a decision changes, so a key press at 100,000 users does not walk them all.
 */
export interface OpenDomainSuggestions {
  total: number
  byDomain: Map<string, number>
}

export const NO_DOMAIN_SUGGESTIONS: OpenDomainSuggestions = { total: 0, byDomain: new Map() }

/** The row's old domain when it is an open domain-change suggestion ('' without one), else null. */
function openSuggestionDomain(result: MatchResult, legacyById: Map<string, LegacyUser>): string | null {
  if (result.status !== 'suggested' || result.method !== 'email_domain_change') return null
  const email = (legacyById.get(result.user_id)?.email ?? '').trim().toLowerCase()
  return email.includes('@') ? email.slice(email.lastIndexOf('@') + 1) : ''
}

function add(into: OpenDomainSuggestions, domain: string | null, step: 1 | -1): void {
  if (domain === null) return
  into.total += step
  if (domain !== '') into.byDomain.set(domain, (into.byDomain.get(domain) ?? 0) + step)
}

export function countOpenDomainSuggestions(
  results: Iterable<MatchResult>,
  legacyById: Map<string, LegacyUser>,
): OpenDomainSuggestions {
  const counted: OpenDomainSuggestions = { total: 0, byDomain: new Map() }
  for (const result of results) add(counted, openSuggestionDomain(result, legacyById), 1)
  return counted
}

/** The counts after some rows changed (each with what it was before, if it was there). */
export function openDomainSuggestionsAfter(
  current: OpenDomainSuggestions,
  changes: readonly { before: MatchResult | undefined; after: MatchResult }[],
  legacyById: Map<string, LegacyUser>,
): OpenDomainSuggestions {
  const next: OpenDomainSuggestions = { total: current.total, byDomain: new Map(current.byDomain) }
  for (const { before, after } of changes) {
    if (before) add(next, openSuggestionDomain(before, legacyById), -1)
    add(next, openSuggestionDomain(after, legacyById), 1)
  }
  return next
}
