import { create } from 'zustand'
import type { AppError } from '../../../shared/result'
import { callApi } from '../lib/api'
import { currentIntegrationId } from './sessionStore'

/** Where one integration stands: how its legacy users came out of matching, and what the lists hold. */
export interface IntegrationOutcome {
  integrationId: string
  employees: number
  legacyUsers: number
  linkedByHrisId: number
  linkedByEmail: number
  linkedByDecision: number
  suggested: number
  unmatched: number
  conflicts: number
  adds: number
  updates: number
  removes: number
  withheldRemovals: number
}

interface OverviewState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  outcome: IntegrationOutcome | null
  error: AppError | null
  load(): Promise<void>
}

export const useOverviewStore = create<OverviewState>()((set, get) => ({
  status: 'idle',
  outcome: null,
  error: null,

  async load() {
    const integrationId = currentIntegrationId()
    if (!integrationId) return
    // Another integration's figures must not stay on screen while this one's are read.
    if (get().outcome?.integrationId !== integrationId) set({ outcome: null })
    set({ status: 'loading', error: null })
    // Counts only: reading every result to count them took seconds at 100,000 users.
    const [match, plan] = await Promise.all([
      callApi('match:outcome', { integrationId }),
      callApi('diff:get', { integrationId }),
    ])
    if (currentIntegrationId() !== integrationId) return
    if (!match.ok || !plan.ok) {
      set({ status: 'error', error: !match.ok ? match.error : !plan.ok ? plan.error : null })
      return
    }
    set({
      status: 'ready',
      outcome: {
        integrationId,
        employees: match.value.summary.employees,
        legacyUsers: match.value.summary.legacyUsers,
        linkedByHrisId: match.value.linkedByHrisId,
        linkedByEmail: match.value.linkedByEmail,
        linkedByDecision: match.value.linkedByDecision,
        suggested: match.value.suggested,
        unmatched: match.value.unmatched,
        conflicts: match.value.summary.conflicts,
        adds: plan.value.add.length,
        updates: plan.value.update.length,
        removes: plan.value.remove.length,
        withheldRemovals: plan.value.withheldRemovals.length,
      },
    })
  },
}))
