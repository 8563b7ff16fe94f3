import { useEffect, useId, useRef, type ReactNode } from 'react'

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A modal dialog that keeps the keyboard inside it: focus starts on the first control (the safe
 * choice comes first, so Enter on an unread dialog does nothing harmful), Tab and Shift+Tab cycle
 * within, Escape closes, and focus returns to where it was when the dialog closes.
 */
export function Dialog({
  title,
  onClose,
  children,
  alert = true,
  wide = false,
}: {
  title: string
  onClose: () => void
  children: ReactNode
  /** alertdialog: the dialog asks before something that cannot simply be taken back. */
  alert?: boolean
  /** For a dialog that lists many rows (a bulk step's preview). */
  wide?: boolean
}) {
  const titleId = useId()
  const boxRef = useRef<HTMLDivElement>(null)
  const closeRef = useRef(onClose)
  useEffect(() => {
    closeRef.current = onClose
  }, [onClose])

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const box = boxRef.current
    box?.querySelector<HTMLElement>(FOCUSABLE)?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (!box) return
      if (event.key === 'Escape') {
        event.preventDefault()
        closeRef.current()
        return
      }
      if (event.key !== 'Tab') return
      const controls = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)]
      const first = controls[0]
      const last = controls.at(-1)
      if (!first || !last) return
      const inside = box.contains(document.activeElement)
      if (event.shiftKey && (document.activeElement === first || !inside)) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
        event.preventDefault()
        first.focus()
      }
    }
    document.addEventListener('keydown', onKey, true)
    return () => {
      document.removeEventListener('keydown', onKey, true)
      previous?.focus()
    }
  }, [])

  return (
    <div className="backdrop">
      <div
        ref={boxRef}
        className={wide ? 'dialog wide' : 'dialog'}
        role={alert ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  )
}
