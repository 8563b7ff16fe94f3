import type { MatchResult } from '../../../shared/dto/match'

/**
 * A result's JSON, made once per result: a run stores its reasons, candidates and conflicts as the row's
 * `detail` (matchStore.ts), and `match --json` prints the whole result, whose tail is that same text.
 * Serialising the candidates twice was about 3% of a whole `match --json` of 2,000 people.
 */
const detailOf = new WeakMap<MatchResult, string>()

/** The stored detail of a result: `{"reasons":...,"candidates":...,"conflicts":...}`. */
export function resultDetailJson(result: MatchResult): string {
  let detail = detailOf.get(result)
  if (detail === undefined) {
    detail = detailJsonOf(result)
    detailOf.set(result, detail)
  }
  return detail
}

/** The same text, made each time and not kept: for a result that is stored and then let go. */
export function detailJsonOf(result: MatchResult): string {
  return JSON.stringify({
    reasons: result.reasons,
    candidates: result.candidates,
    conflicts: result.conflicts,
  })
}

/** The keys of a result in the order the engine makes them; the detail's keys are its last three. */
const RESULT_KEYS = ['user_id', 'status', 'method', 'kombo_id', 'score', 'reasons', 'candidates', 'conflicts']

/**
 * Exactly `JSON.stringify(result)`, reusing the stored detail when the result has its usual shape (the
 * keys above in that order); anything else is serialised as it is.
 */
export function resultJson(result: MatchResult): string {
  const detail = detailOf.get(result)
  if (detail === undefined || !hasUsualShape(result)) return JSON.stringify(result)
  return (
    `{"user_id":${JSON.stringify(result.user_id)},"status":${JSON.stringify(result.status)},` +
    `"method":${JSON.stringify(result.method)},"kombo_id":${JSON.stringify(result.kombo_id)},` +
    `"score":${JSON.stringify(result.score)},${detail.slice(1)}`
  )
}

function hasUsualShape(result: MatchResult): boolean {
  const keys = Object.keys(result)
  if (keys.length !== RESULT_KEYS.length) return false
  for (let at = 0; at < keys.length; at++) {
    if (keys[at] !== RESULT_KEYS[at]) return false
  }
  // An undefined field is left out of the JSON; the head above would write it.
  return (
    result.user_id !== undefined &&
    result.status !== undefined &&
    result.method !== undefined &&
    result.kombo_id !== undefined &&
    result.score !== undefined
  )
}
