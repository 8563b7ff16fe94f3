import type { Database } from '../store/database'
import { oneOf, sqlRow, text, textOrNull, type SqlRow } from '../store/rows'
import { departureOf } from './departure'
import type { DiffEmployee, DiffLegacyUser, DiffLink, DiffTombstone, Lookup } from './diffState'
import { DIFF_EMPLOYEE_COLUMNS } from './loadDiffState'
import { RehireIndex } from './rehire'

/** A matched or linked employee's columns beside other rows' (e_id, e_remote_id, ...). */
export const PREFIXED_EMPLOYEE_COLUMNS = DIFF_EMPLOYEE_COLUMNS.map((column) => `e.${column} AS e_${column}`)

/**
 * Links to people who may have left (a tombstone, or a record that is not plainly still there), of users
 * not linked to anyone present, each with the departed record, its tombstone and the user (when the
 * walk found them absent): all the re-hire index reads, in one query (rehire.ts decides exactly).
 * Employees of settled pairs are left out, as the whole diff never reads them.
 */
const DEPARTED_LINKS_SQL = `
  SELECT k.user_id, k.kombo_id, k.remote_id, k.last_linked_at,
         ${PREFIXED_EMPLOYEE_COLUMNS.join(', ')},
         t.kombo_id AS t_kombo_id, t.remote_id AS t_remote_id, t.work_email_hash AS t_work_email_hash,
         t.reason AS t_reason,
         u.user_id AS u_user_id, u.email AS u_email, u.first_name AS u_first_name,
         u.last_name AS u_last_name, u.full_name AS u_full_name, u.private_email AS u_private_email,
         u.status AS u_status
  FROM link_history k
  LEFT JOIN employees e ON e.integration_id = k.integration_id AND e.id = k.kombo_id
    AND e.id NOT IN (SELECT kombo_id FROM temp.diff_settled_pairs)
  LEFT JOIN identity_tombstones t ON t.integration_id = k.integration_id AND t.kombo_id = k.kombo_id
  LEFT JOIN legacy_users u ON u.integration_id = k.integration_id AND u.user_id = k.user_id
    AND u.user_id IN (SELECT user_id FROM temp.diff_absent_users)
  WHERE k.integration_id = @integrationId
    AND k.user_id NOT IN (SELECT user_id FROM temp.diff_settled_pairs)
    AND k.user_id NOT IN (SELECT user_id FROM temp.diff_present_users)
    AND (k.kombo_id IN (SELECT kombo_id FROM identity_tombstones WHERE integration_id = @integrationId)
         OR k.kombo_id IN (SELECT id FROM employees WHERE integration_id = @integrationId
                             AND NOT (remote_deleted_at IS NULL AND vanished_at IS NULL AND termination_date IS NULL
                                      AND (employment_status IS NULL
                                           OR employment_status IN ('ACTIVE', 'PENDING', 'LEAVE')))))
  ORDER BY k.integration_id, k.user_id, k.kombo_id`

const TOMBSTONE_REASONS: readonly DiffTombstone['reason'][] = ['deleted', 'vanished']

/** The lookups the walk uses for what the query above did not bring (the current links' rare rows). */
export interface RehireFallbacks {
  employeeById: Lookup<DiffEmployee>
  tombstoneById: Lookup<DiffTombstone>
  absentUserById: Lookup<DiffLegacyUser>
}

/**
 * The re-hire index of one computation into the store, from the departed links (read once, above) and
 * the walk's links of current matches to departed employees. Call after the walk filled the temporary
 * tables of present and absent users.
 */
export function streamedRehires(
  db: Database,
  integrationId: string,
  today: string,
  currentLinks: readonly DiffLink[],
  fallbacks: RehireFallbacks,
): RehireIndex {
  const employees = new Map<string, DiffEmployee>()
  const tombstones = new Map<string, DiffTombstone>()
  const users = new Map<string, DiffLegacyUser>()
  const links: DiffLink[] = []
  for (const value of db.prepare(DEPARTED_LINKS_SQL).iterate({ integrationId })) {
    const row = sqlRow(value, 'link_history')
    links.push({
      user_id: text(row, 'user_id'),
      kombo_id: text(row, 'kombo_id'),
      remote_id: textOrNull(row, 'remote_id'),
      last_linked_at: text(row, 'last_linked_at'),
    })
    if (textOrNull(row, 'e_id') !== null) employees.set(text(row, 'e_id'), prefixedEmployee(row))
    if (textOrNull(row, 't_kombo_id') !== null)
      tombstones.set(text(row, 't_kombo_id'), prefixedTombstone(row))
    if (textOrNull(row, 'u_user_id') !== null) users.set(text(row, 'u_user_id'), prefixedUser(row))
  }
  // The rows of the query's links are known, found or not; only the current links' may need a query.
  const known = new Set(links.map((link) => link.kombo_id))
  const knownUsers = new Set(links.map((link) => link.user_id))
  return new RehireIndex({
    employeesById: withFallback(employees, known, fallbacks.employeeById),
    tombstonesById: withFallback(tombstones, known, fallbacks.tombstoneById),
    legacyUsersById: withFallback(users, knownUsers, fallbacks.absentUserById),
    links: [...links, ...currentLinks],
    isDeparted: (employee) => departureOf(employee, today) !== null,
    // The query leaves out users linked to someone present, and the current links are absent users'.
    presentUsers: new Set(),
  })
}

function withFallback<V>(found: Map<string, V>, known: ReadonlySet<string>, fallback: Lookup<V>): Lookup<V> {
  const get = (id: string): V | undefined => (known.has(id) ? found.get(id) : fallback.get(id))
  return { get, has: (id) => get(id) !== undefined }
}

/** The employee columns of a row that carries them as e_id, e_remote_id, ..., spelled out as diffEmployee does. */
export function prefixedEmployee(row: SqlRow): DiffEmployee {
  return {
    id: text(row, 'e_id'),
    remote_id: text(row, 'e_remote_id'),
    first_name: textOrNull(row, 'e_first_name'),
    last_name: textOrNull(row, 'e_last_name'),
    work_email: textOrNull(row, 'e_work_email'),
    personal_email: textOrNull(row, 'e_personal_email'),
    employment_status: textOrNull(row, 'e_employment_status'),
    termination_date: textOrNull(row, 'e_termination_date'),
    date_of_birth: textOrNull(row, 'e_date_of_birth'),
    remote_deleted_at: textOrNull(row, 'e_remote_deleted_at'),
    vanished_at: textOrNull(row, 'e_vanished_at'),
  }
}

function prefixedTombstone(row: SqlRow): DiffTombstone {
  return {
    kombo_id: text(row, 't_kombo_id'),
    remote_id: text(row, 't_remote_id'),
    work_email_hash: textOrNull(row, 't_work_email_hash'),
    reason: oneOf(row, 't_reason', TOMBSTONE_REASONS),
  }
}

function prefixedUser(row: SqlRow): DiffLegacyUser {
  return {
    user_id: text(row, 'u_user_id'),
    email: textOrNull(row, 'u_email'),
    first_name: textOrNull(row, 'u_first_name'),
    last_name: textOrNull(row, 'u_last_name'),
    full_name: textOrNull(row, 'u_full_name'),
    private_email: textOrNull(row, 'u_private_email'),
    status: textOrNull(row, 'u_status'),
  }
}
