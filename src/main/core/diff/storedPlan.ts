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

/** The stored plan, or null when it does not have the current shape (or is not JSON at all). */
export function parseStoredPlan(text: string): ActionPlan | null {
  const value = parsedJsonObject(text)
  if (value === null) return null
  const parsed = storedPlanSchema.safeParse(value)
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
