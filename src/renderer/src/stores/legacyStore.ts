import { create } from 'zustand'
import type { CsvProblem, LegacyImportSummary } from '../../../shared/dto/legacy'
import type { AppError } from '../../../shared/result'
import { callApi } from '../lib/api'
import { readFileAsBase64 } from '../lib/readFile'
import { useNoticeStore } from './noticeStore'
import { currentIntegrationId } from './sessionStore'

export interface Refusal {
  fileName: string
  message: string
  problems: CsvProblem[]
}

interface LegacyState {
  importing: boolean
  summary: LegacyImportSummary | null
  refusal: Refusal | null
  error: AppError | null
  userCount: number | null
  /** Bumped after every accepted import, so the review screen knows to reload. */
  dataVersion: number
  /** Forgets the previous integration's import report when another one is selected. */
  reset(): void
  importFile(file: File): Promise<void>
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

export const useLegacyStore = create<LegacyState>()((set) => ({
  importing: false,
  summary: null,
  refusal: null,
  error: null,
  userCount: null,
  dataVersion: 0,

  reset: () => set({ summary: null, refusal: null, error: null, userCount: null }),

  async importFile(file) {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    set({ importing: true, error: null, refusal: null })
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
    const result = await callApi('legacy:import', { integrationId, fileName: file.name, contentBase64 })
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
        refusal: { fileName: file.name, message: result.error.message, problems: problemsOf(result.error) },
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
