import type { DomainMapping } from '../../../shared/dto/match'
import { isPublicMailDomain, type ParsedEmail } from './text'

/**
 * A legacy domain is taken for a company domain that moved only when at least this many of its users
 * reappear under another domain: one or two coincidences (jane@agency.com, jane@acme.com) are what a
 * contractor's one-off domain looks like.
 */
export const DOMAIN_MIN_SUPPORT = 3
/**
 * ...and when most of its unmatched users reappear there ("overwhelmingly", per Kombo's guidance that a
 * prefix match is "not a 100% reliable operation"): 60% keeps a partly-migrated domain while rejecting a
 * domain whose users only now and then share a local part with someone at the company.
 */
export const DOMAIN_MIN_SHARE = 0.6

/** What inferring domain moves reads of the employees' work addresses. */
export interface WorkAddresses {
  /** Whether some employee's work address is exactly this one (generic mailboxes included). */
  has(full: string): boolean
  /** The distinct domains under which employees' non-generic work addresses have this local part. */
  domainsOf(local: string): Iterable<string> | undefined
}

/**
 * Infers old -> new email domains from the data: for each legacy domain, how many of its users (those whose
 * address matched no employee exactly, generic mailboxes left out) find their local part again under an HRIS
 * domain. Public mailbox providers are never company domains.
 */
export function inferDomainMappings(
  legacyEmails: readonly (ParsedEmail | null)[],
  employeeEmails: readonly (ParsedEmail | null)[],
): DomainMapping[] {
  const exactAddresses = new Set<string>()
  const domainsByLocal = new Map<string, Set<string>>()
  for (const email of employeeEmails) {
    if (!email) continue
    exactAddresses.add(email.full)
    if (email.generic) continue
    let domains = domainsByLocal.get(email.local)
    if (!domains) domainsByLocal.set(email.local, (domains = new Set()))
    domains.add(email.domain)
  }
  return inferDomainMappingsFrom(legacyEmails, {
    has: (full) => exactAddresses.has(full),
    domainsOf: (local) => domainsByLocal.get(local),
  })
}

/**
 * The same inference over indexes the caller already holds (a match's prepared context indexes every work
 * address and local part, so it need not build a second copy of each for 100,000 employees).
 */
export function inferDomainMappingsFrom(
  legacyEmails: readonly (ParsedEmail | null)[],
  work: WorkAddresses,
): DomainMapping[] {
  const totals = new Map<string, number>()
  const supports = new Map<string, Map<string, number>>()
  for (const email of legacyEmails) {
    if (!email || work.has(email.full) || email.generic) continue
    if (isPublicMailDomain(email.domain)) continue
    totals.set(email.domain, (totals.get(email.domain) ?? 0) + 1)
    const targets = work.domainsOf(email.local)
    if (!targets) continue
    let byTarget = supports.get(email.domain)
    if (!byTarget) supports.set(email.domain, (byTarget = new Map()))
    for (const target of targets) {
      if (target !== email.domain) byTarget.set(target, (byTarget.get(target) ?? 0) + 1)
    }
  }

  const mappings: DomainMapping[] = []
  for (const [from, byTarget] of supports) {
    const total = totals.get(from) ?? 0
    for (const [to, support] of byTarget) {
      if (support >= DOMAIN_MIN_SUPPORT && support / total >= DOMAIN_MIN_SHARE) {
        mappings.push({ from, to, support, total })
      }
    }
  }
  return mappings.sort(
    (x, y) => y.support - x.support || x.from.localeCompare(y.from) || x.to.localeCompare(y.to),
  )
}
