import type { StoredEmployee } from '../../../shared/dto/employees'
import type { LegacyUser } from '../../../shared/dto/legacy'
import type { BulkAcceptMethod, BulkAcceptPair, DecisionEvent, MatchOutput } from '../../../shared/dto/match'
import { fail } from '../../../shared/result'

/** What a bulk accept selects: current suggestions of one method and/or at or above a score. */
export interface BulkCriteria {
  method?: BulkAcceptMethod | undefined
  minScore?: number | undefined
}

export interface BulkSelection {
  pairs: BulkAcceptPair[]
  skipped: number
}

function userLabel(user: LegacyUser | undefined): string {
  if (!user) return ''
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || user.full_name || ''
  return name || user.email || user.private_email || ''
}

/** The employee fields a label needs (matching loads fewer columns than a stored employee has). */
type LabelledEmployee = Pick<
  StoredEmployee,
  'id' | 'first_name' | 'last_name' | 'display_full_name' | 'work_email'
>

function employeeLabel(employee: LabelledEmployee | undefined): string {
  if (!employee) return ''
  const name =
    [employee.first_name, employee.last_name].filter(Boolean).join(' ') || employee.display_full_name || ''
  return name || employee.work_email || ''
}

/**
 * The pairs a bulk accept links: every suggestion that fits the criteria, best score first. Links stay
 * one-to-one, so a suggestion whose employee is already linked, or suggested for another selected user
 * too, is left out (counted in `skipped`) for a person to settle one by one.
 */
export function selectBulkPairs(
  output: MatchOutput,
  legacy: readonly LegacyUser[],
  employees: readonly LabelledEmployee[],
  criteria: BulkCriteria,
): BulkSelection {
  const linked = new Set<string>()
  for (const result of output.results)
    if (result.status === 'matched' && result.kombo_id) linked.add(result.kombo_id)
  const fitting = output.results.filter(
    (result) =>
      result.status === 'suggested' &&
      result.kombo_id !== null &&
      (criteria.method === undefined || result.method === criteria.method) &&
      (criteria.minScore === undefined || result.score >= criteria.minScore),
  )
  const claims = new Map<string, number>()
  for (const result of fitting) claims.set(result.kombo_id!, (claims.get(result.kombo_id!) ?? 0) + 1)
  const userById = new Map(legacy.map((user) => [user.user_id, user]))
  const employeeById = new Map(employees.map((employee) => [employee.id, employee]))
  const pairs: BulkAcceptPair[] = []
  for (const result of fitting) {
    const komboId = result.kombo_id!
    if (linked.has(komboId) || claims.get(komboId) !== 1) continue
    pairs.push({
      user_id: result.user_id,
      user_label: userLabel(userById.get(result.user_id)),
      kombo_id: komboId,
      employee_label: employeeLabel(employeeById.get(komboId)),
      score: result.score,
      method: result.method,
    })
  }
  pairs.sort((a, b) => b.score - a.score || a.user_id.localeCompare(b.user_id))
  return { pairs, skipped: fitting.length - pairs.length }
}

/**
 * Refuses to apply when the pairs differ from the ones a preview showed: the person agreed to that
 * list, not to whatever the suggestions have become since (another window decided, a sync came in).
 */
export function requireSamePairs(
  pairs: readonly BulkAcceptPair[],
  expected: readonly { userId: string; komboId: string }[],
): void {
  const key = (userId: string, komboId: string) => `${userId}\u0000${komboId}`
  const now = new Set(pairs.map((pair) => key(pair.user_id, pair.kombo_id)))
  const same =
    now.size === expected.length && expected.every((pair) => now.has(key(pair.userId, pair.komboId)))
  if (!same) {
    fail(
      'CONFLICT',
      `the suggestions changed since the preview (${expected.length} pairs then, ${pairs.length} now); open the preview again and check it`,
      { details: { reason: 'bulk_preview_stale', previewed: expected.length, current: pairs.length } },
    )
  }
}

/** The decisions of a batch still in force: what undoing the batch cancels. */
export function undoableInBatch(events: readonly DecisionEvent[], batch: number): DecisionEvent[] {
  const undone = new Set<number>()
  for (const event of events) if (event.kind === 'undo' && event.undoes !== null) undone.add(event.undoes)
  const inBatch = events.filter((event) => event.batch === batch)
  if (inBatch.length === 0) {
    return fail('NOT_FOUND', `batch ${batch} is not in the decision log; reload the history`)
  }
  const targets = inBatch.filter((event) => event.kind !== 'undo' && !undone.has(event.id))
  if (targets.length === 0) return fail('CONFLICT', `batch ${batch} has no decision left to undo`)
  return targets
}
