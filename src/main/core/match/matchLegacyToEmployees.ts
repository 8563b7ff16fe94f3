import type { StoredEmployee } from '../../../shared/dto/employees'
import type { LegacyUser } from '../../../shared/dto/legacy'
import type {
  DomainMapping,
  MatchCandidate,
  MatchMethod,
  MatchOutput,
  MatchResult,
  MatchSummary,
} from '../../../shared/dto/match'
import { CandidateIndex, nameBlockingKeys } from './candidateIndex'
import type { EffectiveDecision } from './decisions'
import { inferDomainMappings } from './domains'
import {
  compareNames,
  hasName,
  nameKey,
  nameSimilarity,
  nameTokens,
  parsePersonName,
  personName,
  type PersonName,
} from './names'
import { isGenericLocalPart, parseEmail, type ParsedEmail } from './text'

// ------------------------------------------------------------------------------------------ constants

/**
 * How much each kind of evidence alone says "same person", combined as independent signals (noisy-OR:
 * score = 1 - product of (1 - strength)). The order follows Kombo's guidance: a stored HRIS id first, then
 * the work email, then the email's local part under a changed domain, then names and private emails.
 */
const REMOTE_ID_STRENGTH = 0.97
const WORK_EMAIL_STRENGTH = 0.97
/** Same local part under an inferred company domain move: strong, but Kombo calls it not 100% reliable. */
const MAPPED_LOCAL_PART_STRENGTH = 0.85
/** Same local part under unrelated domains (jane@agency vs jane@acme): a hint, not evidence. */
const UNMAPPED_LOCAL_PART_STRENGTH = 0.3
/** A private address is personal: equal private emails are nearly as good as a work email. */
const PRIVATE_EMAIL_STRENGTH = 0.9
/** A name alone, even spelled identically, is shared by namesakes: it never reaches certainty. */
const NAME_STRENGTH = 0.8
/** A name guessed from an email local part (john.smith@) when the export has no name columns. */
const NAME_FROM_EMAIL_FACTOR = 0.75

/**
 * Below this name similarity the names disagree outright: nothing agrees, or only the family name while the
 * given name differs (0.375, a relative). An agreeing given name alone (0.5, a renamed person) is not a
 * contradiction. Identifiers pointing at someone with another name are suspect.
 */
const NAME_CONTRADICTION_LIMIT = 0.4
/** Contradicted identifier evidence keeps this share of its strength: worth showing, never certain. */
const CONTRADICTED_FACTOR = 0.5

/**
 * Another employee whose name fits the legacy user at least this well (and within NAMESAKE_MARGIN of the
 * linked one) makes the name unable to confirm an hris_id-only link: a namesake, so a person decides.
 */
const NAMESAKE_MIN_SIMILARITY = 0.9
const NAMESAKE_MARGIN = 0.02

/** Employees fully scored per legacy user, chosen by blocking (enough to hold namesakes and typos). */
const CANDIDATE_POOL = 12
/**
 * A user whose work email or hris_id points to exactly one employee needs only a runner-up to show and the
 * namesakes of that employee, which rank right behind it: a few candidates suffice for the common case.
 */
const SETTLED_POOL = 3
/** A linked result shows the link and the runner-up. */
const LINKED_CANDIDATES_SHOWN = 2
/** Candidates shown per result: the best, the runner-up and a few more for the review screen. */
const CANDIDATES_SHOWN = 5
/** Candidates below this share no more than a similar-looking word with the user and are not shown. */
const CANDIDATE_MIN_SCORE = 0.15
/**
 * A result becomes a suggestion when its best candidate reaches this score: an agreeing given name alone
 * (a possibly renamed person) just reaches it, a shared family name alone (a relative) does not. Below it
 * the user is "unmatched", with the candidates still listed.
 */
const SUGGESTION_MIN_SCORE = 0.4

// ------------------------------------------------------------------------------------------- prepared

interface EmployeeEntry {
  employee: StoredEmployee
  name: PersonName
  nameKey: string
  work: ParsedEmail | null
  personal: ParsedEmail | null
  remoteId: string
}

interface LegacyEntry {
  user: LegacyUser
  name: PersonName
  nameFromEmail: boolean
  email: ParsedEmail | null
  privateEmail: ParsedEmail | null
  hrisId: string | null
}

function prepareEmployee(employee: StoredEmployee): EmployeeEntry {
  const name = parsePersonName(employee.first_name, employee.last_name, employee.display_full_name)
  return {
    employee,
    name,
    nameKey: hasName(name) ? nameKey(name) : '',
    work: parseEmail(employee.work_email),
    personal: parseEmail(employee.personal_email),
    remoteId: employee.remote_id.trim(),
  }
}

function prepareLegacy(user: LegacyUser): LegacyEntry {
  const email = parseEmail(user.email)
  let name = parsePersonName(user.first_name, user.last_name, user.full_name)
  let nameFromEmail = false
  if (!hasName(name) && email && !isGenericLocalPart(email.local)) {
    // john.smith@ / john_smith@: the only name the export has. A single word stays a family-name guess.
    const words = nameTokens(email.local.replace(/[0-9]+/g, ' '))
    if (words.length > 0) {
      name = personName(words.slice(0, -1), words.slice(-1), false)
      nameFromEmail = true
    }
  }
  const hrisId = user.hris_id?.trim() || null
  return { user, name, nameFromEmail, email, privateEmail: parseEmail(user.private_email), hrisId }
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function countInto<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

// ------------------------------------------------------------------------------------------- evidence

interface Scored {
  employee: number
  score: number
  method: MatchMethod
  nameSimilarity: number | null
}

/**
 * An automatic link rules 1 and 2 put forward. `namesakes` are other employees the name cannot tell apart
 * from this one when only the hris_id points here; such a link waits for the global pass.
 */
interface Proposal {
  employee: number
  method: MatchMethod
  namesakes: number[]
}

/** Everything about the whole file that scoring one pair needs. */
interface Context {
  employees: EmployeeEntry[]
  remoteIndex: Map<string, number[]>
  workEmailIndex: Map<string, number[]>
  localIndex: Map<string, number[]>
  legacyHrisCount: Map<string, number>
  legacyEmailCount: Map<string, number>
  /** from domain -> to domains. */
  domainMap: Map<string, Set<string>>
  domainMappings: DomainMapping[]
  /** employee -> number of legacy users whose local part reaches it through a domain mapping. */
  mappedClaims: Map<number, number>
}

function mappedTarget(context: Context, legacy: LegacyEntry, employee: EmployeeEntry): boolean {
  if (!legacy.email || !employee.work) return false
  return context.domainMap.get(legacy.email.domain)?.has(employee.work.domain) ?? false
}

function sameLocalPart(legacy: LegacyEntry, employee: EmployeeEntry): boolean {
  return (
    legacy.email !== null &&
    employee.work !== null &&
    legacy.email.domain !== employee.work.domain &&
    legacy.email.local === employee.work.local &&
    !isGenericLocalPart(legacy.email.local)
  )
}

function privateEmailAgrees(legacy: LegacyEntry, employee: EmployeeEntry): boolean {
  const personal = employee.personal?.full
  return (
    (personal !== undefined && (legacy.privateEmail?.full === personal || legacy.email?.full === personal)) ||
    (legacy.privateEmail !== null && legacy.privateEmail.full === employee.work?.full)
  )
}

/** Scores one (legacy user, employee) pair; with `explain` also says why, in plain words. */
function scorePair(
  context: Context,
  legacy: LegacyEntry,
  employeeIndex: number,
  explain: boolean,
): Scored & { reasons: string[] } {
  const employee = context.employees[employeeIndex]!
  // Scoring runs for every pooled pair; reasons are only built for the few candidates shown.
  const reasons: string[] | null = explain ? [] : null
  const names = explain ? compareNames(legacy.name, employee.name, true) : null
  const rawName = explain ? (names?.similarity ?? -1) : nameSimilarity(legacy.name, employee.name)
  const similarity = rawName < 0 ? null : rawName * (legacy.nameFromEmail ? NAME_FROM_EMAIL_FACTOR : 1)
  const namesDisagree = similarity !== null && similarity < NAME_CONTRADICTION_LIMIT
  const identifierFactor = namesDisagree ? CONTRADICTED_FACTOR : 1

  let remaining = 1
  let method: MatchMethod = 'fuzzy'
  if (legacy.hrisId !== null && legacy.hrisId === employee.remoteId) {
    // A stored HRIS id pointing here while the work email points to someone else is a stale id.
    const emailElsewhere =
      legacy.email !== null &&
      employee.work?.full !== legacy.email.full &&
      (context.workEmailIndex.get(legacy.email.full)?.length ?? 0) > 0
    remaining *= 1 - REMOTE_ID_STRENGTH * identifierFactor * (emailElsewhere ? CONTRADICTED_FACTOR : 1)
    method = 'remote_id'
    reasons?.push(`hris_id ${legacy.hrisId} equals the employee's remote_id`)
    if (emailElsewhere)
      reasons?.push('but the work email belongs to another employee: the hris_id may be stale')
  }
  if (legacy.email !== null && employee.work !== null && legacy.email.full === employee.work.full) {
    remaining *= 1 - WORK_EMAIL_STRENGTH * identifierFactor
    if (method === 'fuzzy') method = 'work_email'
    if (reasons) {
      const asWritten = legacy.user.email === employee.employee.work_email
      reasons.push(asWritten ? 'work email equal' : 'work email equal apart from case and spaces')
    }
  } else if (sameLocalPart(legacy, employee)) {
    const mapped =
      mappedTarget(context, legacy, employee) && (context.mappedClaims.get(employeeIndex) ?? 0) === 1
    remaining *= 1 - (mapped ? MAPPED_LOCAL_PART_STRENGTH : UNMAPPED_LOCAL_PART_STRENGTH)
    if (mapped && method === 'fuzzy') method = 'email_domain_change'
    if (reasons) {
      const change = `${legacy.email!.domain} -> ${employee.work!.domain}`
      reasons.push(
        mapped
          ? `email local part "${legacy.email!.local}" equal; company domain changed ${change}`
          : `email local part "${legacy.email!.local}" equal, but ${change} is not a known company domain change`,
      )
    }
  }
  if (privateEmailAgrees(legacy, employee)) {
    remaining *= 1 - PRIVATE_EMAIL_STRENGTH * identifierFactor
    reasons?.push('private email equal')
  }
  if (similarity !== null) {
    remaining *= 1 - NAME_STRENGTH * similarity
    if (reasons) {
      reasons.push(...names!.reasons)
      if (legacy.nameFromEmail) reasons.push('legacy name read from the email address')
      if (namesDisagree && method !== 'fuzzy') reasons.push('names disagree')
    }
  }
  return {
    employee: employeeIndex,
    score: 1 - remaining,
    method,
    nameSimilarity: similarity,
    reasons: reasons ?? NO_REASONS,
  }
}

const NO_REASONS: string[] = []

// ----------------------------------------------------------------------------------------------- main

/**
 * The matching plan: links every legacy user it can with certainty, ranks candidates for the rest, and
 * reports the inferred domain moves. Pure: the caller loads the data and stores the outcome.
 *
 * Automatic links come only from rules 1 (hris_id = remote_id) and 2 (work email equal after trim + case
 * fold), each only when exactly one candidate exists on each side, nothing contradicts it (the other
 * identifier, the names, a namesake, a rejection) and no other user claims the same employee. Everything
 * else is a ranked suggestion for a person.
 */
export function matchLegacyToEmployees(
  employeeList: readonly StoredEmployee[],
  legacyList: readonly LegacyUser[],
  decisions: ReadonlyMap<string, EffectiveDecision> = new Map(),
): MatchOutput {
  const employees = employeeList.map(prepareEmployee)
  const legacy = legacyList.map(prepareLegacy)
  const context = buildContext(employees, legacy)
  const employeeById = new Map<string, number>()
  employees.forEach((entry, index) => employeeById.set(entry.employee.id, index))
  const employeesByNameKey = new Map<string, number[]>()
  employees.forEach((entry, index) => {
    if (entry.nameKey !== '') addTo(employeesByNameKey, entry.nameKey, index)
  })

  const index = new CandidateIndex(employees.map(employeeKeys))
  const pools: Scored[][] = legacy.map((entry) => {
    const settled =
      (entry.email !== null && context.workEmailIndex.get(entry.email.full)?.length === 1) ||
      (entry.hrisId !== null && context.remoteIndex.get(entry.hrisId)?.length === 1)
    return index
      .query(legacyKeys(entry), settled ? SETTLED_POOL : CANDIDATE_POOL)
      .map((employee) => scorePair(context, entry, employee, false))
      .sort(byScore)
  })

  const conflicts: string[][] = legacy.map(() => [])
  /** user -> employee linked by a decision or automatically. */
  const links = new Map<number, { employee: number; method: MatchMethod }>()

  // Decisions first: they override the cascade. Two users decided onto one employee both go to review.
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
    const proposal = proposeAutomaticLink(context, entry, pools[user]!, employeesByNameKey, conflicts[user]!)
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
  const linkedEmployee = new Map<number, number>()
  for (const [user, link] of links) linkedEmployee.set(link.employee, user)
  // An hris_id-only link to someone with namesakes stands once every namesake is linked to another user
  // (by a decision or a link the email confirms): links are one-to-one, so the id cannot be a stale pointer
  // at one of them. Otherwise a person decides. Only links made before this pass count, so the outcome does
  // not depend on the order of the deferred links.
  const linkedBefore = new Map(linkedEmployee)
  for (const [user, proposal] of deferred) {
    const settled = proposal.namesakes.every((namesake) => {
      const owner = linkedBefore.get(namesake)
      return owner !== undefined && owner !== user
    })
    if (settled) {
      links.set(user, proposal)
      linkedEmployee.set(proposal.employee, user)
    } else {
      const names = proposal.namesakes.map((namesake) => employees[namesake]!.employee.id).join(', ')
      conflicts[user]!.push(`same name as ${names}; only the hris_id tells them apart`)
    }
  }

  const results: MatchResult[] = legacy.map((entry, user) =>
    buildResult(
      context,
      entry,
      user,
      pools[user]!,
      links.get(user),
      linkedEmployee,
      decisions,
      conflicts[user]!,
    ),
  )
  return { results, summary: summarise(results, employees.length, context.domainMappings) }
}

function buildContext(employees: EmployeeEntry[], legacy: LegacyEntry[]): Context {
  const remoteIndex = new Map<string, number[]>()
  const workEmailIndex = new Map<string, number[]>()
  const localIndex = new Map<string, number[]>()
  employees.forEach((entry, index) => {
    if (entry.remoteId !== '') addTo(remoteIndex, entry.remoteId, index)
    if (entry.work) {
      addTo(workEmailIndex, entry.work.full, index)
      if (!isGenericLocalPart(entry.work.local)) addTo(localIndex, entry.work.local, index)
    }
  })
  const legacyHrisCount = new Map<string, number>()
  const legacyEmailCount = new Map<string, number>()
  for (const entry of legacy) {
    if (entry.hrisId !== null) countInto(legacyHrisCount, entry.hrisId)
    if (entry.email) countInto(legacyEmailCount, entry.email.full)
  }
  const domainMappings = inferDomainMappings(
    legacy.map((entry) => entry.email),
    employees.map((entry) => entry.work),
  )
  const domainMap = new Map<string, Set<string>>()
  for (const mapping of domainMappings) {
    let targets = domainMap.get(mapping.from)
    if (!targets) domainMap.set(mapping.from, (targets = new Set()))
    targets.add(mapping.to)
  }
  const context: Context = {
    employees,
    remoteIndex,
    workEmailIndex,
    localIndex,
    legacyHrisCount,
    legacyEmailCount,
    domainMap,
    domainMappings,
    mappedClaims: new Map(),
  }
  // Rule 3's exactly-one on the legacy side: how many users reach each employee through a mapping.
  for (const entry of legacy) {
    if (!entry.email || isGenericLocalPart(entry.email.local)) continue
    if (workEmailIndex.has(entry.email.full)) continue
    const targets = domainMap.get(entry.email.domain)
    if (!targets) continue
    const reached = (localIndex.get(entry.email.local) ?? []).filter((employee) =>
      targets.has(employees[employee]!.work!.domain),
    )
    if (reached.length === 1) countInto(context.mappedClaims, reached[0]!)
    // Several employees under the new domains share the local part: no one of them is "the" match.
    else for (const employee of reached) context.mappedClaims.set(employee, Infinity)
  }
  return context
}

function employeeKeys(entry: EmployeeEntry): Set<string> {
  const keys = new Set<string>()
  if (entry.remoteId !== '') keys.add(`r:${entry.remoteId}`)
  if (entry.work) {
    keys.add(`e:${entry.work.full}`)
    if (!isGenericLocalPart(entry.work.local)) keys.add(`l:${entry.work.local}`)
  }
  if (entry.personal) keys.add(`e:${entry.personal.full}`)
  nameBlockingKeys(entry.name, keys)
  return keys
}

function legacyKeys(entry: LegacyEntry): Set<string> {
  const keys = new Set<string>()
  if (entry.hrisId !== null) keys.add(`r:${entry.hrisId}`)
  if (entry.email) {
    keys.add(`e:${entry.email.full}`)
    if (!isGenericLocalPart(entry.email.local)) keys.add(`l:${entry.email.local}`)
  }
  if (entry.privateEmail) keys.add(`e:${entry.privateEmail.full}`)
  nameBlockingKeys(entry.name, keys)
  return keys
}

/** Best score first; ties in input order, so the same data always ranks the same way. */
function byScore(a: Scored, b: Scored): number {
  return b.score - a.score || a.employee - b.employee
}

/**
 * Rules 1 and 2 for one user: the employee they point to, when exactly one candidate exists on each side
 * and nothing contradicts it; otherwise null, with the reason written to `notes`.
 */
function proposeAutomaticLink(
  context: Context,
  entry: LegacyEntry,
  pool: Scored[],
  employeesByNameKey: Map<string, number[]>,
  notes: string[],
): Proposal | null {
  const byRemoteId = entry.hrisId !== null ? (context.remoteIndex.get(entry.hrisId) ?? []) : []
  const byEmail = entry.email ? (context.workEmailIndex.get(entry.email.full) ?? []) : []
  const remoteUnique = byRemoteId.length === 1 && context.legacyHrisCount.get(entry.hrisId!) === 1
  const emailUnique =
    byEmail.length === 1 &&
    context.legacyEmailCount.get(entry.email!.full) === 1 &&
    !isGenericLocalPart(entry.email!.local)

  let candidate: Proposal | null = null
  if (remoteUnique) candidate = { employee: byRemoteId[0]!, method: 'remote_id', namesakes: [] }
  else if (emailUnique) candidate = { employee: byEmail[0]!, method: 'work_email', namesakes: [] }
  if (byRemoteId.length > 1)
    notes.push(`hris_id ${entry.hrisId} is the remote_id of ${byRemoteId.length} employees`)
  else if (byRemoteId.length === 1 && !remoteUnique)
    notes.push(`hris_id ${entry.hrisId} is shared by several users`)
  if (byEmail.length > 1) notes.push(`the work email belongs to ${byEmail.length} employees`)
  else if (byEmail.length === 1 && context.legacyEmailCount.get(entry.email!.full)! > 1) {
    notes.push('the work email is shared by several users')
  } else if (byEmail.length === 1 && isGenericLocalPart(entry.email!.local)) {
    notes.push(`${entry.email!.local}@ is a shared mailbox, not a person`)
  }
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
  if (entry.email && candidate.method === 'remote_id' && employee.work?.full !== entry.email.full) {
    const reachedElsewhere = (context.localIndex.get(entry.email.local) ?? []).some(
      (other) =>
        other !== candidate.employee &&
        context.domainMap.get(entry.email!.domain)?.has(context.employees[other]!.work!.domain),
    )
    if (reachedElsewhere && !isGenericLocalPart(entry.email.local)) {
      notes.push(`hris_id ${entry.hrisId} points to another employee than the email address`)
      return null
    }
  }
  if (entry.hrisId !== null && byRemoteId.length === 0 && candidate.method === 'work_email') {
    notes.push(`hris_id ${entry.hrisId} matches no employee (stale id)`)
  }

  const scored = pool.find((s) => s.employee === candidate.employee)
  const direct = scored ? null : nameSimilarity(entry.name, employee.name)
  const similarity = scored ? scored.nameSimilarity : direct !== null && direct >= 0 ? direct : null
  if (similarity !== null && similarity < NAME_CONTRADICTION_LIMIT) {
    notes.push('the names disagree although the identifier agrees')
    return null
  }
  // An hris_id alone is only checked by the name: a stale id pointing at the person's namesake would look
  // right. So without the work email agreeing too, a name shared with another employee sends it to review.
  // (Same-name colleagues have distinct work emails; an equal one, or the same local part under an inferred
  // company domain change, still tells them apart.)
  const emailAgrees =
    entry.email !== null &&
    (employee.work?.full === entry.email.full ||
      (sameLocalPart(entry, employee) && mappedTarget(context, entry, employee)))
  if (emailAgrees) return candidate
  const namesakes = new Set<number>()
  for (const other of employeesByNameKey.get(employee.nameKey) ?? []) {
    if (employee.nameKey !== '' && other !== candidate.employee) namesakes.add(other)
  }
  if (similarity !== null && !entry.nameFromEmail) {
    for (const other of pool) {
      if (
        other.employee !== candidate.employee &&
        other.nameSimilarity !== null &&
        other.nameSimilarity >= NAMESAKE_MIN_SIMILARITY &&
        other.nameSimilarity >= similarity - NAMESAKE_MARGIN
      ) {
        namesakes.add(other.employee)
      }
    }
  }
  return { ...candidate, namesakes: [...namesakes] }
}

function buildResult(
  context: Context,
  entry: LegacyEntry,
  user: number,
  pool: Scored[],
  link: { employee: number; method: MatchMethod } | undefined,
  linkedEmployee: Map<number, number>,
  decisions: ReadonlyMap<string, EffectiveDecision>,
  conflicts: string[],
): MatchResult {
  const decision = decisions.get(entry.user.user_id)
  const rejected = new Set(decision?.rejected ?? [])
  const employees = context.employees
  // Another user's link takes the employee out of this user's candidates: links are one-to-one.
  const available = pool.filter((scored) => {
    const owner = linkedEmployee.get(scored.employee)
    return (
      (owner === undefined || owner === user) &&
      !rejected.has(employees[scored.employee]!.employee.id) &&
      scored.score >= CANDIDATE_MIN_SCORE
    )
  })
  if (link && !available.some((s) => s.employee === link.employee)) {
    available.unshift(scorePair(context, entry, link.employee, false))
  }
  if (link) {
    const own = available.findIndex((s) => s.employee === link.employee)
    available.unshift(...available.splice(own, 1))
  }
  const shown = link ? LINKED_CANDIDATES_SHOWN : CANDIDATES_SHOWN
  const candidates: MatchCandidate[] = available.slice(0, shown).map((scored) => {
    const explained = scorePair(context, entry, scored.employee, true)
    return {
      kombo_id: employees[scored.employee]!.employee.id,
      score: round(explained.score),
      method: explained.method,
      reasons: explained.reasons,
    }
  })
  // Written in the contract's key order (design.md section 6), so the JSON reads top-down.
  const result = (
    status: MatchResult['status'],
    method: MatchMethod,
    kombo_id: string | null,
    score: number,
    reasons: string[],
  ): MatchResult => ({
    user_id: entry.user.user_id,
    status,
    method,
    kombo_id,
    score,
    reasons,
    candidates,
    conflicts,
  })

  if (link) {
    const linked = candidates[0]!
    if (link.method === 'decision') {
      const kind = decision?.link?.kind === 'accept' ? 'accepted' : 'paired manually'
      return result('matched', 'decision', linked.kombo_id, 1, [`${kind} by a specialist`, ...linked.reasons])
    }
    return result('matched', link.method, linked.kombo_id, linked.score, linked.reasons)
  }
  if (decision?.noMatch) {
    return result('unmatched', 'decision', null, 0, ['a specialist decided this user has no employee'])
  }
  const best = candidates[0]
  if (best && best.score >= SUGGESTION_MIN_SCORE) {
    return result('suggested', best.method, best.kombo_id, best.score, best.reasons)
  }
  const why = best ? 'no candidate is close enough to suggest' : 'no candidate found'
  return result('unmatched', 'none', null, 0, [why])
}

/** Scores are shown and stored with 4 decimals: finer steps mean nothing to a reader. */
function round(score: number): number {
  return Math.round(score * 10_000) / 10_000
}

function summarise(
  results: MatchResult[],
  employeeCount: number,
  domainMappings: DomainMapping[],
): MatchSummary {
  const summary: MatchSummary = {
    legacyUsers: results.length,
    employees: employeeCount,
    matched: 0,
    suggested: 0,
    unmatched: 0,
    byMethod: {},
    conflicts: 0,
    domainMappings,
  }
  for (const result of results) {
    summary[result.status]++
    summary.byMethod[result.method] = (summary.byMethod[result.method] ?? 0) + 1
    if (result.conflicts.length > 0) summary.conflicts++
  }
  return summary
}

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
  employeeList: readonly StoredEmployee[],
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
    if (!email || email.domain !== fromDomain || isGenericLocalPart(email.local)) continue
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
