import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react'

interface VirtualListProps {
  /** Accessible name of the list, e.g. "Legacy users". */
  label: string
  ids: readonly string[]
  rowHeight: number
  selectedId?: string | null
  /** Prefix for row element ids, so the list can point aria-activedescendant at the selected row. */
  idPrefix: string
  onSelect?: (id: string) => void
  renderRow: (id: string, selected: boolean) => ReactNode
  empty?: ReactNode
  /** 'listbox' for lists you select in; 'list' for read-only rows. */
  role?: 'listbox' | 'list'
}

/** Rows drawn beyond the viewport so fast j/k scrolling never shows blank space. */
const OVERSCAN_ROWS = 12

/**
 * A listbox that renders only the rows in view, so 100,000 rows scroll like 100. Selection follows
 * the store; the list keeps the selected row in view.
 */
export function VirtualList({
  label,
  ids,
  rowHeight,
  selectedId,
  idPrefix,
  onSelect,
  renderRow,
  empty,
  role = 'listbox',
}: VirtualListProps) {
  const selectable = role === 'listbox'
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented; nothing memoises its results
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN_ROWS,
    // The virtualizer keys its rows by position (its default). Rows have one fixed height, so nothing it
    // measured belongs to a row; keyed by id it would look up every row's id again whenever the ids
    // change, which a decision does (about 92,000 lookups and objects on each accept at 100,000 rows).
  })
  const selectedIndex = selectedId ? ids.indexOf(selectedId) : -1

  useEffect(() => {
    const element = scrollRef.current
    if (selectedIndex < 0 || !element) return
    // Rows have one fixed height, so where the selected row is, and whether it is in view (as of the
    // last scroll event and resize the virtualizer saw), needs no measuring. The virtualizer's own
    // scrollToIndex reads the element's scroll extent, and again on later frames until it settles: each
    // read right after the rows changed forces a layout of the page (tens of ms a key at 100,000 rows).
    const top = selectedIndex * rowHeight
    const offset = virtualizer.scrollOffset ?? element.scrollTop
    const height = virtualizer.scrollRect?.height ?? element.clientHeight
    if (top < offset) element.scrollTop = top
    else if (top + rowHeight > offset + height) element.scrollTop = top + rowHeight - height
  }, [selectedIndex, virtualizer, rowHeight])

  /** Arrow keys, Home/End and PageUp/PageDown move within the focused list (WAI-ARIA listbox pattern). */
  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!onSelect || ids.length === 0) return
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1)
    const steps: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -ids.length,
      End: ids.length,
    }
    const step = steps[event.key]
    if (step === undefined) return
    // Handled here: the screen's own shortcuts must not move another list as well.
    event.preventDefault()
    event.stopPropagation()
    const next = Math.min(Math.max((selectedIndex < 0 ? 0 : selectedIndex) + step, 0), ids.length - 1)
    const id = ids[next]
    if (id !== undefined) onSelect(id)
  }

  if (ids.length === 0) return <div className="list-empty">{empty ?? 'Nothing to show.'}</div>

  return (
    <div
      ref={scrollRef}
      className="virtual-list"
      role={role}
      aria-label={label}
      tabIndex={0}
      onKeyDown={selectable ? onListKey : undefined}
      aria-activedescendant={selectable && selectedIndex >= 0 ? `${idPrefix}-${selectedIndex}` : undefined}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const id = ids[item.index]
          if (id === undefined) return null
          const selected = id === selectedId
          return (
            <div
              key={id}
              id={`${idPrefix}-${item.index}`}
              role={selectable ? 'option' : 'listitem'}
              aria-selected={selectable ? selected : undefined}
              aria-setsize={ids.length}
              aria-posinset={item.index + 1}
              className={selected ? 'row selected' : 'row'}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: rowHeight,
                transform: `translateY(${item.start}px)`,
              }}
              onClick={() => onSelect?.(id)}
            >
              {renderRow(id, selected)}
            </div>
          )
        })}
      </div>
    </div>
  )
}
