/**
 * The numeric half of blocking (candidateIndex.ts holds the keys): posting lists, each employee's key list
 * and the keys' weights, all in typed arrays over shared memory, so a second thread reads the very same
 * index without a copy (docs/architecture.md, "Matching"). A query here is a list of key ids with the
 * group each belongs to; each thread answers queries with its own PostingReader (its own scratch state).
 */

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
export const MAX_GROUPS = 31

/** The index as typed arrays; every buffer may be a SharedArrayBuffer that several threads read. */
export interface PostingArrays {
  /** Posting lists as one array: key id k owns postings[postingStart[k] .. postingStart[k + 1]). */
  postingStart: Int32Array
  postings: Int32Array
  /** Each employee's key ids, ascending, in the same layout. */
  keyStart: Int32Array
  keysOf: Int32Array
  /** Per key: its inverse document frequency. */
  weightOfKey: Float64Array
  /**
   * Key ids in reading order (fewest postings first, ties by id) and back: a query's keys are put in that
   * order by a numeric sort of their ranks, without a comparator.
   */
  rankOfKey: Int32Array
  keyOfRank: Int32Array
}

/** An Int32Array of `length` over shared memory (a plain buffer would be copied to another thread). */
export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT))
}

/**
 * The posting arrays of employees' key ids: employee e's ids, ascending and distinct, are
 * keys[keyStarts[e] .. keyStarts[e + 1]). In shared memory.
 */
export function postingArrays(
  keys: Int32Array,
  keyStarts: readonly number[],
  counts: readonly number[],
): PostingArrays {
  const size = keyStarts.length - 1
  const weightOfKey = new Float64Array(new SharedArrayBuffer(counts.length * Float64Array.BYTES_PER_ELEMENT))
  for (let id = 0; id < counts.length; id++) weightOfKey[id] = Math.log(1 + size / counts[id]!)
  const [rankOfKey, keyOfRank] = readingOrder(counts, size)
  const postingStart = sharedInt32(counts.length + 1)
  for (let id = 0; id < counts.length; id++) postingStart[id + 1] = postingStart[id]! + counts[id]!
  const postings = sharedInt32(postingStart[counts.length]!)
  const keyStart = sharedInt32(size + 1)
  keyStart.set(keyStarts)
  const keysOf = sharedInt32(postings.length)
  keysOf.set(keys.subarray(0, postings.length))
  const filled = postingStart.slice(0, counts.length)
  for (let employee = 0; employee < size; employee++) {
    // Employees are added in order, so every posting list comes out ascending.
    for (let at = keyStart[employee]!, end = keyStart[employee + 1]!; at < end; at++)
      postings[filled[keysOf[at]!]!++] = employee
  }
  return { postingStart, postings, keyStart, keysOf, weightOfKey, rankOfKey, keyOfRank }
}

/**
 * Ranks of key ids in reading order (fewer postings first, ties by id) and the inverse, by counting sort:
 * posting counts are small integers.
 */
function readingOrder(counts: readonly number[], employees: number): [Int32Array, Int32Array] {
  const startOfCount = new Int32Array(employees + 2)
  for (const count of counts) startOfCount[count + 1]!++
  for (let count = 1; count < startOfCount.length; count++)
    startOfCount[count] = startOfCount[count]! + startOfCount[count - 1]!
  const rankOfKey = sharedInt32(counts.length)
  const keyOfRank = sharedInt32(counts.length)
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

/** Answers queries on shared posting arrays; one per thread, as it keeps the query's scratch state. */
export class PostingReader {
  private readonly scratch: Float64Array
  /** Which of the query's groups credited each employee already, one bit per group. */
  private readonly credited: Int32Array
  /** Per key, its group in the query being read. */
  private readonly groupOfKey: Uint8Array
  private readonly bestOfGroup = new Float64Array(MAX_GROUPS)
  /** The current query's key ids, and the employees it touched: reused from query to query. */
  private queryKeys = new Int32Array(256)
  private readonly touched: number[] = []

  constructor(private readonly index: PostingArrays) {
    const employees = index.keyStart.length - 1
    this.scratch = new Float64Array(employees)
    this.credited = new Int32Array(employees)
    this.groupOfKey = new Uint8Array(index.weightOfKey.length)
  }

  /**
   * The `pool` employees sharing the most informative keys with the query (key ids[from..to) of groups
   * groups[from..to), in the query's order), best first. A key's weight is its inverse document frequency,
   * so a shared rare surname counts for far more than a shared "Maria"; each group of keys (the forms of
   * one word) counts once, with its best key. Keys are read rarest first, so an employee's first key from
   * a group is that group's best.
   */
  query(ids: Int32Array, groups: Uint8Array, from: number, to: number, pool: number): number[] {
    const count = to - from
    if (count > this.queryKeys.length) this.queryKeys = new Int32Array(count * 2)
    const keys = this.queryKeys
    const { rankOfKey, keyOfRank } = this.index
    for (let at = 0; at < count; at++) {
      const id = ids[from + at]!
      // A key in two groups counts for the later one, as a query names its groups in order.
      this.groupOfKey[id] = groups[from + at]!
      keys[at] = rankOfKey[id]!
    }
    keys.subarray(0, count).sort()
    for (let at = 0; at < count; at++) keys[at] = keyOfRank[keys[at]!]!
    const touched = this.touched
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

  private postingCount(id: number): number {
    return this.index.postingStart[id + 1]! - this.index.postingStart[id]!
  }

  /** Adds the key's weight to every employee on its posting list that its group has not credited yet. */
  private credit(id: number, touched: number[]): void {
    const { scratch, credited } = this
    const { postings, postingStart } = this.index
    const bit = 1 << this.groupOfKey[id]!
    const weight = this.index.weightOfKey[id]!
    for (let p = postingStart[id]!, end = postingStart[id + 1]!; p < end; p++) {
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
    const { scratch, credited, groupOfKey, bestOfGroup } = this
    const { keyStart, keysOf, weightOfKey } = this.index
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
