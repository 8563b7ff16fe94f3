import { useEffect } from 'react'
import { useNoticeStore, type Notice } from '../stores/noticeStore'

/** Success and info notes fade on their own; errors stay until dismissed, since they need reading. */
const NOTICE_LIFETIME_MS = 6000

function NoticeItem({ notice }: { notice: Notice }) {
  const dismiss = useNoticeStore((state) => state.dismiss)
  useEffect(() => {
    if (notice.tone === 'error') return
    const timer = setTimeout(() => dismiss(notice.id), NOTICE_LIFETIME_MS)
    return () => clearTimeout(timer)
  }, [notice, dismiss])
  return (
    <div className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
        ×
      </button>
    </div>
  )
}

export function Notices() {
  const notices = useNoticeStore((state) => state.notices)
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} />
      ))}
    </div>
  )
}
