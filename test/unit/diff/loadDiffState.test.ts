import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { diffEmployees } from '../../../src/main/core/diff/diffEmployees'
import { loadDiffState } from '../../../src/main/core/diff/loadDiffState'
import { workEmailHash } from '../../../src/main/core/diff/normalise'
import { fillRandomCompany } from './randomCompany'
import {
  insertRun,
  putDecision,
  putEmployee,
  putLegacyUsers,
  putMatches,
  putTombstone,
  seedIntegration,
  tempStore,
  type EmployeeSeed,
  type LegacySeed,
  type MatchSeed,
  type TempStore,
} from './seed'

const INTEGRATION = 'personio:load'
const AT = '2030-06-15T09:00:00.000Z'

let store: TempStore
let run: number
beforeEach(() => {
  store = tempStore()
  seedIntegration(store.db, INTEGRATION)
  run = insertRun(store.db, INTEGRATION, { outcome: 'SUCCEEDED' })
})
afterEach(() => store.close())

/** One linked pair per case: an employee, the product's user, and the match between them. */
function pair(
  name: string,
  employee: Partial<EmployeeSeed>,
  user: Partial<LegacySeed>,
): { employee: EmployeeSeed; user: LegacySeed; match: MatchSeed } {
  return {
    employee: {
      id: `e-${name}`,
      first_name: 'Ann',
      last_name: 'Lee',
      work_email: `${name}@acme.example`,
      ...employee,
    },
    user: {
      user_id: `u-${name}`,
      email: `${name}@acme.example`,
      first_name: 'Ann',
      last_name: 'Lee',
      ...user,
    },
    match: { user_id: `u-${name}`, status: 'matched', kombo_id: `e-${name}` },
  }
}

/** Every condition the loader's settled-pair test relies on, each on one side of its edge. */
const EDGE_CASES = [
  pair('same', {}, {}),
  pair('email-case', { work_email: 'Email-Case@ACME.example' }, {}),
  pair('email-accent', { work_email: 'ÄNN@acme.example' }, { email: 'änn@acme.example' }),
  pair('email-space', { work_email: 'A  B@acme.example' }, { email: 'a  b@acme.example' }),
  pair('email-empty', { work_email: null }, {}),
  pair('email-new', { work_email: 'new@acme.example' }, {}),
  pair('name-empty', { first_name: null, last_name: null }, {}),
  pair('name-new', { last_name: 'Lee-Berg' }, {}),
  pair('name-space', { first_name: 'Ann ' }, {}),
  pair('name-unicode', { first_name: 'Ame\u0301lie' }, { first_name: 'Amélie' }),
  pair('full-name', {}, { first_name: null, last_name: null, full_name: 'Lee, Ann' }),
  pair('no-names', {}, { first_name: null, last_name: null }),
  pair('status-active', { employment_status: 'ACTIVE' }, { status: 'active' }),
  pair('status-disabled', { employment_status: 'ACTIVE' }, { status: 'disabled' }),
  pair('status-leave', { employment_status: 'LEAVE' }, { status: 'Aktiv' }),
  pair('status-pending', { employment_status: 'PENDING' }, { status: 'deaktiviert' }),
  pair('status-unknown', {}, { status: 'probation' }),
  pair('status-blank', {}, { status: '  ' }),
  pair('status-null-hris', { employment_status: null }, { status: 'enabled' }),
  pair('status-raw-hris', { employment_status: 'active' }, { status: 'disabled' }),
  pair('status-dotless', { employment_status: 'ınactive' }, {}),
  pair('leaves-later', { termination_date: '2030-12-31T00:00:00.000Z' }, {}),
  pair('left', { termination_date: '2030-01-31T00:00:00.000Z' }, {}),
  pair('deleted', { remote_deleted_at: '2030-06-01T00:00:00Z' }, {}),
  pair('vanished', { vanished_at: '2030-06-01T00:00:00Z' }, {}),
  pair('decided', {}, {}),
  pair('returned', {}, {}),
  pair('shared', {}, {}),
]

function fillEdgeCases(): void {
  for (const c of EDGE_CASES) putEmployee(store.db, INTEGRATION, run, c.employee)
  // A second user linked to the same employee as u-shared.
  const users = [...EDGE_CASES.map((c) => c.user), { user_id: 'u-shared-2', email: 'shared@acme.example' }]
  // An unmatched user whose old link points at a settled employee, and one returning after leaving.
  users.push(
    { user_id: 'u-moved-on', email: 'moved@acme.example' },
    { user_id: 'u-leaver', email: 'leaver@acme.example' },
  )
  users.push({ user_id: 'u-pending', email: 'pending@acme.example' })
  putLegacyUsers(store.db, INTEGRATION, users)
  putEmployee(store.db, INTEGRATION, run, {
    id: 'e-old-leaver',
    remote_id: 'R-L',
    work_email: null,
    remote_deleted_at: '2030-01-01T00:00:00Z',
  })
  putTombstone(store.db, INTEGRATION, {
    kombo_id: 'e-old-leaver',
    remote_id: 'R-L',
    work_email_hash: workEmailHash('leaver@acme.example'),
    reason: 'deleted',
  })
  putEmployee(store.db, INTEGRATION, run, {
    id: 'e-new-leaver',
    remote_id: 'R-L2',
    work_email: 'leaver@acme.example',
  })
  putTombstone(store.db, INTEGRATION, {
    kombo_id: 'e-returned',
    remote_id: 'r-e-returned',
    work_email_hash: null,
    reason: 'vanished',
  })
  putMatches(store.db, INTEGRATION, [
    { user_id: 'u-moved-on', status: 'matched', kombo_id: 'e-same' },
    { user_id: 'u-leaver', status: 'matched', kombo_id: 'e-old-leaver' },
  ])
  putMatches(store.db, INTEGRATION, [
    ...EDGE_CASES.map((c) => c.match),
    { user_id: 'u-shared-2', status: 'matched', kombo_id: 'e-shared' },
    { user_id: 'u-moved-on', status: 'unmatched' },
    { user_id: 'u-leaver', status: 'unmatched' },
    { user_id: 'u-pending', status: 'suggested', kombo_id: 'e-same', candidates: ['e-same', 'e-email-case'] },
  ])
  putDecision(store.db, INTEGRATION, { user_id: 'u-decided', kind: 'accept', kombo_id: 'e-decided' })
}

function plans(): {
  full: ReturnType<typeof diffEmployees>
  settled: ReturnType<typeof diffEmployees>
  settledCount: number
} {
  const fullState = loadDiffState(store.db, INTEGRATION, run, AT, { settleUnchangedPairs: false })
  const settledState = loadDiffState(store.db, INTEGRATION, run, AT, { settleUnchangedPairs: true })
  expect(fullState.settledLinks).toBe(0)
  return {
    full: diffEmployees(fullState),
    settled: diffEmployees(settledState),
    settledCount: settledState.settledLinks,
  }
}

describe('loadDiffState', () => {
  it('leaves out only pairs that need nothing: the plan is the same either way', () => {
    fillEdgeCases()
    const { full, settled, settledCount } = plans()
    expect(settled).toEqual(full)
    const settledUsers = [
      'u-same',
      'u-email-case',
      'u-email-empty',
      'u-name-empty',
      'u-no-names',
      'u-status-active',
      'u-status-leave',
      'u-status-pending',
      'u-status-blank',
      'u-status-null-hris',
    ]
    expect(settledCount).toBe(settledUsers.length)
    // The plan really was exercised: updates, removals, a re-hire, a notice and a pending review.
    expect(full.update.map((u) => u.user_id)).toEqual([
      'u-email-space',
      'u-email-new',
      'u-name-new',
      'u-status-disabled',
      'u-status-raw-hris',
    ])
    expect(full.remove.map((r) => [r.user_id, r.reason])).toEqual(
      expect.arrayContaining([
        ['u-moved-on', 'no_employee'],
        ['u-left', 'terminated'],
        ['u-deleted', 'deleted'],
      ]),
    )
    expect(full.add).toEqual([expect.objectContaining({ kombo_id: 'e-new-leaver', rehire_of: 'u-leaver' })])
    expect(full.notices).toEqual([expect.stringContaining('"probation"')])
    expect(full.pendingReview).toHaveLength(1)
  })

  it.each([1, 2, 3])('gives the same plan on a random company (seed %i)', (seed) => {
    fillRandomCompany(store.db, INTEGRATION, run, 400, seed)
    const { full, settled, settledCount } = plans()
    expect(settledCount).toBeGreaterThan(0)
    expect(full.add.some((a) => a.rehire_of !== null)).toBe(true)
    expect(settled).toEqual(full)
  })
})
