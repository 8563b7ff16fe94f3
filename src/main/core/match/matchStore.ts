import type { Database } from '../store/database'
import { countsOf, type InputCounts } from '../store/inputCounts'
import { movePlanInputs } from '../store/planInputs'
import { everyRowShaped, integerAt, textAt, textOrNullAt, type TextPool } from '../store/rows'
import type { DiffEmployee } from '../diff/diffState'
import type { MatchableEmployee } from './prepared'
import type { LegacyUser } from '../../../shared/dto/legacy'
import type {
  DecisionEvent,
  DecisionKind,
  MatchCandidate,
  MatchMethod,
  MatchOutput,
  MatchResult,
  MatchStatus,
  MatchSummary,
} from '../../../shared/dto/match'
import { resultDetailJson } from './resultJson'

/** SQL for the matching use-cases: reading their input, storing a plan, the decision event log. */

export { requireIntegration } from '../app/integrations'

/** An employee as a match run loads it: what matching compares, and what the lists computed after it read. */
export type LoadedEmployee = MatchableEmployee & DiffEmployee

/**
 * Every stored employee, departed, deleted and vanished ones too (a leaver still has a legacy account),
 * with the columns matching compares and the few the lists need once the results are stored (see
 * storePlan), and nothing else: at 100,000 employees every column read costs.
 */
export function loadEmployees(db: Database, integrationId: string): LoadedEmployee[] {
  const select = db.prepare(
    `SELECT id, remote_id, employee_number, first_name, last_name, display_full_name, work_email,
            personal_email, employment_status, termination_date, date_of_birth, remote_deleted_at,
            vanished_at
     FROM employees WHERE integration_id = ? ORDER BY id`,
  )
  return everyRowShaped(select.raw(), loadedEmployeeOf, integrationId)
}

/**
 * An employee row in the order of the SELECT above. The columns many employees share a value of are
 * shared (see TextPool); ids, addresses and full names rarely repeat.
 */
function loadedEmployeeOf(columns: readonly unknown[], texts: TextPool): LoadedEmployee {
  return {
    id: textAt(columns, 0, 'id'),
    remote_id: textAt(columns, 1, 'remote_id'),
    employee_number: textOrNullAt(columns, 2, 'employee_number'),
    first_name: texts.share(textOrNullAt(columns, 3, 'first_name')),
    last_name: texts.share(textOrNullAt(columns, 4, 'last_name')),
    display_full_name: textOrNullAt(columns, 5, 'display_full_name'),
    work_email: textOrNullAt(columns, 6, 'work_email'),
    personal_email: textOrNullAt(columns, 7, 'personal_email'),
    employment_status: texts.share(textOrNullAt(columns, 8, 'employment_status')),
    termination_date: texts.share(textOrNullAt(columns, 9, 'termination_date')),
    date_of_birth: texts.share(textOrNullAt(columns, 10, 'date_of_birth')),
    remote_deleted_at: textOrNullAt(columns, 11, 'remote_deleted_at'),
    vanished_at: textOrNullAt(columns, 12, 'vanished_at'),
  }
}

/** The legacy users in file order; their extra columns play no part in matching and are not read. */
export function loadLegacyUsers(db: Database, integrationId: string): LegacyUser[] {
  const select = db.prepare(
    `SELECT user_id, email, first_name, last_name, full_name, hris_id, private_email, status, line
     FROM legacy_users WHERE integration_id = ? ORDER BY line, user_id`,
  )
  return everyRowShaped(select.raw(), legacyUserOf, integrationId)
}

/** A legacy user row in the order of the SELECT above (see loadedEmployeeOf). */
function legacyUserOf(columns: readonly unknown[], texts: TextPool): LegacyUser {
  return {
    user_id: textAt(columns, 0, 'user_id'),
    email: textOrNullAt(columns, 1, 'email'),
    first_name: texts.share(textOrNullAt(columns, 2, 'first_name')),
    last_name: texts.share(textOrNullAt(columns, 3, 'last_name')),
    full_name: textOrNullAt(columns, 4, 'full_name'),
    hris_id: textOrNullAt(columns, 5, 'hris_id'),
    private_email: textOrNullAt(columns, 6, 'private_email'),
    status: texts.share(textOrNullAt(columns, 7, 'status')),
    line: integerAt(columns, 8, 'line'),
    // One shared, frozen empty record instead of a copy of every row with its own.
    extra: NO_EXTRA_COLUMNS,
  }
}

const NO_EXTRA_COLUMNS: Record<string, string> = Object.freeze({})

export function listDecisionEvents(db: Database, integrationId: string): DecisionEvent[] {
  return db
    .prepare(
      `SELECT id, user_id, kind, kombo_id, undoes, created_at, batch FROM match_decisions
       WHERE integration_id = ? ORDER BY id`,
    )
    .all(integrationId) as DecisionEvent[]
}

/** The number the next batch of an integration's decisions gets; read inside the write transaction. */
export function nextDecisionBatch(db: Database, integrationId: string): number {
  const latest = db
    .prepare('SELECT max(batch) FROM match_decisions WHERE integration_id = ?')
    .pluck()
    .get(integrationId) as number | null
  return (latest ?? 0) + 1
}

/**
 * Stores a plan result by result, replacing the integration's previous results and recording every
 * matched pair in the link history (with the employee's remote_id). The caller runs it inside one
 * transaction, so readers see the old plan or the new one, never a mix.
 */
export function openMatchWriter(
  db: Database,
  integrationId: string,
  remoteIdOf: ReadonlyMap<string, string>,
  now: string,
): (result: MatchResult) => void {
  const write = resultWriter(db, integrationId, (komboId) => remoteIdOf.get(komboId) ?? null, now)
  clearMatchResults(db, integrationId)
  return write
}

/** Removes the integration's results before a whole plan is stored (in the caller's transaction). */
export function clearMatchResults(db: Database, integrationId: string): void {
  db.prepare('DELETE FROM match_results WHERE integration_id = ?').run(integrationId)
  movePlanInputs(db, integrationId)
}

/**
 * A result as its match_results row holds it, with the remote_id its link history records (null when the
 * result links nothing): plain values, so a whole run can hand rows to the thread that stores them
 * (matchStoreThread.ts). Built once per result by storedRowOf.
 */
export type StoredRow = [
  userId: string,
  status: MatchStatus,
  method: MatchMethod,
  komboId: string | null,
  score: number,
  detail: string,
  conflicts: string,
  candidateCount: number,
  candidateIds: string,
  linkedRemoteId: string | null,
]

/**
 * The row of a result; a matched result's link carries the employee's remote_id. `detail` is the result's
 * detail JSON, made here (and kept for `match --json`) unless the caller made it.
 */
export function storedRowOf(
  result: MatchResult,
  remoteIdOf: (komboId: string) => string | null,
  detail: string = resultDetailJson(result),
): StoredRow {
  return [
    result.user_id,
    result.status,
    result.method,
    result.kombo_id,
    result.score,
    detail,
    JSON.stringify(result.conflicts),
    result.candidates.length,
    JSON.stringify(result.candidates.map((candidate) => candidate.kombo_id)),
    linkedRemoteIdOf(result, remoteIdOf),
  ]
}

/** The remote_id a result's link records: the linked employee's, for a matched result only. */
export function linkedRemoteIdOf(
  result: MatchResult,
  remoteIdOf: (komboId: string) => string | null,
): string | null {
  return result.status === 'matched' && result.kombo_id !== null ? remoteIdOf(result.kombo_id) : null
}

/**
 * Inserts one row (the caller has removed the old one) and records its link in the link history: how a
 * whole run (in this thread or the store thread) and a decision's rematch (matchRowStore.ts) write results.
 */
export function storedRowWriter(db: Database, integrationId: string, now: string): (row: StoredRow) => void {
  const insert = db.prepare(
    `INSERT INTO match_results (integration_id, user_id, status, method, kombo_id, score, detail, conflicts,
       candidate_count, candidate_ids)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const link = db.prepare(
    `INSERT INTO link_history (integration_id, user_id, kombo_id, remote_id, first_linked_at, last_linked_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (integration_id, user_id, kombo_id)
     DO UPDATE SET remote_id = excluded.remote_id, last_linked_at = excluded.last_linked_at`,
  )
  return (row) => {
    const [userId, status, method, komboId, score, detail, conflicts, count, candidateIds, remoteId] = row
    insert.run(integrationId, userId, status, method, komboId, score, detail, conflicts, count, candidateIds)
    if (status === 'matched' && komboId !== null) link.run(integrationId, userId, komboId, remoteId, now, now)
  }
}

/** Writes results as storedRowWriter writes their rows. */
export function resultWriter(
  db: Database,
  integrationId: string,
  remoteIdOf: (komboId: string) => string | null,
  now: string,
): (result: MatchResult) => void {
  const write = storedRowWriter(db, integrationId, now)
  return (result) => write(storedRowOf(result, remoteIdOf))
}

export interface StoredMatchRow {
  user_id: string
  status: MatchStatus
  kombo_id: string | null
}

/** The last stored plan's row for a user, if a match has run since the user was imported. */
export function storedMatchFor(db: Database, integrationId: string, userId: string): StoredMatchRow | null {
  const row = db
    .prepare('SELECT user_id, status, kombo_id FROM match_results WHERE integration_id = ? AND user_id = ?')
    .get(integrationId, userId) as StoredMatchRow | undefined
  return row ?? null
}

/** Users the last stored plan linked to this employee. */
export function usersMatchedTo(db: Database, integrationId: string, komboId: string): string[] {
  return db
    .prepare(
      // Through the index of links (migration 8): ordered by user, SQLite would walk every result instead.
      `SELECT user_id FROM match_results INDEXED BY match_results_linked
       WHERE integration_id = ? AND kombo_id = ? AND status = 'matched' ORDER BY user_id`,
    )
    .pluck()
    .all(integrationId, komboId) as string[]
}

export function legacyUserExists(db: Database, integrationId: string, userId: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM legacy_users WHERE integration_id = ? AND user_id = ?')
      .pluck()
      .get(integrationId, userId) !== undefined
  )
}

export function employeeExists(db: Database, integrationId: string, komboId: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM employees WHERE integration_id = ? AND id = ?')
      .pluck()
      .get(integrationId, komboId) !== undefined
  )
}

export interface NewDecision {
  user_id: string
  kind: DecisionKind | 'undo'
  kombo_id: string | null
  undoes: number | null
}

/**
 * Appends decision events (several at once in one transaction) and returns them as stored; `batch`
 * marks them as one step, shown and undone together.
 */
export function appendDecisions(
  db: Database,
  integrationId: string,
  decisions: readonly NewDecision[],
  now: string,
  batch: number | null = null,
): DecisionEvent[] {
  const insert = db.prepare(
    `INSERT INTO match_decisions (integration_id, user_id, kind, kombo_id, undoes, created_at, batch)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  return db.transaction(() =>
    decisions.map((decision): DecisionEvent => {
      const info = insert.run(
        integrationId,
        decision.user_id,
        decision.kind,
        decision.kombo_id,
        decision.undoes,
        now,
        batch,
      )
      return { id: Number(info.lastInsertRowid), ...decision, created_at: now, batch }
    }),
  )()
}

/** settings keys under which a match run leaves what it rested on and its summary. */
export const MATCH_INPUTS_SETTING = 'match_inputs'
export const MATCH_SUMMARY_SETTING = 'match_summary'

/**
 * What the stored match results rest on, as one string: the finished syncs and the newest employee
 * write, the legacy import, the decision log and the app version (a new matcher may link differently).
 * Review shows the stored results while this is unchanged, and matching runs again when it is not. The
 * row counts come from store/inputCounts.ts (kept while nothing was written); `counts` are those a
 * decision's write transaction started from.
 */
export function matchInputsStamp(
  db: Database,
  integrationId: string,
  version: string,
  counts: Pick<InputCounts, 'employees' | 'users'> = countsOf(db, integrationId, MATCH_COUNTED),
): string {
  const row = db
    .prepare(
      `SELECT
         (SELECT count(*) || '.' || COALESCE(max(id), 0) FROM sync_runs
            WHERE integration_id = @id AND outcome <> 'RUNNING') AS runs,
         (SELECT COALESCE(max(last_seen_run), 0) FROM employees WHERE integration_id = @id) AS lastSeen,
         (SELECT COALESCE(max(id), 0) FROM legacy_imports WHERE integration_id = @id) AS import,
         (${DECISIONS_PART_SQL}) AS decisions`,
    )
    .get({ id: integrationId }) as Record<string, string | number>
  const employees = `${counts.employees}.${row.lastSeen}`
  return [version, row.runs, employees, row.import, counts.users, row.decisions].join('|')
}

/** The row counts the match stamp rests on. */
const MATCH_COUNTED = ['employees', 'users'] as const

/** The stamp's last part: what the decision log holds. */
const DECISIONS_PART_SQL = `SELECT count(*) || '.' || COALESCE(max(id), 0) FROM match_decisions
            WHERE integration_id = @id`

/**
 * The stamp after decisions were appended to a state whose stamp was `stampBefore`, in the same write
 * transaction: only its decisions part can have moved, so only that is read again.
 */
export function matchInputsStampAfterDecisions(
  db: Database,
  integrationId: string,
  stampBefore: string,
): string {
  const decisions = db.prepare(DECISIONS_PART_SQL).pluck().get({ id: integrationId }) as string
  return `${stampBefore.slice(0, stampBefore.lastIndexOf('|'))}|${decisions}`
}

function readSetting(db: Database, integrationId: string, key: string): string | null {
  const value = db
    .prepare('SELECT value FROM settings WHERE integration_id = ? AND key = ?')
    .pluck()
    .get(integrationId, key) as string | undefined
  return value ?? null
}

function writeSetting(db: Database, integrationId: string, key: string, value: string): void {
  db.prepare(
    `INSERT INTO settings (integration_id, key, value) VALUES (?, ?, ?)
     ON CONFLICT (integration_id, key) DO UPDATE SET value = excluded.value`,
  ).run(integrationId, key, value)
}

/** Records what a stored match output rests on; call in the transaction that stored it. */
export function recordMatchInputs(
  db: Database,
  integrationId: string,
  stamp: string,
  summary: MatchSummary,
): void {
  writeSetting(db, integrationId, MATCH_INPUTS_SETTING, stamp)
  writeSetting(db, integrationId, MATCH_SUMMARY_SETTING, JSON.stringify(summary))
}

interface MatchRow {
  user_id: string
  status: MatchStatus
  method: MatchMethod
  kombo_id: string | null
  score: number
  /** The whole detail (full view) or null (list view). */
  detail: string | null
  conflicts: string
  candidate_count: number
}

/** The detail column as stored, read leniently: fields a newer matcher adds ride along untouched. */
function parseDetail(
  text: string,
): Pick<MatchResult, 'reasons' | 'candidates' | 'conflicts'> & Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = null
  }
  const detail = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : [])
  return {
    ...detail,
    reasons: list<string>(detail.reasons),
    candidates: list<MatchCandidate>(detail.candidates),
    conflicts: list<string>(detail.conflicts),
  }
}

function resultOf(row: MatchRow): MatchResult {
  const base = {
    user_id: row.user_id,
    status: row.status,
    method: row.method,
    kombo_id: row.kombo_id,
    score: row.score,
  }
  if (row.detail === null) {
    // The list view: what a review row shows, the candidates counted but left out.
    const conflicts = parseDetail(`{"conflicts":${row.conflicts}}`).conflicts
    return { ...base, reasons: [], candidates: [], conflicts, candidateCount: row.candidate_count }
  }
  const { reasons, candidates, conflicts, ...extra } = parseDetail(row.detail)
  return { ...extra, ...base, reasons, candidates, conflicts }
}

/** Which stored results to read: everyone's or some users', with their candidates or as a list. */
export interface StoredResultsQuery {
  /** 'list' leaves the candidates and reasons out (see MatchResult.candidateCount). */
  view?: 'full' | 'list'
  userIds?: readonly string[]
  /** Only results with this status. */
  status?: MatchStatus
  /** At most this many, the first in file order (the legacy_users_by_line index finds them at once). */
  limit?: number
}

/**
 * The stored match output when it still rests on the current inputs (see matchInputsStamp), in the
 * legacy file's order; null when matching must run again. The summary is always the whole file's.
 */
export function storedMatchOutput(
  db: Database,
  integrationId: string,
  stamp: string,
  query: StoredResultsQuery = {},
): MatchOutput | null {
  return db.transaction((): MatchOutput | null => {
    if (readSetting(db, integrationId, MATCH_INPUTS_SETTING) !== stamp) return null
    const summaryText = readSetting(db, integrationId, MATCH_SUMMARY_SETTING)
    if (summaryText === null) return null
    const detail = query.view === 'list' ? 'NULL' : 'm.detail'
    // A few users' rows are found from their ids (CROSS JOIN keeps that order of the lookups); ordered
    // by line, SQLite would otherwise walk the whole file in line order to pick them out (a read after
    // each decision in Review).
    const from =
      query.userIds === undefined
        ? 'legacy_users l'
        : '(SELECT DISTINCT value AS user_id FROM json_each(@users)) AS wanted CROSS JOIN legacy_users l'
    const only = query.userIds === undefined ? '' : 'AND l.user_id = wanted.user_id'
    const withStatus = query.status === undefined ? '' : 'AND m.status = @status'
    const limit = query.limit === undefined ? '' : 'LIMIT @limit'
    const rows = db
      .prepare(
        `SELECT m.user_id, m.status, m.method, m.kombo_id, m.score, ${detail} AS detail, m.conflicts,
                m.candidate_count
         FROM ${from} JOIN match_results m ON m.integration_id = l.integration_id AND m.user_id = l.user_id
         WHERE l.integration_id = @id ${only} ${withStatus} ORDER BY l.line, l.user_id ${limit}`,
      )
      .all({
        id: integrationId,
        ...(query.userIds === undefined ? {} : { users: JSON.stringify(query.userIds) }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
      }) as MatchRow[]
    return { results: rows.map(resultOf), summary: JSON.parse(summaryText) as MatchSummary }
  })()
}

/** The id of the latest event (decision or undo) about a user, or null when nobody decided yet. */
export function latestEventIdFor(db: Database, integrationId: string, userId: string): number | null {
  const id = db
    .prepare('SELECT max(id) FROM match_decisions WHERE integration_id = ? AND user_id = ?')
    .pluck()
    .get(integrationId, userId) as number | null
  return id ?? null
}
