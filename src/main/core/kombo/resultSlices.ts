import { KomboError } from './errors'

/**
 * Finds where every element of `data.results` sits in the bytes of a Kombo list response, so each
 * employee's raw record can be stored exactly as Kombo sent it without re-serialising parsed objects
 * (which cost as much as parsing the page again). Works on UTF-8 bytes: every byte of a multi-byte
 * character is >= 0x80, so the ASCII structure characters can be found without decoding. Returns
 * [start, end) byte offsets, two per element, or null when the body does not have the expected shape
 * (callers then fall back to JSON.stringify of the parsed records).
 *
 * The same scan refuses a body nested deeper than `maxDepth`: JSON.parse copes with any depth, but
 * JSON.stringify (the fallback) and anything else that recurses would overflow the stack on it. It runs
 * here, on the writer thread, because a separate scan before parsing cost a third of the parse.
 */
export function resultByteRanges(bytes: Buffer, maxDepth = Number.POSITIVE_INFINITY): number[] | null {
  const QUOTE = 34
  const BACKSLASH = 92
  const COLON = 58
  const OPEN_OBJECT = 123
  const CLOSE_OBJECT = 125
  const OPEN_ARRAY = 91
  const CLOSE_ARRAY = 93

  // path[d] = the key under which the container at depth d was opened ('' for array elements)
  const path: string[] = []
  let lastString = ''
  let pendingKey = ''
  let depth = 0
  let resultsDepth = -1
  let elementStart = -1
  const ranges: number[] = []

  for (let i = 0; i < bytes.length; i++) {
    const code = bytes[i]!
    if (code === QUOTE) {
      // Jump to the closing quote (memchr): most of the bytes of a record are inside strings.
      let end = bytes.indexOf(QUOTE, i + 1)
      while (end !== -1) {
        let backslashes = 0
        for (let j = end - 1; bytes[j] === BACKSLASH; j--) backslashes++
        if (backslashes % 2 === 0) break
        end = bytes.indexOf(QUOTE, end + 1)
      }
      if (end === -1) return null
      // Keys matter only on the way to data.results; decoding every key inside records would cost more
      // than the whole scan.
      if (depth < 3) lastString = bytes.toString('utf8', i + 1, end)
      i = end
    } else if (code === COLON) {
      if (depth < 3) pendingKey = lastString
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (depth === resultsDepth && code === OPEN_OBJECT) elementStart = i
      if (depth < 3) {
        path[depth] = pendingKey
        pendingKey = ''
      }
      depth++
      if (depth > maxDepth) throw nestedTooDeep(maxDepth)
      if (code === OPEN_ARRAY && depth === 3 && path[1] === 'data' && path[2] === 'results')
        resultsDepth = depth
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth--
      if (depth === resultsDepth && code === CLOSE_OBJECT && elementStart >= 0) {
        ranges.push(elementStart, i + 1)
        elementStart = -1
      } else if (depth === resultsDepth - 1 && code === CLOSE_ARRAY) {
        resultsDepth = -2 // the results array has ended; ignore anything with the same shape later
      }
      if (depth < 0) return null
    }
  }
  return resultsDepth === -2 ? ranges : null
}

/**
 * Each result's source bytes as views into `bytes` (no copy, no decoding), or null when the body does
 * not slice cleanly. Decoding them into strings only for SQLite to encode them back to UTF-8 cost a
 * fifth of a sync's CPU.
 */
export function sliceResults(bytes: Buffer, maxDepth = Number.POSITIVE_INFINITY): Buffer[] | null {
  const ranges = resultByteRanges(bytes, maxDepth)
  if (ranges === null) return null
  const slices: Buffer[] = []
  for (let k = 0; k < ranges.length; k += 2) slices.push(bytes.subarray(ranges[k], ranges[k + 1]))
  return slices
}

export function nestedTooDeep(maxDepth: number): KomboError {
  return new KomboError(
    'refused',
    `a page nested more than ${maxDepth} levels deep, far beyond Kombo's employee records`,
  )
}
