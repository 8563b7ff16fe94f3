import type { RemoveAction } from '../../../shared/dto/diff'
import type { Statement } from 'better-sqlite3'
import type { Database } from '../store/database'
import {
  mappedRows,
  oneOf,
  oneOfOrNull,
  realOrNull,
  sqlRow,
  text,
  textOrNull,
  type SqlRow,
} from '../store/rows'
import { applyDeletionGuard } from './deletionGuard'
import { departureOf } from './departure'
import { usersDecidedNoMatch } from './decisions'
import {
  addAction,
  cachedProductAccessStatus,
  isDeparture,
  latestLinks,
  planNotices,
  userOutcome,
  type UserLookups,
} from './diffEmployees'
import type { DiffEmployee, DiffLink, DiffMatch, DiffTombstone, GuardSettings, Lookup } from './diffState'
import {
  candidateIds,
  clearSettledPairs,
  DECISIONS_SQL,
  diffDecision,
  diffEmployee,
  DIFF_EMPLOYEE_COLUMNS,
  diffLegacyUser,
  diffLink,
  diffTombstone,
  guardSettings,
  MATCH_STATUSES,
  prepareSettledPairs,
} from './loadDiffState'
import { GOOD_OUTCOMES } from './outcomeGuidance'
import {
  clearedPlanRow,
  latestFinishedRun,
  latestGoodFetchRun,
  planInputs,
  planWithoutLists,
  writePlanHead,
} from './planStore'
import { planItemWriter } from './planItems'
import type { RehireIndex } from './rehire'
import { PREFIXED_EMPLOYEE_COLUMNS, prefixedEmployee, streamedRehires } from './streamedRehires'
import { writeIfFree } from './writeAccess'

/**
 * Rows read per query while the lists are computed into the store. The computation holds one such
 * chunk, the departures and the re-hire claims, never the whole company: 5,000 rows is a few megabytes
 * of objects, and few enough statements that their cost does not show.
 */
const CHUNK_ROWS = 5000

/** Scratch tables of one computation, in the connection's temporary schema (see loadDiffState.ts). */
const SCRATCH_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS diff_taken_employees (kombo_id TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TEMP TABLE IF NOT EXISTS diff_absent_users (user_id TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TEMP TABLE IF NOT EXISTS diff_present_users (user_id TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TEMP TABLE IF NOT EXISTS diff_removals (
    seq INTEGER PRIMARY KEY, user_id TEXT NOT NULL, kombo_id TEXT, reason TEXT NOT NULL);
  DELETE FROM temp.diff_taken_employees;
  DELETE FROM temp.diff_absent_users;
  DELETE FROM temp.diff_present_users;
  DELETE FROM temp.diff_removals;`

/** The next chunk of legacy users in file order, each with their match and their matched employee. */
const USERS_CHUNK_SQL = `
  SELECT l.line, l.user_id, l.email, l.first_name, l.last_name, l.full_name, l.private_email, l.status,
         m.status AS match_status, m.kombo_id AS match_kombo_id, m.score AS match_score,
         CASE WHEN m.status = 'suggested' THEN m.candidate_ids END AS match_candidates,
         ${PREFIXED_EMPLOYEE_COLUMNS.join(', ')}
  FROM legacy_users l
  LEFT JOIN match_results m ON m.integration_id = l.integration_id AND m.user_id = l.user_id
  LEFT JOIN employees e ON m.status = 'matched' AND e.integration_id = l.integration_id AND e.id = m.kombo_id
  WHERE l.integration_id = @integrationId AND (l.line, l.user_id) > (@line, @userId)
    AND l.user_id NOT IN (SELECT user_id FROM temp.diff_settled_pairs)
  ORDER BY l.integration_id, l.line, l.user_id LIMIT @limit`

const EMPLOYEE_SQL = `
  SELECT ${DIFF_EMPLOYEE_COLUMNS.join(', ')} FROM employees
  WHERE integration_id = ? AND id = ? AND id NOT IN (SELECT kombo_id FROM temp.diff_settled_pairs)`

/** The next chunk of employees nobody is linked to or reviewing, in id order (the order of `add`). */
const UNTAKEN_EMPLOYEES_SQL = `
  SELECT ${DIFF_EMPLOYEE_COLUMNS.join(', ')} FROM employees
  WHERE integration_id = @integrationId AND id > @after
    AND id NOT IN (SELECT kombo_id FROM temp.diff_settled_pairs)
    AND id NOT IN (SELECT kombo_id FROM temp.diff_taken_employees)
  ORDER BY integration_id, id LIMIT @limit`

const REMOVALS_CHUNK_SQL = `
  SELECT seq, user_id, kombo_id, reason FROM temp.diff_removals WHERE seq > ? ORDER BY seq LIMIT ?`

const REMOVE_REASONS: readonly RemoveAction['reason'][] = [
  'no_employee',
  'no_match_decided',
  'deleted',
  'vanished',
  'terminated',
]

/**
 * Computes the current lists straight into the store, chunk by chunk, for a host that reads them back
 * as stored (planReadBack.ts): the plan the diff gives (diffEmployees.ts, a test holds the two equal),
 * without ever holding the company's rows or the whole plan. False, having stored nothing, when the
 * lists are not the latest good sync's own (currentPlan explains those) or a sync holds the write lock.
 */
export function storeCurrentLists(
  db: Database,
  integrationId: string,
  now: Date,
  chunkRows = CHUNK_ROWS,
): boolean {
  const latest = latestFinishedRun(db, integrationId)
  const basis = latestGoodFetchRun(db, integrationId)
  if (latest === null || basis === null || !GOOD_OUTCOMES.has(latest.outcome)) return false
  if (latest.source === 'webhook' && latest.id !== basis.id) return false
  return writeIfFree(db, () => computeIntoStore(db, integrationId, basis.id, now.toISOString(), chunkRows))
}

/** What the walk over the users counts and keeps; everything else it writes as it goes. */
interface WalkTotals {
  linked: number
  neverMatched: number
  removals: number
  unknownStatuses: Set<string>
  /** Links of current matches to departed employees (link_history normally holds them too). */
  currentLinks: DiffLink[]
}

function computeIntoStore(
  db: Database,
  integrationId: string,
  basisRunId: number,
  generatedAt: string,
  chunkRows: number,
): void {
  const today = generatedAt.slice(0, 10)
  // Read in the write transaction the lists are stored in: they describe exactly this state.
  const inputs = planInputs(db, integrationId, basisRunId, today)
  const guard = guardSettings(db, integrationId, basisRunId)
  const settledLinks = prepareSettledPairs(db, integrationId, true)
  db.exec(SCRATCH_SQL)
  const planId = clearedPlanRow(db, integrationId, basisRunId, { generatedAt, guard }, inputs)
  const items = planItemWriter(db, planId)
  const employeeById = rowLookup(db.prepare(EMPLOYEE_SQL), integrationId, 'employees', diffEmployee)
  const tombstoneById = rowLookup(
    db.prepare(
      'SELECT kombo_id, remote_id, work_email_hash, reason FROM identity_tombstones WHERE integration_id = ? AND kombo_id = ?',
    ),
    integrationId,
    'identity_tombstones',
    diffTombstone,
  )
  const walk = walkUsers(db, integrationId, today, {
    employeeById,
    tombstoneById,
    items,
    settledLinks,
    chunkRows,
  })

  const absentUser = rowLookup(
    db.prepare(
      `SELECT user_id, email, first_name, last_name, full_name, private_email, status FROM legacy_users
       WHERE integration_id = ? AND user_id = ? AND user_id IN (SELECT user_id FROM temp.diff_absent_users)`,
    ),
    integrationId,
    'legacy_users',
    diffLegacyUser,
  )
  const rehires = streamedRehires(db, integrationId, today, walk.currentLinks, {
    employeeById,
    tombstoneById,
    absentUserById: absentUser,
  })
  const rehiredUsers = writeAdds(db, { integrationId, today, chunkRows }, rehires, items)
  writeRemovals(db, walk, { guard, rehiredUsers, chunkRows }, items, (plan) =>
    writePlanHead(
      db,
      planId,
      planWithoutLists({
        integrationId,
        basisRunId,
        generatedAt,
        guard: plan,
        notices: planNotices({
          noBasis: false,
          neverMatched: walk.neverMatched,
          unknownStatuses: walk.unknownStatuses,
          removalsHeld: walk.removals,
        }),
      }),
    ),
  )
  clearSettledPairs(db)
  db.exec(SCRATCH_SQL)
}

interface WalkContext {
  employeeById: Lookup<DiffEmployee>
  tombstoneById: Lookup<DiffTombstone>
  items: ReturnType<typeof planItemWriter>
  settledLinks: number
  chunkRows: number
}

/** Every legacy user not settled, in file order: updates and reviews written, removals kept aside. */
function walkUsers(db: Database, integrationId: string, today: string, context: WalkContext): WalkTotals {
  const decisions = mappedRows(db.prepare(DECISIONS_SQL).all(integrationId), 'match_decisions', diffDecision)
  const linksOf = db.prepare(
    `SELECT user_id, kombo_id, remote_id, last_linked_at FROM link_history
     WHERE integration_id = ? AND user_id = ? ORDER BY integration_id, user_id, kombo_id`,
  )
  const taken = idBatch(db, 'INSERT OR IGNORE INTO temp.diff_taken_employees (kombo_id)')
  const absent = idBatch(db, 'INSERT OR IGNORE INTO temp.diff_absent_users (user_id)')
  const present = idBatch(db, 'INSERT OR IGNORE INTO temp.diff_present_users (user_id)')
  const removal = db.prepare(
    'INSERT INTO temp.diff_removals (seq, user_id, kombo_id, reason) VALUES (?, ?, ?, ?)',
  )
  // The row being walked: its match and employee are looked up without a query.
  let match: DiffMatch | undefined
  let employee: DiffEmployee | undefined
  const lookups: UserLookups = {
    employeesById: {
      get: (id) => (employee?.id === id ? employee : context.employeeById.get(id)),
      has: (id) => employee?.id === id || context.employeeById.has(id),
    },
    tombstonesById: context.tombstoneById,
    matchByUser: { get: () => match, has: () => match !== undefined },
    decidedNoMatch: usersDecidedNoMatch(decisions),
    latestLinkOf: (userId) =>
      latestLinks(mappedRows(linksOf.all(integrationId, userId), 'link_history', diffLink)).get(userId),
    accessStatusOf: cachedProductAccessStatus(),
    today,
  }
  const totals: WalkTotals = {
    linked: context.settledLinks,
    neverMatched: 0,
    removals: 0,
    unknownStatuses: new Set(),
    currentLinks: [],
  }
  const keepRemoval = (entry: RemoveAction): void => {
    removal.run(totals.removals, entry.user_id, entry.kombo_id, entry.reason)
    totals.removals += 1
  }
  const chunk = db.prepare(USERS_CHUNK_SQL)
  let after = { line: Number.MIN_SAFE_INTEGER, userId: '' }
  for (;;) {
    const rows = chunk.all({ integrationId, ...after, limit: context.chunkRows })
    for (const value of rows) {
      const row = sqlRow(value, 'legacy_users')
      const user = diffLegacyUser(row)
      match = matchOf(row, user.user_id)
      employee = textOrNull(row, 'e_id') === null ? undefined : prefixedEmployee(row)
      const outcome = userOutcome(user, lookups)
      switch (outcome.kind) {
        case 'decidedNoMatch':
          absent.add(user.user_id)
          keepRemoval(outcome.removal)
          break
        case 'neverMatched':
          totals.neverMatched += 1
          break
        case 'suggested':
          for (const id of outcome.pending.candidates) taken.add(id)
          context.items.write('pendingReview', outcome.pending)
          break
        case 'linkedToLeaver':
          totals.linked += 1
          taken.add(outcome.komboId)
          absent.add(user.user_id)
          totals.currentLinks.push({
            user_id: user.user_id,
            kombo_id: outcome.komboId,
            remote_id: null,
            last_linked_at: '',
          })
          keepRemoval(outcome.removal)
          break
        case 'present':
          totals.linked += 1
          taken.add(outcome.komboId)
          present.add(user.user_id)
          for (const word of outcome.unknownStatuses) totals.unknownStatuses.add(word)
          if (outcome.update !== null) context.items.write('update', outcome.update)
          break
        case 'unmatched':
          absent.add(user.user_id)
          if (outcome.linked) totals.linked += 1
          keepRemoval(outcome.removal)
          break
      }
    }
    for (const batch of [taken, absent, present]) batch.flush()
    if (rows.length < context.chunkRows) break
    const last = sqlRow(rows[rows.length - 1], 'legacy_users')
    after = { line: Number(last.line), userId: text(last, 'user_id') }
  }
  match = undefined
  employee = undefined
  return totals
}

/** The adds, in id order; returns the users a re-hire returns to. */
function writeAdds(
  db: Database,
  { integrationId, today, chunkRows }: { integrationId: string; today: string; chunkRows: number },
  rehires: RehireIndex,
  items: ReturnType<typeof planItemWriter>,
): Set<string> {
  const rehiredUsers = new Set<string>()
  const chunk = db.prepare(UNTAKEN_EMPLOYEES_SQL)
  let after = ''
  for (;;) {
    const rows = chunk.all({ integrationId, after, limit: chunkRows })
    for (const value of rows) {
      const employee = diffEmployee(sqlRow(value, 'employees'))
      if (departureOf(employee, today) !== null) continue
      const action = addAction(employee, rehires)
      if (action.rehire_of !== null) rehiredUsers.add(action.rehire_of)
      items.write('add', action)
    }
    if (rows.length < chunkRows) return rehiredUsers
    after = text(sqlRow(rows[rows.length - 1], 'employees'), 'id')
  }
}

/**
 * The deletion guard over the departures the walk kept aside, then `remove` in file order and the
 * withheld removals; `writeHead` gets the guard's verdict.
 */
function writeRemovals(
  db: Database,
  walk: WalkTotals,
  {
    guard: settings,
    rehiredUsers,
    chunkRows,
  }: { guard: GuardSettings; rehiredUsers: ReadonlySet<string>; chunkRows: number },
  items: ReturnType<typeof planItemWriter>,
  writeHead: (guard: ReturnType<typeof applyDeletionGuard>['guard']) => void,
): void {
  const chunk = db.prepare(REMOVALS_CHUNK_SQL)
  const departures: RemoveAction[] = []
  forEachRemoval(chunk, chunkRows, (removal) => {
    // A returning person keeps their account: see diffEmployees.ts.
    if (isDeparture(removal) && !rehiredUsers.has(removal.user_id)) departures.push(removal)
  })
  const guarded = applyDeletionGuard(departures, walk.linked, settings)
  const goingOut = new Set(guarded.released.map((removal) => removal.user_id))
  forEachRemoval(chunk, chunkRows, (removal) => {
    const released = isDeparture(removal) ? goingOut.has(removal.user_id) : true
    if (released) items.write('remove', removal)
  })
  for (const removal of guarded.withheld) items.write('withheldRemovals', removal)
  writeHead(guarded.guard)
}

function forEachRemoval(chunk: Statement, chunkRows: number, visit: (removal: RemoveAction) => void): void {
  let after = -1
  for (;;) {
    const rows = chunk.all(after, chunkRows)
    for (const value of rows) {
      const row = sqlRow(value, 'diff_removals')
      visit({
        user_id: text(row, 'user_id'),
        kombo_id: textOrNull(row, 'kombo_id'),
        reason: oneOf(row, 'reason', REMOVE_REASONS),
      })
      after = Number(row.seq)
    }
    if (rows.length < chunkRows) return
  }
}

/**
 * Ids gathered over one chunk and inserted by one statement when flushed: one call into SQLite a chunk
 * rather than one an id (a chunk of users names about twice as many ids).
 */
function idBatch(db: Database, insert: string): { add(id: string): void; flush(): void } {
  const statement = db.prepare(`${insert} SELECT value FROM json_each(?)`)
  let ids: string[] = []
  return {
    add: (id) => void ids.push(id),
    flush() {
      if (ids.length > 0) statement.run(JSON.stringify(ids))
      ids = []
    },
  }
}

/** A lookup that reads one row by id when asked (few are: the walk's rare cases and the re-hire claims). */
function rowLookup<V>(
  select: Statement,
  integrationId: string,
  what: string,
  toValue: (row: SqlRow) => V,
): Lookup<V> {
  const get = (id: string): V | undefined => {
    const value: unknown = select.get(integrationId, id)
    return value === undefined ? undefined : toValue(sqlRow(value, what))
  }
  return { get, has: (id) => get(id) !== undefined }
}

function matchOf(row: SqlRow, userId: string): DiffMatch | undefined {
  const status = oneOfOrNull(row, 'match_status', MATCH_STATUSES)
  if (status === null) return undefined
  const candidates = textOrNull(row, 'match_candidates')
  return {
    user_id: userId,
    status,
    kombo_id: textOrNull(row, 'match_kombo_id'),
    score: realOrNull(row, 'match_score') ?? 0,
    candidates: candidates === null ? [] : candidateIds(candidates),
  }
}
