import { problems, type RefusalProblem } from './csvProblems'
import type { CsvRecord } from './legacyRows'

/**
 * User exports as JSON records, as identity platforms write them (Auth0's bulk export is NDJSON, one user
 * object per line, or a JSON array). Each object becomes a row under a header made of every key seen, in
 * first-seen order, so the same column detection and validation apply as for a CSV file.
 */

export type JsonLayout = 'json' | 'ndjson'

/** `json` for a top-level array, `ndjson` for objects one per line, null for anything else (CSV). */
export function looksLikeJson(text: string): JsonLayout | null {
  const first = text.trimStart()[0]
  if (first === '[') return 'json'
  if (first === '{') return 'ndjson'
  return null
}

type Cell = string

/** A value as text: strings exactly as sent, numbers and booleans as JSON writes them, null as empty. */
function cellOf(value: unknown): Cell | undefined {
  if (value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

/**
 * Flattens one user object: scalar fields by key, and the scalar fields of nested objects (Auth0's
 * `app_metadata`, `user_metadata`) as `parent.key`. Arrays and deeper objects (login identities) are left out.
 */
function flatten(object: Record<string, unknown>): Map<string, Cell> {
  const cells = new Map<string, Cell>()
  for (const [key, value] of Object.entries(object)) {
    const cell = cellOf(value)
    if (cell !== undefined) {
      cells.set(key, cell)
      continue
    }
    if (typeof value !== 'object' || Array.isArray(value)) continue
    for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
      const innerCell = cellOf(innerValue)
      if (innerCell !== undefined) cells.set(`${key}.${inner}`, innerCell)
    }
  }
  return cells
}

/** 1-based line on which each top-level element of a JSON array starts; one linear pass over the text. */
function elementLines(text: string): number[] {
  const lines: number[] = []
  let line = 1
  let depth = 0
  let inString = false
  // The last character outside strings that was not white space: an element starts after `[` or `,`.
  let previous = ''
  for (let at = 0; at < text.length; at++) {
    const char = text.charAt(at)
    if (char === '\n') line++
    if (inString) {
      if (char === '\\') at++
      else if (char === '"') inString = false
      continue
    }
    if (char.trim() === '') continue
    if (depth === 1 && (previous === '[' || previous === ',')) lines.push(line)
    if (char === '"') inString = true
    else if (char === '{' || char === '[') depth++
    else if (char === '}' || char === ']') depth--
    previous = depth === 1 || char === '[' ? char : previous
  }
  return lines
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch (cause) {
    // A RangeError is nesting deeper than the parser's stack: no user export looks like that.
    const message = cause instanceof RangeError ? 'nested too deeply' : (cause as Error).message
    return { error: message }
  }
}

/**
 * Reads JSON records into the same shape the CSV reader gives: a header record, then one record per user
 * object with its start line. An element that is not an object is reported on its line.
 */
export function readJsonRecords(
  text: string,
  layout: JsonLayout,
): { records: CsvRecord[]; broken: RefusalProblem[] } | { refused: RefusalProblem } {
  const objects: { line: number; cells: Map<string, Cell> }[] = []
  const broken: RefusalProblem[] = []
  const take = (value: unknown, line: number) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      objects.push({ line, cells: flatten(value as Record<string, unknown>) })
    } else broken.push(problems.badJson(line, 'each user must be a JSON object'))
  }
  if (layout === 'json') {
    const parsed = parseJson(text)
    if ('error' in parsed) {
      return { refused: problems.badJson(1, `not a valid JSON array: ${parsed.error}`) }
    }
    const lines = elementLines(text)
    ;(parsed.value as unknown[]).forEach((value, index) => take(value, lines[index] ?? 1))
  } else {
    text.split('\n').forEach((raw, index) => {
      if (raw.trim() === '') return
      const parsed = parseJson(raw)
      if ('error' in parsed) broken.push(problems.badJson(index + 1, parsed.error))
      else take(parsed.value, index + 1)
    })
  }
  const header: string[] = []
  const seen = new Set<string>()
  for (const object of objects) {
    for (const key of object.cells.keys()) {
      if (!seen.has(key)) {
        seen.add(key)
        header.push(key)
      }
    }
  }
  const records: CsvRecord[] = [{ line: objects[0]?.line ?? 1, fields: header }]
  for (const object of objects) {
    records.push({ line: object.line, fields: header.map((key) => object.cells.get(key) ?? '') })
  }
  return { records, broken }
}
