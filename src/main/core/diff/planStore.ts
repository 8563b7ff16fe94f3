import type { ActionPlan } from '../../../shared/dto/diff'
import type { Database } from '../store/database'
import { fail } from '../../../shared/result'
import { inputCounts, type InputCounts } from '../store/inputCounts'
import { RecordReader, RecordWriter } from '../store/recordBytes'
import {
  firstRow,
  integer,
  pluckedTextOrUndefined,
  sqlRow,
  text,
  textOrNull,
  type SqlRow,
} from '../store/rows'
import { DEFAULT_DELETION_GUARD_THRESHOLD } from './deletionGuard'
import { GOOD_OUTCOMES } from './outcomeGuidance'
import { applyPatches, parsePatch, type PlanPatch } from './planEdits'
import { planItemWriter, STORED_LISTS, withStoredLists, type StoredList } from './planItems'
import { parseCurrentPlan, parsedJsonObject, parseStoredPlanValue } from './storedPlan'

/**
 * Plans kept per integration. Each holds the full lists (megabytes for a 100,000-person company), and
 * only the latest two matter to the app (the last good lists, and the guard's previous plan); a month of
 * daily syncs stays on record for a specialist who wants to look back.
 */
export const PLANS_KEPT = 30

/** settings key of the per-integration deletion guard share (a decimal in 0..1). */
export const GUARD_THRESHOLD_SETTING = 'deletion_guard_threshold'

export interface RunRow {
  id: number
  source: 'fetch' | 'webhook'
  outcome: string
  started_at: string
  finished_at: string | null
  error_message: string | null
  log_url: string | null
}

function toRunRow(row: SqlRow): RunRow {
  const source = text(row, 'source')
  if (source !== 'fetch' && source !== 'webhook')
    return fail('DB_ERROR', `sync run source '${source}' is unknown`)
  return {
    id: integer(row, 'id'),
    source,
    outcome: text(row, 'outcome'),
    started_at: text(row, 'started_at'),
    finished_at: textOrNull(row, 'finished_at'),
    error_message: textOrNull(row, 'error_message'),
    log_url: textOrNull(row, 'log_url'),
  }
}

const GOOD_OUTCOME_LIST = [...GOOD_OUTCOMES]
const GOOD_PLACEHOLDERS = GOOD_OUTCOME_LIST.map(() => '?').join(', ')

export { requireIntegration } from '../app/integrations'

/**
 * The run that decides whether the lists are current: the most recently finished one, from the app's
 * own fetch or an imported webhook. Runs still RUNNING say nothing yet. Ordered by time rather than id,
 * so pasting an old webhook does not override a newer fetch.
 */
export function latestFinishedRun(db: Database, integrationId: string): RunRow | null {
  const row: unknown = db
    .prepare(
      `SELECT id, source, outcome, started_at, finished_at, error_message, log_url FROM sync_runs
       WHERE integration_id = ? AND outcome <> 'RUNNING'
       ORDER BY COALESCE(finished_at, started_at) DESC, id DESC LIMIT 1`,
    )
    .get(integrationId)
  return firstRow(row, 'latest finished run', toRunRow)
}

/** The latest successful fetch: the data in the store rests on it (webhooks bring no data). */
export function latestGoodFetchRun(db: Database, integrationId: string): RunRow | null {
  const row: unknown = db
    .prepare(
      `SELECT id, source, outcome, started_at, finished_at, error_message, log_url FROM sync_runs
       WHERE integration_id = ? AND source = 'fetch' AND outcome IN (${GOOD_PLACEHOLDERS})
       ORDER BY id DESC LIMIT 1`,
    )
    .get(integrationId, ...GOOD_OUTCOME_LIST)
  return firstRow(row, 'latest good fetch', toRunRow)
}

export function readGuardThreshold(db: Database, integrationId: string): number {
  const stored = firstRow(
    db
      .prepare('SELECT value FROM settings WHERE integration_id = ? AND key = ?')
      .get(integrationId, GUARD_THRESHOLD_SETTING),
    'guard setting',
    (row) => text(row, 'value'),
  )
  if (stored === null) return DEFAULT_DELETION_GUARD_THRESHOLD
  const value = Number(stored)
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : DEFAULT_DELETION_GUARD_THRESHOLD
}

export function writeGuardThreshold(db: Database, integrationId: string, threshold: number): void {
  db.prepare(
    `INSERT INTO settings (integration_id, key, value) VALUES (?, ?, ?)
     ON CONFLICT (integration_id, key) DO UPDATE SET value = excluded.value`,
  ).run(integrationId, GUARD_THRESHOLD_SETTING, String(threshold))
}

/** When the removals of a basis run were confirmed, if they were. */
export function removalsConfirmedAt(db: Database, integrationId: string, basisRunId: number): string | null {
  const row: unknown = db
    .prepare(
      `SELECT MAX(removals_confirmed_at) AS at FROM action_plans INDEXED BY action_plans_outline
       WHERE integration_id = ? AND basis_run_id = ?`,
    )
    .get(integrationId, basisRunId)
  return textOrNull(sqlRow(row, 'removals confirmed'), 'at')
}

/** Records the confirmation on the basis run's plan; returns how many plan rows it marked. */
export function confirmRemovalsOf(
  db: Database,
  integrationId: string,
  basisRunId: number,
  at: string,
): number {
  return db
    .prepare(
      `UPDATE action_plans SET removals_confirmed_at = ?
       WHERE integration_id = ? AND basis_run_id = ? AND removals_confirmed_at IS NULL`,
    )
    .run(at, integrationId, basisRunId).changes
}

/** The plan of the basis run before this one (the latest computation of it), if there is one. */
function previousPlan(
  db: Database,
  integrationId: string,
  basisRunId: number,
): { id: number; removals_confirmed_at: string | null } | null {
  return firstRow(
    db
      .prepare(
        `SELECT id, removals_confirmed_at FROM action_plans INDEXED BY action_plans_outline
         WHERE integration_id = ? AND basis_run_id < ?
         ORDER BY basis_run_id DESC, id DESC LIMIT 1`,
      )
      .get(integrationId, basisRunId),
    'previous plan',
    (row) => ({ id: integer(row, 'id'), removals_confirmed_at: textOrNull(row, 'removals_confirmed_at') }),
  )
}

/** A plan with every list empty around the given head: no sync yet, or the lists handed out apart. */
export function planWithoutLists(
  head: Pick<ActionPlan, 'integrationId' | 'basisRunId' | 'generatedAt' | 'guard' | 'notices'>,
): ActionPlan {
  return {
    integrationId: head.integrationId,
    basisRunId: head.basisRunId,
    generatedAt: head.generatedAt,
    add: [],
    update: [],
    remove: [],
    withheldRemovals: [],
    pendingReview: [],
    guard: head.guard,
    stale: null,
    notices: head.notices,
  }
}

/**
 * Users whose removal the plan before this basis run already released: its `remove` list, plus its
 * withheld list once confirmed. Read with SQLite's JSON functions so a 100,000-row plan is not parsed
 * in JavaScript just for its user ids (action_plan_items). Null when no earlier plan exists.
 */
export function previouslyReleasedUsers(
  db: Database,
  integrationId: string,
  basisRunId: number,
): Set<string> | null {
  const previous = previousPlan(db, integrationId, basisRunId)
  if (previous === null) return null
  const patches = patchesOf(db, previous.id)
  if (patches === null || patches.length > 0) {
    // Decisions patched that plan's lists: read whole, with its patches (rare: only a plan a newer sync
    // replaced before it was written whole again).
    const plan = planById(db, previous.id, patches ?? [])
    if (plan === null) return new Set()
    const lists =
      previous.removals_confirmed_at === null ? [plan.remove] : [plan.remove, plan.withheldRemovals]
    return new Set(lists.flatMap((list) => list.map((removal) => removal.user_id)))
  }
  const lists: StoredList[] =
    previous.removals_confirmed_at === null ? ['remove'] : ['remove', 'withheldRemovals']
  const released = new Set<string>()
  const select = db.prepare(
    `SELECT json_extract(item, '$.user_id') FROM action_plan_items WHERE plan_id = ? AND list = ?
     ORDER BY plan_id, list, seq`,
  )
  for (const list of lists) {
    for (const userId of select.pluck().iterate(previous.id, list)) {
      if (typeof userId === 'string') released.add(userId)
    }
  }
  return released
}

export function storedPlanFor(db: Database, integrationId: string, basisRunId: number): ActionPlan | null {
  const stored = latestPlanRow(db, integrationId, basisRunId)
  if (stored === null) return null
  const patches = patchesOf(db, stored.id)
  return patches === null ? null : planById(db, stored.id, patches)
}

/** The latest plan row of a basis run: its id and the inputs it was computed from. */
export function latestPlanRow(
  db: Database,
  integrationId: string,
  basisRunId: number,
): { id: number; inputs: string | null } | null {
  const row = firstRow(
    db
      .prepare(
        `SELECT id, inputs FROM action_plans INDEXED BY action_plans_outline
         WHERE integration_id = ? AND basis_run_id = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(integrationId, basisRunId),
    'stored plan',
    (found) => ({ id: integer(found, 'id'), inputs: textOrNull(found, 'inputs') }),
  )
  if (row === null) return null
  // A patched plan rests on what its latest patch was computed from.
  const patched = pluckedTextOrUndefined(
    db
      .prepare('SELECT inputs FROM action_plan_patches WHERE plan_id = ? ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get(row.id),
    'action_plan_patches.inputs',
  )
  return patched === undefined ? row : { id: row.id, inputs: patched }
}

function planById(db: Database, planId: number, patches: readonly PlanPatch[]): ActionPlan | null {
  const stored = pluckedTextOrUndefined(
    db.prepare('SELECT plan FROM action_plans WHERE id = ?').pluck().get(planId),
    'action_plans.plan',
  )
  const head = stored === undefined ? null : parsedJsonObject(stored)
  if (head === null) return null
  const plan = parseStoredPlanValue(withStoredLists(db, planId, head))
  return plan === null ? null : applyPatches(plan, patches)
}

/** The decisions' patches of a stored plan, in order; null when one does not read (compute again). */
export function patchesOf(db: Database, planId: number): PlanPatch[] | null {
  const texts = db
    .prepare('SELECT patch FROM action_plan_patches WHERE plan_id = ? ORDER BY seq')
    .pluck()
    .all(planId)
  const patches: PlanPatch[] = []
  for (const value of texts) {
    const patch = typeof value === 'string' ? parsePatch(value) : null
    if (patch === null) return null
    patches.push(patch)
  }
  return patches
}

/**
 * Keeps a decision's change to the basis run's latest plan beside it, with the inputs the patched plan
 * rests on. Call inside the decision's write transaction, on a plan the patch was computed against.
 */
export function appendPlanPatch(db: Database, planId: number, patch: PlanPatch, inputs: string): void {
  db.prepare(
    'INSERT INTO action_plan_patches (plan_id, generated_at, inputs, patch) VALUES (?, ?, ?, ?)',
  ).run(planId, patch.generatedAt, inputs, JSON.stringify(patch))
}

/**
 * Patches kept beside a plan before a read writes it whole again: each read applies them all, and a
 * write of a 100,000-person plan costs half a second, once per this many decisions.
 */
export const PATCHES_BEFORE_REWRITE = 50

/**
 * Bump when the diff would compute other lists from the same stored data (a new rule, a new field in
 * the plan), so plans kept by an older version are computed again rather than reused.
 */
const PLAN_RULES_VERSION = 1

/**
 * Everything a plan for this basis run rests on, as one string: the latest sync run (a sync writes
 * employees and tombstones in its run's transaction), the latest legacy import, how many rows each
 * input table holds (rows added or removed by anyone), the integration's generation (moved by a
 * trigger when a rematch replaces the results, a decision is logged or a setting changes; migration 3),
 * the day (termination dates count from it), the confirmation of the basis run's removals, and the
 * earlier plan the deletion guard compares with. Two equal strings mean the diff would compute the same
 * lists. Read it in the same transaction as the state it describes. The row counts come from
 * store/inputCounts.ts; `counts` are those a decision's write transaction moved to its own writes.
 */
export function planInputs(
  db: Database,
  integrationId: string,
  basisRunId: number,
  day: string,
  counts: InputCounts = inputCounts(db, integrationId),
): string {
  const read = db
    .prepare(
      `SELECT
         (SELECT generation FROM plan_inputs WHERE integration_id = @id) AS generation,
         (SELECT id || ' ' || outcome || ' ' || COALESCE(finished_at, '') FROM sync_runs
            WHERE integration_id = @id ORDER BY id DESC LIMIT 1) AS run,
         (SELECT COALESCE(max(last_seen_run), 0) FROM employees WHERE integration_id = @id) AS lastSeen,
         (SELECT COALESCE(max(id), 0) FROM legacy_imports WHERE integration_id = @id) AS import`,
    )
    .get({ id: integrationId }) as { generation: unknown; run: unknown; lastSeen: unknown; import: unknown }
  // The same marks, in the same order and spelling, as when they were all counted in one statement.
  const marks = {
    generation: read.generation,
    run: read.run,
    employees: `${counts.employees} ${String(read.lastSeen)}`,
    tombstones: counts.tombstones,
    import: read.import,
    users: counts.users,
    results: counts.results,
    links: counts.links,
  }
  const previous = previousPlan(db, integrationId, basisRunId)
  return JSON.stringify([
    PLAN_RULES_VERSION,
    marks,
    day,
    removalsConfirmedAt(db, integrationId, basisRunId),
    previous?.id ?? null,
    previous?.removals_confirmed_at ?? null,
  ])
}

/**
 * The stored plan of this basis run when it was computed from exactly the current inputs (see
 * planInputs): the diff would give the same lists, so they are read instead of computed. Null otherwise.
 */
export function storedPlanIfCurrent(
  db: Database,
  integrationId: string,
  basisRunId: number,
  day: string,
): ActionPlan | null {
  return storedCurrentPlan(db, integrationId, basisRunId, day)?.plan ?? null
}

/** storedPlanIfCurrent, with the inputs it rests on and how many patches it was read with. */
export function storedCurrentPlan(
  db: Database,
  integrationId: string,
  basisRunId: number,
  day: string,
): { plan: ActionPlan; inputs: string; patches: number } | null {
  return db.transaction(() => {
    const row = latestPlanRow(db, integrationId, basisRunId)
    const inputs = planInputs(db, integrationId, basisRunId, day)
    if (row?.inputs == null || row.inputs !== inputs) return null
    const patches = patchesOf(db, row.id)
    if (patches === null) return null
    const text = pluckedTextOrUndefined(
      db.prepare('SELECT plan FROM action_plans WHERE id = ?').pluck().get(row.id),
      'action_plans.plan',
    )
    const head = text === undefined ? null : parseCurrentPlan(text, basisRunId)
    if (head === null) return null
    const plan = withStoredLists(db, row.id, head)
    return { plan: applyPatches(plan, patches), inputs, patches: patches.length }
  })()
}

/**
 * Keeps one plan per basis run: recomputing (after review decisions, say) replaces the plan's lists but
 * keeps its confirmation, which belongs to the basis run rather than to one computation. `inputs` is
 * what the plan was computed from (planInputs, read with its state), or null when that is not known, so
 * the plan is shown after a failed sync but never reused as current. Call inside a write transaction
 * (see writeAccess.ts).
 */
export function savePlan(db: Database, plan: ActionPlan, inputs: string | null): void {
  if (plan.basisRunId === null) return
  const planId = clearedPlanRow(db, plan.integrationId, plan.basisRunId, plan, inputs)
  const items = planItemWriter(db, planId)
  for (const list of STORED_LISTS) for (const entry of plan[list]) items.write(list, entry)
  writePlanHead(db, planId, plan)
}

/**
 * A plan as savePlan keeps it, made where the plan was computed (a match run storing through the match
 * store thread): its head with the lists empty, and each list entry's JSON as bytes to transfer. Entry by
 * entry, the plan never exists as one text: at 500,000 people its lists are 50 MB of JSON, which as one
 * text was copied to the store thread and parsed there whole, only to be written out entry by entry.
 */
export interface StoredPlan {
  head: ActionPlan
  items: Uint8Array<ArrayBuffer>
}

/** Bytes the entries start with; they grow by doubling. */
const PLAN_ITEM_BYTES = 1 << 20

export function storedPlanOf(plan: ActionPlan): StoredPlan {
  const items = new RecordWriter(PLAN_ITEM_BYTES)
  STORED_LISTS.forEach((list, at) => {
    for (const entry of plan[list]) {
      items.count(at)
      items.text(JSON.stringify(entry))
    }
  })
  return { head: planHead(plan), items: items.finish() }
}

/** savePlan from a StoredPlan: the same rows. */
export function saveStoredPlan(db: Database, storedPlan: StoredPlan, inputs: string | null): void {
  const { head } = storedPlan
  if (head.basisRunId === null) return
  const planId = clearedPlanRow(db, head.integrationId, head.basisRunId, head, inputs)
  const items = planItemWriter(db, planId)
  const reader = new RecordReader(storedPlan.items)
  while (!reader.done) {
    const list = STORED_LISTS[reader.count()]!
    items.writeText(list, reader.presentText())
  }
  writePlanHead(db, planId, head)
}

/**
 * The row of the basis run's plan, made or emptied of its lists and patches, for a plan computed at
 * `generatedAt` from `inputs`; its head is written by writePlanHead once the lists are. Keeps its
 * confirmation, which belongs to the basis run rather than to one computation. Call inside a write
 * transaction.
 */
export function clearedPlanRow(
  db: Database,
  integrationId: string,
  basisRunId: number,
  at: { generatedAt: string; guard: { confirmedAt: string | null } },
  inputs: string | null,
): number {
  const existing = firstRow(
    db
      .prepare(
        `SELECT id FROM action_plans WHERE integration_id = ? AND basis_run_id = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(integrationId, basisRunId),
    'plan of the basis run',
    (row) => ({ id: integer(row, 'id') }),
  )
  if (existing === null) {
    const inserted = db
      .prepare(
        `INSERT INTO action_plans (integration_id, basis_run_id, created_at, plan, removals_confirmed_at, inputs)
         VALUES (?, ?, ?, '{}', ?, ?)`,
      )
      .run(integrationId, basisRunId, at.generatedAt, at.guard.confirmedAt, inputs)
    db.prepare(
      `DELETE FROM action_plans WHERE integration_id = ? AND id NOT IN (
         SELECT id FROM action_plans WHERE integration_id = ? ORDER BY basis_run_id DESC, id DESC LIMIT ?)`,
    ).run(integrationId, integrationId, PLANS_KEPT)
    return Number(inserted.lastInsertRowid)
  }
  db.prepare('UPDATE action_plans SET created_at = ?, inputs = ? WHERE id = ?').run(
    at.generatedAt,
    inputs,
    existing.id,
  )
  db.prepare('DELETE FROM action_plan_items WHERE plan_id = ?').run(existing.id)
  // The plan is written whole: the patches it was read with are in it.
  db.prepare('DELETE FROM action_plan_patches WHERE plan_id = ?').run(existing.id)
  return existing.id
}

/** A stored plan's own JSON: every field in order, each list empty (their entries are rows). */
export function writePlanHead(db: Database, planId: number, plan: ActionPlan): void {
  db.prepare('UPDATE action_plans SET plan = ? WHERE id = ?').run(JSON.stringify(planHead(plan)), planId)
}

/** A plan without its lists (they are kept a row per entry), in its fields' order. */
function planHead(plan: ActionPlan): ActionPlan {
  return { ...plan, add: [], update: [], remove: [], withheldRemovals: [], pendingReview: [], stale: null }
}
