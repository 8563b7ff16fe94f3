import { create, type StoreApi } from 'zustand'
import type { CsvProblem, CsvProblemKind, LegacyImportSummary, LegacyRole } from '../../../shared/dto/legacy'
import type { AppError, Result } from '../../../shared/result'
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

/** What a person confirmed for this import: the guards it may pass. */
export interface ImportOptions {
  dropDecisions?: boolean
  allowShrink?: boolean
}

interface LegacyState {
  importing: boolean
  summary: LegacyImportSummary | null
  refusal: Refusal | null
  error: AppError | null
  userCount: number | null
  /** Bumped after every accepted import, so the review screen knows to reload. */
  dataVersion: number
  /** The last file imported, kept so it can be imported again with columns chosen by hand. */
  lastFile: File | null
  /** The last imported file's header cells, for its column-mapping form. */
  headers: string[]
  /** The column map sent with the last import (empty: detected by the host). */
  columnMap: ColumnMap
  /**
   * The refused file, its headers and the map it was sent with: kept apart from the last import, so
   * the imported file's column form never offers (or re-imports) a file that was refused.
   */
  refused: { file: File; headers: string[]; columnMap: ColumnMap } | null
  /** An import held back because users with review decisions are missing from it: asks before going on. */
  decisionsAtRisk: { file: File; columnMap: ColumnMap; message: string; users: number } | null
  /** An import held back because it leaves out many of the previous import's users: asks before going on. */
  shrinkAtRisk: {
    file: File
    columnMap: ColumnMap
    options: ImportOptions
    message: string
    previousUsers: number
    usersRemoved: number
  } | null
  /** Forgets the previous integration's import report when another one is selected. */
  reset(): void
  importFile(file: File, columnMap?: ColumnMap, options?: ImportOptions): Promise<void>
  /** Demo mode: builds a drifted user export from the synced demo employees and imports it. */
  importSample(): Promise<void>
  /** Imports the last imported file (or the refused one) again with these columns. */
  reimport(columnMap: ColumnMap, which: 'imported' | 'refused'): Promise<void>
  /** Goes on with the held-back import, setting the missing users' decisions aside. */
  confirmDropDecisions(): Promise<void>
  cancelDropDecisions(): void
  /** Goes on with the held-back import although it leaves out many users. */
  confirmShrink(): Promise<void>
  cancelShrink(): void
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

function reasonOf(error: AppError): string | null {
  const details = error.details
  if (typeof details !== 'object' || details === null) return null
  const reason = (details as { reason?: unknown }).reason
  return typeof reason === 'string' ? reason : null
}

function countOf(error: AppError, field: 'users' | 'previousUsers' | 'usersRemoved'): number {
  const details: unknown = error.details
  if (typeof details !== 'object' || details === null) return 0
  const value = (details as Record<string, unknown>)[field]
  return typeof value === 'number' ? value : 0
}

type SetLegacy = StoreApi<LegacyState>['setState']

/** Sends a file to the host; the answer is applied by applyImportAnswer. */
async function importLegacyFile(
  set: SetLegacy,
  get: StoreApi<LegacyState>['getState'],
  file: File,
  columnMap: ColumnMap,
  options: ImportOptions,
): Promise<void> {
  const integrationId = currentIntegrationId()
  if (!integrationId || get().importing) return
  set({ importing: true, error: null, refusal: null, decisionsAtRisk: null, shrinkAtRisk: null })
  const headers = readHeaderCells(file).catch(() => [] as string[])
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
    ...(options.dropDecisions ? { dropDecisions: true } : {}),
    ...(options.allowShrink ? { allowShrink: true } : {}),
  })
  await applyImportAnswer(set, result, { file, columnMap, options }, headers)
}

/** What the host said about an import: the new summary, a question (decisions at risk) or a refusal. */
async function applyImportAnswer(
  set: SetLegacy,
  result: Result<LegacyImportSummary>,
  { file, columnMap, options }: { file: File; columnMap: ColumnMap; options: ImportOptions },
  headers: Promise<string[]>,
): Promise<void> {
  if (result.ok) {
    const fileHeaders = await headers
    set((state) => ({
      importing: false,
      summary: result.value,
      userCount: result.value.rows,
      dataVersion: state.dataVersion + 1,
      lastFile: file,
      headers: fileHeaders,
      columnMap,
      refused: null,
    }))
    const setAside = result.value.decisionsDropped
    useNoticeStore
      .getState()
      .push(
        'success',
        `Imported ${result.value.rows} users from ${file.name}.` +
          (setAside > 0 ? ` ${setAside} decisions set aside until their users return.` : ''),
      )
  } else if (result.error.code === 'CONFLICT' && reasonOf(result.error) === 'decisions_would_drop') {
    set({
      importing: false,
      decisionsAtRisk: {
        file,
        columnMap,
        message: result.error.message,
        users: countOf(result.error, 'users'),
      },
    })
  } else if (result.error.code === 'CONFLICT' && reasonOf(result.error) === 'import_would_shrink') {
    set({
      importing: false,
      shrinkAtRisk: {
        file,
        columnMap,
        options,
        message: result.error.message,
        previousUsers: countOf(result.error, 'previousUsers'),
        usersRemoved: countOf(result.error, 'usersRemoved'),
      },
    })
  } else if (result.error.code === 'CSV_INVALID') {
    set({
      importing: false,
      refused: { file, headers: await headers, columnMap },
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
  refused: null,
  decisionsAtRisk: null,
  shrinkAtRisk: null,

  reset: () =>
    set({
      summary: null,
      refusal: null,
      error: null,
      userCount: null,
      lastFile: null,
      headers: [],
      columnMap: {},
      refused: null,
      decisionsAtRisk: null,
      shrinkAtRisk: null,
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

  async reimport(columnMap, which) {
    const file = which === 'refused' ? get().refused?.file : get().lastFile
    if (file) await get().importFile(file, columnMap)
  },

  async confirmDropDecisions() {
    const held = get().decisionsAtRisk
    if (!held) return
    set({ decisionsAtRisk: null })
    await get().importFile(held.file, held.columnMap, { dropDecisions: true })
  },

  cancelDropDecisions: () => set({ decisionsAtRisk: null }),

  importFile: (file, columnMap = {}, options = {}) => importLegacyFile(set, get, file, columnMap, options),

  async confirmShrink() {
    const held = get().shrinkAtRisk
    if (!held) return
    set({ shrinkAtRisk: null })
    await get().importFile(held.file, held.columnMap, { ...held.options, allowShrink: true })
  },

  cancelShrink: () => set({ shrinkAtRisk: null }),

  async loadCount() {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    const result = await callApi('legacy:list', { integrationId })
    if (result.ok) set({ userCount: result.value.length })
  },
}))
