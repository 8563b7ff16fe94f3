import { memo, useId, type RefObject } from 'react'
import { VirtualList } from '../../components/VirtualList'
import { employeeName } from '../../lib/format'
import { useReviewStore, type EmployeeFilter } from '../../stores/reviewStore'

const EMPLOYEE_ROW_HEIGHT = 52
/**
 * The employee list jumps to the focused employee on every move of the legacy list, drawing a fresh
 * set of rows each time: a few rows beyond the viewport are enough to scroll by hand.
 */
const EMPLOYEE_OVERSCAN_ROWS = 3

/** Memoised: a row renders again when its own store values change, not whenever the list does. */
const EmployeeRow = memo(function EmployeeRow({ employeeId }: { employeeId: string }) {
  const employee = useReviewStore((state) => state.employeeById.get(employeeId))
  const linkedTo = useReviewStore((state) => state.linkedUserByEmployee.get(employeeId))
  const departed =
    employee?.remote_deleted_at || employee?.vanished_at || employee?.employment_status === 'INACTIVE'
  return (
    <div className="row-body">
      <div className="row-main">
        <span className="row-title">{employeeName(employee)}</span>
        {linkedTo ? <span className="badge badge-matched">linked #{linkedTo}</span> : null}
        {departed ? <span className="badge badge-bad">departed</span> : null}
      </div>
      <div className="row-sub">
        <span className="mono">{employee?.work_email ?? employee?.personal_email ?? '—'}</span>
        <span className="muted">{employee?.remote_id}</span>
      </div>
    </div>
  )
})

/** One function for every render, so the list's memoised rows see the same props. */
const renderEmployeeRow = (id: string) => <EmployeeRow employeeId={id} />

export function EmployeeList({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const visibleEmployeeIds = useReviewStore((state) => state.visibleEmployeeIds)
  const focusedEmployeeId = useReviewStore((state) => state.focusedEmployeeId)
  const employeeFilter = useReviewStore((state) => state.employeeFilter)
  const employeeQuery = useReviewStore((state) => state.employeeQuery)
  const partial = useReviewStore((state) => state.partial)
  const focusEmployee = useReviewStore((state) => state.focusEmployee)
  const setEmployeeFilter = useReviewStore((state) => state.setEmployeeFilter)
  const setEmployeeQuery = useReviewStore((state) => state.setEmployeeQuery)
  const focusFirstMatch = useReviewStore((state) => state.focusFirstMatch)
  const fieldId = useId()
  return (
    <section className="pane" aria-labelledby={`${fieldId}-title`}>
      <header className="pane-header">
        <h2 id={`${fieldId}-title`}>HRIS employees</h2>
        <label className="sr-only" htmlFor={`${fieldId}-filter`}>
          Show employees
        </label>
        <select
          id={`${fieldId}-filter`}
          value={employeeFilter}
          disabled={employeeQuery.trim() !== ''}
          onChange={(event) => setEmployeeFilter(event.target.value as EmployeeFilter)}
        >
          <option value="all">all</option>
          <option value="unlinked">not linked</option>
          <option value="linked">linked</option>
        </select>
      </header>
      <label htmlFor={fieldId} className="sr-only">
        Search employees to pair by hand
      </label>
      <input
        ref={searchRef}
        id={fieldId}
        type="search"
        className="pane-filter"
        placeholder="Search employees (press /)"
        value={employeeQuery}
        onChange={(event) => setEmployeeQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setEmployeeQuery('')
            event.currentTarget.blur()
          }
          if (event.key === 'Enter') {
            event.preventDefault()
            focusFirstMatch()
            // Back to the work list, so the next shortcut (a to pair) acts instead of typing into the box.
            document.querySelector<HTMLElement>('[role="listbox"][aria-label="Legacy users"]')?.focus()
          }
        }}
      />
      <VirtualList
        label="HRIS employees"
        idPrefix="employee-row"
        ids={visibleEmployeeIds}
        rowHeight={EMPLOYEE_ROW_HEIGHT}
        selectedId={focusedEmployeeId}
        onSelect={focusEmployee}
        renderRow={renderEmployeeRow}
        overscan={EMPLOYEE_OVERSCAN_ROWS}
        empty={
          partial
            ? 'Loading employees…'
            : employeeQuery
              ? 'No employee matches this search.'
              : 'No employees.'
        }
      />
    </section>
  )
}
