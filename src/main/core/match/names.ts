import { foldText } from './text'
import { areNicknames } from './nicknames'
import { damerauLevenshtein, jaroWinkler } from './similarity'

/** One word of a name, folded two ways (see text.ts), plus how it was written for the reasons. */
export interface NameToken {
  translit: string
  stripped: string
  written: string
  /** The written word lower-cased, to tell an equal spelling from a transliterated one. */
  lower: string
  /** A single letter, as in "J. Smith": it can only agree on its first letter. */
  initial: boolean
  /** van, de, del, von, y...: part of a family name but too common to identify anyone. */
  particle: boolean
}

export interface PersonName {
  given: NameToken[]
  family: NameToken[]
  /**
   * True when we know which words are the given name and which the family name (separate columns, or
   * "Last, First"); false for a bare full name, whose order is a guess.
   */
  ordered: boolean
}

/** Family-name particles in the languages of the name pools we see (nl, de, fr, es, pt, it, ar). */
const PARTICLES: ReadonlySet<string> = new Set([
  'van',
  'von',
  'vom',
  'zu',
  'zur',
  'de',
  'der',
  'den',
  'des',
  'del',
  'della',
  'dello',
  'di',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'la',
  'le',
  'les',
  'lo',
  'ten',
  'ter',
  'te',
  'het',
  't',
  'af',
  'av',
  'bin',
  'ibn',
  'al',
  'el',
  'y',
  'e',
  'i',
])

const WORD_SEPARATORS = /[\s\-‐‑–—.,;/_()]+/

/** Splits written text into folded name tokens; words that fold to nothing (emoji, CJK) are dropped. */
export function nameTokens(text: string | null | undefined): NameToken[] {
  if (!text) return []
  const tokens: NameToken[] = []
  for (const word of text.split(WORD_SEPARATORS)) {
    if (word === '') continue
    const folded = foldText(word)
    const translit = folded.translit.replace(/ /g, '')
    const stripped = folded.stripped.replace(/ /g, '')
    if (translit === '') continue
    tokens.push({
      translit,
      stripped,
      written: word,
      lower: word.normalize('NFC').toLowerCase(),
      initial: translit.length === 1,
      particle: PARTICLES.has(translit),
    })
  }
  return tokens
}

/** A name from separate first / last fields, falling back to a full name ("Last, First" or free order). */
export function parsePersonName(
  first: string | null | undefined,
  last: string | null | undefined,
  full: string | null | undefined,
): PersonName {
  const given = nameTokens(first)
  const family = nameTokens(last)
  if (given.length > 0 || family.length > 0) {
    // "Smith, John" typed into one of the two columns.
    const lone = given.length === 0 ? last : family.length === 0 ? first : null
    if (lone && lone.includes(',')) return parseFullName(lone)
    return { given, family, ordered: true }
  }
  return parseFullName(full)
}

function parseFullName(full: string | null | undefined): PersonName {
  if (!full || full.trim() === '') return { given: [], family: [], ordered: false }
  const comma = full.indexOf(',')
  if (comma >= 0) {
    return {
      family: nameTokens(full.slice(0, comma)),
      given: nameTokens(full.slice(comma + 1)),
      ordered: true,
    }
  }
  const tokens = nameTokens(full)
  // Without a comma the usual order is "given family"; the comparison also tries the swap.
  const familyStart = Math.max(0, lastContentIndex(tokens))
  return { given: tokens.slice(0, familyStart), family: tokens.slice(familyStart), ordered: false }
}

/** Where the family name of a free-form full name starts: its last word, pulling in leading particles. */
function lastContentIndex(tokens: NameToken[]): number {
  let start = tokens.length - 1
  while (start > 1 && tokens[start - 1]!.particle) start--
  return start
}

export function hasName(name: PersonName): boolean {
  return name.given.length > 0 || name.family.length > 0
}

/** Folded "given|family" key: two employees with the same key are namesakes to any reader. */
export function nameKey(name: PersonName): string {
  const part = (tokens: NameToken[]) =>
    tokens
      .filter((t) => !t.particle)
      .map((t) => t.stripped)
      .join(' ')
  return `${part(name.given)}|${part(name.family)}`
}

// ----------------------------------------------------------------------------------- token similarity

export type TokenAgreement =
  'equal' | 'transliteration' | 'nickname' | 'initial' | 'prefix' | 'typo' | 'similar' | 'none'

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
 * Below Jaro-Winkler 0.88 two name tokens are mostly different names (Winkler reports ~0.88+ for
 * spelling variants of one surname in census data); above it we keep a weak "similar" signal.
 */
const JARO_WINKLER_SIMILAR_FLOOR = 0.88
const SIMILAR_SCALE = 0.65

export interface TokenComparison {
  similarity: number
  agreement: TokenAgreement
}

const NO_AGREEMENT: TokenComparison = { similarity: 0, agreement: 'none' }

export function compareTokens(a: NameToken, b: NameToken): TokenComparison {
  if (a.translit === b.translit || a.stripped === b.stripped) {
    return { similarity: 1, agreement: a.lower === b.lower ? 'equal' : 'transliteration' }
  }
  if (a.initial || b.initial) {
    return a.translit[0] === b.translit[0]
      ? { similarity: INITIAL_SIMILARITY, agreement: 'initial' }
      : NO_AGREEMENT
  }
  if (areNicknames(a.translit, b.translit) || areNicknames(a.stripped, b.stripped)) {
    return { similarity: NICKNAME_SIMILARITY, agreement: 'nickname' }
  }
  const [shorter, longer] = a.translit.length <= b.translit.length ? [a, b] : [b, a]
  if (
    shorter.translit.length >= PREFIX_MIN_LENGTH &&
    (longer.translit.startsWith(shorter.translit) || longer.stripped.startsWith(shorter.stripped))
  ) {
    return { similarity: PREFIX_SIMILARITY, agreement: 'prefix' }
  }
  const longest = longer.translit.length
  const allowed = longest >= TWO_EDITS_MIN_LENGTH ? 2 : longest >= ONE_EDIT_MIN_LENGTH ? 1 : 0
  if (allowed > 0) {
    const edits = Math.min(
      damerauLevenshtein(a.translit, b.translit, allowed),
      damerauLevenshtein(a.stripped, b.stripped, allowed),
    )
    if (edits <= allowed) return { similarity: 1 - TYPO_COST_PER_EDIT * edits, agreement: 'typo' }
  }
  if (a.stripped[0] === b.stripped[0]) {
    const jw = jaroWinkler(a.stripped, b.stripped)
    if (jw >= JARO_WINKLER_SIMILAR_FLOOR) return { similarity: SIMILAR_SCALE * jw, agreement: 'similar' }
  }
  return NO_AGREEMENT
}

// ------------------------------------------------------------------------------- name part similarity

/**
 * Each word one side has and the other lacks (a middle name, half of a double-barrelled surname)
 * multiplies the part's similarity by this: "Anna Schmidt" is still very likely "Anna Müller-Schmidt".
 */
const EXTRA_WORD_FACTOR = 0.92

interface PartComparison {
  similarity: number
  pairs: Array<{ a: NameToken; b: NameToken; comparison: TokenComparison }>
  /** Words written together on one side and apart on the other ("Vandenberg" / "van den Berg"). */
  joined: boolean
  extraWords: number
}

function contentTokens(tokens: NameToken[]): NameToken[] {
  const content = tokens.filter((t) => !t.particle)
  return content.length > 0 ? content : tokens
}

function joinedForm(tokens: NameToken[], form: 'translit' | 'stripped'): string {
  return tokens.map((t) => t[form]).join('')
}

function comparePart(partA: NameToken[], partB: NameToken[]): PartComparison | null {
  if (partA.length === 0 || partB.length === 0) return null
  if (
    (partA.length > 1 || partB.length > 1) &&
    (joinedForm(partA, 'translit') === joinedForm(partB, 'translit') ||
      joinedForm(partA, 'stripped') === joinedForm(partB, 'stripped'))
  ) {
    return { similarity: 1, pairs: [], joined: true, extraWords: 0 }
  }
  const a = contentTokens(partA)
  const b = contentTokens(partB)
  if (a.length === 1 && b.length === 1) {
    const comparison = compareTokens(a[0]!, b[0]!)
    return {
      similarity: comparison.similarity,
      pairs: [{ a: a[0]!, b: b[0]!, comparison }],
      joined: false,
      extraWords: 0,
    }
  }
  // Greedy one-to-one pairing of words, best pair first; names have few words so this is exact enough.
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
  let sum = 0
  for (const pair of all) {
    if (usedA.has(pair.i) || usedB.has(pair.j)) continue
    usedA.add(pair.i)
    usedB.add(pair.j)
    sum += pair.comparison.similarity
    pairs.push({ a: a[pair.i]!, b: b[pair.j]!, comparison: pair.comparison })
  }
  const shorter = Math.min(a.length, b.length)
  const extraWords = Math.max(a.length, b.length) - shorter
  return { similarity: (sum / shorter) * EXTRA_WORD_FACTOR ** extraWords, pairs, joined: false, extraWords }
}

// ------------------------------------------------------------------------------------ name similarity

/** Family names tell people apart better than given names, so they weigh more (Fellegi-Sunter practice). */
const GIVEN_WEIGHT = 0.4
const FAMILY_WEIGHT = 0.6
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

type Arrangement = 'straight' | 'swapped' | 'any-order'

function combineParts(given: PartComparison | null, family: PartComparison | null): number | null {
  if (given && family) return GIVEN_WEIGHT * given.similarity + FAMILY_WEIGHT * family.similarity
  if (family) return family.similarity * SINGLE_PART_FACTOR
  if (given) return given.similarity * SINGLE_PART_FACTOR
  return null
}

/**
 * How similar two people's names are, in [0, 1], trying the written order, the swapped order and (for
 * names split differently into parts) all words at once. Null when either side has no name at all.
 */
export function compareNames(a: PersonName, b: PersonName, explain = false): NameComparison | null {
  if (!hasName(a) || !hasName(b)) return null
  let best: {
    similarity: number
    arrangement: Arrangement
    parts: Array<[string, PartComparison | null]>
  } | null = null

  const straightGiven = comparePart(a.given, b.given)
  const straightFamily = comparePart(a.family, b.family)
  const straight = combineParts(straightGiven, straightFamily)
  if (straight !== null) {
    best = {
      similarity: straight,
      arrangement: 'straight',
      parts: [
        ['first name', straightGiven],
        ['last name', straightFamily],
      ],
    }
  }
  if (best === null || best.similarity < 1) {
    const swapFactor = a.ordered && b.ordered ? SWAP_FACTOR_WHEN_ORDERED : SWAP_FACTOR_WHEN_UNORDERED
    const swappedGiven = comparePart(a.given, b.family)
    const swappedFamily = comparePart(a.family, b.given)
    const swapped = combineParts(swappedGiven, swappedFamily)
    if (swapped !== null && swapped * swapFactor > (best?.similarity ?? 0)) {
      best = {
        similarity: swapped * swapFactor,
        arrangement: 'swapped',
        parts: [
          ['first name', swappedGiven],
          ['last name', swappedFamily],
        ],
      }
    }
    const anyOrder = comparePart([...a.given, ...a.family], [...b.given, ...b.family])
    if (anyOrder && anyOrder.similarity * ANY_ORDER_FACTOR > (best?.similarity ?? 0)) {
      best = {
        similarity: anyOrder.similarity * ANY_ORDER_FACTOR,
        arrangement: 'any-order',
        parts: [['name', anyOrder]],
      }
    }
  }
  if (best === null) return null
  return { similarity: best.similarity, reasons: explain ? describe(best.arrangement, best.parts) : [] }
}

const AGREEMENT_WORDS: Record<Exclude<TokenAgreement, 'equal' | 'none'>, string> = {
  transliteration: 'same after transliteration',
  nickname: 'nickname',
  initial: 'initial',
  prefix: 'shortened',
  typo: 'spelling differs slightly',
  similar: 'similar spelling',
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
    if (allEqual && part.extraWords === 0) {
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
    if (part.extraWords > 0)
      reasons.push(`${label}: ${part.extraWords} extra word(s) on one side (e.g. a double name)`)
  }
  return reasons
}
