import { create } from 'zustand'
import type { DriftReport, OutcomeGuidance } from '../../../shared/dto/outcome'
import type { SyncProgress, SyncRunSummary } from '../../../shared/dto/sync'
import type { AppError } from '../../../shared/result'
import { callApi, onSyncProgress } from '../lib/api'
import { formatCount } from '../lib/format'
import { useNoticeStore } from './noticeStore'
import { currentIntegrationId, useSessionStore } from './sessionStore'

export interface WaitState {
  reason: NonNullable<SyncProgress['waiting']>['reason']
  message: string
  attempt: number
  /** When the wait ends, in this page's clock (Date.now()), for a live countdown. */
  until: number
}

interface SyncState {
  running: boolean
  progress: SyncProgress | null
  waiting: WaitState | null
  runs: SyncRunSummary[]
  lastRun: SyncRunSummary | null
  error: AppError | null
  webhookBusy: boolean
  webhookResult: { run: SyncRunSummary; guidance: OutcomeGuidance } | null
  webhookError: string | null
  /** Bumped after every sync that changed data, so other screens know to reload. */
  dataVersion: number
  /** What changed between the last two good syncs; null before the first one. */
  drift: DriftReport | null
  /** Forgets the previous integration's run state when another one is selected. */
  reset(): void
  listen(): () => void
  run(full: boolean): Promise<void>
  cancel(): Promise<void>
  loadRuns(): Promise<void>
  loadDrift(): Promise<void>
  importWebhook(text: string): Promise<void>
}

export const useSyncStore = create<SyncState>()((set, get) => ({
  running: false,
  progress: null,
  waiting: null,
  runs: [],
  lastRun: null,
  error: null,
  webhookBusy: false,
  webhookResult: null,
  webhookError: null,
  dataVersion: 0,
  drift: null,

  reset: () =>
    set({
      drift: null,
      progress: null,
      waiting: null,
      runs: [],
      lastRun: null,
      error: null,
      webhookResult: null,
      webhookError: null,
    }),

  listen() {
    return onSyncProgress((progress) => {
      set({
        progress,
        waiting: progress.waiting
          ? {
              reason: progress.waiting.reason,
              message: progress.waiting.message,
              attempt: progress.waiting.attempt,
              until: Date.now() + progress.waiting.ms,
            }
          : null,
      })
    })
  },

  async run(full) {
    const integrationId = currentIntegrationId()
    if (!integrationId || get().running) return
    set({ running: true, progress: null, waiting: null, error: null })
    const result = await callApi('sync:run', { integrationId, full })
    set({ running: false, waiting: null })
    if (result.ok) {
      set((state) => ({ lastRun: result.value, dataVersion: state.dataVersion + 1 }))
      const run = result.value
      useNoticeStore
        .getState()
        .push(
          run.outcome === 'SUCCEEDED' ? 'success' : 'info',
          `${run.mode === 'full' ? 'Full' : 'Incremental'} sync: ${formatCount(run.records)} records, ${formatCount(run.inserted)} new, ${formatCount(run.updated)} changed, ${formatCount(run.deleted)} deleted.`,
        )
    } else {
      set({ error: result.error })
    }
    await Promise.all([get().loadRuns(), useSessionStore.getState().refreshIntegrations()])
  },

  async cancel() {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    const result = await callApi('sync:cancel', { integrationId })
    if (!result.ok) useNoticeStore.getState().pushError(result.error)
  },

  async loadRuns() {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    const result = await callApi('sync:runs', { integrationId })
    if (result.ok) set({ runs: result.value })
    else set({ error: result.error })
    await get().loadDrift()
  },

  async loadDrift() {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    const usable = get().runs.some(
      (run) => run.source === 'fetch' && (run.outcome === 'SUCCEEDED' || run.outcome === 'PARTIALLY_FAILED'),
    )
    if (!usable) {
      set({ drift: null })
      return
    }
    const result = await callApi('diff:drift', { integrationId })
    // Drift is a nicety beside the run history: when it cannot be computed, the panel simply stays away.
    set({ drift: result.ok ? result.value : null })
  },

  async importWebhook(text) {
    let payload: unknown
    try {
      payload = JSON.parse(text)
    } catch {
      set({
        webhookError: 'This is not JSON: paste the whole webhook body, from { to }.',
        webhookResult: null,
      })
      return
    }
    set({ webhookBusy: true, webhookError: null, webhookResult: null })
    const integrationId = currentIntegrationId()
    const result = await callApi('sync:import-webhook', {
      ...(integrationId ? { integrationId } : {}),
      payload,
    })
    if (result.ok) set({ webhookBusy: false, webhookResult: result.value })
    else set({ webhookBusy: false, webhookError: result.error.message })
    await get().loadRuns()
  },
}))
