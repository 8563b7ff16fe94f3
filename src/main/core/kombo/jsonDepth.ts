/**
 * Whether a JSON text nests arrays and objects deeper than `limit`, found by a scan over its bytes
 * (strings skipped with indexOf) rather than by parsing: JSON.parse recurses, so a body nested a
 * million deep ends in a stack overflow instead of a clear refusal. A malformed text is not judged
 * here; JSON.parse reports it afterwards.
 */
export function nestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  const QUOTE = 34
  const BACKSLASH = 92
  const OPEN_OBJECT = 123
  const CLOSE_OBJECT = 125
  const OPEN_ARRAY = 91
  const CLOSE_ARRAY = 93
  let depth = 0
  for (let i = 0; i < bytes.length; i++) {
    const code = bytes[i]!
    if (code === QUOTE) {
      let end = bytes.indexOf(QUOTE, i + 1)
      while (end !== -1) {
        let backslashes = 0
        for (let j = end - 1; bytes[j] === BACKSLASH; j--) backslashes++
        if (backslashes % 2 === 0) break
        end = bytes.indexOf(QUOTE, end + 1)
      }
      if (end === -1) return false
      i = end
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      depth++
      if (depth > limit) return true
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth--
    }
  }
  return false
}
