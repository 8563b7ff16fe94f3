import { doubleMetaphone } from 'double-metaphone'
import { foldText } from './text'
import { nicknameGroups } from './nicknames'

/** One word of a name, folded two ways (see text.ts), plus how it was written for the reasons. */
export interface NameToken {
  /** Unique per token made, so a pair of tokens has a cheap key (see compareTokens). */
  id: number
  translit: string
  stripped: string
  written: string
  /** The written word lower-cased, to tell an equal spelling from a transliterated one. */
  lower: string
  /** A single letter, as in "J. Smith": it can only agree on its first letter. */
  initial: boolean
  /** van, de, del, von, y...: part of a family name but too common to identify anyone. */
  particle: boolean
  /** Nickname groups of the word (see nicknames.ts), looked up once. */
  groups: readonly number[]
  /**
   * The word's Double Metaphone codes (primary, and the alternative when it differs), computed once per
   * distinct word: how it sounds, so "Quinlan" / "Kwinlan" and "Pham" / "Fam" agree.
   */
  sounds: readonly string[]
}

/** The words of one part of a name with what comparing them needs, computed once per person. */
export interface NamePart {
  tokens: NameToken[]
  /** The words without particles (all words when there are only particles). */
  content: NameToken[]
  joinedTranslit: string
  joinedStripped: string
}

export interface PersonName {
  /**
   * Unique per name made: parsed names are shared by everyone written alike, so a pair of names has a
   * cheap key (see namePartAgreement).
   */
  id: number
  given: NameToken[]
  family: NameToken[]
  /**
   * True when we know which words are the given name and which the family name (separate columns, or
   * "Last, First"); false for a bare full name, whose order is a guess.
   */
  ordered: boolean
  parts: { given: NamePart; family: NamePart; all: NamePart }
}

/**
 * One pass over the words, no callbacks: every name of both files is parsed once per run, mostly before
 * V8 has optimised anything, so at a few thousand people the closures of a some / filter / map / join
 * version were a visible share of the whole run.
 */
function namePart(tokens: NameToken[]): NamePart {
  let particles = 0
  let joinedTranslit = ''
  let joinedStripped = ''
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]!
    if (token.particle) particles++
    joinedTranslit = at === 0 ? token.translit : joinedTranslit + token.translit
    joinedStripped = at === 0 ? token.stripped : joinedStripped + token.stripped
  }
  // Only particles (or none): every word is content.
  const content = particles === 0 || particles === tokens.length ? tokens : tokens.filter((t) => !t.particle)
  return { tokens, content, joinedTranslit, joinedStripped }
}

let nextNameId = 0

export function personName(given: NameToken[], family: NameToken[], ordered: boolean): PersonName {
  return {
    id: nextNameId++,
    given,
    family,
    ordered,
    parts: { given: namePart(given), family: namePart(family), all: namePart(given.concat(family)) },
  }
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

/** Titles and suffixes some exports put into name fields ("Dr. Anna Schmidt", "John Smith Jr."). */
const TITLES: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'herr',
  'frau',
  'mme',
  'mlle',
  'sr',
  'jr',
  'ii',
  'iii',
  'phd',
  'mba',
  'dipl',
  'ing',
])

const WORD_SEPARATORS = /[\s\-‐‑–—.,;/_()]+/

const PLAIN_ASCII_WORD = /^[A-Za-z0-9]+$/
const NOT_A_LETTER = /[^\p{L}]/gu

/** "J." or "Ö": one written letter, whatever its transliteration ("Ö" -> "oe") looks like. */
function isInitial(word: string, translit: string): boolean {
  // Only alphabets abbreviate names to letters; a one-character Chinese or Korean name is a whole name.
  if (!ALPHABETIC.test(word)) return false
  return translit.length === 1 || [...word.replace(NOT_A_LETTER, '')].length === 1
}

const ALPHABETIC = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u

/**
 * Folded forms of one written word. Names repeat a lot across a company (and a legacy file repeats the
 * HRIS names), so folds are memoised; the cache is dropped when it grows past WORD_CACHE_LIMIT.
 */
/**
 * Words and whole names repeat across a company (a thousand Marias, hundreds of "Maria Garcia"s), and a
 * parsed name is never changed once made: each distinct word and name is parsed once and shared, which at
 * 100,000 people saves most of the memory names take. Bounded so a hostile file cannot grow them without
 * end.
 */
const NAME_CACHE_LIMIT = 200_000
const tokenCache = new Map<string, NameToken | null>()
const nameCache = new Map<string, PersonName>()

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= NAME_CACHE_LIMIT) cache.clear()
  cache.set(key, value)
  return value
}

let nextTokenId = 0

/** One written word as a name token, or null when it folds to nothing or is a title. */
function nameToken(word: string): NameToken | null {
  const cached = tokenCache.get(word)
  if (cached !== undefined) return cached
  let translit: string
  let stripped: string
  if (PLAIN_ASCII_WORD.test(word)) translit = stripped = word.toLowerCase()
  else {
    const both = foldText(word)
    translit = both.translit.replace(/ /g, '')
    stripped = both.stripped.replace(/ /g, '')
  }
  if (translit === '' || TITLES.has(translit)) return remember(tokenCache, word, null)
  return remember(tokenCache, word, {
    id: nextTokenId++,
    translit,
    stripped,
    written: word,
    lower: PLAIN_ASCII_WORD.test(word) ? word.toLowerCase() : word.normalize('NFC').toLowerCase(),
    initial: isInitial(word, translit),
    particle: PARTICLES.has(translit),
    groups: nicknameGroups(translit),
    sounds: soundsOf(stripped),
  })
}

/** Double Metaphone codes of a folded word; none for a word that has no letters to sound. */
function soundsOf(stripped: string): readonly string[] {
  const letters = stripped.replace(/[^a-z]/g, '')
  if (letters === '') return []
  const [primary, alternative] = doubleMetaphone(letters)
  if (primary === '') return []
  return alternative === primary || alternative === '' ? [primary] : [primary, alternative]
}

/**
 * Bounds that keep one record's cost fixed whatever a file holds: no real name is longer or has more words
 * (the longest registered personal names run to a few dozen words of a few letters each), and a word past
 * MAX_WORD_LENGTH is compared as written, without typo tolerance.
 */
const MAX_NAME_LENGTH = 256
const MAX_NAME_WORDS = 12
export const MAX_WORD_LENGTH = 40

/** Splits written text into folded name tokens; words that fold to nothing (emoji, CJK) are dropped. */
export function nameTokens(text: string | null | undefined): NameToken[] {
  if (!text) return []
  const tokens: NameToken[] = []
  for (const word of text.slice(0, MAX_NAME_LENGTH).split(WORD_SEPARATORS)) {
    if (tokens.length === MAX_NAME_WORDS) break
    if (word === '') continue
    const token = nameToken(word)
    if (token !== null) tokens.push(token)
  }
  return tokens
}

/** A name from separate first / last fields, falling back to a full name ("Last, First" or free order). */
export function parsePersonName(
  first: string | null | undefined,
  last: string | null | undefined,
  full: string | null | undefined,
): PersonName {
  const key = `${first ?? ''}\u0000${last ?? ''}\u0000${full ?? ''}`
  return nameCache.get(key) ?? remember(nameCache, key, parseNameParts(first, last, full))
}

function parseNameParts(
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
    return personName(given, family, true)
  }
  return parseFullName(full)
}

function parseFullName(full: string | null | undefined): PersonName {
  if (!full || full.trim() === '') return personName([], [], false)
  const comma = full.indexOf(',')
  if (comma >= 0) return personName(nameTokens(full.slice(comma + 1)), nameTokens(full.slice(0, comma)), true)
  const tokens = nameTokens(full)
  // Without a comma the usual order is "given family"; the comparison also tries the swap.
  const familyStart = Math.max(0, lastContentIndex(tokens))
  return personName(tokens.slice(0, familyStart), tokens.slice(familyStart), false)
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

/**
 * Folded "given|family" key: two employees with the same key are namesakes to any reader. Made for every
 * employee of a run before V8 optimises anything, so a plain loop rather than filter / map / join.
 */
export function nameKey(name: PersonName): string {
  return `${strippedWords(name.given)}|${strippedWords(name.family)}`
}

/** The stripped forms of the words that are not particles, space-separated. */
function strippedWords(tokens: readonly NameToken[]): string {
  let words = ''
  let first = true
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]!
    if (token.particle) continue
    words = first ? token.stripped : `${words} ${token.stripped}`
    first = false
  }
  return words
}
