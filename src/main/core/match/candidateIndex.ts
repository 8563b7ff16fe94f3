import { nicknameGroups } from './nicknames'
import { MAX_WORD_LENGTH, type NameToken, type PersonName } from './names'

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

function wordKeys(token: NameToken): string[] {
  const cached = keysOfWord.get(token)
  if (cached) return cached
  const group: string[] = []
  for (const form of token.translit === token.stripped
    ? [token.translit]
    : [token.translit, token.stripped]) {
    group.push(`w:${form}`)
    if (form.length >= DELETION_KEYS_MIN_LENGTH && form.length <= MAX_WORD_LENGTH) {
      for (let i = 0; i < form.length; i++) group.push(`w:${form.slice(0, i)}${form.slice(i + 1)}`)
    }
  }
  for (const nickname of nicknameGroups(token.translit)) group.push(`n:${nickname}`)
  const sound = soundex(token.translit)
  if (sound !== '') group.push(`s:${sound}`)
  keysOfWord.set(token, group)
  return group
}

/**
 * Keys for the words of a name, one group per word: the word itself, its one-deletion variants, its
 * nickname groups and its Soundex code. A query counts each group once (its best-matching key), so a long word with many
 * deletion variants does not outweigh a rarer, shorter one.
 */
export function nameBlockingGroups(name: PersonName, into: string[][]): void {
  for (const token of name.given) if (!token.initial && !token.particle) into.push(wordKeys(token))
  for (const token of name.family) if (!token.initial && !token.particle) into.push(wordKeys(token))
  // First letter of the given name with each family word: ties "J. Smith", "Kathi Smith" and "Katharina
  // Smith" to the right Smith, which the family word alone cannot among many Smiths. Both orders are
  // indexed since free-form full names may be swapped.
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

/** Every blocking key of a name, for the employees' side of the index. */
export function nameBlockingKeys(name: PersonName, into: Set<string>): void {
  const groups: string[][] = []
  nameBlockingGroups(name, groups)
  for (const group of groups) for (const key of group) into.add(key)
}

/**
 * A key shared by more employees than this is common (a frequent given name, the deletion variants and
 * Soundex code of a frequent surname). Common keys cannot pick a pool on their own, and reading their
 * posting lists for every user grows with the square of the company: they only rank the employees the
 * selective keys found, unless those are too few to fill the pool.
 */
export const COMMON_KEY_POSTINGS = 256
/** How many of the employees the selective keys found are re-ranked with the common keys, per pool place. */
const RERANKED_PER_POOL_PLACE = 4
/** Groups past this many in one query count without the common-key re-ranking (a group's flag is one bit). */
const MAX_FLAGGED_GROUPS = 31

interface QueryKey {
  id: number
  weight: number
  group: number
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
  /** Best weight per employee within the group being read. */
  private readonly groupBest: Float64Array
  /** Which of the query's groups credited each employee already, one bit per group. */
  private readonly credited: Int32Array
  private readonly size: number

  /** `keysPerEmployee` is read once, in employee order: each employee's keys may be made as it is read. */
  constructor(keysPerEmployee: Iterable<Iterable<string>>) {
    const ownKeys: number[][] = []
    const counts: number[] = []
    for (const keys of keysPerEmployee) {
      const ids: number[] = []
      for (const key of keys) {
        let id = this.keyIds.get(key)
        if (id === undefined) {
          id = counts.length
          this.keyIds.set(key, id)
          counts.push(0)
        }
        counts[id]!++
        ids.push(id)
      }
      ownKeys.push(ids.sort((a, b) => a - b))
    }
    this.size = ownKeys.length
    this.scratch = new Float64Array(this.size)
    this.groupBest = new Float64Array(this.size)
    this.credited = new Int32Array(this.size)
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

  private postingLength(id: number): number {
    return this.postingStart[id + 1]! - this.postingStart[id]!
  }

  /**
   * The `pool` employees sharing the most informative keys with `groups`, best first. A key's weight is its
   * inverse document frequency, so a shared rare surname counts for far more than a shared "Maria"; each
   * group of keys (the forms of one word) counts once, with its best key. Common keys only rank the
   * employees the selective keys found (or fill a pool they leave short), which keeps a query's cost
   * bounded however large the company.
   */
  query(groups: Iterable<readonly string[]>, pool: number): number[] {
    const selective: QueryKey[] = []
    const common: QueryKey[] = []
    let group = 0
    for (const keys of groups) {
      for (const key of keys) {
        const id = this.keyIds.get(key)
        if (id === undefined) continue
        const length = this.postingLength(id)
        const entry = { id, weight: Math.log(1 + this.size / length), group }
        if (length <= COMMON_KEY_POSTINGS || group >= MAX_FLAGGED_GROUPS) selective.push(entry)
        else common.push(entry)
      }
      group++
    }
    const touched: number[] = []
    this.accumulate(selective, touched)
    if (touched.length < pool) this.accumulate(common, touched)
    else if (touched.length > pool && common.length > 0) {
      const widened = this.best(touched, pool * RERANKED_PER_POOL_PLACE, false)
      this.rerank(widened, common)
      return this.best(widened, pool, true, touched)
    }
    return this.best(touched, pool, true)
  }

  /** Adds each group's best key weight to every employee on the keys' posting lists. */
  private accumulate(keys: readonly QueryKey[], touched: number[]): void {
    const { scratch, groupBest, credited, postings, postingStart } = this
    const inGroup: number[] = []
    for (let at = 0; at < keys.length;) {
      const group = keys[at]!.group
      const bit = group < MAX_FLAGGED_GROUPS ? 1 << group : 0
      for (; at < keys.length && keys[at]!.group === group; at++) {
        const { id, weight } = keys[at]!
        for (let p = postingStart[id]!, end = postingStart[id + 1]!; p < end; p++) {
          const employee = postings[p]!
          // A group counts once: its selective keys always outweigh its common ones.
          if ((credited[employee]! & bit) !== 0) continue
          if (groupBest[employee] === 0) inGroup.push(employee)
          if (weight > groupBest[employee]!) groupBest[employee] = weight
        }
      }
      for (const employee of inGroup) {
        if (scratch[employee] === 0) touched.push(employee)
        scratch[employee] = scratch[employee]! + groupBest[employee]!
        credited[employee] = credited[employee]! | bit
        groupBest[employee] = 0
      }
      inGroup.length = 0
    }
  }

  /**
   * Adds the common keys' weight to a few employees by reading their own key lists (short, ascending)
   * against the query's common keys, instead of reading the common keys' long posting lists.
   */
  private rerank(employees: readonly number[], common: QueryKey[]): void {
    const { scratch, credited, keyStart, keysOf } = this
    common.sort((a, b) => a.id - b.id)
    const bestOfGroup = new Float64Array(MAX_FLAGGED_GROUPS)
    for (const employee of employees) {
      let k = keyStart[employee]!
      const end = keyStart[employee + 1]!
      for (const key of common) {
        while (k < end && keysOf[k]! < key.id) k++
        if (k === end) break
        if (keysOf[k] !== key.id || (credited[employee]! & (1 << key.group)) !== 0) continue
        if (key.weight > bestOfGroup[key.group]!) bestOfGroup[key.group] = key.weight
      }
      for (let group = 0; group < MAX_FLAGGED_GROUPS; group++) {
        scratch[employee] = scratch[employee]! + bestOfGroup[group]!
        bestOfGroup[group] = 0
      }
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
