import { create } from 'zustand'
import type { ExportFile } from '../../../shared/api'
import type { ActionPlan } from '../../../shared/dto/diff'
import type { AppError, Result } from '../../../shared/result'
import { callApi } from '../lib/api'
import { saveExportFile } from '../lib/download'
import { useNoticeStore } from './noticeStore'
import { currentIntegrationId } from './sessionStore'

export type ActionList = 'add' | 'update' | 'remove'
export type ExportFormat = 'csv' | 'json'

interface ActionsState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  plan: ActionPlan | null
  error: AppError | null
  tab: ActionList
  busy: boolean
  /** An export being prepared: a second press (a double click) must not download the file twice. */
  exporting: string | null
  load(): Promise<void>
  setTab(tab: ActionList): void
  confirmRemovals(): Promise<void>
  setGuard(threshold: number): Promise<void>
  exportMapping(format: ExportFormat): Promise<void>
  exportList(list: ActionList, format: ExportFormat): Promise<void>
}

function deliver(result: Result<ExportFile>): void {
  if (!result.ok) {
    useNoticeStore.getState().pushError(result.error)
    return
  }
  saveExportFile(result.value)
  useNoticeStore.getState().push('success', `Saved ${result.value.fileName} (${result.value.rows} rows).`)
}

export const useActionsStore = create<ActionsState>()((set, get) => ({
  status: 'idle',
  plan: null,
  error: null,
  tab: 'add',
  busy: false,
  exporting: null,

  async load() {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    // Another integration's lists must not stay on screen while this one's are computed.
    if (get().plan?.integrationId !== integrationId) set({ plan: null })
    set({ status: 'loading', error: null })
    const result = await callApi('diff:get', { integrationId })
    if (currentIntegrationId() !== integrationId) return
    if (result.ok) set({ status: 'ready', plan: result.value })
    else set({ status: 'error', error: result.error })
  },

  setTab: (tab) => set({ tab }),

  async confirmRemovals() {
    const integrationId = currentIntegrationId()
    if (!integrationId || get().busy) return
    set({ busy: true })
    const result = await callApi('diff:confirm-removals', { integrationId })
    set({ busy: false })
    if (!result.ok) {
      useNoticeStore.getState().pushError(result.error)
      return
    }
    set({ plan: result.value, tab: 'remove' })
    useNoticeStore
      .getState()
      .push('info', `Removals confirmed: ${result.value.remove.length} users on the remove list.`)
  },

  async setGuard(threshold) {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    const result = await callApi('diff:set-guard', { integrationId, threshold })
    if (!result.ok) {
      useNoticeStore.getState().pushError(result.error)
      return
    }
    await get().load()
  },

  async exportMapping(format) {
    const integrationId = currentIntegrationId()
    if (!integrationId || get().exporting !== null) return
    set({ exporting: `mapping-${format}` })
    try {
      deliver(await callApi('export:mapping', { integrationId, format }))
    } finally {
      set({ exporting: null })
    }
  },

  async exportList(list, format) {
    const integrationId = currentIntegrationId()
    if (!integrationId || get().exporting !== null) return
    set({ exporting: `${list}-${format}` })
    try {
      deliver(await callApi('export:list', { integrationId, list, format }))
    } finally {
      set({ exporting: null })
    }
  },
}))
