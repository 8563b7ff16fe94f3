import { create } from 'zustand'
import type { BulkAcceptMethod, BulkAcceptOutcome } from '../../../shared/dto/match'
import type { AppError } from '../../../shared/result'
import { callApi } from '../lib/api'
import { announceReviewChange } from '../lib/reviewChannel'
import { useNoticeStore } from './noticeStore'
import { useReviewStore } from './reviewStore'
import { currentIntegrationId } from './sessionStore'

export type BulkMethodChoice = BulkAcceptMethod | 'any'

interface BulkAcceptState {
  open: boolean
  method: BulkMethodChoice
  /** As typed: checked before any call, so a bad value gets a message instead of a guess. */
  minScore: string
  status: 'idle' | 'previewing' | 'ready' | 'applying'
  preview: BulkAcceptOutcome | null
  error: AppError | null
  /** Opens the dialog with criteria and shows what they would link. */
  start(criteria: { method: BulkMethodChoice; minScore: string }): Promise<void>
  setCriteria(change: Partial<{ method: BulkMethodChoice; minScore: string }>): Promise<void>
  close(): void
  /** Links exactly the previewed pairs as one batch (refused if the suggestions changed meanwhile). */
  apply(): Promise<void>
}

/** The criteria as the contract takes them, or a sentence saying what is wrong with them. */
export function bulkCriteria(
  method: BulkMethodChoice,
  minScoreText: string,
): { method?: BulkAcceptMethod; minScore?: number } | string {
  const text = minScoreText.trim()
  const minScore = text === '' ? undefined : Number(text)
  if (minScore !== undefined && !(minScore >= 0 && minScore <= 1))
    return 'The minimum score is a number from 0 to 1, for example 0.9.'
  if (method === 'any' && minScore === undefined)
    return 'Pick a method or a minimum score: every suggestion at once is not offered.'
  return { ...(method !== 'any' ? { method } : {}), ...(minScore !== undefined ? { minScore } : {}) }
}

/** Orders previews: only the latest criteria's answer is shown. */
let previewSequence = 0

export const useBulkAcceptStore = create<BulkAcceptState>()((set, get) => {
  async function refreshPreview(): Promise<void> {
    const integrationId = currentIntegrationId()
    const criteria = bulkCriteria(get().method, get().minScore)
    const ticket = ++previewSequence
    if (!integrationId || typeof criteria === 'string') {
      set({ status: 'idle', preview: null, error: null })
      return
    }
    set({ status: 'previewing', error: null })
    const result = await callApi('match:accept-bulk', { integrationId, ...criteria, dryRun: true })
    if (ticket !== previewSequence || !get().open) return
    set(result.ok ? { status: 'ready', preview: result.value } : { status: 'idle', error: result.error })
  }

  return {
    open: false,
    method: 'any',
    minScore: '',
    status: 'idle',
    preview: null,
    error: null,

    async start(criteria) {
      set({ open: true, ...criteria, preview: null, error: null })
      await refreshPreview()
    },

    async setCriteria(change) {
      set(change)
      await refreshPreview()
    },

    close: () => set({ open: false, status: 'idle', preview: null, error: null }),

    async apply() {
      const integrationId = currentIntegrationId()
      const { preview, status } = get()
      const criteria = bulkCriteria(get().method, get().minScore)
      // One activation links once: a second click while applying does nothing.
      if (!integrationId || !preview || status !== 'ready' || typeof criteria === 'string') return
      set({ status: 'applying' })
      const expected = preview.pairs.map((pair) => ({ userId: pair.user_id, komboId: pair.kombo_id }))
      const result = await callApi('match:accept-bulk', { integrationId, ...criteria, expected })
      if (!result.ok) {
        // Show what the criteria select now, and why the old list was not applied.
        await refreshPreview()
        set({ error: result.error })
        return
      }
      get().close()
      useNoticeStore
        .getState()
        .push(
          'success',
          `Linked ${result.value.pairs.length} pairs in one step; the decision history undoes it as one.`,
        )
      announceReviewChange(integrationId)
      const review = useReviewStore.getState()
      await review.load({ force: true, stamp: review.loadedStamp ?? '' })
    },
  }
})
