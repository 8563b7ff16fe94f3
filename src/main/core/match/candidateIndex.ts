import { nicknameGroups } from './nicknames'
import { MAX_WORD_LENGTH, type PersonName } from './names'

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
 * Keys for the words of a name, one group per word: the word itself, its one-deletion variants, its
 * nickname groups and its Soundex code. A query counts each group once (its best-matching key), so a long word with many
 * deletion variants does not outweigh a rarer, shorter one.
 */
export function nameBlockingGroups(name: PersonName, into: string[][]): void {
  for (const token of [...name.given, ...name.family]) {
    if (token.initial || token.particle) continue
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
    into.push(group)
  }
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

export class CandidateIndex {
  private readonly postings = new Map<string, number[]>()
  private readonly scratch: Float64Array
  /** Best weight per employee within the group being read. */
  private readonly groupBest: Float64Array
  private readonly size: number

  constructor(keysPerEmployee: ReadonlyArray<Iterable<string>>) {
    this.size = keysPerEmployee.length
    this.scratch = new Float64Array(this.size)
    this.groupBest = new Float64Array(this.size)
    keysPerEmployee.forEach((keys, employee) => {
      for (const key of keys) {
        const list = this.postings.get(key)
        if (list) list.push(employee)
        else this.postings.set(key, [employee])
      }
    })
  }

  /**
   * The `pool` employees sharing the most informative keys with `groups`, best first. A key's weight is its
   * inverse document frequency, so a shared rare surname counts for far more than a shared "Maria"; each
   * group of keys (the forms of one word) counts once, with its best key.
   */
  query(groups: Iterable<readonly string[]>, pool: number): number[] {
    const touched: number[] = []
    const scratch = this.scratch
    const groupBest = this.groupBest
    const inGroup: number[] = []
    for (const group of groups) {
      for (const key of group) {
        const list = this.postings.get(key)
        if (!list) continue
        const weight = Math.log(1 + this.size / list.length)
        for (const employee of list) {
          if (groupBest[employee] === 0) inGroup.push(employee)
          if (weight > groupBest[employee]!) groupBest[employee] = weight
        }
      }
      for (const employee of inGroup) {
        if (scratch[employee] === 0) touched.push(employee)
        scratch[employee] = scratch[employee]! + groupBest[employee]!
        groupBest[employee] = 0
      }
      inGroup.length = 0
    }
    // Keep the best `pool` in a small sorted list instead of sorting everything touched: common first names
    // touch hundreds of employees, of which only a few dozen are ever scored.
    const chosen: number[] = []
    const chosenWeights: number[] = []
    for (const employee of touched) {
      const weight = scratch[employee]!
      scratch[employee] = 0
      if (chosen.length === pool && weight <= chosenWeights[pool - 1]!) continue
      let position = chosen.length === pool ? pool - 1 : chosen.length
      while (position > 0 && chosenWeights[position - 1]! < weight) {
        chosen[position] = chosen[position - 1]!
        chosenWeights[position] = chosenWeights[position - 1]!
        position--
      }
      chosen[position] = employee
      chosenWeights[position] = weight
    }
    return chosen
  }
}
