/**
 * A Fellegi-Sunter model of "same person", estimated from the data being matched rather than set by hand.
 *
 * Each (legacy user, employee) pair is compared field by field into agreement levels. For every level,
 * m = P(level | same person) and u = P(level | different people). The evidence a level adds is its match
 * weight log2(m / u): agreeing on a work email says far more than agreeing on a given name, and a pair
 * whose fields disagree loses weight. u is measured on random pairs of the two files (what agreement
 * looks like by chance). m is measured on the pairs an identifier already links beyond doubt (a unique
 * work email, a unique HRIS id): how the names, private emails and the other identifier of one person
 * compare across the two files. Each field's m is read only from pairs made certain by another field, so
 * no field vouches for itself. Both are drawn towards typical values in proportion to how few pairs a
 * small file offers. Agreement on a name is weighed by how rare that name is among the employees (term
 * frequency): two "Nakamura-Okafor"s agreeing mean more than two "Smith"s. See docs/architecture.md,
 * "Matching".
 */
import { mulberry32 } from '../../../shared/random'

export const FIELDS = ['hris_id', 'work_email', 'private_email', 'given_name', 'family_name'] as const
export type Field = (typeof FIELDS)[number]

/** Agreement levels per field, strongest first. `missing` (either side has no value) adds no evidence. */
export const LEVELS = {
  hris_id: ['equal', 'differs', 'missing'],
  work_email: ['equal', 'local_part_moved', 'local_part_elsewhere', 'differs', 'missing'],
  private_email: ['equal', 'differs', 'missing'],
  // partial: two typos in a long word, a short form, an initial; weak: a similar spelling or one that
  // sounds alike, which different names often reach by chance (each level weighed by its own u).
  // both_absent: neither record has this part (an export that never fills it, or the same gap twice).
  given_name: ['equal', 'close', 'partial', 'weak', 'both_absent', 'differs', 'missing'],
  family_name: ['equal', 'close', 'partial', 'weak', 'both_absent', 'differs', 'missing'],
} as const satisfies Record<Field, readonly string[]>

export type Level<F extends Field> = (typeof LEVELS)[F][number]

/**
 * Compared pairs are kept as level indices, FIELDS.length bytes per pair in one array (pair p's levels start
 * at p * FIELDS.length): a company's hundreds of thousands of pairs cost bytes, not objects.
 */
export const FIELD_COUNT = FIELDS.length

/** Level name -> index per field, looked up for every compared pair (an indexOf there showed in profiles). */
const LEVEL_INDEX = Object.fromEntries(
  FIELDS.map((field) => [field, Object.fromEntries(LEVELS[field].map((name, at) => [name, at]))]),
) as Record<Field, Record<string, number>>

export const level = <F extends Field>(field: F, name: Level<F>): number => LEVEL_INDEX[field][name]!

const MISSING = FIELDS.map((field) => LEVELS[field].length - 1)

/**
 * Typical m before the file is measured, from how one person's records compare across an HR system and a
 * product's user list: ids and work emails mostly agree, names agree exactly most of the time and
 * otherwise mostly as a nickname, typo or initial. They weigh as PRIOR_M_PAIRS certain pairs.
 */
const INITIAL_M: Record<Field, readonly number[]> = {
  hris_id: [0.9, 0.1, 0],
  work_email: [0.7, 0.15, 0.05, 0.1, 0],
  private_email: [0.9, 0.1, 0],
  given_name: [0.78, 0.1, 0.035, 0.015, 0.02, 0.05, 0],
  family_name: [0.83, 0.07, 0.02, 0.01, 0.02, 0.05, 0],
}

/**
 * What chance agreement typically looks like before the file is measured: an identifier or address
 * shared by two different people is rare, a shared name common. They weigh as PRIOR_U_PAIRS observed
 * pairs, so a small file (a few dozen people, where random pairs say little) keeps sensible weights,
 * while a company of thousands is judged on its own pairs.
 */
const PRIOR_U: Record<Field, readonly number[]> = {
  hris_id: [0.0001, 0.9999, 0],
  work_email: [0.0001, 0.0001, 0.001, 0.9988, 0],
  private_email: [0.0001, 0.9999, 0],
  given_name: [0.02, 0.02, 0.03, 0.05, 0.001, 0.879, 0],
  family_name: [0.01, 0.01, 0.02, 0.03, 0.001, 0.929, 0],
}
const PRIOR_U_PAIRS = 2_000

/**
 * Random pairs compared to measure u: enough to measure the common levels well; the rare ones (a shared
 * identifier) lean on PRIOR_U until a company is large. Cheap next to comparing the candidates.
 */
const U_SAMPLE_PAIRS = 10_000
const PRIOR_M_PAIRS = 20

/** Which identifier makes a pair certain; a field's m is never read from pairs it made certain itself. */
export type CertainBy = 'work_email' | 'hris_id'

export interface ModelInputs {
  /** The compared pairs' levels (FIELD_COUNT per pair). */
  levels: Uint8Array
  /** The pairs the identifiers link beyond doubt (their index in `levels`), with the identifier that does. */
  certain: readonly { pair: number; by: CertainBy }[]
  /** How many candidate pairs each legacy user has on average, for the prior odds of one of them. */
  candidatesPerUser: number
  /** Compares a random pair into `into` (FIELD_COUNT levels): legacy and employee index drawn by the model. */
  compareRandom: (legacy: number, employee: number, into: Uint8Array) => void
  legacyCount: number
  employeeCount: number
  /** How many employees carry each folded given / family name, for term-frequency weights. */
  givenCounts: ReadonlyMap<string, number>
  familyCounts: ReadonlyMap<string, number>
}

export interface LinkageModel {
  /** m and u per field and level. */
  m: number[][]
  u: number[][]
  /** log2(m / u) per field and level; 0 for `missing`. */
  weights: number[][]
  /** log2 odds that a candidate pair is a match before looking at any field. */
  priorWeight: number
  /** Employees with each folded name part, and their number, for term-frequency weights. */
  givenCounts: ReadonlyMap<string, number>
  familyCounts: ReadonlyMap<string, number>
  employeeCount: number
}

function normalised(counts: number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0)
  return counts.map((count) => count / total)
}

function estimateU(inputs: ModelInputs): number[][] {
  const counts = FIELDS.map((field) => LEVELS[field].map((_, at) => PRIOR_U[field][at]! * PRIOR_U_PAIRS))
  // Seeded: the same files always give the same model.
  const random = mulberry32(0x5eed)
  const pairs = Math.min(U_SAMPLE_PAIRS, inputs.legacyCount * inputs.employeeCount)
  const vector = new Uint8Array(FIELD_COUNT)
  for (let i = 0; i < pairs; i++) {
    const legacy = Math.floor(random() * inputs.legacyCount)
    const employee = Math.floor(random() * inputs.employeeCount)
    inputs.compareRandom(legacy, employee, vector)
    for (let f = 0; f < FIELD_COUNT; f++) counts[f]![vector[f]!]!++
  }
  // u among the pairs where the field could be compared, like m.
  return counts.map((row, f) => [...normalised(row.slice(0, MISSING[f])), 0])
}

/** m per field, from the certain pairs that another field made certain, drawn towards INITIAL_M. */
function estimateM(inputs: ModelInputs): number[][] {
  return FIELDS.map((field, f) => {
    const counts = LEVELS[field].map((_, at) =>
      at === MISSING[f] ? 0 : INITIAL_M[field][at]! * PRIOR_M_PAIRS,
    )
    for (const pair of inputs.certain) {
      if (pair.by === field) continue
      const at = inputs.levels[pair.pair * FIELD_COUNT + f]!
      if (at !== MISSING[f]) counts[at]!++
    }
    return [...normalised(counts.slice(0, MISSING[f])), 0]
  })
}

/**
 * Weights must point the way the level says: agreement can only add evidence and disagreement only take
 * it away, whatever a small or odd file makes EM believe.
 */
const AGREEMENT_LEVELS = new Set(['equal', 'close', 'local_part_moved', 'both_absent'])
const DISAGREEMENT_LEVELS = new Set(['differs'])

export function estimateModel(inputs: ModelInputs): LinkageModel {
  const u = estimateU(inputs)
  const m = estimateM(inputs)
  // Each user has at most one employee among its candidates: the prior odds of any one candidate.
  const prior = 1 / Math.max(2, inputs.candidatesPerUser)
  const weights = FIELDS.map((field, f) =>
    LEVELS[field].map((name, at) => {
      if (at === MISSING[f]) return 0
      const weight = Math.log2(Math.max(m[f]![at]!, 1e-9) / u[f]![at]!)
      if (AGREEMENT_LEVELS.has(name)) return Math.max(0, weight)
      if (DISAGREEMENT_LEVELS.has(name)) return Math.min(0, weight)
      return weight
    }),
  )
  return {
    m,
    u,
    weights,
    priorWeight: Math.log2(prior / (1 - prior)),
    givenCounts: inputs.givenCounts,
    familyCounts: inputs.familyCounts,
    employeeCount: inputs.employeeCount,
  }
}

/** The evidence one field added to a pair, in bits (log2 of the likelihood ratio). */
export interface FieldEvidence {
  field: Field
  level: string
  weight: number
}

/** What names the pair agreed on, for the term-frequency weight of an exact agreement. */
export interface AgreedNames {
  given: string | null
  family: string | null
}

const EQUAL_LEVEL = 0

/**
 * How many employees' worth of belief the level's average u carries when judging one name's frequency: a
 * name seen once in a file of three says little about how common it is, one seen once among thousands
 * says it is rare.
 */
const TF_PRIOR_EMPLOYEES = 50

/**
 * u of an exact agreement on this very name: the share of employees who carry it (how often a random
 * pair would agree on it by chance), drawn towards the level's average u in a small file.
 */
function termFrequencyU(
  model: LinkageModel,
  counts: ReadonlyMap<string, number>,
  name: string,
  levelU: number,
): number {
  const carriers = counts.get(name) ?? 0
  return (carriers + TF_PRIOR_EMPLOYEES * levelU) / (model.employeeCount + TF_PRIOR_EMPLOYEES)
}

const GIVEN = FIELDS.indexOf('given_name')
const FAMILY = FIELDS.indexOf('family_name')

function fieldWeight(model: LinkageModel, f: number, at: number, names: AgreedNames): number {
  if (at === EQUAL_LEVEL && (f === GIVEN || f === FAMILY)) {
    const name = f === GIVEN ? names.given : names.family
    const counts = f === GIVEN ? model.givenCounts : model.familyCounts
    if (name !== null) {
      const u = termFrequencyU(model, counts, name, model.u[f]![at]!)
      return Math.max(0, Math.log2(model.m[f]![at]! / u))
    }
  }
  return model.weights[f]![at]!
}

/**
 * Scores one candidate pair: its total weight (prior included) goes to `weights[at]`, and the return value
 * says whether any field adds evidence for it (a pair that agrees on nothing is no candidate).
 * Allocation-free: it runs for every candidate pair; `weigh` explains the few shown.
 */
export function scoreLevels(
  model: LinkageModel,
  levels: Uint8Array,
  offset: number,
  names: AgreedNames,
  weights: Float64Array,
  at: number,
): boolean {
  let total = model.priorWeight
  let supported = false
  for (let f = 0; f < FIELD_COUNT; f++) {
    const reached = levels[offset + f]!
    if (reached === MISSING[f]) continue
    const weight = fieldWeight(model, f, reached, names)
    total += weight
    if (weight > 0) supported = true
  }
  weights[at] = total
  return supported
}

/** The evidence of each compared field, for the reasons a person reads. */
export function weigh(
  model: LinkageModel,
  levels: Uint8Array,
  offset: number,
  names: AgreedNames,
): FieldEvidence[] {
  const evidence: FieldEvidence[] = []
  for (let f = 0; f < FIELD_COUNT; f++) {
    const at = levels[offset + f]!
    if (at === MISSING[f]) continue
    evidence.push({
      field: FIELDS[f]!,
      level: LEVELS[FIELDS[f]!][at]!,
      weight: fieldWeight(model, f, at, names),
    })
  }
  return evidence
}

/** The probability a pair is a match, from its total weight. */
export function probability(totalWeight: number): number {
  return 1 / (1 + 2 ** -totalWeight)
}
