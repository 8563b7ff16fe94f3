import type { DepartureReason } from '../../../shared/dto/diff'
import type { DriftReport } from '../../../shared/dto/outcome'
import { fail } from '../../../shared/result'
import type { Database } from '../store/database'
import { departureOf } from './departure'
import type { DiffEmployee, DiffState } from './diffState'
import { loadDiffState } from './loadDiffState'
import { hrisAccessStatus, utcDay } from './normalise'
import { GOOD_OUTCOMES } from './outcomeGuidance'
import { requireIntegration } from './planStore'
import { RehireIndex } from './rehire'
import { integer, mappedRows, oneOf, sqlRow, text, textOrNull, type SqlRow } from '../store/rows'

/** One row of employee_changes: what a sync run changed about one employee. */
export interface EmployeeChange {
  run_id: number
  kombo_id: string
  kind: 'hired' | 'deleted' | 'vanished' | 'returned' | 'changed'
  field: string | null
  old_value: string | null
  new_value: string | null
}

export interface DriftRange {
  fromRunId: number | null
  toRunId: number | null
  /** The day the `to` run started (YYYY-MM-DD): a termination date before it means the person left. */
  toDay: string
}

/** employee_changes field names for the work email (the sync engine writes the column name). */
const EMAIL_FIELDS: ReadonlySet<string> = new Set(['work_email', 'email'])

/** The stronger of two departure signals, as departureOf ranks them. */
const DEPARTURE_STRENGTH: Record<DepartureReason, number> = { deleted: 3, vanished: 2, terminated: 1 }

/**
 * What changed between two syncs, from the per-run change log. Several runs in the range collapse to
 * their net effect: someone who left and came back is a re-hire (or a hire), not a leaver; an email
 * changed twice is one change from the first value to the last.
 */
export function buildDriftReport(
  changes: readonly EmployeeChange[],
  state: DiffState,
  range: DriftRange,
): DriftReport {
  const employeesById = new Map(state.employees.map((e) => [e.id, e]))
  const userByKomboId = linkedUsers(state)
  const { leaving, returned, hired, fieldChanges, remoteIdChanged } = netChanges(changes, range.toDay)

  const today = range.toDay
  const rehireIndex = new RehireIndex({
    employeesById,
    tombstonesById: new Map(state.tombstones.map((t) => [t.kombo_id, t])),
    legacyUsersById: new Map(state.legacyUsers.map((u) => [u.user_id, u])),
    links: state.links,
    isDeparted: (employee) => departureOf(employee, today) !== null,
    // The report is about the HRIS: a returning person counts even if review already re-linked them.
    presentUsers: new Set(),
  })

  const report = emptyDriftReport(state.integrationId, range)
  for (const komboId of [...hired, ...returned]) {
    if (leaving.has(komboId)) continue
    const employee = employeesById.get(komboId)
    const previousUser = returned.has(komboId) ? (userByKomboId.get(komboId) ?? null) : null
    if (previousUser !== null) {
      report.rehires.push({ kombo_id: komboId, rehire_of: previousUser, evidence: 'remote_id' })
      continue
    }
    const rehire = employee === undefined ? null : rehireIndex.find(employee)
    if (rehire !== null) {
      report.rehires.push({ kombo_id: komboId, rehire_of: rehire.userId, evidence: rehire.evidence })
      continue
    }
    report.hires.push({ kombo_id: komboId, name: nameOf(employee), work_email: employee?.work_email ?? null })
  }
  for (const [komboId, reason] of leaving) {
    const userId = userByKomboId.get(komboId) ?? null
    report.leavers.push({
      kombo_id: komboId,
      user_id: userId,
      name: nameOf(employeesById.get(komboId)),
      reason,
    })
    if (userId !== null) report.linksInvalidated.push({ user_id: userId, kombo_id: komboId, reason })
  }
  for (const komboId of remoteIdChanged) {
    const userId = userByKomboId.get(komboId)
    if (userId !== undefined && !leaving.has(komboId)) {
      report.linksInvalidated.push({ user_id: userId, kombo_id: komboId, reason: 'remote_id_changed' })
    }
  }
  for (const change of fieldChanges.values()) {
    if (change.from === change.to) continue
    // Kombo blanks a departed record's fields after 14 days: that is not a rename worth reporting.
    const employee = employeesById.get(change.kombo_id)
    const departed =
      employee !== undefined && (employee.remote_deleted_at !== null || employee.vanished_at !== null)
    if (departed || leaving.has(change.kombo_id)) continue
    const userId = userByKomboId.get(change.kombo_id) ?? null
    if (EMAIL_FIELDS.has(change.field)) {
      report.emailChanges.push({
        kombo_id: change.kombo_id,
        user_id: userId,
        from: change.from,
        to: change.to,
      })
    } else if (change.field === 'first_name' || change.field === 'last_name') {
      report.nameChanges.push({
        kombo_id: change.kombo_id,
        user_id: userId,
        field: change.field,
        from: change.from,
        to: change.to,
      })
    }
  }
  return report
}

function emptyDriftReport(integrationId: string, range: DriftRange): DriftReport {
  return {
    integrationId,
    fromRunId: range.fromRunId,
    toRunId: range.toRunId,
    hires: [],
    leavers: [],
    rehires: [],
    emailChanges: [],
    nameChanges: [],
    linksInvalidated: [],
  }
}

/** A field's first old value and last new value across the runs of a range. */
interface NetFieldChange {
  kombo_id: string
  field: string
  from: string | null
  to: string | null
}

/** The net effect of a range's change log: who left (and how), came back, was hired, and what changed. */
function netChanges(
  changes: readonly EmployeeChange[],
  toDay: string,
): {
  leaving: Map<string, DepartureReason>
  returned: Set<string>
  hired: Set<string>
  fieldChanges: Map<string, NetFieldChange>
  remoteIdChanged: Set<string>
} {
  const leaving = new Map<string, DepartureReason>()
  const returned = new Set<string>()
  const hired = new Set<string>()
  const fieldChanges = new Map<string, NetFieldChange>()
  const remoteIdChanged = new Set<string>()

  const depart = (komboId: string, reason: DepartureReason): void => {
    const current = leaving.get(komboId)
    if (current === undefined || DEPARTURE_STRENGTH[reason] > DEPARTURE_STRENGTH[current]) {
      leaving.set(komboId, reason)
    }
    returned.delete(komboId)
  }

  for (const change of changes) {
    switch (change.kind) {
      case 'hired':
        hired.add(change.kombo_id)
        break
      case 'deleted':
      case 'vanished':
        depart(change.kombo_id, change.kind)
        break
      case 'returned':
        leaving.delete(change.kombo_id)
        returned.add(change.kombo_id)
        break
      case 'changed': {
        const field = change.field ?? ''
        if (field === 'employment_status' && hrisAccessStatus(change.new_value) === 'INACTIVE') {
          depart(change.kombo_id, 'terminated')
        } else if (field === 'termination_date') {
          const lastDay = utcDay(change.new_value)
          if (lastDay !== null && lastDay < toDay) depart(change.kombo_id, 'terminated')
        } else if (field === 'remote_id') {
          remoteIdChanged.add(change.kombo_id)
        }
        const key = `${change.kombo_id}\u0000${field}`
        const earlier = fieldChanges.get(key)
        if (earlier === undefined) {
          fieldChanges.set(key, {
            kombo_id: change.kombo_id,
            field,
            from: change.old_value,
            to: change.new_value,
          })
        } else {
          earlier.to = change.new_value
        }
        break
      }
    }
  }
  return { leaving, returned, hired, fieldChanges, remoteIdChanged }
}

function nameOf(employee: DiffEmployee | undefined): string | null {
  if (employee === undefined) return null
  const name = `${employee.first_name ?? ''} ${employee.last_name ?? ''}`.trim()
  return name === '' ? null : name
}

/** The user each employee is (or was last) linked to: the current match first, then link history. */
function linkedUsers(state: DiffState): Map<string, string> {
  const users = new Map<string, string>()
  const latestLinkAt = new Map<string, string>()
  for (const link of state.links) {
    const at = latestLinkAt.get(link.kombo_id)
    if (at === undefined || at <= link.last_linked_at) {
      users.set(link.kombo_id, link.user_id)
      latestLinkAt.set(link.kombo_id, link.last_linked_at)
    }
  }
  for (const match of state.matches) {
    if (match.status === 'matched' && match.kombo_id !== null) users.set(match.kombo_id, match.user_id)
  }
  return users
}

interface GoodRun {
  id: number
  started_at: string
}

/**
 * The drift report for a range of runs; by default between the last two successful fetches (from the
 * very beginning when there has been only one).
 */
export function driftBetween(
  db: Database,
  integrationId: string,
  request: { fromRunId?: number | undefined; toRunId?: number | undefined },
  now: Date,
): DriftReport {
  requireIntegration(db, integrationId)
  const goodPlaceholders = [...GOOD_OUTCOMES].map(() => '?').join(', ')
  const goodFetches = db
    .prepare(
      `SELECT id, started_at FROM sync_runs
       WHERE integration_id = ? AND source = 'fetch' AND outcome IN (${goodPlaceholders})
       ORDER BY id DESC`,
    )
    .all(integrationId, ...GOOD_OUTCOMES)
    .map((row) => goodRun(row))
  const runOf = (id: number, which: string): GoodRun => {
    const run: unknown = db
      .prepare('SELECT id, started_at FROM sync_runs WHERE integration_id = ? AND id = ?')
      .get(integrationId, id)
    return (
      (run === undefined ? undefined : goodRun(run)) ??
      fail('NOT_FOUND', `${which} run ${id} is not a sync run of ${integrationId}; list its runs first`)
    )
  }
  const to = request.toRunId !== undefined ? runOf(request.toRunId, 'toRunId') : (goodFetches[0] ?? null)
  const from =
    request.fromRunId !== undefined
      ? runOf(request.fromRunId, 'fromRunId')
      : to === null
        ? null
        : (goodFetches.find((run) => run.id < to.id) ?? null)
  if (from !== null && to !== null && from.id >= to.id) {
    return fail('INPUT_INVALID', `fromRunId ${from.id} must be an earlier run than toRunId ${to.id}`)
  }
  const range: DriftRange = {
    fromRunId: from?.id ?? null,
    toRunId: to?.id ?? null,
    toDay: utcDay(to?.started_at) ?? now.toISOString().slice(0, 10),
  }
  if (to === null) return emptyDriftReport(integrationId, range)
  // The change log and the state it is read against, as of one moment.
  return db.transaction(() => {
    const changes = mappedRows(
      db
        .prepare(
          `SELECT run_id, kombo_id, kind, field, old_value, new_value FROM employee_changes
           WHERE integration_id = ? AND run_id > ? AND run_id <= ? ORDER BY run_id, rowid`,
        )
        .all(integrationId, from?.id ?? 0, to.id),
      'employee_changes',
      employeeChange,
    )
    // Nothing changed (a first sync logs no hires; a quiet day): the company's whole state, seconds to
    // read at 100,000 employees, would explain nothing.
    if (changes.length === 0) return emptyDriftReport(integrationId, range)
    const state = loadDiffState(db, integrationId, null, now.toISOString(), { settleUnchangedPairs: false })
    return buildDriftReport(changes, state, range)
  })()
}

function goodRun(value: unknown): GoodRun {
  const row = sqlRow(value, 'sync_runs')
  return { id: integer(row, 'id'), started_at: text(row, 'started_at') }
}

const CHANGE_KINDS: readonly EmployeeChange['kind'][] = [
  'hired',
  'deleted',
  'vanished',
  'returned',
  'changed',
]

function employeeChange(row: SqlRow): EmployeeChange {
  return {
    run_id: integer(row, 'run_id'),
    kombo_id: text(row, 'kombo_id'),
    kind: oneOf(row, 'kind', CHANGE_KINDS),
    field: textOrNull(row, 'field'),
    old_value: textOrNull(row, 'old_value'),
    new_value: textOrNull(row, 'new_value'),
  }
}
