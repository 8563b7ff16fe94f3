import { create } from 'zustand'
import type { CsvProblem, CsvProblemKind, LegacyImportSummary, LegacyRole } from '../../../shared/dto/legacy'
import type { AppError } from '../../../shared/result'
import { callApi } from '../lib/api'
import { readHeaderCells } from '../lib/csvHeaders'
import { readFileAsBase64 } from '../lib/readFile'
import { sampleLegacyExport } from '../lib/sampleLegacyExport'
import { useNoticeStore } from './noticeStore'
import { currentIntegrationId } from './sessionStore'

export interface Refusal {
  fileName: string
  message: string
  problems: CsvProblem[]
  /** True when the columns, not the rows, are the problem: choosing them by hand can fix it. */
  columnsUnclear: boolean
}

export type ColumnMap = Partial<Record<LegacyRole, string>>

/** Problems about which column plays which role, as opposed to problems in the rows. */
const COLUMN_PROBLEMS: ReadonlySet<CsvProblemKind> = new Set([
  'no_user_id_column',
  'no_identity_column',
  'ambiguous_column',
  'column_map',
])

interface LegacyState {
  importing: boolean
  summary: LegacyImportSummary | null
  refusal: Refusal | null
  error: AppError | null
  userCount: number | null
  /** Bumped after every accepted import, so the review screen knows to reload. */
  dataVersion: number
  /** The last file chosen, kept so it can be imported again with columns chosen by hand. */
  lastFile: File | null
  /** The last file's header cells, for the column-mapping form. */
  headers: string[]
  /** The column map sent with the last import (empty: detected by the host). */
  columnMap: ColumnMap
  /** Forgets the previous integration's import report when another one is selected. */
  reset(): void
  importFile(file: File, columnMap?: ColumnMap): Promise<void>
  /** Demo mode: builds a drifted user export from the synced demo employees and imports it. */
  importSample(): Promise<void>
  /** Imports the last file again with these columns. */
  reimport(columnMap: ColumnMap): Promise<void>
  loadCount(): Promise<void>
}

function isCsvProblem(value: unknown): value is CsvProblem {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Record<string, unknown>
  return typeof candidate.line === 'number' && typeof candidate.reason === 'string'
}

/** The refused file's problem rows travel in AppError.details; read them defensively. */
function problemsOf(error: AppError): CsvProblem[] {
  const details = error.details
  const list = Array.isArray(details)
    ? details
    : typeof details === 'object' &&
        details !== null &&
        Array.isArray((details as { problems?: unknown }).problems)
      ? ((details as { problems: unknown[] }).problems as unknown[])
      : []
  return list.filter(isCsvProblem)
}

export const useLegacyStore = create<LegacyState>()((set, get) => ({
  importing: false,
  summary: null,
  refusal: null,
  error: null,
  userCount: null,
  dataVersion: 0,

  lastFile: null,
  headers: [],
  columnMap: {},

  reset: () =>
    set({
      summary: null,
      refusal: null,
      error: null,
      userCount: null,
      lastFile: null,
      headers: [],
      columnMap: {},
    }),

  async importSample() {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    const employees = await callApi('employees:list', { integrationId })
    if (!employees.ok) {
      set({ error: employees.error })
      return
    }
    if (employees.value.length === 0) {
      set({
        error: {
          code: 'INPUT_INVALID',
          message: 'Sync the demo integration first: the sample is made from its employees.',
        },
      })
      return
    }
    await get().importFile(sampleLegacyExport(employees.value))
  },

  async reimport(columnMap) {
    const file = get().lastFile
    if (file) await get().importFile(file, columnMap)
  },

  async importFile(file, columnMap = {}) {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    set({ importing: true, error: null, refusal: null, lastFile: file, columnMap })
    void readHeaderCells(file).then(
      (headers) => set({ headers }),
      () => set({ headers: [] }),
    )
    let contentBase64: string
    try {
      contentBase64 = await readFileAsBase64(file)
    } catch (cause) {
      set({
        importing: false,
        error: {
          code: 'INPUT_INVALID',
          message: `${file.name} could not be read: ${(cause as Error).message}`,
        },
      })
      return
    }
    const hasMap = Object.values(columnMap).some((header) => header)
    const result = await callApi('legacy:import', {
      integrationId,
      fileName: file.name,
      contentBase64,
      ...(hasMap ? { map: columnMap } : {}),
    })
    if (result.ok) {
      set((state) => ({
        importing: false,
        summary: result.value,
        userCount: result.value.rows,
        dataVersion: state.dataVersion + 1,
      }))
      useNoticeStore.getState().push('success', `Imported ${result.value.rows} users from ${file.name}.`)
    } else if (result.error.code === 'CSV_INVALID') {
      set({
        importing: false,
        refusal: {
          fileName: file.name,
          message: result.error.message,
          problems: problemsOf(result.error),
          columnsUnclear: problemsOf(result.error).some((problem) => COLUMN_PROBLEMS.has(problem.kind)),
        },
      })
    } else {
      set({ importing: false, error: result.error })
    }
  },

  async loadCount() {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    const result = await callApi('legacy:list', { integrationId })
    if (result.ok) set({ userCount: result.value.length })
  },
}))
