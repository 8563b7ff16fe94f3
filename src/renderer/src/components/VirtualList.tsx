import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react'

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
  /** Rows drawn beyond the viewport on each side (OVERSCAN_ROWS unless said). */
  overscan?: number
}

/** Rows drawn beyond the viewport so fast j/k scrolling never shows blank space. */
const OVERSCAN_ROWS = 12

/**
 * The row count the virtualizer is told is the list's length rounded up to a multiple of this. A change
 * of its count makes the virtualizer lay out every row again (an O(n) pass and arrays of n entries), and
 * a decision changes the length by one: at 100,000 rows that pass was part of every key. Rows have one
 * fixed height, so the extra slots past the end are simply not drawn and the list's height is its own.
 */
const COUNT_STEP = 1024

function countFor(length: number): number {
  return Math.ceil(length / COUNT_STEP) * COUNT_STEP
}

interface RowProps {
  id: string
  index: number
  start: number
  setSize: number
  selected: boolean
  selectable: boolean
  rowHeight: number
  idPrefix: string
  onSelect?: (id: string) => void
  renderRow: (id: string, selected: boolean) => ReactNode
}

/**
 * One drawn row. Memoised: when a decided row leaves the list, only the rows whose place or selection
 * changed render again (with stable renderRow and onSelect), not every row in view on each key.
 */
const VirtualRow = memo(function VirtualRow({
  id,
  index,
  start,
  setSize,
  selected,
  selectable,
  rowHeight,
  idPrefix,
  onSelect,
  renderRow,
}: RowProps) {
  return (
    <div
      id={`${idPrefix}-${index}`}
      role={selectable ? 'option' : 'listitem'}
      aria-selected={selectable ? selected : undefined}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      className={selected ? 'row selected' : 'row'}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: rowHeight,
        transform: `translateY(${start}px)`,
      }}
      onClick={() => onSelect?.(id)}
    >
      {renderRow(id, selected)}
    </div>
  )
})

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
  overscan = OVERSCAN_ROWS,
}: VirtualListProps) {
  const selectable = role === 'listbox'
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented; nothing memoises its results
  const virtualizer = useVirtualizer({
    count: countFor(ids.length),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
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
      <div style={{ height: ids.length * rowHeight, position: 'relative', width: '100%' }}>
        {virtualizer.getVirtualItems().map((item) => {
          // Past the end (the count is rounded up, see COUNT_STEP) there is nothing to draw.
          const id = ids[item.index]
          if (id === undefined) return null
          return (
            <VirtualRow
              key={id}
              id={id}
              index={item.index}
              start={item.start}
              setSize={ids.length}
              selected={id === selectedId}
              selectable={selectable}
              rowHeight={rowHeight}
              idPrefix={idPrefix}
              onSelect={onSelect}
              renderRow={renderRow}
            />
          )
        })}
      </div>
    </div>
  )
}
