import type { ActionPlan, StreamedPlanElement, StreamedPlanField } from '../../../shared/dto/diff'
import type { Database } from '../store/database'
import { GOOD_OUTCOMES } from './outcomeGuidance'
import { entryKey, type PlanListEdit, type PlanPatch } from './planEdits'
import {
  latestFinishedRun,
  latestGoodFetchRun,
  latestPlanRow,
  patchesOf,
  PATCHES_BEFORE_REWRITE,
  planInputs,
  planWithoutLists,
  requireIntegration,
} from './planStore'
import { STORED_LISTS, storedListBytes, type StoredList } from './planItems'
import { outlinePlanText, type PlanTextField } from './storedPlan'

const LISTS = ['add', 'update', 'remove', 'withheldRemovals', 'pendingReview', 'notices'] as const
type PatchedList = PlanListEdit['list']
type ListEntry = PlanListEdit['item'] & object

/**
 * The stored lists handed out field by field, as their stored text (docs/architecture.md, "Diff"):
 * what `currentPlan` does when it reads the lists back, without parsing them. At 500,000 people the
 * plan parsed whole is several hundred megabytes of objects; its text is a tenth of that. Decisions'
 * patches are applied to the lists' order by key, each patched entry handed out as the object it is.
 *
 * Returns the plan with its lists empty after handing every field to `onField`; null, having handed
 * nothing, whenever currentPlan would do more than read the lists back (they are stale, not current,
 * due to be written whole again, or carry a notice), so the caller computes them as before.
 */
export function readBackCurrentPlan(
  db: Database,
  integrationId: string,
  now: Date,
  onField: (field: StreamedPlanField) => void,
): ActionPlan | null {
  requireIntegration(db, integrationId)
  // One read transaction: the list rows handed out are those of the plan whose inputs were checked.
  return db.transaction(() => readBackInTransaction(db, integrationId, now, onField))()
}

function readBackInTransaction(
  db: Database,
  integrationId: string,
  now: Date,
  onField: (field: StreamedPlanField) => void,
): ActionPlan | null {
  const stored = storedPlanText(db, integrationId, now.toISOString().slice(0, 10))
  if (stored === null) return null
  const fields = outlinePlanText(stored.text)
  const outline = fields === null ? null : planOutline(stored.text, fields, stored.basisRunId)
  if (fields === null || outline === null) return null
  const lastPatch = stored.patches.at(-1)
  if (lastPatch !== undefined) {
    outline.generatedAt = lastPatch.generatedAt
    outline.guard = lastPatch.guard
  }
  const elementsOf = (field: PlanTextField): Iterable<Uint8Array> =>
    isStoredList(field.key)
      ? storedRows(db, stored.planId, field.key)
      : storedElements(stored.text, field.elements ?? new Uint32Array())
  // Patched lists first: an edit that does not apply fails before anything is handed out.
  const patched = new Map<string, StreamedPlanElement[]>()
  for (const [list, edits] of editsByList(stored.patches)) {
    const field = fields.find((candidate) => candidate.key === list)
    if (field?.elements != null) patched.set(list, patchedElements(elementsOf(field), edits))
  }
  for (const field of fields) {
    if (field.elements !== null && (LISTS as readonly string[]).includes(field.key)) {
      onField({ key: field.key, elements: patched.get(field.key) ?? elementsOf(field) })
    } else if (field.key === 'stale') onField({ key: field.key, value: null })
    else if (field.key in outline) onField({ key: field.key, value: outline[field.key as keyof ActionPlan] })
    else onField({ key: field.key, value: parsed(stored.text, field) })
  }
  if (!fields.some((field) => field.key === 'stale')) onField({ key: 'stale', value: null })
  return outline
}

function isStoredList(key: string): key is StoredList {
  return (STORED_LISTS as readonly string[]).includes(key)
}

/** A stored list's entries as the bytes of their JSON text, one row at a time. */
function* storedRows(db: Database, planId: number, list: StoredList): Iterable<Uint8Array> {
  for (const item of storedListBytes(db, planId, list)) {
    if (!(item instanceof Uint8Array)) throw new Error(`an entry of the stored ${list} list is not JSON text`)
    yield item
  }
}

/** The stored head of the current plan and its patches; null when not current. */
function storedPlanText(
  db: Database,
  integrationId: string,
  day: string,
): { text: Uint8Array; patches: PlanPatch[]; basisRunId: number; planId: number } | null {
  const latest = latestFinishedRun(db, integrationId)
  const basis = latestGoodFetchRun(db, integrationId)
  if (latest === null || basis === null || !GOOD_OUTCOMES.has(latest.outcome)) return null
  // currentPlan adds a notice about a newer webhook sync: left to it.
  if (latest.source === 'webhook' && latest.id !== basis.id) return null
  const row = latestPlanRow(db, integrationId, basis.id)
  if (row?.inputs == null || row.inputs !== planInputs(db, integrationId, basis.id, day)) return null
  const patches = patchesOf(db, row.id)
  if (patches === null || patches.length > PATCHES_BEFORE_REWRITE) return null
  // As bytes: the text is never a JavaScript string.
  const text: unknown = db
    .prepare('SELECT CAST(plan AS BLOB) FROM action_plans WHERE id = ?')
    .pluck()
    .get(row.id)
  return text instanceof Uint8Array ? { text, patches, basisRunId: basis.id, planId: row.id } : null
}

const utf8 = new TextDecoder()

function parsed(text: Uint8Array, field: PlanTextField): unknown {
  return JSON.parse(utf8.decode(text.subarray(field.start, field.end)))
}

/** The plan's fields other than its lists, checked as parseCurrentPlan checks a plan read back whole. */
function planOutline(text: Uint8Array, fields: PlanTextField[], basisRunId: number): ActionPlan | null {
  const byKey = new Map(fields.map((field) => [field.key, field]))
  if (!LISTS.every((list) => byKey.get(list)?.elements != null)) return null
  const value = (key: string) => {
    const field = byKey.get(key)
    return field === undefined ? undefined : parsed(text, field)
  }
  const integrationId = value('integrationId')
  const generatedAt = value('generatedAt')
  const guard = value('guard')
  const outlined =
    typeof integrationId === 'string' &&
    value('basisRunId') === basisRunId &&
    typeof generatedAt === 'string' &&
    typeof guard === 'object' &&
    guard !== null
  if (!outlined) return null
  return planWithoutLists({
    integrationId,
    basisRunId,
    generatedAt,
    guard: guard as ActionPlan['guard'],
    notices: [],
  })
}

function editsByList(patches: readonly PlanPatch[]): Map<PatchedList, PlanListEdit[]> {
  const byList = new Map<PatchedList, PlanListEdit[]>()
  for (const edit of patches.flatMap((patch) => patch.edits)) {
    const edits = byList.get(edit.list)
    if (edits === undefined) byList.set(edit.list, [edit])
    else edits.push(edit)
  }
  return byList
}

function* storedElements(text: Uint8Array, pairs: Uint32Array): Iterable<Uint8Array> {
  for (let at = 0; at < pairs.length; at += 2) yield text.subarray(pairs[at]!, pairs[at + 1]!)
}

/**
 * A list with decisions' edits applied in order, exactly as applyPatches applies them to the parsed
 * plan: the entry with the edit's key taken out, its new state put after the entry `after` names. Only
 * the keys are read from the stored entries.
 */
function patchedElements(
  stored: Iterable<Uint8Array>,
  edits: readonly PlanListEdit[],
): StreamedPlanElement[] {
  const keys: string[] = []
  const entries: Array<Uint8Array | ListEntry> = []
  for (const bytes of stored) {
    keys.push(entryKey(JSON.parse(utf8.decode(bytes)) as ListEntry))
    entries.push(bytes)
  }
  for (const edit of edits) {
    const at = keys.indexOf(edit.key)
    if (at >= 0) {
      keys.splice(at, 1)
      entries.splice(at, 1)
    }
    if (edit.item === null) continue
    const before = edit.after === null ? -1 : keys.indexOf(edit.after)
    if (edit.after !== null && before < 0) {
      throw new Error(`the plan has no entry ${edit.after} to place ${edit.key} after`)
    }
    keys.splice(before + 1, 0, entryKey(edit.item))
    entries.splice(before + 1, 0, edit.item)
  }
  return entries
}
