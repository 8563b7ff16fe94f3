import type { Database } from '../store/database'
import { STORED_EMPLOYEE_COLUMNS } from '../store/employeeRows'
import {
  everyRow,
  integer,
  integerOrNull,
  mappedRows,
  oneOf,
  oneOfOrNull,
  pluckedTexts,
  realOrNull,
  sqlRow,
  text,
  textOrNull,
  type SqlRow,
} from '../store/rows'
import type {
  DiffDecision,
  DiffEmployee,
  DiffLegacyUser,
  DiffLink,
  DiffMatch,
  DiffState,
  DiffTombstone,
  GuardSettings,
} from './diffState'
import { productAccessStatus } from './normalise'
import { previouslyReleasedUsers, readGuardThreshold, removalsConfirmedAt } from './planStore'

export interface LoadOptions {
  /**
   * Leave out linked pairs that provably need nothing (see SETTLE_CANDIDATES_SQL). The plan is the same either
   * way (a test holds the two side by side); the drift report wants every employee and says false.
   */
  settleUnchangedPairs: boolean
}

/** The words of the legacy file's status column, sorted by what the diff makes of them. */
interface StatusWords {
  /** Read as ACTIVE. */
  active: string[]
  /** Read as ACTIVE or INACTIVE. */
  mapped: string[]
  /** Blank: not compared and not reported. */
  blank: string[]
}

/**
 * A linked pair the diff would pass over: the user has no review decision, their employee is the only
 * one linked to that record, is still there by every departure signal (no tombstone, no deletion, not
 * vanished, no termination date, a status that is not INACTIVE), and every compared value is
 * byte-identical, or empty on the HRIS side (which the diff never copies), or an all-ASCII email that
 * differs only in letter case. Conservative by construction: each condition implies the JavaScript
 * comparison finds no change; anything it cannot prove cheaply in SQL is left to the diff.
 *
 * Found in two passes, so that each table is read in the order it is stored rather than looked up at
 * random: first the linked pairs whose employee qualifies (sorted by employee, as the window that counts
 * each employee's holders sorts them anyway), with the employee's compared values, into
 * temp.diff_settle_candidates; then the legacy users in file order, each checked against its candidate.
 * Looking each pair's legacy user up by id instead took 0.2 s at 100,000 and 2.5 s at 500,000: those
 * lookups land anywhere in a file five times the size (bench/README.md, Scale).
 */
const SETTLE_CANDIDATES_SQL = `
  INSERT INTO temp.diff_settle_candidates
    (user_id, kombo_id, work_email, first_name, last_name, employment_status)
  SELECT m.user_id, m.kombo_id, e.work_email, e.first_name, e.last_name, e.employment_status
  FROM (SELECT user_id, kombo_id, count(*) OVER (PARTITION BY kombo_id) AS holders
        FROM match_results
        WHERE integration_id = @integrationId AND status = 'matched' AND kombo_id IS NOT NULL) AS m
  JOIN employees e ON e.integration_id = @integrationId AND e.id = m.kombo_id
  WHERE m.holders = 1
    AND e.remote_deleted_at IS NULL AND e.vanished_at IS NULL AND e.termination_date IS NULL
    AND (e.employment_status IS NULL OR e.employment_status IN ('ACTIVE', 'PENDING', 'LEAVE'))
    AND m.user_id NOT IN (SELECT user_id FROM match_decisions WHERE integration_id = @integrationId)
    AND m.kombo_id NOT IN (SELECT kombo_id FROM identity_tombstones WHERE integration_id = @integrationId)`

/**
 * The candidates' key index, built once they are all in: a sorted build, where keeping it while the
 * candidates arrive in employee order would insert every key at a random place.
 */
const SETTLE_CANDIDATES_INDEX_SQL = `
  CREATE INDEX temp.diff_settle_candidates_by_user ON diff_settle_candidates (user_id)`

/** The second pass: the legacy users in file order (the line index), each against its candidate. */
const SETTLED_PAIRS_SQL = `
  INSERT INTO temp.diff_settled_pairs (user_id, kombo_id)
  SELECT c.user_id, c.kombo_id
  FROM legacy_users l INDEXED BY legacy_users_by_line
  CROSS JOIN temp.diff_settle_candidates c ON c.user_id = l.user_id
  WHERE l.integration_id = @integrationId
    AND (c.work_email IS NULL OR l.email = c.work_email
         OR (lower(l.email) = lower(c.work_email)
             AND NOT l.email GLOB '*[^!-~]*' AND NOT c.work_email GLOB '*[^!-~]*'))
    AND CASE WHEN l.first_name IS NULL AND l.last_name IS NULL THEN l.full_name IS NULL
             ELSE (c.first_name IS NULL OR l.first_name = c.first_name)
              AND (c.last_name IS NULL OR l.last_name = c.last_name) END
    AND (l.status IS NULL
         OR l.status IN (SELECT value FROM json_each(@blankStatuses))
         OR (c.employment_status = 'ACTIVE' AND l.status IN (SELECT value FROM json_each(@activeStatuses)))
         OR ((c.employment_status IS NULL OR c.employment_status IN ('PENDING', 'LEAVE'))
             AND l.status IN (SELECT value FROM json_each(@mappedStatuses))))`

/**
 * The settled pairs of one computation, kept in the connection's temporary schema: computed once, then
 * every read below leaves them out through its key index, whatever their number. Temporary tables
 * belong to the connection, so writing them leaves the read transaction on the app's file a reader.
 */
const SETTLED_TABLE_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS diff_settled_pairs (
    user_id TEXT PRIMARY KEY,
    kombo_id TEXT NOT NULL UNIQUE
  ) WITHOUT ROWID`

/** The first pass's scratch table, made for each computation and dropped once the pairs are settled. */
const SETTLE_CANDIDATES_TABLE_SQL = `
  DROP TABLE IF EXISTS temp.diff_settle_candidates;
  CREATE TEMP TABLE diff_settle_candidates (
    user_id TEXT NOT NULL,
    kombo_id TEXT NOT NULL,
    work_email TEXT,
    first_name TEXT,
    last_name TEXT,
    employment_status TEXT
  )`

/** The employee columns the diff reads: the fields of DiffEmployee, each one a stored column. */
export const DIFF_EMPLOYEE_COLUMNS = [
  'id',
  'remote_id',
  'first_name',
  'last_name',
  'work_email',
  'personal_email',
  'employment_status',
  'termination_date',
  'date_of_birth',
  'remote_deleted_at',
  'vanished_at',
] as const satisfies ReadonlyArray<keyof DiffEmployee & (typeof STORED_EMPLOYEE_COLUMNS)[number]>

const EMPLOYEES_SQL = `
  SELECT ${DIFF_EMPLOYEE_COLUMNS.join(', ')}
  FROM employees
  WHERE integration_id = ? AND id NOT IN (SELECT kombo_id FROM temp.diff_settled_pairs)
  ORDER BY integration_id, id`

/**
 * Each legacy user with their match (the diff only ever looks a match up by its user). Only a suggestion
 * needs its candidates, and only their ids, which the match keeps in a column of their own: the detail
 * (reasons, evidence per field) never reaches the diff.
 */
const LEGACY_USERS_SQL = `
  SELECT l.user_id, l.email, l.first_name, l.last_name, l.full_name, l.private_email, l.status,
         m.status AS match_status, m.kombo_id AS match_kombo_id, m.score AS match_score,
         CASE WHEN m.status = 'suggested' THEN m.candidate_ids END AS match_candidates
  FROM legacy_users l
  LEFT JOIN match_results m ON m.integration_id = l.integration_id AND m.user_id = l.user_id
  WHERE l.integration_id = ? AND l.user_id NOT IN (SELECT user_id FROM temp.diff_settled_pairs)
  ORDER BY l.line, l.user_id`

export const DECISIONS_SQL = `
  SELECT id, user_id, kind, undoes FROM match_decisions WHERE integration_id = ? ORDER BY id`

const LINKS_SQL = `
  SELECT user_id, kombo_id, remote_id, last_linked_at FROM link_history
  WHERE integration_id = ? AND user_id NOT IN (SELECT user_id FROM temp.diff_settled_pairs)
  ORDER BY integration_id, user_id, kombo_id`

const ALL_LINKS_SQL = `
  SELECT user_id, kombo_id, remote_id, last_linked_at FROM link_history
  WHERE integration_id = ? ORDER BY integration_id, user_id, kombo_id`

export const TOMBSTONES_SQL = `
  SELECT kombo_id, remote_id, work_email_hash, reason FROM identity_tombstones WHERE integration_id = ?`

/**
 * Reads everything the diff needs in one read transaction, so the plan never mixes two syncs (a sync
 * committing meanwhile is either wholly in or wholly out). Only the columns the diff uses are read, and
 * only the rows of pairs that may need something (see SETTLE_CANDIDATES_SQL); each table is read row by row
 * through one indexed query, so no statement builds the whole state at once.
 */
export function loadDiffState(
  db: Database,
  integrationId: string,
  basisRunId: number | null,
  generatedAt: string,
  options: LoadOptions = { settleUnchangedPairs: true },
): DiffState {
  return db.transaction((): DiffState => {
    const settledLinks = prepareSettledPairs(db, integrationId, options.settleUnchangedPairs)
    const employees: DiffEmployee[] = []
    for (const value of db.prepare(EMPLOYEES_SQL).iterate(integrationId)) {
      employees.push(diffEmployee(sqlRow(value, 'employees')))
    }
    const legacyUsers: DiffLegacyUser[] = []
    const matches: DiffMatch[] = []
    for (const value of db.prepare(LEGACY_USERS_SQL).iterate(integrationId)) {
      const row = sqlRow(value, 'legacy_users')
      const user = diffLegacyUser(row)
      legacyUsers.push(user)
      const status = oneOfOrNull(row, 'match_status', MATCH_STATUSES)
      if (status !== null) {
        const candidates = textOrNull(row, 'match_candidates')
        matches.push({
          user_id: user.user_id,
          status,
          kombo_id: textOrNull(row, 'match_kombo_id'),
          score: realOrNull(row, 'match_score') ?? 0,
          candidates: candidates === null ? [] : candidateIds(candidates),
        })
      }
    }
    const state: DiffState = {
      integrationId,
      basisRunId,
      generatedAt,
      employees,
      legacyUsers,
      matches,
      decisions: mappedRows(db.prepare(DECISIONS_SQL).all(integrationId), 'match_decisions', diffDecision),
      ...storedContext(db, integrationId, basisRunId, LINKS_SQL),
      settledLinks,
    }
    clearSettledPairs(db)
    return state
  })()
}

/** What the match itself holds when it has just stored its results: the diff's rows, straight from memory. */
export interface MatchedRows {
  employees: DiffEmployee[]
  legacyUsers: DiffLegacyUser[]
  matches: DiffMatch[]
  decisions: DiffDecision[]
}

/**
 * The diff's state from rows a match run already holds, inside that run's write transaction: only the link
 * history, the tombstones and the guard are read. Nothing is settled in SQL first: every pair goes through
 * the diff, which gives the plan loadDiffState gives (a test holds the two side by side), without reading
 * 100,000 employees and users back or holding a second copy of them.
 */
export function diffStateFromMatch(
  db: Database,
  integrationId: string,
  basisRunId: number | null,
  generatedAt: string,
  rows: MatchedRows,
): DiffState {
  return diffStateOfMatch(
    integrationId,
    basisRunId,
    generatedAt,
    rows,
    matchRunContext(db, integrationId, basisRunId),
  )
}

/** What diffStateFromMatch reads from the store; a run storing in another thread reads it there. */
export type MatchRunContext = Pick<DiffState, 'links' | 'tombstones' | 'guard'>

export function matchRunContext(
  db: Database,
  integrationId: string,
  basisRunId: number | null,
): MatchRunContext {
  return storedContext(db, integrationId, basisRunId, ALL_LINKS_SQL)
}

/** diffStateFromMatch from a context already read. */
export function diffStateOfMatch(
  integrationId: string,
  basisRunId: number | null,
  generatedAt: string,
  rows: MatchedRows,
  context: MatchRunContext,
): DiffState {
  return { integrationId, basisRunId, generatedAt, ...rows, ...context, settledLinks: 0 }
}

/** The parts of the state that only the store knows: the link history, the tombstones and the guard. */
function storedContext(
  db: Database,
  integrationId: string,
  basisRunId: number | null,
  linksSql: string,
): Pick<DiffState, 'links' | 'tombstones' | 'guard'> {
  return {
    links: mappedRows(everyRow(db.prepare(linksSql), integrationId), 'link_history', diffLink),
    ...matchRunContextBesidesLinks(db, integrationId, basisRunId),
  }
}

/** matchRunContext's links one at a time, in the same order, for a caller that need not hold them all. */
export function* matchRunLinks(db: Database, integrationId: string): Generator<DiffLink> {
  for (const row of db.prepare(ALL_LINKS_SQL).iterate(integrationId))
    yield diffLink(sqlRow(row, 'link_history'))
}

/** The rest of matchRunContext: the tombstones and the guard. */
export function matchRunContextBesidesLinks(
  db: Database,
  integrationId: string,
  basisRunId: number | null,
): Omit<MatchRunContext, 'links'> {
  return {
    tombstones: mappedRows(
      db.prepare(TOMBSTONES_SQL).all(integrationId),
      'identity_tombstones',
      diffTombstone,
    ),
    guard: guardSettings(db, integrationId, basisRunId),
  }
}

/** The deletion guard's setting, the basis run's confirmation and what earlier plans released. */
export function guardSettings(db: Database, integrationId: string, basisRunId: number | null): GuardSettings {
  return {
    threshold: readGuardThreshold(db, integrationId),
    confirmedAt: basisRunId === null ? null : removalsConfirmedAt(db, integrationId, basisRunId),
    previouslyReleased: basisRunId === null ? null : previouslyReleasedUsers(db, integrationId, basisRunId),
  }
}

/**
 * Makes temp.diff_settled_pairs hold this integration's settled pairs (none unless `settle`); returns
 * how many it holds. Call inside the read or write transaction that reads the rows they leave out.
 */
export function prepareSettledPairs(db: Database, integrationId: string, settle: boolean): number {
  db.prepare(SETTLED_TABLE_SQL).run()
  db.prepare('DELETE FROM temp.diff_settled_pairs').run()
  return settle ? settlePairs(db, integrationId) : 0
}

/** The pairs are only meaningful inside one read; leave the connection's temporary space empty. */
export function clearSettledPairs(db: Database): void {
  db.prepare('DELETE FROM temp.diff_settled_pairs').run()
}

/** Fills temp.diff_settled_pairs for this integration; returns how many pairs it holds. */
function settlePairs(db: Database, integrationId: string): number {
  const words = statusWords(db, integrationId)
  db.exec(SETTLE_CANDIDATES_TABLE_SQL)
  try {
    db.prepare(SETTLE_CANDIDATES_SQL).run({ integrationId })
    db.exec(SETTLE_CANDIDATES_INDEX_SQL)
    return db.prepare(SETTLED_PAIRS_SQL).run({
      integrationId,
      activeStatuses: JSON.stringify(words.active),
      mappedStatuses: JSON.stringify(words.mapped),
      blankStatuses: JSON.stringify(words.blank),
    }).changes
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.diff_settle_candidates')
  }
}

function statusWords(db: Database, integrationId: string): StatusWords {
  const words = db
    .prepare('SELECT DISTINCT status FROM legacy_users WHERE integration_id = ? AND status IS NOT NULL')
    .pluck()
    .all(integrationId)
  const sorted: StatusWords = { active: [], mapped: [], blank: [] }
  for (const word of pluckedTexts(words, 'legacy_users.status')) {
    const access = productAccessStatus(word)
    if (access === 'ACTIVE') sorted.active.push(word)
    if (access !== null) sorted.mapped.push(word)
    else if (word.trim() === '') sorted.blank.push(word)
  }
  return sorted
}

export const MATCH_STATUSES: readonly DiffMatch['status'][] = ['matched', 'suggested', 'unmatched']
const DECISION_KINDS: readonly DiffDecision['kind'][] = ['accept', 'reject', 'manual', 'none', 'undo']
const TOMBSTONE_REASONS: readonly DiffTombstone['reason'][] = ['deleted', 'vanished']

// The mappers spell every field out: objects built in one literal share one shape, which keeps reading
// 100,000 rows, and every later lookup of their fields, fast (a spread of computed keys does not).
export function diffEmployee(row: SqlRow): DiffEmployee {
  return {
    id: text(row, 'id'),
    remote_id: text(row, 'remote_id'),
    first_name: textOrNull(row, 'first_name'),
    last_name: textOrNull(row, 'last_name'),
    work_email: textOrNull(row, 'work_email'),
    personal_email: textOrNull(row, 'personal_email'),
    employment_status: textOrNull(row, 'employment_status'),
    termination_date: textOrNull(row, 'termination_date'),
    date_of_birth: textOrNull(row, 'date_of_birth'),
    remote_deleted_at: textOrNull(row, 'remote_deleted_at'),
    vanished_at: textOrNull(row, 'vanished_at'),
  }
}

export function diffLegacyUser(row: SqlRow): DiffLegacyUser {
  return {
    user_id: text(row, 'user_id'),
    email: textOrNull(row, 'email'),
    first_name: textOrNull(row, 'first_name'),
    last_name: textOrNull(row, 'last_name'),
    full_name: textOrNull(row, 'full_name'),
    private_email: textOrNull(row, 'private_email'),
    status: textOrNull(row, 'status'),
  }
}

/** The JSON array of ids the match stored; anything that is not one names no candidate. */
export function candidateIds(json: string): string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return []
  }
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []
}

export function diffDecision(row: SqlRow): DiffDecision {
  return {
    id: integer(row, 'id'),
    user_id: text(row, 'user_id'),
    kind: oneOf(row, 'kind', DECISION_KINDS),
    undoes: integerOrNull(row, 'undoes'),
  }
}

export function diffLink(row: SqlRow): DiffLink {
  return {
    user_id: text(row, 'user_id'),
    kombo_id: text(row, 'kombo_id'),
    remote_id: textOrNull(row, 'remote_id'),
    last_linked_at: text(row, 'last_linked_at'),
  }
}

export function diffTombstone(row: SqlRow): DiffTombstone {
  return {
    kombo_id: text(row, 'kombo_id'),
    remote_id: text(row, 'remote_id'),
    work_email_hash: textOrNull(row, 'work_email_hash'),
    reason: oneOf(row, 'reason', TOMBSTONE_REASONS),
  }
}
