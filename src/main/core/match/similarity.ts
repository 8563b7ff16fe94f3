/**
 * String distances for short, already-folded tokens (names, email local parts).
 */

// Rows reused across calls: names are short, and allocating three arrays per comparison dominated the cost.
let twoBackRow = new Int32Array(64)
let oneBackRow = new Int32Array(64)
let currentRow = new Int32Array(64)

/** True when a and b differ by at most one edit (insert, delete, substitute, or swap of neighbours). */
function withinOneEdit(a: string, b: string): boolean {
  const lengthA = a.length
  const lengthB = b.length
  if (lengthA === lengthB) {
    let i = 0
    while (i < lengthA && a.charCodeAt(i) === b.charCodeAt(i)) i++
    if (i === lengthA) return true
    // substitution at i, or a swap of i and i+1
    if (a.slice(i + 1) === b.slice(i + 1)) return true
    return (
      i + 1 < lengthA &&
      a.charCodeAt(i) === b.charCodeAt(i + 1) &&
      a.charCodeAt(i + 1) === b.charCodeAt(i) &&
      a.slice(i + 2) === b.slice(i + 2)
    )
  }
  const shorter = lengthA < lengthB ? a : b
  const longer = lengthA < lengthB ? b : a
  if (longer.length - shorter.length !== 1) return false
  let i = 0
  while (i < shorter.length && shorter.charCodeAt(i) === longer.charCodeAt(i)) i++
  return shorter.slice(i) === longer.slice(i + 1)
}

/**
 * Damerau-Levenshtein distance in its "optimal string alignment" form: insertions, deletions,
 * substitutions and swaps of two adjacent letters each cost one. Returns `limit + 1` as soon as the
 * distance is known to exceed `limit`, which keeps comparisons of unrelated names cheap.
 */
export function damerauLevenshtein(a: string, b: string, limit: number): number {
  if (a === b) return 0
  const lengthA = a.length
  const lengthB = b.length
  if (Math.abs(lengthA - lengthB) > limit) return limit + 1
  if (limit <= 1) return withinOneEdit(a, b) ? 1 : limit + 1
  if (lengthA === 0) return lengthB
  if (lengthB === 0) return lengthA
  const width = lengthB + 1
  if (width > currentRow.length) {
    twoBackRow = new Int32Array(width * 2)
    oneBackRow = new Int32Array(width * 2)
    currentRow = new Int32Array(width * 2)
  }
  let twoBack = twoBackRow
  let oneBack = oneBackRow
  let current = currentRow
  for (let j = 0; j <= lengthB; j++) oneBack[j] = j
  for (let i = 1; i <= lengthA; i++) {
    current[0] = i
    let rowMinimum = i
    const charA = a.charCodeAt(i - 1)
    for (let j = 1; j <= lengthB; j++) {
      const charB = b.charCodeAt(j - 1)
      const cost = charA === charB ? 0 : 1
      let value = Math.min(oneBack[j]! + 1, current[j - 1]! + 1, oneBack[j - 1]! + cost)
      if (i > 1 && j > 1 && charA === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === charB) {
        value = Math.min(value, twoBack[j - 2]! + 1)
      }
      current[j] = value
      if (value < rowMinimum) rowMinimum = value
    }
    if (rowMinimum > limit) return limit + 1
    const recycled = twoBack
    twoBack = oneBack
    oneBack = current
    current = recycled
  }
  const distance = oneBack[lengthB]!
  return distance > limit ? limit + 1 : distance
}

/** Winkler's prefix bonus applies to at most this many leading letters (Winkler 1990). */
const JARO_WINKLER_PREFIX_LIMIT = 4
/** Winkler's standard scaling factor for the common prefix. */
const JARO_WINKLER_PREFIX_SCALE = 0.1

// Reused match flags, for the same reason as the rows above.
let matchedARow = new Uint8Array(64)
let matchedBRow = new Uint8Array(64)

/** Jaro-Winkler similarity in [0, 1]: rewards a shared start, tolerant of small transpositions. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1
  const lengthA = a.length
  const lengthB = b.length
  if (lengthA === 0 || lengthB === 0) return 0
  const window = Math.max(0, Math.floor(Math.max(lengthA, lengthB) / 2) - 1)
  if (lengthA > matchedARow.length || lengthB > matchedBRow.length) {
    matchedARow = new Uint8Array(Math.max(lengthA, lengthB) * 2)
    matchedBRow = new Uint8Array(Math.max(lengthA, lengthB) * 2)
  }
  const matchedA = matchedARow
  const matchedB = matchedBRow
  matchedA.fill(0, 0, lengthA)
  matchedB.fill(0, 0, lengthB)
  let matches = 0
  for (let i = 0; i < lengthA; i++) {
    const from = Math.max(0, i - window)
    const to = Math.min(lengthB - 1, i + window)
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedA[i] = 1
        matchedB[j] = 1
        matches++
        break
      }
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  let k = 0
  for (let i = 0; i < lengthA; i++) {
    if (matchedA[i] === 0) continue
    while (matchedB[k] === 0) k++
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++
    k++
  }
  const jaro = (matches / lengthA + matches / lengthB + (matches - transpositions / 2) / matches) / 3
  let prefix = 0
  const prefixLimit = Math.min(JARO_WINKLER_PREFIX_LIMIT, lengthA, lengthB)
  while (prefix < prefixLimit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++
  return jaro + prefix * JARO_WINKLER_PREFIX_SCALE * (1 - jaro)
}
