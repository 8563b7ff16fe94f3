import type { ActionPlan } from '../../../shared/dto/diff'
import { REMOVE_REASON_TEXT } from '../../../shared/removeReasons'
import type { ExportFile } from '../../../shared/api'
import { toExactJson, toSafeCsv } from './csvSafe'

export type ListName = 'add' | 'update' | 'remove'
export type ListFormat = 'csv' | 'json'

const ADD_HEADER = [
  'kombo_id',
  'remote_id',
  'work_email',
  'first_name',
  'last_name',
  'employment_status',
  'rehire',
  'rehire_of',
  'rehire_evidence',
] as const
const UPDATE_HEADER = ['user_id', 'kombo_id', 'field', 'from', 'to'] as const
const REMOVE_HEADER = ['user_id', 'kombo_id', 'reason', 'reason_text'] as const

/**
 * One list of a plan as a file. CSV has one row per add, per changed field, or per removal; JSON keeps
 * the plan's own shape (updates with their changes nested). CSV cells are formula-safe; JSON values are
 * exact. Removals the
 * deletion guard withholds are not exported: a file is what the customer applies.
 */
export function exportList(plan: ActionPlan, list: ListName, format: ListFormat): ExportFile {
  const { rows, content, cellsNeutralised } = format === 'csv' ? csvFor(plan, list) : jsonFor(plan, list)
  return {
    fileName: `${list}-${fileSafe(plan.integrationId)}${plan.basisRunId === null ? '' : `-run${plan.basisRunId}`}.${format}`,
    mimeType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    content,
    rows,
    cellsNeutralised,
  }
}

interface ListContent {
  rows: number
  content: string
  cellsNeutralised: number
}

function csvContent(header: readonly string[], rows: readonly (readonly unknown[])[]): ListContent {
  const csv = toSafeCsv(header, rows)
  return { rows: rows.length, content: csv.content, cellsNeutralised: csv.neutralised }
}

function csvFor(plan: ActionPlan, list: ListName): ListContent {
  switch (list) {
    case 'add': {
      const rows = plan.add.map((a) => [
        a.kombo_id,
        a.remote_id,
        a.work_email,
        a.first_name,
        a.last_name,
        a.employment_status,
        a.rehire_of !== null,
        a.rehire_of,
        a.rehire_evidence,
      ])
      return csvContent(ADD_HEADER, rows)
    }
    case 'update': {
      const rows = plan.update.flatMap((u) =>
        u.changes.map((c) => [u.user_id, u.kombo_id, c.field, c.from, c.to]),
      )
      return csvContent(UPDATE_HEADER, rows)
    }
    case 'remove': {
      const rows = plan.remove.map((r) => [r.user_id, r.kombo_id, r.reason, REMOVE_REASON_TEXT[r.reason]])
      return csvContent(REMOVE_HEADER, rows)
    }
  }
}

function jsonFor(plan: ActionPlan, list: ListName): ListContent {
  switch (list) {
    case 'add':
      return {
        rows: plan.add.length,
        content: toExactJson(plan.add.map((a) => ({ ...a, rehire: a.rehire_of !== null }))),
        cellsNeutralised: 0,
      }
    case 'update':
      return { rows: plan.update.length, content: toExactJson(plan.update), cellsNeutralised: 0 }
    case 'remove':
      return {
        rows: plan.remove.length,
        content: toExactJson(plan.remove.map((r) => ({ ...r, reason_text: REMOVE_REASON_TEXT[r.reason] }))),
        cellsNeutralised: 0,
      }
  }
}

/** Integration ids contain a colon ("personio:8d1h..."), which Windows forbids in file names. */
function fileSafe(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]+/g, '_')
}
