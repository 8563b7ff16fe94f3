import type { StoredEmployee } from '../../../../shared/dto/employees'
import type { LegacyUser } from '../../../../shared/dto/legacy'
import type { MatchEvidence, MatchResult } from '../../../../shared/dto/match'
import { employeeName, formatDateTime, legacyName, scoreLabel } from '../../lib/format'
import { isCandidateOf, needsDetail, useReviewStore } from '../../stores/reviewStore'
import { METHOD_LABEL } from './methodLabels'

type Verdict = 'same' | 'similar' | 'differs' | null

const VERDICT_MARK: Record<NonNullable<Verdict>, string> = { same: '=', similar: '≈', differs: '≠' }

/** Equal ignoring case; for emails, the same mailbox name at another domain counts as similar. */
function compareValues(a: string | null | undefined, b: string | null | undefined): Verdict {
  if (!a || !b) return null
  const left = a.trim().toLowerCase()
  const right = b.trim().toLowerCase()
  if (left === right) return 'same'
  const [leftLocal, leftDomain] = left.split('@')
  const [rightLocal, rightDomain] = right.split('@')
  if (leftDomain && rightDomain && leftLocal === rightLocal) return 'similar'
  return 'differs'
}

function FieldRow({
  label,
  left,
  right,
  comparable = true,
}: {
  label: string
  left: string | null | undefined
  right: string | null | undefined
  /** False for rows shown side by side that never agree (each system's own record id). */
  comparable?: boolean
}) {
  const verdict = comparable ? compareValues(left, right) : null
  return (
    <tr className={verdict ?? undefined}>
      <th scope="row">{label}</th>
      <td className="mono">{left || '—'}</td>
      <td
        className="verdict"
        aria-label={verdict === 'similar' ? 'same name, other domain' : (verdict ?? 'not comparable')}
      >
        {verdict ? VERDICT_MARK[verdict] : ''}
      </td>
      <td className="mono">{right || '—'}</td>
    </tr>
  )
}

function employeeStatus(employee: StoredEmployee): string {
  if (employee.remote_deleted_at) return `deleted ${formatDateTime(employee.remote_deleted_at)}`
  if (employee.vanished_at) return `no longer returned since ${formatDateTime(employee.vanished_at)}`
  const status = employee.employment_status ?? 'unknown'
  return employee.termination_date ? `${status}, leaves ${formatDateTime(employee.termination_date)}` : status
}

function Comparison({ user, employee }: { user: LegacyUser; employee: StoredEmployee | undefined }) {
  return (
    <table className="compare">
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">Field</span>
          </th>
          <th scope="col">Legacy user</th>
          <th scope="col">
            <span className="sr-only">Comparison</span>
          </th>
          <th scope="col">HRIS employee</th>
        </tr>
      </thead>
      <tbody>
        <FieldRow label="Name" left={legacyName(user)} right={employee ? employeeName(employee) : null} />
        <FieldRow label="Email" left={user.email} right={employee?.work_email} />
        <FieldRow label="Private email" left={user.private_email} right={employee?.personal_email} />
        <FieldRow label="HRIS id" left={user.hris_id} right={employee?.remote_id} />
        <FieldRow label="Status" left={user.status} right={employee ? employeeStatus(employee) : null} />
        <FieldRow
          label="Record"
          left={`#${user.user_id}, line ${user.line}`}
          right={employee?.id}
          comparable={false}
        />
      </tbody>
    </table>
  )
}

/** One sentence on where this user stands and what the reviewer can do next. */
function explain(result: MatchResult, decidedNoMatch: boolean): string {
  if (result.status === 'matched')
    return `Linked by ${METHOD_LABEL[result.method]}${result.reasons.length ? `: ${result.reasons.join(' · ')}` : ''}`
  if (result.status === 'suggested')
    return `Suggested by ${METHOD_LABEL[result.method]}, score ${scoreLabel(result.score)}: confirm or reject.`
  if (decidedNoMatch)
    return 'You decided this user has no employee: they go on the remove list. Undo the decision to link them after all.'
  return result.candidates.length > 0 || (result.candidateCount ?? 0) > 0
    ? 'Nothing close enough to suggest: the weak candidates are below. Pair by hand or decide there is no match.'
    : 'Nothing found: no employee shares an id, email or name with this user. Search on the right to pair by hand, or decide there is no match.'
}

/** Accept (or pair), reject, no match, undo: buttons and their keys, disabled when they do not apply. */
function DecisionToolbar({
  result,
  focusedEmployee,
  heldElsewhere,
}: {
  result: MatchResult
  focusedEmployee: StoredEmployee | undefined
  heldElsewhere: boolean
}) {
  const busy = useReviewStore((state) => state.busy)
  // The row the selection just moved to is settling: the second press of a double click must not decide
  // about it, and the buttons say so rather than ignoring a click.
  const settling = useReviewStore((state) => state.settling)
  const canUndo = useReviewStore((state) => state.undoStack.length > 0)
  const accept = useReviewStore((state) => state.accept)
  const reject = useReviewStore((state) => state.reject)
  const noMatch = useReviewStore((state) => state.noMatch)
  const undo = useReviewStore((state) => state.undo)
  const focusedIsCandidate = isCandidateOf(result, focusedEmployee?.id)
  const isLinkedToFocused = result.status === 'matched' && result.kombo_id === focusedEmployee?.id
  const decidedNoMatch = result.status === 'unmatched' && result.method === 'decision'
  return (
    <div className="actions-bar" role="toolbar" aria-label="Decision">
      <button
        type="button"
        className="primary"
        disabled={
          busy || settling || !focusedEmployee || isLinkedToFocused || heldElsewhere || decidedNoMatch
        }
        onClick={(event) => void accept({ repeat: event.detail > 1 })}
        aria-keyshortcuts="a"
      >
        {focusedEmployee && !focusedIsCandidate ? 'Pair with this employee' : 'Accept'} <kbd>a</kbd>
      </button>
      <button
        type="button"
        disabled={busy || settling || !focusedIsCandidate || decidedNoMatch}
        onClick={(event) => void reject({ repeat: event.detail > 1 })}
        aria-keyshortcuts="r"
      >
        Reject <kbd>r</kbd>
      </button>
      <button
        type="button"
        disabled={busy || settling || decidedNoMatch}
        onClick={(event) => void noMatch({ repeat: event.detail > 1 })}
        aria-keyshortcuts="n"
      >
        No match <kbd>n</kbd>
      </button>
      <button type="button" disabled={busy || !canUndo} onClick={() => void undo()} aria-keyshortcuts="u">
        Undo <kbd>u</kbd>
      </button>
    </div>
  )
}

function Candidates() {
  const selectedUserId = useReviewStore((state) => state.selectedUserId)
  const result = useReviewStore((state) =>
    state.selectedUserId ? state.resultByUser.get(state.selectedUserId) : undefined,
  )
  const employeeById = useReviewStore((state) => state.employeeById)
  const linkedUserByEmployee = useReviewStore((state) => state.linkedUserByEmployee)
  // The links change in place: a decision about another user can take a candidate.
  useReviewStore((state) => state.rowsVersion)
  const focusedEmployeeId = useReviewStore((state) => state.focusedEmployeeId)
  const focusEmployee = useReviewStore((state) => state.focusEmployee)
  if (result && needsDetail(result))
    return (
      <p className="muted" role="status">
        Reading candidates…
      </p>
    )
  if (!result || result.candidates.length === 0)
    return <p className="muted">No candidates: search the employees on the right to pair by hand.</p>
  return (
    <ol className="candidates" aria-label="Candidates, best first">
      {result.candidates.map((candidate, index) => {
        const employee = employeeById.get(candidate.kombo_id)
        const linkedTo = linkedUserByEmployee.get(candidate.kombo_id)
        const focused = candidate.kombo_id === focusedEmployeeId
        return (
          <li key={candidate.kombo_id}>
            <button
              type="button"
              className={focused ? 'candidate focused' : 'candidate'}
              aria-pressed={focused}
              onClick={() => focusEmployee(candidate.kombo_id)}
            >
              <span className="candidate-head">
                <span className="row-title">
                  {index === 0 ? 'Best: ' : index === 1 ? 'Runner-up: ' : ''}
                  {employeeName(employee)}
                </span>
                <span className="score" aria-label={`score ${scoreLabel(candidate.score)}`}>
                  <span className="score-bar" style={{ width: `${Math.round(candidate.score * 100)}%` }} />
                  <span className="score-text">{scoreLabel(candidate.score)}</span>
                </span>
              </span>
              <span className="muted small">
                by {METHOD_LABEL[candidate.method]}
                {linkedTo && linkedTo !== selectedUserId ? ` · already linked to #${linkedTo}` : ''}
              </span>
              <span className="reasons">{candidate.reasons.join(' · ')}</span>
              {candidate.evidence && candidate.evidence.length > 0 ? (
                <span className="evidence muted small" data-testid="candidate-evidence">
                  {candidate.evidence.map((field) => evidenceLabel(field)).join(' · ')}
                </span>
              ) : null}
            </button>
          </li>
        )
      })}
    </ol>
  )
}

export function ComparePanel() {
  const selectedUserId = useReviewStore((state) => state.selectedUserId)
  const user = useReviewStore((state) =>
    state.selectedUserId ? state.legacyById.get(state.selectedUserId) : undefined,
  )
  const result = useReviewStore((state) =>
    state.selectedUserId ? state.resultByUser.get(state.selectedUserId) : undefined,
  )
  const focusedEmployee = useReviewStore((state) =>
    state.focusedEmployeeId ? state.employeeById.get(state.focusedEmployeeId) : undefined,
  )
  const busy = useReviewStore((state) => state.busy)
  const holder = useReviewStore((state) =>
    state.focusedEmployeeId ? state.linkedUserByEmployee.get(state.focusedEmployeeId) : undefined,
  )
  const holderUser = useReviewStore((state) => (holder ? state.legacyById.get(holder) : undefined))
  const moveLinkHere = useReviewStore((state) => state.moveLinkHere)

  if (!selectedUserId || !user || !result) {
    return (
      <section className="pane compare-pane" aria-label="Selected user">
        <p className="muted">Select a legacy user on the left.</p>
      </section>
    )
  }
  const heldElsewhere = holder !== undefined && holder !== selectedUserId
  const decidedNoMatch = result.status === 'unmatched' && result.method === 'decision'
  const explanation = explain(result, decidedNoMatch)
  const stateLabel = decidedNoMatch ? 'decided: no match' : result.status
  return (
    <section className="pane compare-pane" aria-labelledby="compare-title" data-testid="compare-pane">
      <header className="pane-header">
        <h2 id="compare-title">{legacyName(user)}</h2>
        <span className={`badge badge-${result.status}`} data-testid="selected-status">
          {stateLabel}
        </span>
      </header>
      <p className="muted small" data-testid="selected-explanation">
        {explanation}
      </p>
      {heldElsewhere && focusedEmployee ? (
        <div className="callout callout-warn" role="note" data-testid="held-elsewhere">
          {employeeName(focusedEmployee)} is already linked to #{holder}
          {holderUser ? ` (${legacyName(holderUser)})` : ''}. Links are one to one.{' '}
          <button type="button" disabled={busy} onClick={() => void moveLinkHere()}>
            Move the link to this user
          </button>
        </div>
      ) : null}
      {result.conflicts.length > 0 ? (
        <div className="callout callout-warn conflicts" role="note" aria-label="Why this needs a look">
          <strong>Look closely:</strong>
          <ul>
            {result.conflicts.map((conflict) => (
              <li key={conflict}>{conflict}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Comparison user={user} employee={focusedEmployee} />
      <DecisionToolbar result={result} focusedEmployee={focusedEmployee} heldElsewhere={heldElsewhere} />
      <h3>Candidates</h3>
      <Candidates />
    </section>
  )
}

const FIELD_LABEL: Record<MatchEvidence['field'], string> = {
  hris_id: 'HRIS id',
  work_email: 'work email',
  private_email: 'private email',
  given_name: 'first name',
  family_name: 'last name',
}

/** One field's weight of evidence, signed, in bits: "last name +9.7", "first name -4.3". */
function evidenceLabel(field: MatchEvidence): string {
  const sign = field.weight > 0 ? '+' : field.weight < 0 ? '\u2212' : '\u00b1'
  return `${FIELD_LABEL[field.field]} ${sign}${Math.abs(field.weight).toFixed(1)}`
}
