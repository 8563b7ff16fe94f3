import { hasName, MAX_WORD_LENGTH, type NamePart, type NameToken, type PersonName } from './names'
import { PairMemo } from './pairMemo'
import { damerauLevenshtein, jaroWinkler } from './similarity'

/**
 * How alike two parsed names are: word by word (equal, transliterated, nickname, initial, prefix, typo),
 * part by part (given and family, also crosswise for swapped names and as bags of words), and as the
 * plain-words reasons a person reads.
 */

// ----------------------------------------------------------------------------------- token similarity

export type TokenAgreement =
  'equal' | 'transliteration' | 'nickname' | 'initial' | 'prefix' | 'typo' | 'similar' | 'phonetic' | 'none'

/** An initial agrees with a full name only on one letter: real support, but many people share it. */
const INITIAL_SIMILARITY = 0.7
/** Bob/Robert: as good as equal for a person reading it, slightly below to rank exact spellings first. */
const NICKNAME_SIMILARITY = 0.9
/** Chris/Christopher, Alex/Alexandra: a truncated name; shorter prefixes than this say too little. */
const PREFIX_SIMILARITY = 0.75
const PREFIX_MIN_LENGTH = 3
/** One typo costs this much similarity; two typos twice as much. */
const TYPO_COST_PER_EDIT = 0.12
/** Tokens of at least this length may carry one typo ("Smtih"); shorter ones are too easily other names. */
const ONE_EDIT_MIN_LENGTH = 4
/** Tokens of at least this length may carry two typos ("Kowalczyk" / "Kowalcsyk"). */
const TWO_EDITS_MIN_LENGTH = 8
/**
 * From Jaro-Winkler 0.7 (with the same first letter) two name tokens keep a weak "similar" signal: the
 * lowest band of the usual Jaro-Winkler comparison levels (0.92 / 0.88 / 0.7), reached by a word with two
 * or three slips ("Mzcdonsl" / "Macdonald") but by many different names too, so the model weighs that
 * level (weak) by how often random pairs reach it.
 */
const JARO_WINKLER_SIMILAR_FLOOR = 0.7
const SIMILAR_SCALE = 0.65
/**
 * Spelt differently but sounding alike (the same Double Metaphone code: "Mai" / "May", "Quinlan" /
 * "Kwinlan"), where neither a typo nor Jaro-Winkler explains the difference: a weak agreement, like
 * "similar", since many different names share a code; the model weighs it by how often random pairs
 * reach it (docs/architecture.md, "Matching").
 */
const PHONETIC_SIMILARITY = 0.6

export interface TokenComparison {
  similarity: number
  agreement: TokenAgreement
}

const NO_AGREEMENT: TokenComparison = { similarity: 0, agreement: 'none' }
const EQUAL: TokenComparison = { similarity: 1, agreement: 'equal' }
const TRANSLITERATED: TokenComparison = { similarity: 1, agreement: 'transliteration' }
const INITIAL: TokenComparison = { similarity: INITIAL_SIMILARITY, agreement: 'initial' }
const NICKNAME: TokenComparison = { similarity: NICKNAME_SIMILARITY, agreement: 'nickname' }
const PREFIX: TokenComparison = { similarity: PREFIX_SIMILARITY, agreement: 'prefix' }
const PHONETIC: TokenComparison = { similarity: PHONETIC_SIMILARITY, agreement: 'phonetic' }
const TYPOS: readonly TokenComparison[] = [EQUAL, 1, 2].map((edits) =>
  typeof edits === 'number' ? { similarity: 1 - TYPO_COST_PER_EDIT * edits, agreement: 'typo' } : edits,
)

function shareGroup<T>(a: readonly T[], b: readonly T[]): boolean {
  for (const group of a) if (b.includes(group)) return true
  return false
}

/**
 * Word pairs compared before, by the two tokens' ids (tokens are shared per distinct word, see names.ts):
 * names repeat, and at 20,000 people two million word comparisons are a hundred thousand distinct pairs.
 */
const comparedWords = new PairMemo(1 << 18)
const wordComparisons: TokenComparison[] = []

/** How two words of a name agree, remembered per pair of words. */
export function compareTokens(a: NameToken, b: NameToken): TokenComparison {
  const known = comparedWords.find(a.id, b.id)
  if (known >= 0) return wordComparisons[known]!
  const comparison = compareWords(a, b)
  const index = comparedWords.add(a.id, b.id)
  if (index >= 0) wordComparisons[index] = comparison
  return comparison
}

/** How two words of a name agree; the shared result objects keep this allocation-free on the hot path. */
function compareWords(a: NameToken, b: NameToken): TokenComparison {
  if (a.translit === b.translit || a.stripped === b.stripped)
    return a.lower === b.lower ? EQUAL : TRANSLITERATED
  if (a.initial || b.initial) return a.translit[0] === b.translit[0] ? INITIAL : NO_AGREEMENT
  if (a.groups.length > 0 && b.groups.length > 0 && shareGroup(a.groups, b.groups)) return NICKNAME
  const aShorter = a.translit.length <= b.translit.length
  const shorter = aShorter ? a : b
  const longer = aShorter ? b : a
  const longest = longer.translit.length
  const allowed =
    longest > MAX_WORD_LENGTH
      ? 0
      : longest >= TWO_EDITS_MIN_LENGTH
        ? 2
        : longest >= ONE_EDIT_MIN_LENGTH
          ? 1
          : 0
  // Typos before a shortened form: "Julie" / "Julien" is one letter off (close), not a short form of it.
  if (allowed > 0) {
    let edits = damerauLevenshtein(a.translit, b.translit, allowed)
    if (edits > allowed && (a.translit !== a.stripped || b.translit !== b.stripped)) {
      edits = damerauLevenshtein(a.stripped, b.stripped, allowed)
    }
    if (edits <= allowed && TYPOS[edits]!.similarity > PREFIX_SIMILARITY) return TYPOS[edits]!
  }
  if (
    shorter.translit.length >= PREFIX_MIN_LENGTH &&
    (longer.translit.startsWith(shorter.translit) || longer.stripped.startsWith(shorter.stripped))
  ) {
    return PREFIX
  }
  if (longest > MAX_WORD_LENGTH) return NO_AGREEMENT
  if (a.stripped[0] === b.stripped[0]) {
    const jw = jaroWinkler(a.stripped, b.stripped)
    if (jw >= JARO_WINKLER_SIMILAR_FLOOR) return { similarity: SIMILAR_SCALE * jw, agreement: 'similar' }
  }
  return shareGroup(a.sounds, b.sounds) ? PHONETIC : NO_AGREEMENT
}

// ------------------------------------------------------------------------------- name part similarity

/**
 * Each word one side has and the other lacks (a middle name, half of a double-barrelled surname)
 * multiplies the part's similarity by this: "Anna Schmidt" is still very likely "Anna Müller-Schmidt".
 */
const EXTRA_WORD_FACTOR = 0.92

interface PartComparison {
  pairs: Array<{ a: NameToken; b: NameToken; comparison: TokenComparison }>
  /** Words written together on one side and apart on the other ("Vandenberg" / "van den Berg"). */
  joined: boolean
  extraWords: number
  /** Words of the shorter side that found no agreeing partner. */
  unpaired: number
}

function writtenTogether(a: NamePart, b: NamePart): boolean {
  return (
    (a.tokens.length > 1 || b.tokens.length > 1) &&
    (a.joinedTranslit === b.joinedTranslit || a.joinedStripped === b.joinedStripped)
  )
}

// Scratch for the word-by-word similarity matrix of two name parts (names have a handful of words).
let matrix = new Float64Array(64)

/**
 * Similarity of two name parts in [0, 1], or -1 when either is empty: words are paired one-to-one, best
 * pair first, and each word only one side has costs EXTRA_WORD_FACTOR. Allocation-free: it runs for
 * every scored pair.
 */
function partSimilarity(partA: NamePart, partB: NamePart): number {
  if (partA.tokens.length === 0 || partB.tokens.length === 0) return -1
  if (writtenTogether(partA, partB)) return 1
  const a = partA.content
  const b = partB.content
  if (a.length === 1 && b.length === 1) return compareTokens(a[0]!, b[0]!).similarity
  const rows = a.length
  const columns = b.length
  if (rows * columns > matrix.length) matrix = new Float64Array(rows * columns * 2)
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) matrix[i * columns + j] = compareTokens(a[i]!, b[j]!).similarity
  }
  const shorter = Math.min(rows, columns)
  let sum = 0
  for (let round = 0; round < shorter; round++) {
    let best = 0
    let bestI = -1
    let bestJ = -1
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < columns; j++) {
        const value = matrix[i * columns + j]!
        if (value > best) {
          best = value
          bestI = i
          bestJ = j
        }
      }
    }
    if (bestI < 0) break
    sum += best
    for (let j = 0; j < columns; j++) matrix[bestI * columns + j] = -1
    for (let i = 0; i < rows; i++) matrix[i * columns + bestJ] = -1
  }
  return (sum / shorter) * EXTRA_WORD_FACTOR ** (Math.max(rows, columns) - shorter)
}

/** The same comparison with the pairs kept, for the reasons shown to a person. */
function comparePart(partA: NamePart, partB: NamePart): PartComparison | null {
  if (partA.tokens.length === 0 || partB.tokens.length === 0) return null
  if (writtenTogether(partA, partB)) return { pairs: [], joined: true, extraWords: 0, unpaired: 0 }
  const a = partA.content
  const b = partB.content
  if (a.length === 1 && b.length === 1) {
    // One word on each side, as most names have: the general pairing below would only allocate.
    const comparison = compareTokens(a[0]!, b[0]!)
    const pairs = comparison.similarity > 0 ? [{ a: a[0]!, b: b[0]!, comparison }] : []
    return { pairs, joined: false, extraWords: 0, unpaired: 1 - pairs.length }
  }
  const all: Array<{ i: number; j: number; comparison: TokenComparison }> = []
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const comparison = compareTokens(a[i]!, b[j]!)
      if (comparison.similarity > 0) all.push({ i, j, comparison })
    }
  }
  all.sort((x, y) => y.comparison.similarity - x.comparison.similarity)
  const usedA = new Set<number>()
  const usedB = new Set<number>()
  const pairs: PartComparison['pairs'] = []
  for (const pair of all) {
    if (usedA.has(pair.i) || usedB.has(pair.j)) continue
    usedA.add(pair.i)
    usedB.add(pair.j)
    pairs.push({ a: a[pair.i]!, b: b[pair.j]!, comparison: pair.comparison })
  }
  const shorter = Math.min(a.length, b.length)
  const extraWords = Math.max(a.length, b.length) - shorter
  return {
    pairs,
    joined: false,
    extraWords,
    unpaired: shorter - pairs.length,
  }
}

// ------------------------------------------------------------------------------------ name similarity

/** Given and family name weigh the same when both agree or both disagree. */
const GIVEN_WEIGHT = 0.5
const FAMILY_WEIGHT = 0.5
/**
 * Given names are kept for life while family names change (marriage, divorce, double-barrelling), so a
 * given name that does not agree at all (not even as nickname, initial or typo) counts against: "Anna
 * Schmidt" / "Anna Weber" may be one person renamed, "Anna Weber" / "Lena Weber" are two relatives.
 */
const GIVEN_DISAGREES_BELOW = 0.5
const GIVEN_DISAGREES_FACTOR = 0.75
/** When only one side has a given name, or only a family name, the name is half the evidence at most. */
const SINGLE_PART_FACTOR = 0.6
/** "Smith, John" in a column meant for "John": common, but the written order did say otherwise. */
const SWAP_FACTOR_WHEN_ORDERED = 0.93
/** A bare full name has no reliable order: the swap costs almost nothing. */
const SWAP_FACTOR_WHEN_UNORDERED = 0.99
/** Comparing all words regardless of part ("Maria del Carmen" split differently): a little weaker. */
const ANY_ORDER_FACTOR = 0.9

export interface NameComparison {
  similarity: number
  /** Plain-words explanation; only filled when asked for, since scoring runs far more often. */
  reasons: string[]
}

export type Arrangement = 'straight' | 'swapped' | 'any-order'

function combine(given: number, family: number): number {
  if (given >= 0 && family >= 0) {
    const combined = GIVEN_WEIGHT * given + FAMILY_WEIGHT * family
    return given < GIVEN_DISAGREES_BELOW ? combined * GIVEN_DISAGREES_FACTOR : combined
  }
  if (family >= 0) return family * SINGLE_PART_FACTOR
  if (given >= 0) return given * SINGLE_PART_FACTOR
  return -1
}

/** The arrangement the last bestSimilarity call chose; kept aside so the hot path returns a bare number. */
let lastArrangement: Arrangement = 'straight'

function bestSimilarity(a: PersonName, b: PersonName): number {
  lastArrangement = 'straight'
  if (!hasName(a) || !hasName(b)) return -1
  let similarity = combine(
    partSimilarity(a.parts.given, b.parts.given),
    partSimilarity(a.parts.family, b.parts.family),
  )
  const swapFactor = a.ordered && b.ordered ? SWAP_FACTOR_WHEN_ORDERED : SWAP_FACTOR_WHEN_UNORDERED
  // Each alternative is tried only when its best possible value could beat what we have.
  if (similarity < swapFactor) {
    const swapped =
      combine(partSimilarity(a.parts.given, b.parts.family), partSimilarity(a.parts.family, b.parts.given)) *
      swapFactor
    if (swapped > similarity) {
      similarity = swapped
      lastArrangement = 'swapped'
    }
  }
  if (similarity < ANY_ORDER_FACTOR) {
    const anyOrder = partSimilarity(a.parts.all, b.parts.all) * ANY_ORDER_FACTOR
    if (anyOrder > similarity) {
      similarity = anyOrder
      lastArrangement = 'any-order'
    }
  }
  return similarity
}

/** nameSimilarity without the explanation: the number alone, -1 when either side has no name. */
export function nameSimilarity(a: PersonName, b: PersonName): number {
  return bestSimilarity(a, b)
}

export interface NamePartAgreement {
  /** In [0, 1], -1 when either side has no such part; both parts of the best arrangement (order swaps). */
  given: number
  family: number
  /** The combined similarity nameSimilarity gives. */
  overall: number
  /** Which words were compared with which: as written, given and family swapped, or all at once. */
  arrangement: Arrangement
  /**
   * The arrangement `overall` comes from, the one compareNames explains: it differs from `arrangement`
   * when all words at once agree better than either order although a part agrees in one of them, or
   * when neither order agrees and all words at once do no better than the closer order.
   */
  overallArrangement: Arrangement
}

/**
 * Name pairs compared before, by the two names' ids: a pool holds the namesakes of its user, and a file's
 * namesakes meet the same candidates, so at 100,000 people a million name comparisons were 155,000
 * distinct pairs.
 */
const comparedNames = new PairMemo(1 << 18)
/**
 * The remembered agreements as numbers (given, family, overall; the two arrangements), not an object per
 * pair: at 100,000 people those objects were about 30 MB of the run's peak.
 */
const nameSimilarities = new Float64Array(comparedNames.capacity * 3)
const nameArrangements = new Uint8Array(comparedNames.capacity * 2)
const ARRANGEMENTS: readonly Arrangement[] = ['straight', 'swapped', 'any-order']

/**
 * How the given and the family name each agree, in the order that fits best (as written, or swapped). Only
 * when neither order finds any agreement are all words compared at once ("Maria del Carmen" split
 * differently), and that agreement is reported as the family name's alone. Remembered per pair of names.
 */
export function namePartAgreement(a: PersonName, b: PersonName): NamePartAgreement {
  const known = comparedNames.find(a.id, b.id)
  if (known >= 0) {
    return {
      given: nameSimilarities[known * 3]!,
      family: nameSimilarities[known * 3 + 1]!,
      overall: nameSimilarities[known * 3 + 2]!,
      arrangement: ARRANGEMENTS[nameArrangements[known * 2]!]!,
      overallArrangement: ARRANGEMENTS[nameArrangements[known * 2 + 1]!]!,
    }
  }
  const agreement = compareNameParts(a, b)
  const index = comparedNames.add(a.id, b.id)
  if (index >= 0) {
    nameSimilarities[index * 3] = agreement.given
    nameSimilarities[index * 3 + 1] = agreement.family
    nameSimilarities[index * 3 + 2] = agreement.overall
    nameArrangements[index * 2] = ARRANGEMENTS.indexOf(agreement.arrangement)
    nameArrangements[index * 2 + 1] = ARRANGEMENTS.indexOf(agreement.overallArrangement)
  }
  return agreement
}

function compareNameParts(a: PersonName, b: PersonName): NamePartAgreement {
  if (!hasName(a) || !hasName(b))
    return { given: -1, family: -1, overall: -1, arrangement: 'straight', overallArrangement: 'straight' }
  // The same comparisons bestSimilarity makes, each made once: this runs for every candidate pair.
  const given = partSimilarity(a.parts.given, b.parts.given)
  const family = partSimilarity(a.parts.family, b.parts.family)
  const straight = combine(given, family)
  const swapFactor = a.ordered && b.ordered ? SWAP_FACTOR_WHEN_ORDERED : SWAP_FACTOR_WHEN_UNORDERED
  let swappedGiven = -1
  let swappedFamily = -1
  let swapped = -1
  if (straight < swapFactor) {
    swappedGiven = partSimilarity(a.parts.given, b.parts.family)
    swappedFamily = partSimilarity(a.parts.family, b.parts.given)
    swapped = combine(swappedGiven, swappedFamily) * swapFactor
  }
  const useSwapped = swapped > straight
  let overall = Math.max(straight, swapped)
  const chosenGiven = useSwapped ? swappedGiven : given
  const chosenFamily = useSwapped ? swappedFamily : family
  const needAnyOrder =
    overall < ANY_ORDER_FACTOR || Math.max(chosenGiven, chosenFamily) < ANY_ORDER_FALLBACK_BELOW
  const anyOrder = needAnyOrder ? partSimilarity(a.parts.all, b.parts.all) * ANY_ORDER_FACTOR : -1
  // bestSimilarity's choice: all words at once only when tried there (the closer order below
  // ANY_ORDER_FACTOR) and strictly better. Tried here for a weak part alone, it cannot beat an order at
  // or above ANY_ORDER_FACTOR, since it is at most ANY_ORDER_FACTOR itself.
  const overallArrangement: Arrangement =
    overall < ANY_ORDER_FACTOR && anyOrder > overall ? 'any-order' : useSwapped ? 'swapped' : 'straight'
  overall = Math.max(overall, anyOrder)
  if (Math.max(chosenGiven, chosenFamily) >= ANY_ORDER_FALLBACK_BELOW) {
    return {
      given: chosenGiven,
      family: chosenFamily,
      overall,
      arrangement: useSwapped ? 'swapped' : 'straight',
      overallArrangement,
    }
  }
  return { given: -1, family: anyOrder, overall, arrangement: 'any-order', overallArrangement }
}

/** Below this, neither part agrees in either order, and the words are compared regardless of part. */
const ANY_ORDER_FALLBACK_BELOW = 0.5

/**
 * How similar two people's names are, in [0, 1], trying the written order, the swapped order and (for
 * names split differently into parts) all words at once. Null when either side has no name at all.
 */
export function compareNames(a: PersonName, b: PersonName, explain = false): NameComparison | null {
  const similarity = bestSimilarity(a, b)
  const arrangement = lastArrangement
  if (similarity < 0) return null
  if (!explain) return { similarity, reasons: [] }
  return { similarity, reasons: explainNames(a, b, arrangement) }
}

/**
 * compareNames' reasons for two names (both with a name) whose arrangement is known already: a compared
 * pair recorded it (namePartAgreement's overallArrangement), so only the words are paired again.
 */
export function explainNames(a: PersonName, b: PersonName, arrangement: Arrangement): string[] {
  const parts: Array<[string, PartComparison | null]> =
    arrangement === 'straight'
      ? [
          ['first name', comparePart(a.parts.given, b.parts.given)],
          ['last name', comparePart(a.parts.family, b.parts.family)],
        ]
      : arrangement === 'swapped'
        ? [
            ['first name', comparePart(a.parts.given, b.parts.family)],
            ['last name', comparePart(a.parts.family, b.parts.given)],
          ]
        : [['name', comparePart(a.parts.all, b.parts.all)]]
  return describe(arrangement, parts)
}

const AGREEMENT_WORDS: Record<Exclude<TokenAgreement, 'equal' | 'none'>, string> = {
  transliteration: 'same after transliteration',
  nickname: 'nickname',
  initial: 'initial',
  prefix: 'shortened',
  typo: 'spelling differs slightly',
  similar: 'similar spelling',
  phonetic: 'sounds alike',
}

function describe(arrangement: Arrangement, parts: Array<[string, PartComparison | null]>): string[] {
  const reasons: string[] = []
  if (arrangement === 'swapped') reasons.push('first and last name swapped')
  if (arrangement === 'any-order') reasons.push('name words compared in any order')
  for (const [label, part] of parts) {
    if (!part) continue
    if (part.joined) {
      reasons.push(`${label} equal, written together / apart`)
      continue
    }
    const agreed = part.pairs.filter((p) => p.comparison.agreement !== 'none')
    if (agreed.length === 0) {
      reasons.push(`${label} differs`)
      continue
    }
    const allEqual = agreed.every((p) => p.comparison.agreement === 'equal')
    if (allEqual && part.extraWords === 0 && part.unpaired === 0) {
      reasons.push(`${label} equal`)
      continue
    }
    for (const pair of agreed) {
      const agreement = pair.comparison.agreement
      reasons.push(
        agreement === 'equal'
          ? `${label} "${pair.a.written}" equal`
          : `${label} "${pair.a.written}" ~ "${pair.b.written}" (${AGREEMENT_WORDS[agreement as keyof typeof AGREEMENT_WORDS]})`,
      )
    }
    if (part.unpaired > 0) reasons.push(`${label}: ${part.unpaired} other word(s) differ`)
    if (part.extraWords > 0)
      reasons.push(`${label}: ${part.extraWords} extra word(s) on one side (e.g. a double name)`)
  }
  return reasons
}
