import { nicknameGroups } from './nicknames'
import { MAX_WORD_LENGTH, type NamePart, type NameToken, type PersonName } from './names'
import { MAX_GROUPS, postingArrays, PostingReader, type PostingArrays } from './postingIndex'

export { COMMON_KEY_POSTINGS } from './postingIndex'

/**
 * Blocking: an inverted index from cheap keys (identifiers, email local parts, name words and their
 * one-deletion variants, nickname groups) to employees. A legacy user is compared in full only with the
 * employees that share the most informative keys with it, never with every employee.
 */

/** Words at least this long also index every one-letter deletion, so one typo still shares a key. */
const DELETION_KEYS_MIN_LENGTH = 4

/** American Soundex classes of consonants; vowels and h, w, y separate or vanish. */
const SOUNDEX_CLASS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ['bfpv', '1'],
    ['cgjkqsxz', '2'],
    ['dt', '3'],
    ['l', '4'],
    ['mn', '5'],
    ['r', '6'],
  ].flatMap(([letters, digit]) => [...letters!].map((letter) => [letter, digit!])),
)

/**
 * Soundex code of a folded word (Russell and Odell's census coding): words that sound alike share it, so
 * a phonetic respelling or two typos in one word ("Kowalczyk" / "Kovalchik") still meet in the index.
 */
export function soundex(word: string): string {
  const letters = word.replace(/[^a-z]/g, '')
  if (letters === '') return ''
  let code = letters[0]!
  let previous = SOUNDEX_CLASS[letters[0]!] ?? ''
  for (const letter of letters.slice(1)) {
    const digit = SOUNDEX_CLASS[letter] ?? ''
    if (digit !== '' && digit !== previous) code += digit
    if (letter !== 'h' && letter !== 'w') previous = digit
    if (code.length === 4) break
  }
  return code.padEnd(4, '0')
}

/**
 * A word's keys, made once per distinct word: name tokens are shared between everyone with that word
 * (names.ts), so a company's thousand Marias cost one set of keys.
 */
const keysOfWord = new WeakMap<NameToken, string[]>()

/** The spelling keys of one written form: the form itself and, when long enough, its one-deletion variants. */
function spellingKeys(form: string, into: string[]): void {
  into.push(`w:${form}`)
  if (form.length >= DELETION_KEYS_MIN_LENGTH && form.length <= MAX_WORD_LENGTH) {
    for (let i = 0; i < form.length; i++) into.push(`w:${form.slice(0, i)}${form.slice(i + 1)}`)
  }
}

function wordKeys(token: NameToken): string[] {
  const cached = keysOfWord.get(token)
  if (cached) return cached
  const group: string[] = []
  spellingKeys(token.translit, group)
  if (token.stripped !== token.translit) spellingKeys(token.stripped, group)
  for (const nickname of nicknameGroups(token.translit)) group.push(`n:${nickname}`)
  const sound = soundex(token.translit)
  if (sound !== '') group.push(`s:${sound}`)
  // Double Metaphone as well as Soundex: it keeps the first sound rather than the first letter, so a
  // respelt first letter ("Quinlan" / "Kwinlan", "Pham" / "Fam") still meets.
  for (const code of token.sounds) group.push(`m:${code}`)
  keysOfWord.set(token, group)
  return group
}

/**
 * The keys of a part of several words written as one ("van der Berg" as "vanderberg", "Fed orov" as
 * "fedorov"): a space inserted or dropped must not lose the person. Made once per name part.
 */
const keysOfJoined = new WeakMap<NamePart, string[]>()

function joinedKeys(part: NamePart): string[] | null {
  if (part.tokens.length < 2) return null
  const cached = keysOfJoined.get(part)
  if (cached) return cached
  const group: string[] = []
  spellingKeys(part.joinedTranslit, group)
  if (part.joinedStripped !== part.joinedTranslit) spellingKeys(part.joinedStripped, group)
  keysOfJoined.set(part, group)
  return group
}

/**
 * A record that lacks one part of its name (only a surname, say) agrees best with another that lacks
 * the same part: both-absent is evidence in the model (linkageModel.ts), and among a hundred Smiths the
 * one without a given name must not be cut from the pool. Its other part's keys are also indexed with
 * this mark, so those records share rarer keys; only records with a missing part carry them.
 */
const ONLY_FAMILY = 'f'
const ONLY_GIVEN = 'g'
const keysWithMark = new Map<string, WeakMap<readonly string[], string[]>>()

function marked(mark: string, group: readonly string[]): string[] {
  let byGroup = keysWithMark.get(mark)
  if (!byGroup) keysWithMark.set(mark, (byGroup = new WeakMap()))
  const cached = byGroup.get(group)
  if (cached) return cached
  const keys = [...group, ...group.map((key) => `${mark}${key}`)]
  byGroup.set(group, keys)
  return keys
}

const isContent = (token: NameToken) => !token.initial && !token.particle

/**
 * Keys for the words of a name, one group per word: the word itself, its one-deletion variants, its
 * nickname groups and its phonetic codes (a part of several words also as one word). A query counts each
 * group once (its best-matching key), so a long word with many deletion variants does not outweigh a
 * rarer, shorter one.
 */
export function nameBlockingGroups(name: PersonName, into: KeyGroup[]): void {
  const hasGiven = name.given.some(isContent)
  const hasFamily = name.family.some(isContent)
  const mark = !hasGiven && hasFamily ? ONLY_FAMILY : hasGiven && !hasFamily ? ONLY_GIVEN : null
  const add = (group: string[]) => into.push(mark === null ? group : marked(mark, group))
  for (const token of name.given) if (isContent(token)) add(wordKeys(token))
  for (const token of name.family) if (isContent(token)) add(wordKeys(token))
  for (const part of [name.parts.given, name.parts.family]) {
    const joined = joinedKeys(part)
    if (joined) add(joined)
  }
  // First letter of the given name with each family word: ties "J. Smith", "Kathi Smith" and "Katharina
  // Smith" to the right Smith, which the family word alone cannot among many Smiths. Both orders are
  // indexed since free-form full names may be swapped. (The initial with the family word's phonetic code
  // as well found 0.1% more originals on a names-only benchmark for a key per word and employee: left out.)
  initialKeys(name.given, name.family, into)
  initialKeys(name.family, name.given, into)
}

/**
 * The first letter of `first`'s first word that is not a particle, with each word of `rest` that is
 * neither a particle nor an initial. Loops rather than filter: this runs for every person of both files.
 */
function initialKeys(first: readonly NameToken[], rest: readonly NameToken[], into: KeyGroup[]): void {
  let lead = 0
  while (lead < first.length && first[lead]!.particle) lead++
  const initial = first[lead]?.stripped[0]
  if (initial === undefined) return
  for (let at = 0; at < rest.length; at++) {
    const token = rest[at]!
    if (!token.particle && !token.initial) into.push(initialGroup(initial, token))
  }
}

/**
 * The group of an initial with a word, made once per pair and shared like a word's own keys: a
 * company's "J. Smith"s are many people but one group, whose key ids the index looks up once.
 */
const initialGroupsOfWord = new WeakMap<NameToken, Map<string, readonly string[]>>()

function initialGroup(initial: string, token: NameToken): readonly string[] {
  let groups = initialGroupsOfWord.get(token)
  if (!groups) initialGroupsOfWord.set(token, (groups = new Map()))
  let group = groups.get(initial)
  if (!group) groups.set(initial, (group = [`i:${initial}${token.stripped}`]))
  return group
}

/**
 * The kinds of identifier a person is indexed by: an id (remote id or personnel number, which a product
 * may have stored as either), a full address, an address's local part.
 */
export const IDENTIFIER = { id: 0, email: 1, localPart: 2 } as const
export type IdentifierKind = (typeof IDENTIFIER)[keyof typeof IDENTIFIER]

/**
 * One identifier of one person, as a blocking key of its own. Kept as the value it is, in a dictionary
 * per kind, rather than as a prefixed string: every employee and user has several, each one distinct,
 * and making and hashing a new string for each was most of what building the index cost at 500,000.
 */
export class IdentifierKey {
  constructor(
    readonly kind: IdentifierKind,
    readonly value: string,
  ) {}
}

/**
 * A group of keys a query counts once (see nameBlockingGroups): the words' groups, shared by everyone
 * with the word, or one identifier.
 */
export type KeyGroup = readonly string[] | IdentifierKey

/** `keys`, or a copy of its first `used` ids with room for `more` after them. */
function withRoom(keys: Int32Array<ArrayBuffer>, used: number, more: number): Int32Array<ArrayBuffer> {
  if (used + more <= keys.length) return keys
  const grown = new Int32Array(Math.max(keys.length * 2, used + more))
  grown.set(keys.subarray(0, used))
  return grown
}

/**
 * The key side of the index: keys to ids, and each query's keys as ids (encode). The numbers themselves
 * (posting lists, weights) are PostingArrays in shared memory, read by a PostingReader. Ids follow the
 * keys' first appearance, whatever dictionary a key is in.
 */
export class CandidateIndex {
  /** The words' keys, by their prefixed strings. */
  private readonly keyIds = new Map<string, number>()
  /** Identifiers, one dictionary per kind (IDENTIFIER), by their values. */
  private readonly identifierIds: readonly Map<string, number>[] = [new Map(), new Map(), new Map()]
  /** A shared group's key ids, looked up once per index. */
  private readonly idsOfGroup = new WeakMap<readonly string[], readonly number[]>()
  /** The posting arrays, which a second thread can read as they are (see parallelBlocking.ts). */
  readonly arrays: PostingArrays
  private readonly reader: PostingReader
  /** One query's encoding, reused from query to query. */
  private readonly encodedIds: number[] = []
  private readonly encodedGroups: number[] = []

  /**
   * `groupsPerEmployee` is read once, in employee order: each employee's key groups (as a query takes them)
   * may be made as they are read.
   */
  constructor(groupsPerEmployee: Iterable<readonly KeyGroup[]>) {
    // Every employee's key ids, ascending and distinct, one after the other in one typed array (half the
    // memory of number arrays while the whole company's keys are held, a numeric sort without a
    // comparator, and no array per employee to allocate).
    let keys = new Int32Array(1024)
    const keyStart: number[] = [0]
    const counts: number[] = []
    for (const groups of groupsPerEmployee) {
      const start = keyStart[keyStart.length - 1]!
      let end = start
      for (let at = 0; at < groups.length; at++) {
        const group = groups[at]!
        if (group instanceof IdentifierKey) {
          keys = withRoom(keys, end, 1)
          keys[end++] = this.assignIdentifierId(group, counts)
        } else {
          const ids = this.assignIds(group, counts)
          keys = withRoom(keys, end, ids.length)
          for (let id = 0; id < ids.length; id++) keys[end++] = ids[id]!
        }
      }
      keys.subarray(start, end).sort()
      let distinct = start
      for (let at = start; at < end; at++) {
        if (at > start && keys[at] === keys[at - 1]) continue
        keys[distinct++] = keys[at]!
        counts[keys[at]!]!++
      }
      keyStart.push(distinct)
    }
    this.arrays = postingArrays(keys, keyStart, counts)
    this.reader = new PostingReader(this.arrays)
  }

  /** The ids of a shared group's keys, a new key getting the next id; kept for the queries (idsOf). */
  private assignIds(groupKeys: readonly string[], counts: number[]): readonly number[] {
    const cached = this.idsOfGroup.get(groupKeys)
    if (cached) return cached
    const ids: number[] = []
    for (const key of groupKeys) {
      let id = this.keyIds.get(key)
      if (id === undefined) {
        id = counts.length
        this.keyIds.set(key, id)
        counts.push(0)
      }
      ids.push(id)
    }
    this.idsOfGroup.set(groupKeys, ids)
    return ids
  }

  private assignIdentifierId(key: IdentifierKey, counts: number[]): number {
    const ids = this.identifierIds[key.kind]!
    let id = ids.get(key.value)
    if (id === undefined) {
      id = counts.length
      ids.set(key.value, id)
      counts.push(0)
    }
    return id
  }

  /** The `pool` employees sharing the most informative keys with `groups`, best first (PostingReader.query). */
  query(groups: Iterable<KeyGroup>, pool: number): number[] {
    const ids = this.encodedIds
    const groupOf = this.encodedGroups
    ids.length = 0
    groupOf.length = 0
    this.encode(groups, ids, groupOf)
    return this.reader.query(Int32Array.from(ids), Uint8Array.from(groupOf), 0, ids.length, pool)
  }

  /**
   * Appends the known keys of a query's groups as key ids to `ids`, each with its group's number in
   * `groupOf` (groups past MAX_GROUPS are left out): the query as a PostingReader reads it.
   */
  encode(groups: Iterable<KeyGroup>, ids: number[], groupOf: number[]): void {
    let group = 0
    for (const keys of groups) {
      if (group === MAX_GROUPS) break
      if (keys instanceof IdentifierKey) {
        const id = this.identifierIds[keys.kind]!.get(keys.value)
        if (id !== undefined) {
          ids.push(id)
          groupOf.push(group)
        }
      } else {
        const known = this.idsOf(keys)
        for (let at = 0; at < known.length; at++) {
          ids.push(known[at]!)
          groupOf.push(group)
        }
      }
      group++
    }
  }

  /**
   * The known key ids of a shared group (see wordKeys), looked up once per index, not once per user with
   * that word.
   */
  private idsOf(groupKeys: readonly string[]): readonly number[] {
    const cached = this.idsOfGroup.get(groupKeys)
    if (cached) return cached
    const ids: number[] = []
    for (const key of groupKeys) {
      const id = this.keyIds.get(key)
      if (id !== undefined) ids.push(id)
    }
    this.idsOfGroup.set(groupKeys, ids)
    return ids
  }
}
