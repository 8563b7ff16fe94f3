import type { Database } from '../store/database'

/**
 * The lists a stored plan keeps one entry a row (migration 10), in the order of the plan's fields; its
 * JSON keeps each of them as an empty list, so the fields keep their order.
 */
export const STORED_LISTS = ['add', 'update', 'remove', 'withheldRemovals', 'pendingReview'] as const
export type StoredList = (typeof STORED_LISTS)[number]

/** The JSON texts of one list of a stored plan, in order, read one row at a time. */
export function storedListTexts(db: Database, planId: number, list: StoredList): IterableIterator<unknown> {
  return db
    .prepare('SELECT item FROM action_plan_items WHERE plan_id = ? AND list = ? ORDER BY plan_id, list, seq')
    .pluck()
    .iterate(planId, list)
}

/** The same, as UTF-8 bytes: the text never becomes a JavaScript string (see planReadBack.ts). */
export function storedListBytes(db: Database, planId: number, list: StoredList): IterableIterator<unknown> {
  return db
    .prepare(
      `SELECT CAST(item AS BLOB) FROM action_plan_items WHERE plan_id = ? AND list = ?
       ORDER BY plan_id, list, seq`,
    )
    .pluck()
    .iterate(planId, list)
}

/** A stored plan's JSON object with its lists read from their rows, each entry parsed. */
export function withStoredLists<T extends object>(db: Database, planId: number, head: T): T {
  const whole: Record<string, unknown> = { ...(head as Record<string, unknown>) }
  for (const list of STORED_LISTS) {
    const entries: unknown[] = []
    for (const item of storedListTexts(db, planId, list)) {
      entries.push(typeof item === 'string' ? JSON.parse(item) : null)
    }
    whole[list] = entries
  }
  return whole as T
}

/**
 * Writes a stored plan's list entries one row each, numbered in the order they are written per list:
 * the plan never exists as one JSON text, whatever its size. Call inside the plan's write transaction,
 * on a plan whose rows were cleared.
 */
export function planItemWriter(
  db: Database,
  planId: number,
): { write(list: StoredList, entry: object): void; writeText(list: StoredList, json: string): void } {
  const insert = db.prepare('INSERT INTO action_plan_items (plan_id, list, seq, item) VALUES (?, ?, ?, ?)')
  const next = new Map<StoredList, number>()
  const writeText = (list: StoredList, json: string) => {
    const seq = next.get(list) ?? 0
    next.set(list, seq + 1)
    insert.run(planId, list, seq, json)
  }
  return { write: (list, entry) => writeText(list, JSON.stringify(entry)), writeText }
}
