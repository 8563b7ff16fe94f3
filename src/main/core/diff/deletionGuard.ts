import type { ActionPlan, DeletionGuard, RemoveAction } from '../../../shared/dto/diff'
import type { GuardSettings } from './diffState'

/**
 * Default share of linked users one sync may remove before the guard holds the removals back. 20% is the
 * product decision (docs/architecture.md, Diff): a real wave of leavers that large is rare, while a
 * misconfigured HRIS filter or a broken scope config removes far more at once.
 */
export const DEFAULT_DELETION_GUARD_THRESHOLD = 0.2

export interface GuardedRemovals {
  released: RemoveAction[]
  withheld: RemoveAction[]
  guard: DeletionGuard
}

/**
 * Decides which departure removals (deleted / vanished / terminated linked users) go out now.
 *
 * Only removals this sync caused count: a removal an earlier plan already released was seen (and
 * possibly already applied), so it neither trips the guard again nor is held back. A removal held back
 * by an earlier plan that was never confirmed is still new, so waiting for the next sync does not
 * sneak it through.
 */
export function applyDeletionGuard(
  departures: readonly RemoveAction[],
  linked: number,
  settings: GuardSettings,
): GuardedRemovals {
  const fresh = freshDepartures(departures, settings)
  const guard = guardOf(fresh.length, linked, settings)
  const holdBack = guard.withheld > 0
  const freshUsers = new Set(fresh.map((r) => r.user_id))
  return {
    released: holdBack ? departures.filter((r) => !freshUsers.has(r.user_id)) : [...departures],
    withheld: holdBack ? fresh : [],
    guard,
  }
}

/** The departures this sync caused: those no earlier plan released. */
export function freshDepartures(
  departures: readonly RemoveAction[],
  settings: GuardSettings,
): RemoveAction[] {
  const released = settings.previouslyReleased
  return released === null ? [...departures] : departures.filter((r) => !released.has(r.user_id))
}

/** The guard's verdict on `fresh` new departures among `linked` users. */
export function guardOf(fresh: number, linked: number, settings: GuardSettings): DeletionGuard {
  const share = linked === 0 ? 0 : fresh / linked
  const tripped = share > settings.threshold
  const confirmed = settings.confirmedAt !== null
  const holdBack = tripped && !confirmed
  return {
    tripped,
    threshold: settings.threshold,
    linked,
    removals: fresh,
    confirmed,
    confirmedAt: settings.confirmedAt,
    withheld: holdBack ? fresh : 0,
  }
}

/** A stored plan after its basis run's removals were confirmed: the withheld removals join `remove`. */
export function releaseWithheld(plan: ActionPlan, confirmedAt: string): ActionPlan {
  return {
    ...plan,
    remove: [...plan.remove, ...plan.withheldRemovals],
    withheldRemovals: [],
    guard: { ...plan.guard, confirmed: true, confirmedAt, withheld: 0 },
  }
}
