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

type CountedTable = keyof InputCounts

interface Kept extends Marks {
  /** The tables counted while the marks stayed the same. */
  counts: Partial<InputCounts>
}

const keptCounts = new WeakMap<Database, Map<string, Kept>>()

function marksOf(db: Database): Marks {
  return {
    dataVersion: db.pragma('data_version', { simple: true }) as number,
    totalChanges: db.prepare('SELECT total_changes()').pluck().get() as number,
  }
}

/** Each count on the covering index that starts with the integration. */
const COUNT_SQL: Record<CountedTable, string> = {
  employees: 'SELECT count(*) FROM employees WHERE integration_id = @id',
  users: 'SELECT count(*) FROM legacy_users WHERE integration_id = @id',
  results: 'SELECT count(*) FROM match_results WHERE integration_id = @id',
  links: 'SELECT count(*) FROM link_history WHERE integration_id = @id',
  tombstones: 'SELECT count(*) FROM identity_tombstones WHERE integration_id = @id',
}

const COUNTED: readonly CountedTable[] = ['employees', 'users', 'results', 'links', 'tombstones']

function countRows(db: Database, integrationId: string, tables: readonly CountedTable[]) {
  const columns = tables.map((table) => `(${COUNT_SQL[table]}) AS ${table}`).join(', ')
  return db.prepare(`SELECT ${columns}`).get({ id: integrationId }) as Partial<InputCounts>
}

function keep(db: Database, integrationId: string, marks: Marks, counts: Partial<InputCounts>): void {
  let perIntegration = keptCounts.get(db)
  if (perIntegration === undefined) keptCounts.set(db, (perIntegration = new Map()))
  perIntegration.set(integrationId, { ...marks, counts: { ...counts } })
}

/**
 * These tables' counts for the integration now: those this connection kept while nothing moved, the
 * others counted (and kept beside them).
 */
export function countsOf<T extends CountedTable>(
  db: Database,
  integrationId: string,
  tables: readonly T[],
): Pick<InputCounts, T> {
  // The marks are read before the counts: a commit in between leaves counts newer than their marks,
  // which the next read does not reuse (data_version has moved past them), never the reverse.
  const marks = marksOf(db)
  const kept = keptCounts.get(db)?.get(integrationId)
  const same = kept?.dataVersion === marks.dataVersion && kept.totalChanges === marks.totalChanges
  const known: Partial<InputCounts> = same ? { ...kept.counts } : {}
  const missing = tables.filter((table) => known[table] === undefined)
  if (missing.length > 0) {
    Object.assign(known, countRows(db, integrationId, missing))
    if (!db.inTransaction) keep(db, integrationId, marks, known)
  }
  return known as Pick<InputCounts, T>
}

/** Every counted table's count for the integration now (see countsOf). */
export function inputCounts(db: Database, integrationId: string): InputCounts {
  return { ...countsOf(db, integrationId, COUNTED) }
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
