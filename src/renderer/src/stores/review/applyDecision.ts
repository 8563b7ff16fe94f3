import type { DecisionKind, MatchResult } from '../../../../shared/dto/match'

/** What the server will say after this decision, applied at once so review never waits on a re-match. */
export function applyDecision(
  result: MatchResult,
  kind: DecisionKind,
  employeeId: string | null,
): MatchResult {
  switch (kind) {
    case 'accept':
    case 'manual': {
      const candidate = result.candidates.find((c) => c.kombo_id === employeeId)
      return {
        ...result,
        status: 'matched',
        method: 'decision',
        kombo_id: employeeId,
        score: candidate?.score ?? 1,
        reasons: kind === 'manual' ? ['paired by hand'] : ['accepted by hand', ...(candidate?.reasons ?? [])],
        // The person looked and decided: the notes that asked for a look are settled.
        conflicts: [],
      }
    }
    case 'reject': {
      const candidates = result.candidates.filter((c) => c.kombo_id !== employeeId)
      const next = candidates[0]
      return next
        ? {
            ...result,
            status: 'suggested',
            method: next.method,
            kombo_id: next.kombo_id,
            score: next.score,
            reasons: next.reasons,
            candidates,
          }
        : {
            ...result,
            status: 'unmatched',
            method: 'none',
            kombo_id: null,
            score: 0,
            reasons: [],
            candidates,
          }
    }
    case 'none':
      return {
        ...result,
        status: 'unmatched',
        method: 'decision',
        kombo_id: null,
        score: 0,
        reasons: ['no match, decided by hand'],
        conflicts: [],
      }
  }
}
