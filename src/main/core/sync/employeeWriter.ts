import { workEmailHash } from '../diff/normalise'
import type { Database, Statement } from 'better-sqlite3'
import type { ParsedEmployee } from '../kombo/employeeRecord'
import { STORED_EMPLOYEE_COLUMNS } from '../store/employeeRows'

/** Fields whose changes the drift report cares about (names, emails, status, departure). */
const TRACKED_FIELDS = [
  'first_name',
  'last_name',
  'work_email',
  'personal_email',
  'employment_status',
  'termination_date',
] as const

/** Columns written from each fetched record, in statement order (the raw record goes to employee_records). */
const STORED_COLUMNS = STORED_EMPLOYEE_COLUMNS.filter(
  (column): column is Exclude<(typeof STORED_EMPLOYEE_COLUMNS)[number], 'id' | 'vanished_at'> =>
    column !== 'id' && column !== 'vanished_at',
) satisfies readonly (keyof ParsedEmployee)[]

type TrackedRow = Record<(typeof TRACKED_FIELDS)[number], string | null> & {
  remote_deleted_at: string | null
  vanished_at: string | null
}

export interface WriteCounts {
  inserted: number
  updated: number
  deleted: number
  vanished: number
}

// The tombstone's email key is the one the diff's re-hire check computes; sharing the function keeps
// the two byte for byte alike.
export { workEmailHash }

/**
 * Writes one sync run's employees inside the run's transaction: upserts, change log for the drift
 * report, identity tombstones for departures, and (after a full fetch) the vanished marks.
 */
export class EmployeeWriter {
  readonly counts: WriteCounts = { inserted: 0, updated: 0, deleted: 0, vanished: 0 }
  private readonly selectExisting: Statement
  private readonly insert: Statement
  private readonly update: Statement
  private readonly storeRecord: Statement
  private readonly logChange: Statement
  private readonly tombstone: Statement
  /** The first sync of an integration is the baseline: logging 50,000 "hired" rows would say nothing. */
  private readonly logChanges: boolean

  constructor(
    private readonly db: Database,
    private readonly integrationId: string,
    private readonly runId: number,
    private readonly now: string,
  ) {
    const hasEmployees = db
      .prepare('SELECT 1 FROM employees WHERE integration_id = ? LIMIT 1')
      .get(integrationId)
    this.logChanges = hasEmployees !== undefined
    this.selectExisting = db.prepare(
      `SELECT ${TRACKED_FIELDS.join(', ')}, remote_deleted_at, vanished_at
         FROM employees WHERE integration_id = ? AND id = ?`,
    )
    this.insert = db.prepare(`
      INSERT INTO employees (integration_id, id, ${STORED_COLUMNS.join(', ')}, vanished_at, first_seen_run, last_seen_run)
      VALUES (?, ?, ${STORED_COLUMNS.map(() => '?').join(', ')}, NULL, ?, ?)`)
    this.update = db.prepare(`
      UPDATE employees SET ${STORED_COLUMNS.map((c) => `${c} = ?`).join(', ')}, vanished_at = NULL, last_seen_run = ?
      WHERE integration_id = ? AND id = ?`)
    this.storeRecord = db.prepare(`
      INSERT INTO employee_records (integration_id, id, raw) VALUES (?, ?, CAST(? AS TEXT))
      ON CONFLICT (integration_id, id) DO UPDATE SET raw = excluded.raw`)
    this.logChange = db.prepare(
      `INSERT INTO employee_changes (run_id, integration_id, kombo_id, kind, field, old_value, new_value)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    // Kombo blanks a deleted record after 14 days; keep the hash taken while the email was known.
    this.tombstone = db.prepare(`
      INSERT INTO identity_tombstones (integration_id, kombo_id, remote_id, work_email_hash, reason, departed_at)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (integration_id, kombo_id) DO UPDATE SET
        remote_id = excluded.remote_id,
        work_email_hash = COALESCE(excluded.work_email_hash, identity_tombstones.work_email_hash)`)
  }

  /**
   * `raw` is the record's source: UTF-8 bytes cut from the page (bound as a blob and stored as TEXT
   * unchanged by the CAST, so nothing is decoded and re-encoded) or, as a fallback, a string.
   */
  write(employee: ParsedEmployee, raw: Buffer | string): void {
    // Positional parameters: binding by name costs about twice as much per row in better-sqlite3.
    const values = STORED_COLUMNS.map((column) => employee[column])
    const existing = this.logChanges
      ? (this.selectExisting.get(this.integrationId, employee.id) as TrackedRow | undefined)
      : undefined
    if (existing === undefined) {
      this.insert.run(this.integrationId, employee.id, ...values, this.runId, this.runId)
      this.counts.inserted += 1
      if (this.logChanges) this.change(employee.id, 'hired')
    } else {
      this.update.run(...values, this.runId, this.integrationId, employee.id)
      this.counts.updated += 1
      this.recordChanges(employee, existing)
    }
    this.storeRecord.run(this.integrationId, employee.id, raw)
    if (employee.remote_deleted_at !== null) {
      if (existing === undefined || existing.remote_deleted_at === null) this.counts.deleted += 1
      this.tombstone.run(
        this.integrationId,
        employee.id,
        employee.remote_id,
        workEmailHash(employee.work_email),
        'deleted',
        employee.remote_deleted_at,
      )
    }
  }

  /** After a full fetch: whoever this run did not see is gone from Kombo's answer. */
  markVanished(): void {
    // Nothing was stored before this run's first page: nothing can have vanished.
    if (!this.logChanges) return
    const gone = this.db
      .prepare(
        `SELECT id, remote_id, work_email FROM employees
          WHERE integration_id = ? AND last_seen_run <> ? AND vanished_at IS NULL`,
      )
      .all(this.integrationId, this.runId) as { id: string; remote_id: string; work_email: string | null }[]
    const mark = this.db.prepare('UPDATE employees SET vanished_at = ? WHERE integration_id = ? AND id = ?')
    for (const employee of gone) {
      mark.run(this.now, this.integrationId, employee.id)
      this.change(employee.id, 'vanished')
      this.tombstone.run(
        this.integrationId,
        employee.id,
        employee.remote_id,
        workEmailHash(employee.work_email),
        'vanished',
        this.now,
      )
    }
    this.counts.vanished = gone.length
  }

  private recordChanges(employee: ParsedEmployee, existing: TrackedRow): void {
    if (existing.remote_deleted_at === null && employee.remote_deleted_at !== null) {
      this.change(employee.id, 'deleted')
    }
    if (
      (existing.remote_deleted_at !== null && employee.remote_deleted_at === null) ||
      existing.vanished_at !== null
    ) {
      this.change(employee.id, 'returned')
    }
    for (const field of TRACKED_FIELDS) {
      if (existing[field] !== employee[field]) {
        this.change(employee.id, 'changed', field, existing[field], employee[field])
      }
    }
  }

  private change(
    komboId: string,
    kind: 'hired' | 'deleted' | 'vanished' | 'returned' | 'changed',
    field: string | null = null,
    oldValue: string | null = null,
    newValue: string | null = null,
  ): void {
    if (!this.logChanges && kind !== 'vanished') return
    this.logChange.run(this.runId, this.integrationId, komboId, kind, field, oldValue, newValue)
  }
}
