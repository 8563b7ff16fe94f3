import type { MatchMethod } from '../../../shared/dto/match'
import type { EffectiveDecision } from './decisions'
import { nameSimilarity } from './nameComparison'
import { NAME_CONTRADICTION_LIMIT, type PairStore } from './pairs'
import { addTo, sameLocalPart, type Context, type LegacyEntry } from './prepared'

/**
 * A stored HRIS id equal to the employee's remote_id or personnel number links on its own when the name
 * agrees at least this well (the same person's name, allowing a nickname, a typo or a transliteration):
 * the id tells same-name colleagues apart, and the name confirms it is not a stale id.
 */
const NAME_CONFIRMS_ID = 0.85

/**
 * Another employee whose name fits the legacy user at least this well (and within NAMESAKE_MARGIN of the
 * linked one) makes the name unable to confirm an hris_id-only link whose name agrees only partly.
 */
const NAMESAKE_MIN_SIMILARITY = 0.9
const NAMESAKE_MARGIN = 0.02

/**
 * An automatic link rules 1 and 2 put forward. `namesakes` are other employees the name cannot tell apart
 * from this one when only the hris_id points here; such a link waits for the global pass.
 */
interface Proposal {
  employee: number
  method: MatchMethod
  namesakes: number[]
}

export interface Link {
  employee: number
  method: MatchMethod
}

/** What the links rest on besides the pools. */
export interface LinkInputs {
  context: Context
  legacy: readonly LegacyEntry[]
  store: PairStore
  decisions: ReadonlyMap<string, EffectiveDecision>
  /** Employees by folded "given|family", for namesakes. */
  employeesByNameKey: ReadonlyMap<string, number[]>
  employeeById: ReadonlyMap<string, number>
  /** Per user, the notes a person reads about why it was not linked. */
  conflicts: string[][]
}

/**
 * user -> linked employee: decisions first (they override the cascade; two users decided onto one employee
 * both go to review), then the automatic links of rules 1 and 2 that nothing contests.
 */
export function resolveLinks(inputs: LinkInputs): Map<number, Link> {
  const { context, legacy, decisions, employeeById, conflicts } = inputs
  const employees = context.employees
  const links = new Map<number, Link>()

  const decidedClaims = new Map<number, number[]>()
  legacy.forEach((entry, user) => {
    const decision = decisions.get(entry.user.user_id)
    if (!decision?.link) return
    const employee = employeeById.get(decision.link.kombo_id)
    if (employee === undefined) {
      conflicts[user]!.push(`the decided employee ${decision.link.kombo_id} no longer exists; decide again`)
      return
    }
    addTo(decidedClaims, employee, user)
  })
  for (const [employee, users] of decidedClaims) {
    if (users.length === 1) {
      links.set(users[0]!, { employee, method: 'decision' })
      continue
    }
    const names = users.map((user) => legacy[user]!.user.user_id)
    for (const user of users) {
      conflicts[user]!.push(
        `decisions link several users to this employee (${names.join(', ')}); decide again`,
      )
    }
  }
  const decidedEmployees = new Map<number, number>()
  for (const [user, link] of links) decidedEmployees.set(link.employee, user)

  // Rules 1 and 2 propose automatic links; the global check below keeps only uncontested ones.
  const proposals = new Map<number, number[]>()
  const proposalOf = new Map<number, Proposal>()
  legacy.forEach((entry, user) => {
    const decision = decisions.get(entry.user.user_id)
    const decidedLink = decision?.link ? employeeById.has(decision.link.kombo_id) : false
    if (links.has(user) || decidedLink || decision?.noMatch) return
    const proposal = proposeAutomaticLink(inputs, user, conflicts[user]!)
    if (!proposal) return
    const employeeId = employees[proposal.employee]!.employee.id
    if (decision?.rejected.includes(employeeId)) {
      conflicts[user]!.push(`a specialist rejected ${employeeId} for this user`)
      return
    }
    const decidedFor = decidedEmployees.get(proposal.employee)
    if (decidedFor !== undefined) {
      conflicts[user]!.push(
        `${employeeId} is linked to user ${legacy[decidedFor]!.user.user_id} by a decision`,
      )
      return
    }
    proposalOf.set(user, proposal)
    addTo(proposals, proposal.employee, user)
  })
  const deferred: Array<[number, Proposal]> = []
  for (const [employee, users] of proposals) {
    if (users.length === 1) {
      const proposal = proposalOf.get(users[0]!)!
      if (proposal.namesakes.length === 0) links.set(users[0]!, proposal)
      else deferred.push([users[0]!, proposal])
      continue
    }
    const names = users.map((user) => legacy[user]!.user.user_id).join(', ')
    for (const user of users) {
      conflicts[user]!.push(`several users point to ${employees[employee]!.employee.id} (${names})`)
    }
  }
  settleDeferred(inputs, links, deferred)
  return links
}

/**
 * An hris_id-only link to someone with namesakes stands once every namesake is linked to another user (by
 * a decision or a link the email confirms): links are one-to-one, so the id cannot be a stale pointer at
 * one of them. Otherwise a person decides. Only links made before this pass count, so the outcome does not
 * depend on the order of the deferred links.
 */
function settleDeferred(
  inputs: LinkInputs,
  links: Map<number, Link>,
  deferred: ReadonlyArray<[number, Proposal]>,
): void {
  const linkedBefore = new Map<number, number>()
  for (const [user, link] of links) linkedBefore.set(link.employee, user)
  for (const [user, proposal] of deferred) {
    const settled = proposal.namesakes.every((namesake) => {
      const owner = linkedBefore.get(namesake)
      return owner !== undefined && owner !== user
    })
    if (settled) links.set(user, proposal)
    else {
      const employees = inputs.context.employees
      const names = proposal.namesakes.map((namesake) => employees[namesake]!.employee.id).join(', ')
      inputs.conflicts[user]!.push(`same name as ${names}; only the hris_id tells them apart`)
    }
  }
}

/** The identifiers of one user: the employees its hris_id and work email point to, and whether uniquely. */
function identifierTargets(context: Context, entry: LegacyEntry, notes: string[]) {
  const byRemote = entry.hrisId !== null ? context.remoteIndex.get(entry.hrisId) : []
  const byRemoteId =
    byRemote.length > 0 || entry.hrisId === null ? byRemote : context.numberIndex.get(entry.hrisId)
  const byEmail = entry.email ? context.workEmailIndex.get(entry.email.full) : []
  const remoteUnique = byRemoteId.length === 1 && context.legacyHrisCount.get(entry.hrisId!) === 1
  const emailUnique =
    byEmail.length === 1 && context.legacyEmailCount.get(entry.email!.full) === 1 && !entry.email!.generic
  if (byRemoteId.length > 1)
    notes.push(
      `hris_id ${entry.hrisId} is the remote_id or personnel number of ${byRemoteId.length} employees`,
    )
  else if (byRemoteId.length === 1 && !remoteUnique)
    notes.push(`hris_id ${entry.hrisId} is shared by several users`)
  if (byEmail.length > 1) notes.push(`the work email belongs to ${byEmail.length} employees`)
  else if (byEmail.length === 1 && context.legacyEmailCount.get(entry.email!.full)! > 1) {
    notes.push('the work email is shared by several users')
  } else if (byEmail.length === 1 && entry.email!.generic) {
    notes.push(`${entry.email!.local}@ is a shared mailbox, not a person`)
  }
  return { byRemoteId, byEmail, remoteUnique, emailUnique }
}

/**
 * Rules 1 and 2 for one user: the employee they point to, when exactly one candidate exists on each side
 * and nothing contradicts it; otherwise null, with the reason written to `notes`. A stored HRIS id may hold
 * the employee's remote_id or their personnel number.
 */
function proposeAutomaticLink(inputs: LinkInputs, user: number, notes: string[]): Proposal | null {
  const { context, store } = inputs
  const entry = inputs.legacy[user]!
  const { byRemoteId, byEmail, remoteUnique, emailUnique } = identifierTargets(context, entry, notes)
  let candidate: Proposal | null = null
  if (remoteUnique) candidate = { employee: byRemoteId[0]!, method: 'remote_id', namesakes: [] }
  else if (emailUnique) candidate = { employee: byEmail[0]!, method: 'work_email', namesakes: [] }
  if (!candidate) return null
  const employee = context.employees[candidate.employee]!

  // The identifiers must not point at different people (a stale hris_id, a re-used address).
  if (byRemoteId.length > 0 && !byRemoteId.includes(candidate.employee)) {
    notes.push(`hris_id ${entry.hrisId} points to another employee than the work email`)
    return null
  }
  if (byEmail.length > 0 && !byEmail.includes(candidate.employee)) {
    notes.push(`the work email points to another employee than hris_id ${entry.hrisId}`)
    return null
  }
  if (
    entry.email &&
    candidate.method === 'remote_id' &&
    employee.work?.full !== entry.email.full &&
    !entry.email.generic
  ) {
    // The address's local part naming another employee (under any domain) while this one has another:
    // the id may be stale, and the address may be the better guide.
    const ownLocal = employee.work?.local
    const elsewhere =
      ownLocal !== entry.email.local &&
      context.localIndex.get(entry.email.local).some((other) => other !== candidate.employee)
    if (elsewhere) {
      notes.push(`hris_id ${entry.hrisId} points to another employee than the email address`)
      return null
    }
  }
  if (entry.hrisId !== null && byRemoteId.length === 0 && candidate.method === 'work_email') {
    notes.push(`hris_id ${entry.hrisId} matches no employee's remote_id or personnel number (stale id)`)
  }

  const { start, end } = store.pairsOf(user)
  let pooled = -1
  for (let pair = start; pair < end; pair++) if (store.employee[pair] === candidate.employee) pooled = pair
  const direct = pooled >= 0 ? null : nameSimilarity(entry.name, employee.name)
  const similarity = pooled >= 0 ? store.similarity(pooled) : direct !== null && direct >= 0 ? direct : null
  if (similarity !== null && similarity < NAME_CONTRADICTION_LIMIT) {
    notes.push('the names disagree although the identifier agrees')
    return null
  }
  // An hris_id is checked by the name. With the name clearly the same person's, the id itself tells
  // same-name colleagues apart; an email that differs only in its domain is no objection.
  const emailAgrees =
    entry.email !== null && (employee.work?.full === entry.email.full || sameLocalPart(entry, employee))
  if (emailAgrees) return candidate
  if (similarity !== null && similarity >= NAME_CONFIRMS_ID && !entry.nameFromEmail) return candidate
  // A name that agrees only partly (a renamed person, or someone else) cannot rule out a stale id pointing
  // at a namesake: such a link waits until every namesake is linked to someone else.
  const namesakes = new Set<number>()
  for (const other of inputs.employeesByNameKey.get(employee.nameKey) ?? []) {
    if (employee.nameKey !== '' && other !== candidate.employee) namesakes.add(other)
  }
  if (similarity !== null && !entry.nameFromEmail) {
    for (let at = start; at < end; at++) {
      const pair = store.rank[at]!
      const otherSimilarity = store.similarity(pair)
      if (
        store.employee[pair] !== candidate.employee &&
        otherSimilarity !== null &&
        otherSimilarity >= NAMESAKE_MIN_SIMILARITY &&
        otherSimilarity >= similarity - NAMESAKE_MARGIN
      ) {
        namesakes.add(store.employee[pair]!)
      }
    }
  }
  return { ...candidate, namesakes: [...namesakes] }
}
