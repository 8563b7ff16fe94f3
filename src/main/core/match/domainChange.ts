import type { LegacyUser } from '../../../shared/dto/legacy'
import type { MatchOutput } from '../../../shared/dto/match'
import type { EffectiveDecision } from './decisions'
import { addTo, type MatchableEmployee } from './prepared'
import { parseEmail } from './text'

export interface DomainChangePair {
  user_id: string
  kombo_id: string
}

/**
 * The pairs "accept this whole domain change" would link: each legacy user on `from` (generic mailboxes
 * left out) whose local part exists under `to` for exactly one employee, that employee reached by no other
 * such user, neither side already linked or decided, the pair not rejected before, and the plan's best
 * suggestion for the user being exactly that pair by rule 3.
 */
export function domainChangePairs(
  employeeList: readonly MatchableEmployee[],
  legacyList: readonly LegacyUser[],
  output: MatchOutput,
  decisions: ReadonlyMap<string, EffectiveDecision>,
  from: string,
  to: string,
): DomainChangePair[] {
  const fromDomain = from.trim().toLowerCase()
  const toDomain = to.trim().toLowerCase()
  const settled = new Set<string>()
  const linked = new Set<string>()
  const suggestion = new Map<string, string | null>()
  for (const result of output.results) {
    if (result.status === 'matched' || result.method === 'decision') settled.add(result.user_id)
    if (result.status === 'matched' && result.kombo_id !== null) linked.add(result.kombo_id)
    // Only the plan's own rule-3 suggestion is accepted in bulk; a pair whose other evidence disagrees
    // (a stale hris_id, another name ranked higher) stays for a person to look at.
    if (result.status === 'suggested' && result.method === 'email_domain_change') {
      suggestion.set(result.user_id, result.kombo_id)
    }
  }
  const byLocal = new Map<string, string[]>()
  for (const employee of employeeList) {
    const work = parseEmail(employee.work_email)
    if (work && work.domain === toDomain) addTo(byLocal, work.local, employee.id)
  }
  const claims = new Map<string, string[]>()
  for (const user of legacyList) {
    const email = parseEmail(user.email)
    if (!email || email.domain !== fromDomain || email.generic) continue
    if (settled.has(user.user_id)) continue
    const targets = byLocal.get(email.local) ?? []
    if (targets.length !== 1) continue
    const komboId = targets[0]!
    if (linked.has(komboId) || decisions.get(user.user_id)?.rejected.includes(komboId)) continue
    if (suggestion.get(user.user_id) !== komboId) continue
    addTo(claims, komboId, user.user_id)
  }
  const pairs: DomainChangePair[] = []
  for (const [kombo_id, users] of claims) if (users.length === 1) pairs.push({ user_id: users[0]!, kombo_id })
  return pairs.sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0))
}
