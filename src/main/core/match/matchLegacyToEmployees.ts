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
import { CandidateIndex, nameBlockingGroups, nameBlockingKeys } from './candidateIndex'
import type { EffectiveDecision } from './decisions'
import { inferDomainMappings } from './domains'
import { assignJointly, type CandidateEdge } from './assignJointly'
import {
  estimateModel,
  FIELDS,
  level,
  probability,
  totalWeight,
  weigh,
  type AgreedNames,
  type CertainBy,
  type ComparisonVector,
  type LinkageModel,
} from './linkageModel'
import {
  compareNames,
  hasName,
  nameKey,
  namePartAgreement,
  nameSimilarity,
  nameTokens,
  parsePersonName,
  personName,
  type PersonName,
} from './names'
import { isGenericLocalPart, parseEmail, type ParsedEmail } from './text'

// ------------------------------------------------------------------------------------------ constants

/**
 * Below this name similarity the names disagree outright: nothing agrees, or only the family name while the
 * given name differs (0.375, a relative). An agreeing given name alone (0.5, a renamed person) is not a
 * contradiction. Identifiers pointing at someone with another name are suspect.
 */
const NAME_CONTRADICTION_LIMIT = 0.4
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
 * Employees fully compared per legacy user, chosen by blocking. Wide, so that among many same-name
 * colleagues the right one is still compared, and the joint assignment sees every rival.
 */
const CANDIDATE_POOL = 30
/**
 * A user whose work email or hris_id points to exactly one employee needs only a runner-up to show and the
 * namesakes of that employee, which rank right behind it: a few candidates suffice for the common case.
 */
const SETTLED_POOL = 3
/** A linked result shows the link and the runner-up. */
const LINKED_CANDIDATES_SHOWN = 2
/** Candidates shown per result: the best, the runner-up and a few more for the review screen. */
const CANDIDATES_SHOWN = 5
/** Pairs less likely than this are not worth a place in the joint assignment. */
const ASSIGNMENT_MIN_SCORE = 0.001
const MIN_ASSIGNMENT_VALUE = 1e-3
/**
 * A result becomes a suggestion when the fields of its best candidate speak for one person more than
 * against (a Bayes factor above 1, whatever the prior), so two same-name colleagues are both worth a look.
 * Below it the user is "unmatched", with the candidates still listed.
 */
const SUGGESTION_MIN_BITS = 0

// ------------------------------------------------------------------------------------------- prepared

interface EmployeeEntry {
  employee: StoredEmployee
  name: PersonName
  nameKey: string
  work: ParsedEmail | null
  personal: ParsedEmail | null
  remoteId: string
  /** The personnel number, which a product often stored as its "HRIS id". */
  number: string
  /** Folded given and family name, for how common each is among the employees. */
  givenValue: string
  familyValue: string
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
    number: employee.employee_number?.trim() ?? '',
    givenValue: name.parts.given.joinedTranslit,
    familyValue: name.parts.family.joinedTranslit,
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
  /** Probability that the pair is one person, from the linkage model. */
  score: number
  /** The model's total weight in bits; equal weights mean the evidence cannot tell the pair apart. */
  weight: number
  method: MatchMethod
  nameSimilarity: number | null
  /** At least one field agrees: a pair that agrees on nothing is no candidate, however the weights fall. */
  supported: boolean
  compared: Compared
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
  /** Employees by personnel number, for a stored HRIS id that holds one. */
  numberIndex: Map<string, number[]>
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

/** The legacy HRIS id names this employee, by remote_id or by personnel number. */
function hrisIdAgrees(legacy: LegacyEntry, employee: EmployeeEntry): 'remote_id' | 'employee_number' | null {
  if (legacy.hrisId === null) return null
  if (legacy.hrisId === employee.remoteId) return 'remote_id'
  if (employee.number !== '' && legacy.hrisId === employee.number) return 'employee_number'
  return null
}

function privateEmailAgrees(legacy: LegacyEntry, employee: EmployeeEntry): boolean {
  const personal = employee.personal?.full
  return (
    (personal !== undefined && (legacy.privateEmail?.full === personal || legacy.email?.full === personal)) ||
    (legacy.privateEmail !== null && legacy.privateEmail.full === employee.work?.full)
  )
}

/** Part similarity -> level: the same word(s), a close variant (nickname, typo), a weak echo, or not. */
const PART_EQUAL = 0.999
const PART_CLOSE = 0.85
const PART_PARTIAL = 0.5

function nameLevel(similarity: number): number {
  if (similarity < 0) return level('given_name', 'missing')
  if (similarity >= PART_EQUAL) return level('given_name', 'equal')
  if (similarity >= PART_CLOSE) return level('given_name', 'close')
  if (similarity >= PART_PARTIAL) return level('given_name', 'partial')
  return level('given_name', 'differs')
}

interface Compared {
  vector: ComparisonVector
  names: AgreedNames
  nameSimilarity: number | null
}

/** Compares one pair field by field into the model's agreement levels. */
function comparePair(context: Context, legacy: LegacyEntry, employee: EmployeeEntry): Compared {
  const vector = new Uint8Array(FIELDS.length)
  vector[0] =
    legacy.hrisId === null
      ? level('hris_id', 'missing')
      : hrisIdAgrees(legacy, employee)
        ? level('hris_id', 'equal')
        : level('hris_id', 'differs')
  if (!legacy.email || !employee.work) vector[1] = level('work_email', 'missing')
  else if (legacy.email.full === employee.work.full) vector[1] = level('work_email', 'equal')
  else if (sameLocalPart(legacy, employee)) {
    vector[1] = mappedTarget(context, legacy, employee)
      ? level('work_email', 'local_part_moved')
      : level('work_email', 'local_part_elsewhere')
  } else vector[1] = level('work_email', 'differs')
  if (privateEmailAgrees(legacy, employee)) vector[2] = level('private_email', 'equal')
  else if (legacy.privateEmail && employee.personal) vector[2] = level('private_email', 'differs')
  else vector[2] = level('private_email', 'missing')

  const parts = namePartAgreement(legacy.name, employee.name)
  const fromEmail = legacy.nameFromEmail ? NAME_FROM_EMAIL_FACTOR : 1
  // Words compared regardless of part are one piece of evidence, counted once (as the family name).
  const anyOrder = parts.arrangement === 'any-order'
  vector[3] = nameLevel(parts.given < 0 || anyOrder ? -1 : parts.given * fromEmail)
  vector[4] = nameLevel(parts.family < 0 ? -1 : parts.family * fromEmail)
  if (hasName(legacy.name) && hasName(employee.name) && !legacy.nameFromEmail) {
    if (legacy.name.given.length === 0 && employee.name.given.length === 0)
      vector[3] = level('given_name', 'both_absent')
    if (legacy.name.family.length === 0 && employee.name.family.length === 0)
      vector[4] = level('family_name', 'both_absent')
  }
  const swapped = parts.arrangement === 'swapped'
  const names: AgreedNames = {
    given:
      parts.arrangement === 'any-order'
        ? null
        : (swapped ? employee.familyValue : employee.givenValue) || null,
    family:
      parts.arrangement === 'any-order'
        ? null
        : (swapped ? employee.givenValue : employee.familyValue) || null,
  }
  const nameSimilarity = parts.overall < 0 ? null : parts.overall * fromEmail
  return { vector, names, nameSimilarity }
}

/** A name guessed from an email local part (john.smith@) counts for less than a written one. */
const NAME_FROM_EMAIL_FACTOR = 0.75

const METHOD_OF_EMAIL_LEVEL: Partial<Record<number, MatchMethod>> = {
  [level('work_email', 'equal')]: 'work_email',
  [level('work_email', 'local_part_moved')]: 'email_domain_change',
}

/** Scores one compared pair with the model. */
function scorePair(model: LinkageModel, compared: Compared, employee: number): Scored {
  const { total, supported } = totalWeight(model, compared.vector, compared.names)
  const method: MatchMethod =
    compared.vector[0] === level('hris_id', 'equal')
      ? 'remote_id'
      : (METHOD_OF_EMAIL_LEVEL[compared.vector[1]!] ?? 'fuzzy')
  return {
    employee,
    score: probability(total),
    weight: total,
    method,
    nameSimilarity: compared.nameSimilarity,
    supported,
    compared,
  }
}

/** The reasons a person reads for one pair, in plain words. */
function explainPair(context: Context, legacy: LegacyEntry, employeeIndex: number, scored: Scored): string[] {
  const employee = context.employees[employeeIndex]!
  const reasons: string[] = []
  const idAgreement = hrisIdAgrees(legacy, employee)
  if (idAgreement === 'remote_id') reasons.push(`hris_id ${legacy.hrisId} equals the employee's remote_id`)
  if (idAgreement === 'employee_number')
    reasons.push(`hris_id ${legacy.hrisId} equals the employee's personnel number`)
  if (idAgreement !== null && legacy.email !== null && employee.work?.full !== legacy.email.full) {
    if ((context.workEmailIndex.get(legacy.email.full)?.length ?? 0) > 0)
      reasons.push('but the work email belongs to another employee: the hris_id may be stale')
  }
  if (legacy.email !== null && employee.work !== null && legacy.email.full === employee.work.full) {
    const asWritten = legacy.user.email === employee.employee.work_email
    reasons.push(asWritten ? 'work email equal' : 'work email equal apart from case and spaces')
  } else if (sameLocalPart(legacy, employee)) {
    const change = `${legacy.email!.domain} -> ${employee.work!.domain}`
    reasons.push(
      mappedTarget(context, legacy, employee)
        ? `email local part "${legacy.email!.local}" equal; company domain changed ${change}`
        : `email local part "${legacy.email!.local}" equal, but ${change} is not a known company domain change`,
    )
  }
  if (privateEmailAgrees(legacy, employee)) reasons.push('private email equal')
  const names = compareNames(legacy.name, employee.name, true)
  if (names) {
    reasons.push(...names.reasons)
    if (legacy.nameFromEmail) reasons.push('legacy name read from the email address')
    if (names.similarity < NAME_CONTRADICTION_LIMIT && scored.method !== 'fuzzy')
      reasons.push('names disagree')
  }
  return reasons
}

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
  const pooled: number[][] = legacy.map((entry) => {
    const settled =
      (entry.email !== null && context.workEmailIndex.get(entry.email.full)?.length === 1) ||
      (entry.hrisId !== null && context.remoteIndex.get(entry.hrisId)?.length === 1)
    return index.query(legacyKeys(entry), settled ? SETTLED_POOL : CANDIDATE_POOL)
  })
  const compared: Compared[][] = legacy.map((entry, user) =>
    pooled[user]!.map((employee) => comparePair(context, entry, employees[employee]!)),
  )
  const model = estimateLinkageModel(context, legacy, compared)
  const pools: Scored[][] = compared.map((list, user) =>
    list.map((pair, at) => scorePair(model, pair, pooled[user]![at]!)).sort(byScore),
  )

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

  // The review queue is resolved as a whole: each employee goes to the user it most likely belongs to.
  const edges: CandidateEdge[] = []
  legacy.forEach((entry, user) => {
    const decision = decisions.get(entry.user.user_id)
    if (links.has(user) || decision?.noMatch) return
    const rejected = new Set(decision?.rejected ?? [])
    for (const scored of pools[user]!) {
      if (scored.score < ASSIGNMENT_MIN_SCORE || linkedEmployee.has(scored.employee)) continue
      if (rejected.has(employees[scored.employee]!.employee.id) || !hasSupport(scored)) continue
      // The fields' weight of evidence (the prior is the same for every pair); a pair the fields speak
      // against still counts a little, so a user is never left out while a candidate remains free.
      const evidence = scored.weight - model.priorWeight
      edges.push({ user, employee: scored.employee, value: Math.max(MIN_ASSIGNMENT_VALUE, evidence) })
    }
  })
  const picks = assignJointly(edges, employees.length)
  const pickedFor = new Map<number, number>()
  for (const [user, employee] of picks) pickedFor.set(employee, user)

  const scoring: Scoring = { context, model, linkedEmployee, pickedFor, decisions, legacy }
  const results: MatchResult[] = legacy.map((entry, user) =>
    buildResult(scoring, entry, user, pools[user]!, links.get(user), picks.get(user), conflicts[user]!),
  )
  return { results, summary: summarise(results, employees.length, context.domainMappings) }
}

function buildContext(employees: EmployeeEntry[], legacy: LegacyEntry[]): Context {
  const remoteIndex = new Map<string, number[]>()
  const numberIndex = new Map<string, number[]>()
  const workEmailIndex = new Map<string, number[]>()
  const localIndex = new Map<string, number[]>()
  employees.forEach((entry, index) => {
    if (entry.remoteId !== '') addTo(remoteIndex, entry.remoteId, index)
    if (entry.number !== '' && entry.number !== entry.remoteId) addTo(numberIndex, entry.number, index)
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
    numberIndex,
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
  if (entry.number !== '') keys.add(`r:${entry.number}`)
  if (entry.work) {
    keys.add(`e:${entry.work.full}`)
    if (!isGenericLocalPart(entry.work.local)) keys.add(`l:${entry.work.local}`)
  }
  if (entry.personal) keys.add(`e:${entry.personal.full}`)
  nameBlockingKeys(entry.name, keys)
  return keys
}

function legacyKeys(entry: LegacyEntry): string[][] {
  const groups: string[][] = []
  if (entry.hrisId !== null) groups.push([`r:${entry.hrisId}`])
  if (entry.email) {
    groups.push([`e:${entry.email.full}`])
    if (!isGenericLocalPart(entry.email.local)) groups.push([`l:${entry.email.local}`])
  }
  if (entry.privateEmail) groups.push([`e:${entry.privateEmail.full}`])
  nameBlockingGroups(entry.name, groups)
  return groups
}

/** Best evidence first; ties in input order, so the same data always ranks the same way. */
function byScore(a: Scored, b: Scored): number {
  return b.weight - a.weight || a.employee - b.employee
}

function hasSupport(scored: Scored): boolean {
  return scored.supported
}

/**
 * Estimates the linkage model on this very pair of files: u from random pairs, m from the candidate
 * pairs, with the pairs an identifier links unambiguously taken as known matches.
 */
function estimateLinkageModel(
  context: Context,
  legacy: readonly LegacyEntry[],
  compared: readonly Compared[][],
): LinkageModel {
  const certain: { vector: ComparisonVector; by: CertainBy }[] = []
  const emailEqual = level('work_email', 'equal')
  const idEqual = level('hris_id', 'equal')
  let pairs = 0
  compared.forEach((candidates, user) => {
    const entry = legacy[user]!
    pairs += candidates.length
    const emailUnique =
      entry.email !== null &&
      context.workEmailIndex.get(entry.email.full)?.length === 1 &&
      context.legacyEmailCount.get(entry.email.full) === 1 &&
      !isGenericLocalPart(entry.email.local)
    const idUnique =
      entry.hrisId !== null &&
      context.remoteIndex.get(entry.hrisId)?.length === 1 &&
      context.legacyHrisCount.get(entry.hrisId) === 1
    for (const pair of candidates) {
      if (emailUnique && pair.vector[1] === emailEqual)
        certain.push({ vector: pair.vector, by: 'work_email' })
      else if (idUnique && pair.vector[0] === idEqual) certain.push({ vector: pair.vector, by: 'hris_id' })
    }
  })
  const givenCounts = new Map<string, number>()
  const familyCounts = new Map<string, number>()
  for (const employee of context.employees) {
    if (employee.givenValue !== '') countInto(givenCounts, employee.givenValue)
    if (employee.familyValue !== '') countInto(familyCounts, employee.familyValue)
  }
  return estimateModel({
    certain,
    candidatesPerUser: pairs / Math.max(1, legacy.length),
    compareRandom: (user, employee) =>
      comparePair(context, legacy[user]!, context.employees[employee]!).vector,
    legacyCount: legacy.length,
    employeeCount: context.employees.length,
    givenCounts,
    familyCounts,
  })
}

/**
 * Rules 1 and 2 for one user: the employee they point to, when exactly one candidate exists on each side
 * and nothing contradicts it; otherwise null, with the reason written to `notes`. A stored HRIS id may hold
 * the employee's remote_id or their personnel number.
 */
function proposeAutomaticLink(
  context: Context,
  entry: LegacyEntry,
  pool: Scored[],
  employeesByNameKey: Map<string, number[]>,
  notes: string[],
): Proposal | null {
  const byRemote = entry.hrisId !== null ? (context.remoteIndex.get(entry.hrisId) ?? []) : []
  const byRemoteId =
    byRemote.length > 0 || entry.hrisId === null ? byRemote : (context.numberIndex.get(entry.hrisId) ?? [])
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
    notes.push(
      `hris_id ${entry.hrisId} is the remote_id or personnel number of ${byRemoteId.length} employees`,
    )
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
  if (
    entry.email &&
    candidate.method === 'remote_id' &&
    employee.work?.full !== entry.email.full &&
    !isGenericLocalPart(entry.email.local)
  ) {
    // The address's local part naming another employee (under any domain) while this one has another:
    // the id may be stale, and the address may be the better guide.
    const ownLocal = employee.work?.local
    const elsewhere =
      ownLocal !== entry.email.local &&
      (context.localIndex.get(entry.email.local) ?? []).some((other) => other !== candidate.employee)
    if (elsewhere) {
      notes.push(`hris_id ${entry.hrisId} points to another employee than the email address`)
      return null
    }
  }
  if (entry.hrisId !== null && byRemoteId.length === 0 && candidate.method === 'work_email') {
    notes.push(`hris_id ${entry.hrisId} matches no employee's remote_id or personnel number (stale id)`)
  }

  const scored = pool.find((s) => s.employee === candidate.employee)
  const direct = scored ? null : nameSimilarity(entry.name, employee.name)
  const similarity = scored ? scored.nameSimilarity : direct !== null && direct >= 0 ? direct : null
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

/** What building one result needs besides the user's own pool. */
interface Scoring {
  context: Context
  model: LinkageModel
  /** employee -> user it is linked to (automatically or by decision). */
  linkedEmployee: Map<number, number>
  /** employee -> user the joint assignment gives it to. */
  pickedFor: Map<number, number>
  decisions: ReadonlyMap<string, EffectiveDecision>
  legacy: readonly LegacyEntry[]
}

/** Bits are shown with one decimal: finer steps mean nothing to a reader. */
const roundWeight = (weight: number) => Math.round(weight * 10) / 10

function buildResult(
  scoring: Scoring,
  entry: LegacyEntry,
  user: number,
  pool: Scored[],
  link: { employee: number; method: MatchMethod } | undefined,
  pick: number | undefined,
  conflicts: string[],
): MatchResult {
  const { context, model, linkedEmployee, pickedFor, decisions, legacy } = scoring
  const decision = decisions.get(entry.user.user_id)
  const rejected = new Set(decision?.rejected ?? [])
  const employees = context.employees
  // Another user's link takes the employee out of this user's candidates: links are one-to-one.
  const available = pool.filter((scored) => {
    const owner = linkedEmployee.get(scored.employee)
    return (
      (owner === undefined || owner === user) &&
      !rejected.has(employees[scored.employee]!.employee.id) &&
      hasSupport(scored)
    )
  })
  const first = link?.employee ?? pick
  if (first !== undefined && !available.some((s) => s.employee === first)) {
    available.unshift(scorePair(model, comparePair(context, entry, employees[first]!), first))
  }
  if (first !== undefined) {
    const own = available.findIndex((s) => s.employee === first)
    available.unshift(...available.splice(own, 1))
  }
  const shown = link ? LINKED_CANDIDATES_SHOWN : CANDIDATES_SHOWN
  const userIdOf = (other: number) => legacy[other]!.user.user_id
  const candidates: MatchCandidate[] = available.slice(0, shown).map((scored) => {
    const reasons = explainPair(context, entry, scored.employee, scored)
    const owner = pickedFor.get(scored.employee)
    if (!link && owner !== undefined && owner !== user) {
      reasons.push(`more likely user ${userIdOf(owner)}'s employee, on that user's evidence`)
    }
    return {
      kombo_id: employees[scored.employee]!.employee.id,
      score: round(scored.score),
      method: scored.method,
      reasons,
      evidence: weigh(model, scored.compared.vector, scored.compared.names).map((field) => ({
        ...field,
        weight: roundWeight(field.weight),
      })),
    }
  })
  if (!link && candidates.length > 1 && candidates[0]!.score === candidates[1]!.score) {
    const rival = candidates[1]!.kombo_id
    const rivalOwner = pickedFor.get(available[1]!.employee)
    conflicts.push(
      rivalOwner !== undefined && rivalOwner !== user
        ? `indistinguishable from ${rival} on this user's evidence; ${rival} fits user ${userIdOf(rivalOwner)} better`
        : `indistinguishable from ${rival} on the evidence: a person has to tell them apart`,
    )
  }
  // Written in the contract's key order, so the JSON reads top-down.
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
  const bestBits = available[0] ? available[0].weight - model.priorWeight : Number.NEGATIVE_INFINITY
  if (best && bestBits > SUGGESTION_MIN_BITS) {
    return result('suggested', best.method, best.kombo_id, best.score, best.reasons)
  }
  const why = best ? 'no candidate is likely enough to suggest' : 'no candidate found'
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
