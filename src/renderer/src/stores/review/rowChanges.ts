/**
 * Which users' rows this window changed (a decision, its undo, the host's word on them), in order.
 * Decisions can be made on the first rows while the whole list is still on its way (docs/architecture.md,
 * Matching); that list was read before them, so when it lands the rows changed since it was asked for
 * keep what this window shows instead of the list's older word.
 */
let changeCount = 0
const lastChangeByUser = new Map<string, number>()

export function noteRowChanges(userIds: Iterable<string>): void {
  for (const userId of userIds) lastChangeByUser.set(userId, ++changeCount)
}

/** A mark to ask later which rows changed after it. */
export function rowChangeMark(): number {
  return changeCount
}

export function usersChangedSince(mark: number): string[] {
  const changed: string[] = []
  for (const [userId, at] of lastChangeByUser) if (at > mark) changed.push(userId)
  return changed
}
