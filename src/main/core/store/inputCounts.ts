import type { Database } from './database'

/**
 * The row counts the stamps of the match and plan inputs rest on (match/matchStore.ts matchInputsStamp,
 * diff/planStore.ts planInputs). Counting walks an index entry per row, about 2 ms per 100,000 rows and
 * table, and a decision needed them twice (docs/architecture.md, "Decisions").
 *
 * They are kept per connection beside two marks SQLite keeps: `data_version`, which moves when any other
 * connection (another thread, another process) commits, and this connection's `total_changes()`, which
 * moves with every row it inserts, updates or deletes, triggers included. While both are as they were
 * when the counts were taken, no row can have been added or removed by anyone, so the counts stand.
 * A rollback moves neither mark, so counts taken inside an open transaction are never kept; a decision,
 * which knows every row it writes, keeps its counts only once its transaction has committed.
 */
export interface InputCounts {
  employees: number
  users: number
  results: number
  links: number
  tombstones: number
}

interface Marks {
  dataVersion: number
  totalChanges: number
}

interface Kept extends Marks {
  counts: InputCounts
}

const keptCounts = new WeakMap<Database, Map<string, Kept>>()

function marksOf(db: Database): Marks {
  return {
    dataVersion: db.pragma('data_version', { simple: true }) as number,
    totalChanges: db.prepare('SELECT total_changes()').pluck().get() as number,
  }
}

/** Counted afresh: each on the covering index that starts with the integration. */
function countRows(db: Database, integrationId: string): InputCounts {
  return db
    .prepare(
      `SELECT
         (SELECT count(*) FROM employees WHERE integration_id = @id) AS employees,
         (SELECT count(*) FROM legacy_users WHERE integration_id = @id) AS users,
         (SELECT count(*) FROM match_results WHERE integration_id = @id) AS results,
         (SELECT count(*) FROM link_history WHERE integration_id = @id) AS links,
         (SELECT count(*) FROM identity_tombstones WHERE integration_id = @id) AS tombstones`,
    )
    .get({ id: integrationId }) as InputCounts
}

function keptFor(db: Database, integrationId: string, marks: Marks): InputCounts | null {
  const kept = keptCounts.get(db)?.get(integrationId)
  if (kept === undefined) return null
  return kept.dataVersion === marks.dataVersion && kept.totalChanges === marks.totalChanges
    ? { ...kept.counts }
    : null
}

function keep(db: Database, integrationId: string, marks: Marks, counts: InputCounts): void {
  let perIntegration = keptCounts.get(db)
  if (perIntegration === undefined) keptCounts.set(db, (perIntegration = new Map()))
  perIntegration.set(integrationId, { ...marks, counts: { ...counts } })
}

/** The integration's counts now, from what this connection kept while nothing moved, else counted. */
export function inputCounts(db: Database, integrationId: string): InputCounts {
  // The marks are read before the counts: a commit in between leaves counts newer than their marks,
  // which the next read does not reuse (data_version has moved past them), never the reverse.
  const marks = marksOf(db)
  const kept = keptFor(db, integrationId, marks)
  if (kept !== null) return kept
  const counts = countRows(db, integrationId)
  if (!db.inTransaction) keep(db, integrationId, marks, counts)
  return counts
}

/** The counts inside a write that knows every row it adds or removes (see writeCounted). */
export interface CountedWrite {
  /** The counts as the transaction started, moved by `add`. */
  readonly counts: InputCounts
  /** Rows the writer added (negative: removed); null when it cannot say (every result stored again). */
  add(rows: Partial<InputCounts> | null): void
  /** The counts after what was added so far, or undefined once the writer could not say. */
  known(): InputCounts | undefined
}

/**
 * Runs `body` inside `transaction` (a write transaction) with the counts it starts from, moved by the
 * writer as it writes (a decision and its rematch). Once the transaction has committed, the counts
 * after its last write are kept for the next read on this connection.
 */
export function writeCounted<T>(
  db: Database,
  integrationId: string,
  transaction: (write: () => T) => T,
  body: (counted: CountedWrite) => T,
): T {
  let settled: Kept | null = null
  const value = transaction(() => {
    settled = null
    // Inside the write transaction: no other connection can commit until it ends.
    const { dataVersion } = marksOf(db)
    const counts = inputCounts(db, integrationId)
    let known = true
    const result = body({
      counts,
      add(rows) {
        if (rows === null) known = false
        else for (const key of COUNTED) counts[key] += rows[key] ?? 0
      },
      known: () => (known ? counts : undefined),
    })
    if (known) settled = { dataVersion, totalChanges: marksOf(db).totalChanges, counts: { ...counts } }
    return result
  })
  const kept = settled as Kept | null
  // Committed for good only when no outer transaction can still roll it back.
  if (kept !== null && !db.inTransaction) keep(db, integrationId, kept, kept.counts)
  return value
}

const COUNTED = ['employees', 'users', 'results', 'links', 'tombstones'] as const
