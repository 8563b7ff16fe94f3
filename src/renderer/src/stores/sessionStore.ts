import { create } from 'zustand'
import type { AppInfo } from '../../../shared/api'
import type { IntegrationSummary } from '../../../shared/dto/sync'
import type { AppError } from '../../../shared/result'
import { callApi } from '../lib/api'
import { useNoticeStore } from './noticeStore'

export type Screen = 'connect' | 'overview' | 'sync' | 'legacy' | 'review' | 'actions'

export const KOMBO_REGIONS = {
  eu: 'https://api.kombo.dev/v1',
  us: 'https://api.us.kombo.dev/v1',
} as const
export type Region = keyof typeof KOMBO_REGIONS | 'custom'

export interface ConnectInput {
  integrationId: string
  customerId: string
  region: Region
  customBaseUrl: string
  /** Entered with a custom base URL: the key is then bound to that URL and sent nowhere else but Kombo. */
  apiKey?: string
}

interface SessionState {
  info: AppInfo | null
  integrations: IntegrationSummary[]
  integrationId: string | null
  screen: Screen
  loading: boolean
  connecting: boolean
  savingKey: boolean
  error: AppError | null
  load(): Promise<void>
  refreshIntegrations(): Promise<void>
  connect(input: ConnectInput): Promise<boolean>
  saveApiKey(apiKey: string): Promise<boolean>
  selectIntegration(integrationId: string): void
  go(screen: Screen): void
}

const SELECTED_KEY = 'desk.integration'

function rememberSelection(integrationId: string): void {
  try {
    window.localStorage.setItem(SELECTED_KEY, integrationId)
  } catch {
    // Not remembering the last integration is harmless.
  }
}

function rememberedSelection(): string | null {
  try {
    return window.localStorage.getItem(SELECTED_KEY)
  } catch {
    return null
  }
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  info: null,
  integrations: [],
  integrationId: null,
  screen: 'connect',
  loading: false,
  connecting: false,
  savingKey: false,
  error: null,

  async load() {
    set({ loading: true, error: null })
    const info = await callApi('app:info', {})
    if (!info.ok) {
      set({ loading: false, error: info.error })
      return
    }
    set({ info: info.value })
    await get().refreshIntegrations()
    const { integrations } = get()
    const remembered = rememberedSelection()
    const selected = integrations.find((i) => i.integrationId === remembered) ?? integrations[0] ?? null
    set({
      loading: false,
      integrationId: selected?.integrationId ?? null,
      // Someone returning to a connected integration wants their work, not the connect form.
      screen: selected ? (selected.employeeCount > 0 ? 'review' : 'sync') : 'connect',
    })
  },

  async refreshIntegrations() {
    const list = await callApi('integrations:list', {})
    if (list.ok) set({ integrations: list.value })
    else set({ error: list.error })
  },

  async connect(input) {
    const baseUrl =
      input.region === 'custom' ? input.customBaseUrl.trim() || undefined : KOMBO_REGIONS[input.region]
    set({ connecting: true, error: null })
    const result = await callApi('integrations:connect', {
      integrationId: input.integrationId,
      ...(input.customerId.trim() ? { customerId: input.customerId.trim() } : {}),
      ...(baseUrl ? { baseUrl } : {}),
      ...(input.region === 'custom' && input.apiKey?.trim() ? { apiKey: input.apiKey.trim() } : {}),
    })
    if (!result.ok) {
      set({ connecting: false, error: result.error })
      return false
    }
    rememberSelection(result.value.integrationId)
    set({ connecting: false, integrationId: result.value.integrationId, screen: 'sync' })
    await get().refreshIntegrations()
    useNoticeStore.getState().push('success', `Connected ${result.value.integrationId}.`)
    return true
  },

  async saveApiKey(apiKey) {
    set({ savingKey: true, error: null })
    const result = await callApi('secrets:set-api-key', { apiKey })
    if (!result.ok) {
      set({ savingKey: false, error: result.error })
      return false
    }
    const info = await callApi('app:info', {})
    set({ savingKey: false, ...(info.ok ? { info: info.value } : {}) })
    useNoticeStore.getState().push('success', 'API key stored. It cannot be shown again, only replaced.')
    return true
  },

  selectIntegration(integrationId) {
    rememberSelection(integrationId)
    set({ integrationId })
  },

  go: (screen) => set({ screen }),
}))

/** The selected integration's id, for store actions that run outside React. */
export function currentIntegrationId(): string | null {
  return useSessionStore.getState().integrationId
}
