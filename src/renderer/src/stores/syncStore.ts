import { create, type StoreApi } from 'zustand'
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

/** What one integration's sync is doing, as far as this window knows. */
export interface IntegrationSync {
  running: boolean
  progress: SyncProgress | null
  waiting: WaitState | null
  lastRun: SyncRunSummary | null
  error: AppError | null
}

const IDLE: IntegrationSync = { running: false, progress: null, waiting: null, lastRun: null, error: null }

interface SyncState {
  /** Per integration: a sync of one never shows as another's, whichever is selected. */
  byIntegration: Record<string, IntegrationSync>
  /** The run history and drift of the selected integration (runsFor says whose they are). */
  runs: SyncRunSummary[]
  runsFor: string | null
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
  /** Finds syncs already running in the desk (started before a reload, or in another window). */
  discover(): Promise<void>
  run(full: boolean): Promise<void>
  cancel(): Promise<void>
  loadRuns(): Promise<void>
  loadDrift(): Promise<void>
  importWebhook(text: string): Promise<void>
}

function waitStateOf(progress: SyncProgress): WaitState | null {
  return progress.waiting && !progress.finished
    ? {
        reason: progress.waiting.reason,
        message: progress.waiting.message,
        attempt: progress.waiting.attempt,
        until: Date.now() + progress.waiting.ms,
      }
    : null
}

type SetSync = StoreApi<SyncState>['setState']
type GetSync = StoreApi<SyncState>['getState']

/** The selected integration's run history, its drift report, and an imported sync-finished webhook. */
function createHistorySlice(
  set: SetSync,
  get: GetSync,
  patch: (integrationId: string, change: Partial<IntegrationSync>) => void,
): Pick<SyncState, 'loadRuns' | 'loadDrift' | 'importWebhook'> {
  return {
    async loadRuns() {
      const integrationId = currentIntegrationId()
      if (!integrationId) return
      const result = await callApi('sync:runs', { integrationId })
      // Switched meanwhile: these runs belong to the integration no longer shown.
      if (currentIntegrationId() !== integrationId) return
      if (result.ok) set({ runs: result.value, runsFor: integrationId })
      else patch(integrationId, { error: result.error })
      await get().loadDrift()
    },

    async loadDrift() {
      const integrationId = currentIntegrationId()
      if (!integrationId) return
      const usable = get().runs.some(
        (run) =>
          run.source === 'fetch' && (run.outcome === 'SUCCEEDED' || run.outcome === 'PARTIALLY_FAILED'),
      )
      if (!usable) {
        set({ drift: null })
        return
      }
      const result = await callApi('diff:drift', { integrationId })
      if (currentIntegrationId() !== integrationId) return
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
  }
}

/** One line on what a finished sync brought, as a notice. */
function announceRun(integrationId: string, run: SyncRunSummary): void {
  useNoticeStore
    .getState()
    .push(
      run.outcome === 'SUCCEEDED' ? 'success' : 'info',
      `${run.mode === 'full' ? 'Full' : 'Incremental'} sync of ${integrationId}: ${formatCount(run.records)} records, ${formatCount(run.inserted)} new, ${formatCount(run.updated)} changed, ${formatCount(run.deleted)} deleted.`,
    )
}

export const useSyncStore = create<SyncState>()((set, get) => {
  function patch(integrationId: string, change: Partial<IntegrationSync>): void {
    set((state) => ({
      byIntegration: {
        ...state.byIntegration,
        [integrationId]: { ...(state.byIntegration[integrationId] ?? IDLE), ...change },
      },
    }))
  }

  /** A run ended (here or in another window): the history, the counts and the other screens catch up. */
  async function afterRun(integrationId: string): Promise<void> {
    set((state) => ({ dataVersion: state.dataVersion + 1 }))
    const reloads: Promise<void>[] = [useSessionStore.getState().refreshIntegrations()]
    if (currentIntegrationId() === integrationId) reloads.push(get().loadRuns())
    await Promise.all(reloads)
  }

  return {
    byIntegration: {},
    runs: [],
    runsFor: null,
    webhookBusy: false,
    webhookResult: null,
    webhookError: null,
    dataVersion: 0,
    drift: null,

    reset: () =>
      set({
        drift: null,
        runs: [],
        runsFor: null,
        webhookResult: null,
        webhookError: null,
      }),

    listen() {
      return onSyncProgress((progress) => {
        const wasRunning = get().byIntegration[progress.integrationId]?.running ?? false
        patch(progress.integrationId, {
          running: progress.finished !== true,
          progress,
          waiting: waitStateOf(progress),
        })
        if (progress.finished && wasRunning) void afterRun(progress.integrationId)
      })
    },

    async discover() {
      const active = await callApi('sync:active', {})
      if (!active.ok) return
      for (const progress of active.value) {
        patch(progress.integrationId, { running: true, progress, waiting: waitStateOf(progress) })
      }
    },

    async run(full) {
      const integrationId = currentIntegrationId()
      if (!integrationId || get().byIntegration[integrationId]?.running) return
      patch(integrationId, { running: true, progress: null, waiting: null, error: null })
      const result = await callApi('sync:run', { integrationId, full })
      patch(integrationId, { running: false, waiting: null })
      if (result.ok) {
        patch(integrationId, { lastRun: result.value })
        announceRun(integrationId, result.value)
      } else {
        patch(integrationId, { error: result.error })
        // Refused because a sync already runs (another window started it): show that one instead.
        if (result.error.code === 'SYNC_IN_PROGRESS') await get().discover()
      }
      await afterRun(integrationId)
    },

    async cancel() {
      const integrationId = currentIntegrationId()
      if (!integrationId) return
      const result = await callApi('sync:cancel', { integrationId })
      if (!result.ok) useNoticeStore.getState().pushError(result.error)
    },

    ...createHistorySlice(set, get, patch),
  }
})

/** The selected integration's sync, read through a selector (a primitive or a stored object). */
export function useCurrentSync<T>(select: (sync: IntegrationSync) => T): T {
  const integrationId = useSessionStore((state) => state.integrationId)
  return useSyncStore((state) => select((integrationId && state.byIntegration[integrationId]) || IDLE))
}
