import { nicknameGroups } from './nicknames'
import { MAX_WORD_LENGTH, type NamePart, type NameToken, type PersonName } from './names'

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
export function nameBlockingGroups(name: PersonName, into: string[][]): void {
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
  const given = name.given.filter((t) => !t.particle)
  const family = name.family.filter((t) => !t.particle)
  for (const [first, rest] of [
    [given, family],
    [family, given],
  ] as const) {
    const initial = first[0]?.stripped[0]
    if (initial === undefined) continue
    for (const token of rest) if (!token.initial) into.push([`i:${initial}${token.stripped}`])
  }
}

/**
 * A key shared by more employees than this is common (a frequent given name, the deletion variants and
 * Soundex code of a frequent surname). Keys are read rarest first; once the pool is full, common keys are
 * no longer read in full (their posting lists, read for every user, would make candidate generation grow
 * with the square of the company): they only re-rank the employees found so far.
 */
export const COMMON_KEY_POSTINGS = 64
/** How many of the employees found are re-ranked with the remaining keys, per pool place. */
const RERANKED_PER_POOL_PLACE = 4
/**
 * Word groups a query counts (each group's flag is one bit): more than any real name has; further groups
 * of an overlong name are left out, which also bounds what one row can cost.
 */
const MAX_GROUPS = 31

/**
 * Ranks of key ids in reading order (fewer postings first, ties by id) and the inverse, by counting sort:
 * posting counts are small integers.
 */
function readingOrder(counts: readonly number[], employees: number): [Int32Array, Int32Array] {
  const startOfCount = new Int32Array(employees + 2)
  for (const count of counts) startOfCount[count + 1]!++
  for (let count = 1; count < startOfCount.length; count++)
    startOfCount[count] = startOfCount[count]! + startOfCount[count - 1]!
  const rankOfKey = new Int32Array(counts.length)
  const keyOfRank = new Int32Array(counts.length)
  counts.forEach((count, id) => {
    const rank = startOfCount[count]!++
    rankOfKey[id] = rank
    keyOfRank[rank] = id
  })
  return [rankOfKey, keyOfRank]
}

/**
 * The first position in `sorted[from..end)` holding `id` or more (`end` when none): galloping, then binary
 * search. A few common keys are looked up in an employee's long key list, so stepping through it one by one
 * cost more than the lookups.
 */
function firstAtLeast(sorted: Int32Array, from: number, end: number, id: number): number {
  if (from === end || sorted[from]! >= id) return from
  let low = from
  let step = 1
  while (low + step < end && sorted[low + step]! < id) {
    low += step
    step *= 2
  }
  let high = Math.min(low + step, end)
  // sorted[low] < id, and sorted[high] >= id or high === end.
  while (high - low > 1) {
    const middle = (low + high) >>> 1
    if (sorted[middle]! < id) low = middle
    else high = middle
  }
  return high
}

export class CandidateIndex {
  private readonly keyIds = new Map<string, number>()
  /** Posting lists as one array: key id k owns postings[postingStart[k] .. postingStart[k + 1]). */
  private readonly postingStart: Int32Array
  private readonly postings: Int32Array
  /** Each employee's key ids, ascending, in the same layout. */
  private readonly keyStart: Int32Array
  private readonly keysOf: Int32Array
  private readonly scratch: Float64Array
  /** Which of the query's groups credited each employee already, one bit per group. */
  private readonly credited: Int32Array
  /** Per key: its inverse document frequency, and its group in the query being read. */
  private readonly weightOfKey: Float64Array
  private readonly groupOfKey: Uint8Array
  private readonly bestOfGroup = new Float64Array(MAX_GROUPS)
  private readonly idsOfGroup = new WeakMap<readonly string[], readonly number[]>()
  private readonly size: number
  /**
   * Key ids in reading order (fewest postings first, ties by id) and back: a query's keys are put in that
   * order by a numeric sort of their ranks, without a comparator.
   */
  private readonly rankOfKey: Int32Array
  private readonly keyOfRank: Int32Array
  /** The current query's key ids, and the employees it touched: reused from query to query. */
  private queryKeys = new Int32Array(256)
  private readonly touched: number[] = []

  /**
   * `groupsPerEmployee` is read once, in employee order: each employee's key groups (as a query takes them)
   * may be made as they are read. A name word's group is shared by everyone with that word, so its key ids
   * are looked up once, not once per employee.
   */
  constructor(groupsPerEmployee: Iterable<readonly (readonly string[])[]>) {
    // Typed arrays: half the memory of number arrays while the whole company's keys are held, and a
    // numeric sort without a comparator.
    const ownKeys: Int32Array[] = []
    const counts: number[] = []
    const ids: number[] = []
    for (const groups of groupsPerEmployee) {
      ids.length = 0
      for (const group of groups) for (const id of this.assignIds(group, counts)) ids.push(id)
      const sorted = Int32Array.from(ids).sort()
      let distinct = 0
      for (let at = 0; at < sorted.length; at++) {
        if (at > 0 && sorted[at] === sorted[at - 1]) continue
        sorted[distinct++] = sorted[at]!
        counts[sorted[at]!]!++
      }
      ownKeys.push(sorted.slice(0, distinct))
    }
    this.size = ownKeys.length
    this.scratch = new Float64Array(this.size)
    this.credited = new Int32Array(this.size)
    this.weightOfKey = new Float64Array(counts.length)
    for (let id = 0; id < counts.length; id++) this.weightOfKey[id] = Math.log(1 + this.size / counts[id]!)
    this.groupOfKey = new Uint8Array(counts.length)
    ;[this.rankOfKey, this.keyOfRank] = readingOrder(counts, this.size)
    this.postingStart = new Int32Array(counts.length + 1)
    for (let id = 0; id < counts.length; id++)
      this.postingStart[id + 1] = this.postingStart[id]! + counts[id]!
    this.postings = new Int32Array(this.postingStart[counts.length]!)
    this.keyStart = new Int32Array(this.size + 1)
    this.keysOf = new Int32Array(this.postings.length)
    const filled = this.postingStart.slice(0, counts.length)
    ownKeys.forEach((ids, employee) => {
      // Employees are added in order, so every posting list comes out ascending.
      for (const id of ids) this.postings[filled[id]!++] = employee
      this.keysOf.set(ids, this.keyStart[employee]!)
      this.keyStart[employee + 1] = this.keyStart[employee]! + ids.length
    })
  }

  /**
   * The ids of a group's keys, a new key getting the next id (so ids follow the keys' first appearance);
   * a shared group's ids are kept for the queries (idsOf).
   */
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
    if (groupKeys.length > 1) this.idsOfGroup.set(groupKeys, ids)
    return ids
  }

  /**
   * The `pool` employees sharing the most informative keys with `groups`, best first. A key's weight is its
   * inverse document frequency, so a shared rare surname counts for far more than a shared "Maria"; each
   * group of keys (the forms of one word) counts once, with its best key. Keys are read rarest first, so
   * an employee's first key from a group is that group's best.
   */
  query(groups: Iterable<readonly string[]>, pool: number): number[] {
    const count = this.collect(groups)
    const { rankOfKey, keyOfRank, touched } = this
    const keys = this.queryKeys
    for (let at = 0; at < count; at++) keys[at] = rankOfKey[keys[at]!]!
    keys.subarray(0, count).sort()
    for (let at = 0; at < count; at++) keys[at] = keyOfRank[keys[at]!]!
    touched.length = 0
    let at = 0
    for (; at < count; at++) {
      if (this.postingCount(keys[at]!) > COMMON_KEY_POSTINGS && touched.length >= pool) break
      this.credit(keys[at]!, touched)
    }
    if (at < count && touched.length > pool) {
      const widened = this.best(touched, pool * RERANKED_PER_POOL_PLACE, false)
      this.rerank(widened, keys.slice(at, count).sort())
      return this.best(widened, pool, true, touched)
    }
    return this.best(touched, pool, true)
  }

  /**
   * Puts the known keys of the query's groups, as key ids, into `queryKeys` and returns how many; each
   * key's group is noted in `groupOfKey`.
   */
  private collect(groups: Iterable<readonly string[]>): number {
    let count = 0
    let group = 0
    for (const groupKeys of groups) {
      if (group === MAX_GROUPS) break
      const ids = this.idsOf(groupKeys)
      if (count + ids.length > this.queryKeys.length) {
        const grown = new Int32Array((count + ids.length) * 2)
        grown.set(this.queryKeys.subarray(0, count))
        this.queryKeys = grown
      }
      for (const id of ids) {
        this.queryKeys[count++] = id
        this.groupOfKey[id] = group
      }
      group++
    }
    return count
  }

  /**
   * The known key ids of a group. A name word's group is one shared array (see wordKeys), so its ids are
   * looked up once per index, not once per user with that word.
   */
  private idsOf(groupKeys: readonly string[]): readonly number[] {
    const cached = this.idsOfGroup.get(groupKeys)
    if (cached) return cached
    const ids: number[] = []
    for (const key of groupKeys) {
      const id = this.keyIds.get(key)
      if (id !== undefined) ids.push(id)
    }
    if (groupKeys.length > 1) this.idsOfGroup.set(groupKeys, ids)
    return ids
  }

  private postingCount(id: number): number {
    return this.postingStart[id + 1]! - this.postingStart[id]!
  }

  /** Adds the key's weight to every employee on its posting list that its group has not credited yet. */
  private credit(id: number, touched: number[]): void {
    const { scratch, credited, postings } = this
    const bit = 1 << this.groupOfKey[id]!
    const weight = this.weightOfKey[id]!
    for (let p = this.postingStart[id]!, end = this.postingStart[id + 1]!; p < end; p++) {
      const employee = postings[p]!
      if ((credited[employee]! & bit) !== 0) continue
      if (scratch[employee] === 0) touched.push(employee)
      scratch[employee] = scratch[employee]! + weight
      credited[employee] = credited[employee]! | bit
    }
  }

  /**
   * Adds the remaining keys' weight (ascending ids) to a few employees by reading their own key lists
   * (short, ascending) against those keys, instead of reading the keys' long posting lists.
   */
  private rerank(employees: readonly number[], remaining: Int32Array): void {
    const { scratch, credited, keyStart, keysOf, groupOfKey, weightOfKey, bestOfGroup } = this
    const groupsSeen: number[] = []
    for (const employee of employees) {
      let k = keyStart[employee]!
      const end = keyStart[employee + 1]!
      for (const id of remaining) {
        k = firstAtLeast(keysOf, k, end, id)
        if (k === end) break
        const group = groupOfKey[id]!
        if (keysOf[k] !== id || (credited[employee]! & (1 << group)) !== 0) continue
        if (bestOfGroup[group] === 0) groupsSeen.push(group)
        if (weightOfKey[id]! > bestOfGroup[group]!) bestOfGroup[group] = weightOfKey[id]!
      }
      for (const group of groupsSeen) {
        scratch[employee] = scratch[employee]! + bestOfGroup[group]!
        bestOfGroup[group] = 0
      }
      groupsSeen.length = 0
    }
  }

  /**
   * The `count` best of `employees` by accumulated weight, best first (ties in employee order). With `reset`
   * the scratch state of `alsoReset` (or of `employees`) is cleared for the next query. A small sorted list
   * instead of sorting everything: common first names touch hundreds of employees, of which a few dozen are
   * scored.
   */
  private best(
    employees: readonly number[],
    count: number,
    reset: boolean,
    alsoReset: readonly number[] = employees,
  ): number[] {
    const { scratch } = this
    const chosen: number[] = []
    const chosenWeights: number[] = []
    for (const employee of employees) {
      const weight = scratch[employee]!
      if (chosen.length === count && weight <= chosenWeights[count - 1]!) continue
      let position = chosen.length === count ? count - 1 : chosen.length
      while (position > 0 && chosenWeights[position - 1]! < weight) {
        chosen[position] = chosen[position - 1]!
        chosenWeights[position] = chosenWeights[position - 1]!
        position--
      }
      chosen[position] = employee
      chosenWeights[position] = weight
    }
    if (reset) {
      for (const employee of alsoReset) {
        scratch[employee] = 0
        this.credited[employee] = 0
      }
    }
    return chosen
  }
}
