import type {
  ActionPlan,
  AddAction,
  DeletionGuard,
  PendingReview,
  RemoveAction,
  UpdateAction,
} from '../../../shared/dto/diff'
import { parsedJsonObject } from './storedPlan'

/**
 * A decision's change to a stored plan (docs/architecture.md, "Decisions"): the list entries it moved,
 * each placed after the entry it follows in the new list, and the guard's new counts. Applied in order
 * to the plan they were computed against, the edits give exactly the lists a whole diff computes.
 */
export type PlanListEdit =
  | { list: 'add'; key: string; item: AddAction | null; after: string | null }
  | { list: 'update'; key: string; item: UpdateAction | null; after: string | null }
  | { list: 'remove'; key: string; item: RemoveAction | null; after: string | null }
  | { list: 'pendingReview'; key: string; item: PendingReview | null; after: string | null }

export interface PlanPatch {
  generatedAt: string
  guard: DeletionGuard
  edits: PlanListEdit[]
}

/** The key an entry of a list is found by: the employee of an add, the legacy user of the others. */
export function entryKey(entry: AddAction | UpdateAction | RemoveAction | PendingReview): string {
  return 'remote_id' in entry ? entry.kombo_id : entry.user_id
}

/** Takes out the entry with this key (if any) and puts `item` after `after` (first when null). */
function editList<T extends AddAction | UpdateAction | RemoveAction | PendingReview>(
  items: T[],
  key: string,
  item: T | null,
  after: string | null,
): void {
  const at = items.findIndex((entry) => entryKey(entry) === key)
  if (at >= 0) items.splice(at, 1)
  if (item === null) return
  const before = after === null ? -1 : items.findIndex((entry) => entryKey(entry) === after)
  if (after !== null && before < 0) throw new Error(`the plan has no entry ${after} to place ${key} after`)
  items.splice(before + 1, 0, item)
}

export function applyEdit(plan: ActionPlan, edit: PlanListEdit): void {
  switch (edit.list) {
    case 'add':
      return editList(plan.add, edit.key, edit.item, edit.after)
    case 'update':
      return editList(plan.update, edit.key, edit.item, edit.after)
    case 'remove':
      return editList(plan.remove, edit.key, edit.item, edit.after)
    case 'pendingReview':
      return editList(plan.pendingReview, edit.key, edit.item, edit.after)
  }
}

/** The plan with the patches applied in the order they were made (the plan is changed in place). */
export function applyPatches(plan: ActionPlan, patches: readonly PlanPatch[]): ActionPlan {
  for (const patch of patches) {
    for (const edit of patch.edits) applyEdit(plan, edit)
    plan.generatedAt = patch.generatedAt
    plan.guard = patch.guard
  }
  return plan
}

/** A stored patch read back; null when it is not one (then the plan is computed again). */
export function parsePatch(text: string): PlanPatch | null {
  const patch = parsedJsonObject(text)
  if (patch === null) return null
  const outlined =
    typeof patch.generatedAt === 'string' &&
    typeof patch.guard === 'object' &&
    patch.guard !== null &&
    Array.isArray(patch.edits)
  return outlined ? (patch as unknown as PlanPatch) : null
}
