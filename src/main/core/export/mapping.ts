import type { ExportFile } from '../../../shared/api'
import type { MatchOutput } from '../../../shared/dto/match'
import { toExactJson, toSafeCsv } from './csvSafe'

/**
 * The ID mapping Kombo's guide asks the product to persist once users are matched: the product's user id,
 * the employee's id in the HRIS (remote_id) and Kombo's own id.
 */
export interface MappingRow {
  user_id: string
  hris_id: string | null
  kombo_id: string
}

export type MappingFormat = 'csv' | 'json'

export const MAPPING_COLUMNS = ['user_id', 'hris_id', 'kombo_id'] as const

/** One row per matched user (automatic or decided), in result order. */
export function mappingRows(output: MatchOutput, remoteIdOf: ReadonlyMap<string, string>): MappingRow[] {
  const rows: MappingRow[] = []
  for (const result of output.results) {
    if (result.status !== 'matched' || result.kombo_id === null) continue
    rows.push({
      user_id: result.user_id,
      hris_id: remoteIdOf.get(result.kombo_id) ?? null,
      kombo_id: result.kombo_id,
    })
  }
  return rows
}

/**
 * The mapping as a file: RFC 4180 CSV with every cell neutralised, so that a user id like "=HYPERLINK(...)"
 * is shown as text, never run as a formula, when the file is opened in a spreadsheet; or JSON with every id
 * exactly as imported, for programs.
 */
export function mappingFile(
  rows: readonly MappingRow[],
  format: MappingFormat,
  integrationId: string,
): ExportFile {
  const base = `mapping-${integrationId.replace(/[^A-Za-z0-9_-]+/g, '_')}`
  if (format === 'json') {
    return {
      fileName: `${base}.json`,
      mimeType: 'application/json; charset=utf-8',
      content: toExactJson(rows),
      rows: rows.length,
      cellsNeutralised: 0,
    }
  }
  const csv = toSafeCsv(
    MAPPING_COLUMNS,
    rows.map((row) => [row.user_id, row.hris_id, row.kombo_id]),
  )
  return {
    fileName: `${base}.csv`,
    mimeType: 'text/csv; charset=utf-8',
    content: csv.content,
    rows: rows.length,
    cellsNeutralised: csv.neutralised,
  }
}
