import { z } from 'zod'
import type { ActionPlan } from '../../../shared/dto/diff'

/**
 * A plan as stored in action_plans. Parsed rather than cast: a plan written by an older version of the
 * app must not reach the UI half-shaped, it is recomputed instead. Built on first use: most processes
 * (a CLI command, the match store thread) never parse a whole stored plan.
 */
function buildStoredPlanSchema() {
  const removeReason = z.enum(['no_employee', 'no_match_decided', 'deleted', 'vanished', 'terminated'])
  const removeAction = z.object({
    user_id: z.string(),
    kombo_id: z.string().nullable(),
    reason: removeReason,
  })
  const nullableText = z.string().nullable()
  return z.object({
    integrationId: z.string(),
    basisRunId: z.number().int().nullable(),
    generatedAt: z.string(),
    add: z.array(
      z.object({
        kombo_id: z.string(),
        remote_id: z.string(),
        work_email: nullableText,
        first_name: nullableText,
        last_name: nullableText,
        employment_status: nullableText,
        rehire_of: nullableText,
        rehire_evidence: z
          .enum(['remote_id', 'work_email', 'name_and_private_email', 'name_and_birth_date'])
          .nullable(),
      }),
    ),
    update: z.array(
      z.object({
        user_id: z.string(),
        kombo_id: z.string(),
        changes: z.array(
          z.object({
            field: z.enum(['email', 'first_name', 'last_name', 'full_name', 'employment_status']),
            from: nullableText,
            to: nullableText,
          }),
        ),
      }),
    ),
    remove: z.array(removeAction),
    withheldRemovals: z.array(removeAction),
    pendingReview: z.array(
      z.object({
        user_id: z.string(),
        kombo_id: nullableText,
        score: z.number(),
        candidates: z.array(z.string()),
      }),
    ),
    guard: z.object({
      tripped: z.boolean(),
      threshold: z.number(),
      linked: z.number(),
      removals: z.number(),
      confirmed: z.boolean(),
      confirmedAt: nullableText,
      withheld: z.number(),
    }),
    notices: z.array(z.string()),
  })
}
let storedPlanSchema: ReturnType<typeof buildStoredPlanSchema> | undefined

/** A stored JSON text read as an object, or null when it is not JSON or not an object. */
export function parsedJsonObject(text: string): Record<string, unknown> | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
}

/** A stored plan's parsed JSON (its lists read from their rows), or null when it does not have the shape. */
export function parseStoredPlanValue(value: object): ActionPlan | null {
  const parsed = (storedPlanSchema ??= buildStoredPlanSchema()).safeParse(value)
  return parsed.success ? { ...parsed.data, stale: null } : null
}

/**
 * A plan read back as current (its recorded inputs equal the current ones, see planInputs): the row was
 * written by this version of the diff's rules from the same data, so only its outline is checked. Every
 * item of a 100,000-person plan through the schema above cost about as much again as parsing the JSON
 * itself, on the path that exists to be fast. Null when the outline does not hold; the caller computes.
 */
export function parseCurrentPlan(text: string, basisRunId: number): ActionPlan | null {
  const plan = parsedJsonObject(text)
  if (plan === null) return null
  const lists = ['add', 'update', 'remove', 'withheldRemovals', 'pendingReview', 'notices'] as const
  const outlined =
    typeof plan.integrationId === 'string' &&
    plan.basisRunId === basisRunId &&
    typeof plan.generatedAt === 'string' &&
    lists.every((list) => Array.isArray(plan[list])) &&
    typeof plan.guard === 'object' &&
    plan.guard !== null
  return outlined ? { ...(plan as unknown as ActionPlan), stale: null } : null
}

/** Where one top-level field of a stored plan's JSON text lies; a list's elements as [start, end) pairs. */
export interface PlanTextField {
  key: string
  start: number
  end: number
  /** For an array: the bytes of element i are text[elements[2i]] up to text[elements[2i + 1]]. */
  elements: Uint32Array | null
}

const utf8 = new TextDecoder()
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

/**
 * The fields of a stored plan's JSON text (UTF-8, as JSON.stringify wrote it), found by walking its bytes
 * without building its values: a 500,000-person plan parsed whole is hundreds of megabytes of objects,
 * while its text is a tenth of that and can be copied out element by element. UTF-8 continuation bytes
 * are all above 0x7f, so no byte of a multi-byte character is taken for a quote or a bracket. Null when
 * the text is not a JSON object of that layout (the caller then computes the lists).
 */
export function outlinePlanText(text: Uint8Array): PlanTextField[] | null {
  const fields: PlanTextField[] = []
  let at = skipSpace(text, 0)
  if (text[at] !== OPEN_BRACE) return null
  at = skipSpace(text, at + 1)
  if (text[at] === CLOSE_BRACE) return fields
  for (;;) {
    const keyEnd = stringEnd(text, at)
    if (keyEnd < 0) return null
    const key: unknown = JSON.parse(utf8.decode(text.subarray(at, keyEnd)))
    at = skipSpace(text, keyEnd)
    if (text[at] !== COLON) return null
    const start = skipSpace(text, at + 1)
    const isArray = text[start] === OPEN_BRACKET
    const elements = isArray ? arrayElements(text, start) : null
    const end = elements === null ? valueEnd(text, start) : elements.end
    if (typeof key !== 'string' || end < 0 || (isArray && elements === null)) return null
    fields.push({ key, start, end, elements: elements?.pairs ?? null })
    at = skipSpace(text, end)
    if (text[at] === CLOSE_BRACE) return skipSpace(text, at + 1) === text.length ? fields : null
    if (text[at] !== COMMA) return null
    at = skipSpace(text, at + 1)
  }
}

function skipSpace(text: Uint8Array, from: number): number {
  let at = from
  while (
    at < text.length &&
    (text[at] === 0x20 || text[at] === 0x0a || text[at] === 0x0d || text[at] === 0x09)
  )
    at += 1
  return at
}

/** The index just past the string that opens at `from`, or -1. */
function stringEnd(text: Uint8Array, from: number): number {
  if (text[from] !== QUOTE) return -1
  let at = from + 1
  for (;;) {
    const quote = text.indexOf(QUOTE, at)
    if (quote < 0) return -1
    let backslashes = 0
    while (text[quote - 1 - backslashes] === BACKSLASH) backslashes += 1
    if (backslashes % 2 === 0) return quote + 1
    at = quote + 1
  }
}

/** The index just past the value that starts at `from`, or -1 (only its brackets and strings are checked). */
function valueEnd(text: Uint8Array, from: number): number {
  const first = text[from]
  if (first === QUOTE) return stringEnd(text, from)
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let at = from
    while (at < text.length && !isDelimiter(text[at]!)) at += 1
    return at > from ? at : -1
  }
  let depth = 0
  let at = from
  while (at < text.length) {
    const byte = text[at]!
    if (byte === QUOTE) {
      at = stringEnd(text, at)
      if (at < 0) return -1
      continue
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1
      if (depth === 0) return at + 1
    }
    at += 1
  }
  return -1
}

function isDelimiter(byte: number): boolean {
  return byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || byte <= 0x20
}

/** The elements of the array that opens at `from`, and the index just past it; null when malformed. */
function arrayElements(text: Uint8Array, from: number): { pairs: Uint32Array; end: number } | null {
  let pairs = new Uint32Array(64)
  let count = 0
  let at = skipSpace(text, from + 1)
  if (text[at] === CLOSE_BRACKET) return { pairs: pairs.subarray(0, 0), end: at + 1 }
  for (;;) {
    const end = valueEnd(text, at)
    if (end < 0) return null
    if (count + 2 > pairs.length) {
      const grown = new Uint32Array(pairs.length * 2)
      grown.set(pairs)
      pairs = grown
    }
    pairs[count] = at
    pairs[count + 1] = end
    count += 2
    at = skipSpace(text, end)
    if (text[at] === CLOSE_BRACKET) return { pairs: pairs.subarray(0, count), end: at + 1 }
    if (text[at] !== COMMA) return null
    at = skipSpace(text, at + 1)
  }
}
