import type { Database } from '../store/database'
import type {
  DiffDecision,
  DiffEmployee,
  DiffLegacyUser,
  DiffLink,
  DiffMatch,
  DiffState,
  DiffTombstone,
} from './diffState'
import { productAccessStatus } from './normalise'
import { previouslyReleasedUsers, readGuardThreshold, removalsConfirmedAt } from './planStore'

export interface LoadOptions {
  /**
   * Leave out linked pairs that provably need nothing (see SETTLED_PAIRS). The plan is the same either
   * way (a test holds the two side by side); the drift report wants every employee and says false.
   */
  settleUnchangedPairs: boolean
}

/** A legacy user as read: their match (if a match run has seen them) rides along. */
interface LegacyRow extends DiffLegacyUser {
  match_status: DiffMatch['status'] | null
  match_kombo_id: string | null
  match_score: number | null
  match_detail: string | null
}

interface StateRows {
  employees: DiffEmployee[]
  legacyUsers: LegacyRow[]
  decisions: DiffDecision[]
  links: DiffLink[]
  tombstones: DiffTombstone[]
  settledCount: number
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
 */
const SETTLED_PAIRS = `
  settled(user_id, kombo_id) AS MATERIALIZED (
    SELECT m.user_id, m.kombo_id FROM match_results m
    JOIN legacy_users l ON l.integration_id = m.integration_id AND l.user_id = m.user_id
    JOIN employees e ON e.integration_id = m.integration_id AND e.id = m.kombo_id
    WHERE m.integration_id = @integrationId AND m.status = 'matched' AND @settle
      AND e.remote_deleted_at IS NULL AND e.vanished_at IS NULL AND e.termination_date IS NULL
      AND (e.employment_status IS NULL OR e.employment_status IN ('ACTIVE', 'PENDING', 'LEAVE'))
      AND (e.work_email IS NULL OR l.email = e.work_email
           OR (lower(l.email) = lower(e.work_email)
               AND NOT l.email GLOB '*[^!-~]*' AND NOT e.work_email GLOB '*[^!-~]*'))
      AND CASE WHEN l.first_name IS NULL AND l.last_name IS NULL THEN l.full_name IS NULL
               ELSE (e.first_name IS NULL OR l.first_name = e.first_name)
                AND (e.last_name IS NULL OR l.last_name = e.last_name) END
      AND (l.status IS NULL
           OR l.status IN (SELECT value FROM json_each(@blankStatuses))
           OR (e.employment_status = 'ACTIVE' AND l.status IN (SELECT value FROM json_each(@activeStatuses)))
           OR ((e.employment_status IS NULL OR e.employment_status IN ('PENDING', 'LEAVE'))
               AND l.status IN (SELECT value FROM json_each(@mappedStatuses))))
      AND m.user_id NOT IN (SELECT user_id FROM match_decisions WHERE integration_id = @integrationId)
      AND m.kombo_id NOT IN (SELECT kombo_id FROM identity_tombstones WHERE integration_id = @integrationId)
      AND m.kombo_id NOT IN (
        SELECT kombo_id FROM match_results
        WHERE integration_id = @integrationId AND status = 'matched' AND kombo_id IS NOT NULL
        GROUP BY kombo_id HAVING count(*) > 1)
  )`

/** `'a', t.a, 'b', t.b`: the arguments of json_object for these columns. */
const jsonFields = (columns: readonly string[], table = ''): string =>
  columns.map((c) => `'${c}', ${table}${c}`).join(', ')

const EMPLOYEE_COLUMNS = [
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
] as const
const LINK_COLUMNS = ['user_id', 'kombo_id', 'remote_id', 'last_linked_at'] as const
const LEGACY_COLUMNS = [
  'user_id',
  'email',
  'first_name',
  'last_name',
  'full_name',
  'private_email',
  'status',
] as const

const MATCH_COLUMNS = `'match_status', m.status, 'match_kombo_id', m.kombo_id, 'match_score', m.score,
  'match_detail', CASE WHEN m.status = 'suggested' THEN m.detail END`

/**
 * The whole state as one JSON document from one statement: a single consistent read, and SQLite's JSON
 * functions plus one JSON.parse cost far less than materialising a row object per record. Each legacy
 * user comes with their match (the diff only ever looks a match up by its user); only a suggestion
 * needs its candidate list, so the detail of the rest is not read.
 *
 * The inner queries walk each table in primary-key order so the "not settled" test runs on the key
 * index alone and only the rows that pass are fetched.
 */
const STATE_SQL = `
  WITH ${SETTLED_PAIRS}
  SELECT json_object(
    'employees', (SELECT json_group_array(json_object(${jsonFields(EMPLOYEE_COLUMNS)}) ORDER BY id)
                  FROM (SELECT * FROM employees
                        WHERE integration_id = @integrationId AND id NOT IN (SELECT kombo_id FROM settled)
                        ORDER BY integration_id, id)),
    'legacyUsers', (SELECT json_group_array(json_object(${jsonFields(LEGACY_COLUMNS, 'l.')}, ${MATCH_COLUMNS})
                      ORDER BY l.line, l.user_id)
                    FROM (SELECT * FROM legacy_users
                          WHERE integration_id = @integrationId AND user_id NOT IN (SELECT user_id FROM settled)
                          ORDER BY integration_id, user_id) AS l
                    LEFT JOIN match_results m ON m.integration_id = l.integration_id AND m.user_id = l.user_id),
    'decisions', (SELECT json_group_array(json_object('id', id, 'user_id', user_id, 'kind', kind, 'undoes', undoes)
                    ORDER BY id)
                  FROM match_decisions WHERE integration_id = @integrationId),
    'links', (SELECT json_group_array(json_object(${jsonFields(LINK_COLUMNS)}))
              FROM (SELECT * FROM link_history
                    WHERE integration_id = @integrationId AND user_id NOT IN (SELECT user_id FROM settled)
                    ORDER BY integration_id, user_id, kombo_id)),
    'tombstones', (SELECT json_group_array(json_object(${jsonFields(['kombo_id', 'remote_id', 'work_email_hash', 'reason'])}))
                   FROM identity_tombstones WHERE integration_id = @integrationId),
    'settledCount', (SELECT count(*) FROM settled)
  )`

/**
 * Reads everything the diff needs in one read transaction, so the plan never mixes two syncs (a sync
 * committing meanwhile is either wholly in or wholly out). Only the columns the diff uses are read.
 */
export function loadDiffState(
  db: Database,
  integrationId: string,
  basisRunId: number | null,
  generatedAt: string,
  options: LoadOptions = { settleUnchangedPairs: true },
): DiffState {
  return db.transaction((): DiffState => {
    const words = statusWords(db, integrationId)
    const text = db
      .prepare(STATE_SQL)
      .pluck()
      .get({
        integrationId,
        settle: options.settleUnchangedPairs ? 1 : 0,
        activeStatuses: JSON.stringify(words.active),
        mappedStatuses: JSON.stringify(words.mapped),
        blankStatuses: JSON.stringify(words.blank),
      }) as string
    const rows = JSON.parse(text) as StateRows
    const legacyUsers: DiffLegacyUser[] = []
    const matches: DiffMatch[] = []
    for (const row of rows.legacyUsers) {
      const { match_status, match_kombo_id, match_score, match_detail, ...user } = row
      legacyUsers.push(user)
      if (match_status !== null) {
        matches.push({
          user_id: user.user_id,
          status: match_status,
          kombo_id: match_kombo_id,
          score: match_score ?? 0,
          candidates: match_detail === null ? [] : candidateIds(match_detail),
        })
      }
    }
    return {
      integrationId,
      basisRunId,
      generatedAt,
      employees: rows.employees,
      legacyUsers,
      matches,
      decisions: rows.decisions,
      links: rows.links,
      tombstones: rows.tombstones,
      settledLinks: rows.settledCount,
      guard: {
        threshold: readGuardThreshold(db, integrationId),
        confirmedAt: basisRunId === null ? null : removalsConfirmedAt(db, integrationId, basisRunId),
        previouslyReleased:
          basisRunId === null ? null : previouslyReleasedUsers(db, integrationId, basisRunId),
      },
    }
  })()
}

function statusWords(db: Database, integrationId: string): StatusWords {
  const words = db
    .prepare('SELECT DISTINCT status FROM legacy_users WHERE integration_id = ? AND status IS NOT NULL')
    .pluck()
    .all(integrationId) as string[]
  const sorted: StatusWords = { active: [], mapped: [], blank: [] }
  for (const word of words) {
    const access = productAccessStatus(word)
    if (access === 'ACTIVE') sorted.active.push(word)
    if (access !== null) sorted.mapped.push(word)
    else if (word.trim() === '') sorted.blank.push(word)
  }
  return sorted
}

/**
 * The candidate employees in a suggestion's detail JSON ({candidates: [{kombo_id}, ...]}, best first).
 * Read leniently: a detail of another shape names no extra candidates rather than failing the diff.
 */
export function candidateIds(detail: string): string[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    return []
  }
  if (typeof parsed !== 'object' || parsed === null || !('candidates' in parsed)) return []
  const candidates = (parsed as { candidates: unknown }).candidates
  if (!Array.isArray(candidates)) return []
  const ids: string[] = []
  for (const candidate of candidates as unknown[]) {
    if (typeof candidate === 'string') ids.push(candidate)
    else if (typeof candidate === 'object' && candidate !== null && 'kombo_id' in candidate) {
      const id = (candidate as { kombo_id: unknown }).kombo_id
      if (typeof id === 'string') ids.push(id)
    }
  }
  return ids
}
