import { create } from 'zustand'
import type { MatchOutput } from '../../../shared/dto/match'
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

/** Counts the stored results by status and by the evidence that linked them. */
export function matchOutcome(output: MatchOutput) {
  const counts = { linkedByHrisId: 0, linkedByEmail: 0, linkedByDecision: 0, suggested: 0, unmatched: 0 }
  for (const result of output.results) {
    if (result.status === 'suggested') counts.suggested++
    else if (result.status === 'unmatched') counts.unmatched++
    else if (result.method === 'remote_id') counts.linkedByHrisId++
    else if (result.method === 'decision') counts.linkedByDecision++
    // Automatic links come only from the HRIS id and the work email (docs/architecture.md, Matching).
    else counts.linkedByEmail++
  }
  return counts
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
    const [match, plan] = await Promise.all([
      callApi('match:results', { integrationId, view: 'list' }),
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
        ...matchOutcome(match.value),
        conflicts: match.value.summary.conflicts,
        adds: plan.value.add.length,
        updates: plan.value.update.length,
        removes: plan.value.remove.length,
        withheldRemovals: plan.value.withheldRemovals.length,
      },
    })
  },
}))
