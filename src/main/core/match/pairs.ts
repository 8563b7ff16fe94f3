import type { MatchMethod } from '../../../shared/dto/match'
import {
  estimateModel,
  FIELD_COUNT,
  level,
  probability,
  scoreLevels,
  type AgreedNames,
  type CertainBy,
  type LinkageModel,
} from './linkageModel'
import { explainNames, namePartAgreement, type Arrangement } from './nameComparison'
import { hasName } from './names'
import {
  countInto,
  hrisIdAgrees,
  mappedTarget,
  privateEmailAgrees,
  sameLocalPart,
  type Context,
  type EmployeeEntry,
  type LegacyEntry,
} from './prepared'

/**
 * Every compared (legacy user, employee) pair of a file, in flat typed arrays: at 100,000 people the
 * pools hold millions of pairs, and one object per pair would cost more memory and garbage collection than
 * the comparing itself (docs/architecture.md, "Matching").
 */

/** How the two names' parts lined up: the given names compared with each other, crosswise, or as bags. */
const ARRANGEMENT = { ordered: 0, swapped: 1, anyOrder: 2 } as const
/**
 * The arrangement byte's low bits hold ARRANGEMENT (the parts the model weighs); the bits above hold what
 * the reasons need, recorded while comparing so that explaining a shown pair compares no name again: the
 * arrangement the overall name similarity comes from, and whether that similarity (before the discount
 * of a name read from an email) is below NAME_CONTRADICTION_LIMIT.
 */
const ARRANGEMENT_MASK = 0b11
const EXPLAINED_SHIFT = 2
const EXPLAINED_MASK = 0b11 << EXPLAINED_SHIFT
const EXPLAINED: Record<Arrangement, number> = { straight: 0, swapped: 1, 'any-order': 2 }
const EXPLAINED_ARRANGEMENTS: readonly Arrangement[] = ['straight', 'swapped', 'any-order']
const NAMES_CONTRADICT = 1 << 4

/** A name guessed from an email local part (john.smith@) counts for less than a written one. */
const NAME_FROM_EMAIL_FACTOR = 0.75

/**
 * Part similarity -> level: the same word(s), a close variant (nickname, typo), a partial one (two typos,
 * a short form, an initial), a weak echo (similar or sound-alike spelling), or not.
 */
const PART_EQUAL = 0.999
const PART_CLOSE = 0.85
const PART_PARTIAL = 0.7
const PART_WEAK = 0.5

export class PairStore {
  /** Pairs of user u: userStart[u] .. userStart[u + 1] - 1. */
  readonly userStart: Int32Array
  readonly employee: Int32Array
  /** FIELD_COUNT agreement levels per pair. */
  readonly levels: Uint8Array
  /** ARRANGEMENT, with what explaining the pair needs in the bits above (see ARRANGEMENT_MASK). */
  readonly arrangement: Uint8Array
  /** Overall name similarity, NaN when one side has no name. */
  readonly nameSimilarity: Float64Array
  /** Total weight in bits, prior included. */
  readonly weight: Float64Array
  readonly supported: Uint8Array
  /** Per user, its pairs best first: rank[userStart[u] + i] is the user's i-th best pair. */
  readonly rank: Int32Array
  /** One slot past the users' pairs, for a pair compared on demand. */
  readonly spare: number

  /** The store of these pools, each user's employees in order. */
  static ofPools(pools: readonly ArrayLike<number>[]): PairStore {
    const userStart = new Int32Array(pools.length + 1)
    pools.forEach((pool, user) => (userStart[user + 1] = userStart[user]! + pool.length))
    const store = new PairStore(userStart)
    pools.forEach((pool, user) => store.employee.set(pool, userStart[user]!))
    return store
  }

  /** An empty store for pools laid out by `userStart` (user u's pairs from userStart[u]); employee to fill in. */
  constructor(userStart: Int32Array) {
    this.userStart = userStart
    const total = userStart[userStart.length - 1]!
    this.spare = total
    this.employee = new Int32Array(total + 1)
    this.levels = new Uint8Array((total + 1) * FIELD_COUNT)
    this.arrangement = new Uint8Array(total + 1)
    this.nameSimilarity = new Float64Array(total + 1)
    this.weight = new Float64Array(total + 1)
    this.supported = new Uint8Array(total + 1)
    this.rank = new Int32Array(total)
  }

  pairsOf(user: number): { start: number; end: number } {
    return { start: this.userStart[user]!, end: this.userStart[user + 1]! }
  }

  similarity(pair: number): number | null {
    const value = this.nameSimilarity[pair]!
    return Number.isNaN(value) ? null : value
  }
}

function nameLevel(similarity: number): number {
  if (similarity < 0) return level('given_name', 'missing')
  if (similarity >= PART_EQUAL) return level('given_name', 'equal')
  if (similarity >= PART_CLOSE) return level('given_name', 'close')
  if (similarity >= PART_PARTIAL) return level('given_name', 'partial')
  if (similarity >= PART_WEAK) return level('given_name', 'weak')
  return level('given_name', 'differs')
}

/** Compares one pair field by field into the model's agreement levels, written at `levels[offset..]`. */
function compareInto(
  context: Context,
  legacy: LegacyEntry,
  employee: EmployeeEntry,
  levels: Uint8Array,
  offset: number,
): { arrangement: number; similarity: number } {
  levels[offset] =
    legacy.hrisId === null
      ? level('hris_id', 'missing')
      : hrisIdAgrees(legacy, employee)
        ? level('hris_id', 'equal')
        : level('hris_id', 'differs')
  let email: number
  if (!legacy.email || !employee.work) email = level('work_email', 'missing')
  else if (legacy.email.full === employee.work.full) email = level('work_email', 'equal')
  else if (sameLocalPart(legacy, employee)) {
    email = mappedTarget(context, legacy, employee)
      ? level('work_email', 'local_part_moved')
      : level('work_email', 'local_part_elsewhere')
  } else email = level('work_email', 'differs')
  levels[offset + 1] = email
  if (privateEmailAgrees(legacy, employee)) levels[offset + 2] = level('private_email', 'equal')
  else if (legacy.privateEmail && employee.personal) levels[offset + 2] = level('private_email', 'differs')
  else levels[offset + 2] = level('private_email', 'missing')

  const parts = namePartAgreement(legacy.name, employee.name)
  const fromEmail = legacy.nameFromEmail ? NAME_FROM_EMAIL_FACTOR : 1
  // Words compared regardless of part are one piece of evidence, counted once (as the family name).
  const anyOrder = parts.arrangement === 'any-order'
  levels[offset + 3] = nameLevel(parts.given < 0 || anyOrder ? -1 : parts.given * fromEmail)
  levels[offset + 4] = nameLevel(parts.family < 0 ? -1 : parts.family * fromEmail)
  if (hasName(legacy.name) && hasName(employee.name) && !legacy.nameFromEmail) {
    if (legacy.name.given.length === 0 && employee.name.given.length === 0)
      levels[offset + 3] = level('given_name', 'both_absent')
    if (legacy.name.family.length === 0 && employee.name.family.length === 0)
      levels[offset + 4] = level('family_name', 'both_absent')
  }
  const arrangement = anyOrder
    ? ARRANGEMENT.anyOrder
    : parts.arrangement === 'swapped'
      ? ARRANGEMENT.swapped
      : ARRANGEMENT.ordered
  return {
    arrangement:
      arrangement |
      (EXPLAINED[parts.overallArrangement] << EXPLAINED_SHIFT) |
      (parts.overall < NAME_CONTRADICTION_LIMIT ? NAMES_CONTRADICT : 0),
    similarity: parts.overall < 0 ? Number.NaN : parts.overall * fromEmail,
  }
}

/**
 * Compares one pair into arrays of compared pairs laid out like the store's (levels, arrangement, name
 * similarity at position `at`): a run of users is compared before the store exists (parallelBlocking.ts).
 */
export function compareIntoArrays(
  context: Context,
  legacy: LegacyEntry,
  employee: EmployeeEntry,
  into: { levels: Uint8Array; arrangement: Uint8Array; nameSimilarity: Float64Array },
  at: number,
): void {
  const { arrangement, similarity } = compareInto(context, legacy, employee, into.levels, at * FIELD_COUNT)
  into.arrangement[at] = arrangement
  into.nameSimilarity[at] = similarity
}

/** Compares pair `pair` of the store (user `legacy`, employee `employee`) and records it. */
export function comparePair(
  context: Context,
  store: PairStore,
  pair: number,
  legacy: LegacyEntry,
  employee: EmployeeEntry,
): void {
  const { arrangement, similarity } = compareInto(context, legacy, employee, store.levels, pair * FIELD_COUNT)
  store.arrangement[pair] = arrangement
  store.nameSimilarity[pair] = similarity
}

/** The names a pair agreed on, for the term-frequency weight of an exact agreement. */
export function agreedNames(store: PairStore, pair: number, employee: EmployeeEntry): AgreedNames {
  const arrangement = store.arrangement[pair]! & ARRANGEMENT_MASK
  if (arrangement === ARRANGEMENT.anyOrder) return { given: null, family: null }
  const swapped = arrangement === ARRANGEMENT.swapped
  return {
    given: (swapped ? employee.familyValue : employee.givenValue) || null,
    family: (swapped ? employee.givenValue : employee.familyValue) || null,
  }
}

/** Scores a compared pair with the model. */
export function scorePair(
  model: LinkageModel,
  store: PairStore,
  pair: number,
  employee: EmployeeEntry,
): void {
  const names = agreedNames(store, pair, employee)
  store.supported[pair] = scoreLevels(model, store.levels, pair * FIELD_COUNT, names, store.weight, pair)
    ? 1
    : 0
}

export function pairScore(store: PairStore, pair: number): number {
  return probability(store.weight[pair]!)
}

const METHOD_OF_EMAIL_LEVEL: Partial<Record<number, MatchMethod>> = {
  [level('work_email', 'equal')]: 'work_email',
  [level('work_email', 'local_part_moved')]: 'email_domain_change',
}

export function pairMethod(store: PairStore, pair: number): MatchMethod {
  const offset = pair * FIELD_COUNT
  if (store.levels[offset] === level('hris_id', 'equal')) return 'remote_id'
  return METHOD_OF_EMAIL_LEVEL[store.levels[offset + 1]!] ?? 'fuzzy'
}

/** Orders each user's pairs best first (ties in employee order, so the same data always ranks alike). */
export function rankPairs(store: PairStore): void {
  const { rank, weight, employee, userStart } = store
  for (let user = 0; user + 1 < userStart.length; user++) {
    const start = userStart[user]!
    const end = userStart[user + 1]!
    for (let at = start; at < end; at++) {
      const pair = at
      let position = at
      while (position > start) {
        const before = rank[position - 1]!
        const better =
          weight[pair]! > weight[before]! ||
          (weight[pair] === weight[before] && employee[pair]! < employee[before]!)
        if (!better) break
        rank[position] = before
        position--
      }
      rank[position] = pair
    }
  }
}

/**
 * The reasons a person reads for compared pair `pair` of the store (user `legacy`, employee `employee`),
 * in plain words.
 */
export function explainPair(
  context: Context,
  store: PairStore,
  pair: number,
  legacy: LegacyEntry,
  employee: EmployeeEntry,
  method: MatchMethod,
): string[] {
  const reasons: string[] = []
  const idAgreement = hrisIdAgrees(legacy, employee)
  if (idAgreement === 'remote_id') reasons.push(`hris_id ${legacy.hrisId} equals the employee's remote_id`)
  if (idAgreement === 'employee_number')
    reasons.push(`hris_id ${legacy.hrisId} equals the employee's personnel number`)
  if (idAgreement !== null && legacy.email !== null && employee.work?.full !== legacy.email.full) {
    if (context.workEmailIndex.has(legacy.email.full))
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
  // NaN exactly when either side has no name, where compareNames gives null.
  if (!Number.isNaN(store.nameSimilarity[pair])) {
    const recorded = store.arrangement[pair]!
    const arrangement = EXPLAINED_ARRANGEMENTS[(recorded & EXPLAINED_MASK) >> EXPLAINED_SHIFT]!
    reasons.push(...explainNames(legacy.name, employee.name, arrangement))
    if (legacy.nameFromEmail) reasons.push('legacy name read from the email address')
    if ((recorded & NAMES_CONTRADICT) !== 0 && method !== 'fuzzy') reasons.push('names disagree')
  }
  return reasons
}

/**
 * Below this name similarity the names disagree outright: nothing agrees, or only the family name while the
 * given name differs (0.375, a relative). An agreeing given name alone (0.5, a renamed person) is not a
 * contradiction. Identifiers pointing at someone with another name are suspect.
 */
export const NAME_CONTRADICTION_LIMIT = 0.4

/**
 * Estimates the linkage model on this very pair of files: u from random pairs, m from the candidate
 * pairs, with the pairs an identifier links unambiguously taken as known matches.
 */
export function estimateLinkageModel(
  context: Context,
  legacy: readonly LegacyEntry[],
  store: PairStore,
): LinkageModel {
  const certain: { pair: number; by: CertainBy }[] = []
  const emailEqual = level('work_email', 'equal')
  const idEqual = level('hris_id', 'equal')
  legacy.forEach((entry, user) => {
    const emailUnique =
      entry.email !== null &&
      context.workEmailIndex.count(entry.email.full) === 1 &&
      context.legacyEmailCount.get(entry.email.full) === 1 &&
      !entry.email.generic
    const idUnique =
      entry.hrisId !== null &&
      context.remoteIndex.count(entry.hrisId) === 1 &&
      context.legacyHrisCount.get(entry.hrisId) === 1
    if (!emailUnique && !idUnique) return
    const { start, end } = store.pairsOf(user)
    for (let pair = start; pair < end; pair++) {
      const offset = pair * FIELD_COUNT
      if (emailUnique && store.levels[offset + 1] === emailEqual) certain.push({ pair, by: 'work_email' })
      else if (idUnique && store.levels[offset] === idEqual) certain.push({ pair, by: 'hris_id' })
    }
  })
  const givenCounts = new Map<string, number>()
  const familyCounts = new Map<string, number>()
  for (const employee of context.employees) {
    if (employee.givenValue !== '') countInto(givenCounts, employee.givenValue)
    if (employee.familyValue !== '') countInto(familyCounts, employee.familyValue)
  }
  return estimateModel({
    levels: store.levels,
    certain,
    candidatesPerUser: store.spare / Math.max(1, legacy.length),
    compareRandom: (user, employee, into) =>
      void compareInto(context, legacy[user]!, context.employees[employee]!, into, 0),
    legacyCount: legacy.length,
    employeeCount: context.employees.length,
    givenCounts,
    familyCounts,
  })
}
