import { z } from 'zod'
import type { ActionPlan } from '../../../shared/dto/diff'

const removeReason = z.enum(['no_employee', 'no_match_decided', 'deleted', 'vanished', 'terminated'])
const removeAction = z.object({ user_id: z.string(), kombo_id: z.string().nullable(), reason: removeReason })
const nullableText = z.string().nullable()

/**
 * A plan as stored in action_plans. Parsed rather than cast: a plan written by an older version of the
 * app must not reach the UI half-shaped, it is recomputed instead.
 */
const storedPlanSchema = z.object({
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

/** The stored plan, or null when it does not have the current shape (or is not JSON at all). */
export function parseStoredPlan(text: string): ActionPlan | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  const parsed = storedPlanSchema.safeParse(value)
  return parsed.success ? { ...parsed.data, stale: null } : null
}
