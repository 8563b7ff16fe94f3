import { create } from 'zustand'
import type { AppError } from '../../../shared/result'

export interface Notice {
  id: number
  tone: 'error' | 'info' | 'success'
  text: string
}

interface NoticeState {
  notices: Notice[]
  push(tone: Notice['tone'], text: string): void
  pushError(error: AppError): void
  dismiss(id: number): void
}

let nextId = 1
/** Notices beyond this many push the oldest out; a long session should not grow a wall of toasts. */
const MAX_NOTICES = 4

export const useNoticeStore = create<NoticeState>()((set) => ({
  notices: [],
  push: (tone, text) =>
    set((state) => ({ notices: [...state.notices, { id: nextId++, tone, text }].slice(-MAX_NOTICES) })),
  pushError: (error) =>
    set((state) => ({
      notices: [...state.notices, { id: nextId++, tone: 'error' as const, text: error.message }].slice(
        -MAX_NOTICES,
      ),
    })),
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
}))
