import { describe, expect, it } from 'vitest'
import { diffEmployees } from '../../../src/main/core/diff/diffEmployees'
import type { DiffEmployee, DiffState } from '../../../src/main/core/diff/diffState'
import { workEmailHash } from '../../../src/main/core/diff/normalise'
import {
  employee,
  legacyUser,
  linkedPair,
  linkedState,
  matched,
  state,
  suggested,
  unmatched,
} from './builders'

/** Replaces employee `id` in a state with the same record changed by `fields`. */
function changeEmployee(s: DiffState, id: string, fields: Partial<DiffEmployee>): DiffState {
  return { ...s, employees: s.employees.map((e) => (e.id === id ? { ...e, ...fields } : e)) }
}

const addIds = (s: DiffState): string[] => diffEmployees(s).add.map((a) => a.kombo_id)

describe('diffEmployees: add', () => {
  it('adds employees no legacy user is linked to, and only those', () => {
    const s = linkedState(2, { employees: [employee('new1'), employee('new2')] })
    const plan = diffEmployees(s)
    expect(plan.add.map((a) => a.kombo_id)).toEqual(['new1', 'new2'])
    expect(plan.add[0]).toMatchObject({
      remote_id: 'r-new1',
      work_email: 'new1@acme.example',
      employment_status: 'ACTIVE',
      rehire_of: null,
      rehire_evidence: null,
    })
    expect(plan.update).toEqual([])
    expect(plan.remove).toEqual([])
  })

  it('does not add people who have left: deleted, vanished, inactive or past their termination date', () => {
    const s = state({
      employees: [
        employee('deleted', { remote_deleted_at: '2030-06-01T00:00:00.000Z' }),
        employee('vanished', { vanished_at: '2030-06-01T00:00:00.000Z' }),
        employee('inactive', { employment_status: 'INACTIVE' }),
        employee('ended', { termination_date: '2030-06-14T00:00:00.000Z' }),
        employee('last-day-today', { termination_date: '2030-06-15T00:00:00.000Z' }),
        employee('leaves-later', { termination_date: '2030-09-30T00:00:00.000Z' }),
        employee('starts-later', { employment_status: 'PENDING' }),
      ],
    })
    expect(addIds(s)).toEqual(['last-day-today', 'leaves-later', 'starts-later'])
  })

  it('does not add the candidates of suggestions awaiting review, and lists the suggestions apart', () => {
    const s = state({
      employees: [employee('best'), employee('runner-up'), employee('someone-else')],
      legacyUsers: [legacyUser('u1')],
      matches: [suggested('u1', 'best', ['best', 'runner-up'])],
    })
    const plan = diffEmployees(s)
    expect(plan.add.map((a) => a.kombo_id)).toEqual(['someone-else'])
    expect(plan.pendingReview).toEqual([
      { user_id: 'u1', kombo_id: 'best', score: 0.8, candidates: ['best', 'runner-up'] },
    ])
    expect(plan.remove).toEqual([])
    expect(plan.update).toEqual([])
  })
})

describe('diffEmployees: re-hire', () => {
  /** Ann (user u-ann) was linked to employee old-ann, who was deleted and blanked by Kombo. */
  function blankedLeaver(extra: Partial<DiffState> = {}): DiffState {
    return state({
      employees: [
        employee('old-ann', {
          remote_id: 'R-100',
          first_name: null,
          last_name: null,
          work_email: null,
          remote_deleted_at: '2030-01-10T00:00:00.000Z',
        }),
        ...(extra.employees ?? []),
      ],
      links: [
        { user_id: 'u-ann', kombo_id: 'old-ann', remote_id: 'R-100', last_linked_at: '2029-01-01T00:00:00Z' },
      ],
      tombstones: [
        {
          kombo_id: 'old-ann',
          remote_id: 'R-100',
          work_email_hash: workEmailHash('ann.lee@acme.example'),
          reason: 'deleted',
        },
      ],
      ...(extra.legacyUsers ? { legacyUsers: extra.legacyUsers } : {}),
      ...(extra.matches ? { matches: extra.matches } : {}),
    })
  }

  it('recognises the same remote id after Kombo blanked the departed record', () => {
    const s = blankedLeaver({ employees: [employee('new-ann', { remote_id: 'R-100', work_email: null })] })
    expect(diffEmployees(s).add).toEqual([
      expect.objectContaining({ kombo_id: 'new-ann', rehire_of: 'u-ann', rehire_evidence: 'remote_id' }),
    ])
  })

  it('recognises the same work email through the tombstone hash, whatever its case and spacing', () => {
    const s = blankedLeaver({
      employees: [employee('new-ann', { remote_id: 'R-900', work_email: '  Ann.Lee@ACME.example ' })],
    })
    expect(diffEmployees(s).add).toEqual([
      expect.objectContaining({ kombo_id: 'new-ann', rehire_of: 'u-ann', rehire_evidence: 'work_email' }),
    ])
  })

  it('recognises the same name plus private email of a departed record that is still intact', () => {
    const s = state({
      employees: [
        employee('old-bo', {
          first_name: 'Bo',
          last_name: 'Ek',
          personal_email: 'bo@home.example',
          employment_status: 'INACTIVE',
        }),
        employee('new-bo', {
          first_name: 'bo',
          last_name: 'EK',
          work_email: 'bo.ek@newco.example',
          personal_email: 'BO@home.example',
        }),
      ],
      links: [
        { user_id: 'u-bo', kombo_id: 'old-bo', remote_id: null, last_linked_at: '2029-01-01T00:00:00Z' },
      ],
    })
    expect(diffEmployees(s).add).toEqual([
      expect.objectContaining({
        kombo_id: 'new-bo',
        rehire_of: 'u-bo',
        rehire_evidence: 'name_and_private_email',
      }),
    ])
  })

  it("recognises name plus private email from the product's own record after blanking", () => {
    const s = blankedLeaver({
      legacyUsers: [legacyUser('u-ann', { full_name: 'Lee, Ann', private_email: 'ann@home.example' })],
      matches: [unmatched('u-ann')],
      employees: [
        employee('new-ann', {
          remote_id: 'R-901',
          first_name: 'Ann',
          last_name: 'Lee',
          work_email: 'ann@other.example',
          personal_email: 'ann@home.example',
        }),
      ],
    })
    const plan = diffEmployees(s)
    expect(plan.add).toEqual([
      expect.objectContaining({
        kombo_id: 'new-ann',
        rehire_of: 'u-ann',
        rehire_evidence: 'name_and_private_email',
      }),
    ])
    // She is back, so her account is re-attached by the add instead of being removed.
    expect(plan.remove).toEqual([])
  })

  it('recognises the same name plus birth date', () => {
    const s = state({
      employees: [
        employee('old-cy', {
          first_name: 'Cy',
          last_name: 'Núñez',
          date_of_birth: '1990-02-03T00:00:00.000Z',
          termination_date: '2030-01-31T00:00:00.000Z',
        }),
        employee('new-cy', {
          first_name: 'Cy',
          last_name: 'Nunez',
          date_of_birth: '1990-02-03T00:00:00.000Z',
        }),
      ],
      links: [
        {
          user_id: 'u-cy',
          kombo_id: 'old-cy',
          remote_id: 'r-old-cy',
          last_linked_at: '2029-01-01T00:00:00Z',
        },
      ],
    })
    expect(diffEmployees(s).add).toEqual([
      expect.objectContaining({
        kombo_id: 'new-cy',
        rehire_of: 'u-cy',
        rehire_evidence: 'name_and_birth_date',
      }),
    ])
  })

  it('names the strongest evidence when several agree', () => {
    const s = blankedLeaver({
      employees: [employee('new-ann', { remote_id: 'R-100', work_email: 'ann.lee@acme.example' })],
    })
    expect(diffEmployees(s).add[0]?.rehire_evidence).toBe('remote_id')
  })

  it('is not fooled by a namesake, a departed person never linked, or someone who never left', () => {
    const s = state({
      employees: [
        employee('old-dee', { first_name: 'Dee', last_name: 'Po', employment_status: 'INACTIVE' }),
        employee('namesake', { first_name: 'Dee', last_name: 'Po', date_of_birth: '1991-01-01T00:00:00Z' }),
        employee('unlinked-old', { remote_id: 'R-7', remote_deleted_at: '2030-01-01T00:00:00Z' }),
        employee('unlinked-new', { remote_id: 'R-7' }),
        employee('present', { remote_id: 'R-8' }),
        employee('same-remote-as-present', { remote_id: 'R-8b' }),
      ],
      legacyUsers: [linkedPair('u-present', employee('present', { remote_id: 'R-8' })).user],
      matches: [matched('u-present', 'present')],
      links: [
        { user_id: 'u-dee', kombo_id: 'old-dee', remote_id: null, last_linked_at: '2029-01-01T00:00:00Z' },
        // u-present was once linked to an old record with remote id R-8b, but is linked to `present` now.
        {
          user_id: 'u-present',
          kombo_id: 'older-present',
          remote_id: 'R-8b',
          last_linked_at: '2028-01-01T00:00:00Z',
        },
      ],
      tombstones: [
        { kombo_id: 'older-present', remote_id: 'R-8b', work_email_hash: null, reason: 'vanished' },
      ],
    })
    const plan = diffEmployees(s)
    expect(plan.add.map((a) => [a.kombo_id, a.rehire_of])).toEqual([
      ['namesake', null],
      ['unlinked-new', null],
      ['same-remote-as-present', null],
    ])
  })

  it('keeps the account of a linked leaver who returns in the same sync under a new record', () => {
    const old = employee('old-ed', { remote_id: 'R-1', remote_deleted_at: '2030-06-10T00:00:00Z' })
    const pair = linkedPair('u-ed', { ...old, work_email: 'ed@acme.example' })
    const s = state({
      employees: [old, employee('new-ed', { remote_id: 'R-2', work_email: 'ed@acme.example' })],
      legacyUsers: [pair.user],
      matches: [pair.match],
      tombstones: [
        {
          kombo_id: 'old-ed',
          remote_id: 'R-1',
          work_email_hash: workEmailHash('ed@acme.example'),
          reason: 'deleted',
        },
      ],
    })
    const plan = diffEmployees(s)
    expect(plan.add).toEqual([
      expect.objectContaining({ kombo_id: 'new-ed', rehire_of: 'u-ed', rehire_evidence: 'work_email' }),
    ])
    expect(plan.remove).toEqual([])
    expect(plan.guard.removals).toBe(0)
  })
})

describe('diffEmployees: update', () => {
  it('reports each differing field as from (product) -> to (HRIS)', () => {
    const e = employee('e1', {
      first_name: 'Katharina',
      last_name: 'Berg-Olsen',
      work_email: 'k.berg@acme.example',
    })
    const s = state({
      employees: [e],
      legacyUsers: [
        legacyUser('u1', {
          email: 'kathi@acme.example',
          first_name: 'Kathi',
          last_name: 'Berg',
          status: 'disabled',
        }),
      ],
      matches: [matched('u1', 'e1')],
    })
    expect(diffEmployees(s).update).toEqual([
      {
        user_id: 'u1',
        kombo_id: 'e1',
        changes: [
          { field: 'email', from: 'kathi@acme.example', to: 'k.berg@acme.example' },
          { field: 'first_name', from: 'Kathi', to: 'Katharina' },
          { field: 'last_name', from: 'Berg', to: 'Berg-Olsen' },
          { field: 'employment_status', from: 'disabled', to: 'ACTIVE' },
        ],
      },
    ])
  })

  it('ignores email case and spacing, agreeing statuses in any language, and values the HRIS left empty', () => {
    const s = state({
      employees: [
        employee('e1', { first_name: 'Ana', last_name: 'Silva', work_email: 'Ana.Silva@Acme.example' }),
        employee('e2', { first_name: null, last_name: 'Ito', work_email: null }),
      ],
      legacyUsers: [
        legacyUser('u1', {
          email: ' ana.silva@acme.example',
          first_name: 'Ana ',
          last_name: 'Silva',
          status: 'Aktiv',
        }),
        legacyUser('u2', {
          email: 'old@acme.example',
          first_name: 'Mei',
          last_name: 'Ito',
          status: 'enabled',
        }),
      ],
      matches: [matched('u1', 'e1'), matched('u2', 'e2')],
    })
    const plan = diffEmployees(s)
    expect(plan.update).toEqual([])
    expect(plan.notices).toEqual([])
  })

  it('compares a full-name column regardless of word order, and reports a real difference', () => {
    const s = state({
      employees: [
        employee('e1', { first_name: 'Anna', last_name: 'Müller' }),
        employee('e2', { first_name: 'Jon', last_name: 'Smythe' }),
      ],
      legacyUsers: [
        legacyUser('u1', { email: 'e1@acme.example', full_name: 'Müller, Anna' }),
        legacyUser('u2', { email: 'e2@acme.example', full_name: 'Jon Smith' }),
      ],
      matches: [matched('u1', 'e1'), matched('u2', 'e2')],
    })
    expect(diffEmployees(s).update).toEqual([
      {
        user_id: 'u2',
        kombo_id: 'e2',
        changes: [{ field: 'full_name', from: 'Jon Smith', to: 'Jon Smythe' }],
      },
    ])
  })

  it('leaves a status it does not recognise alone, and says so', () => {
    const e = employee('e1')
    const pair = linkedPair('u1', e)
    const s = state({
      employees: [e],
      legacyUsers: [{ ...pair.user, status: 'probation' }],
      matches: [pair.match],
    })
    const plan = diffEmployees(s)
    expect(plan.update).toEqual([])
    expect(plan.notices).toEqual([expect.stringContaining('"probation"')])
  })

  it('maps deaktiviert / inactive product statuses to INACTIVE', () => {
    const s = state({
      employees: [employee('e1'), employee('e2')],
      legacyUsers: [
        { ...linkedPair('u1', employee('e1')).user, status: 'deaktiviert' },
        { ...linkedPair('u2', employee('e2')).user, status: 'INACTIVE' },
      ],
      matches: [matched('u1', 'e1'), matched('u2', 'e2')],
    })
    expect(diffEmployees(s).update.map((u) => u.changes)).toEqual([
      [{ field: 'employment_status', from: 'deaktiviert', to: 'ACTIVE' }],
      [{ field: 'employment_status', from: 'INACTIVE', to: 'ACTIVE' }],
    ])
  })
})

describe('diffEmployees: remove', () => {
  it('removes legacy users without an employee, with the reason', () => {
    const s = state({
      legacyUsers: [legacyUser('orphan'), legacyUser('decided'), legacyUser('undone')],
      matches: [unmatched('orphan'), unmatched('decided'), unmatched('undone')],
      decisions: [
        { id: 1, user_id: 'decided', kind: 'none', undoes: null },
        { id: 2, user_id: 'undone', kind: 'none', undoes: null },
        { id: 3, user_id: 'undone', kind: 'undo', undoes: 2 },
      ],
    })
    expect(diffEmployees(s).remove).toEqual([
      { user_id: 'orphan', kombo_id: null, reason: 'no_employee' },
      { user_id: 'decided', kombo_id: null, reason: 'no_match_decided' },
      { user_id: 'undone', kombo_id: null, reason: 'no_employee' },
    ])
  })

  it('removes linked users whose employee left, naming how', () => {
    let s = linkedState(5)
    s = changeEmployee(s, 'e1', {
      remote_deleted_at: '2030-06-01T00:00:00Z',
      vanished_at: '2030-06-02T00:00:00Z',
    })
    s = changeEmployee(s, 'e2', { vanished_at: '2030-06-02T00:00:00Z' })
    s = changeEmployee(s, 'e3', { employment_status: 'INACTIVE' })
    s = changeEmployee(s, 'e4', { termination_date: '2030-05-31T00:00:00.000Z' })
    const plan = diffEmployees(s)
    expect(plan.remove).toEqual([
      { user_id: 'u1', kombo_id: 'e1', reason: 'deleted' },
      { user_id: 'u2', kombo_id: 'e2', reason: 'vanished' },
      { user_id: 'u3', kombo_id: 'e3', reason: 'terminated' },
      { user_id: 'u4', kombo_id: 'e4', reason: 'terminated' },
    ])
    expect(plan.update).toEqual([])
    expect(plan.add).toEqual([])
  })

  it('keeps the departure as the reason when a rematch left a formerly linked user unmatched', () => {
    const s = state({
      employees: [employee('gone', { remote_deleted_at: '2030-06-01T00:00:00Z' })],
      legacyUsers: [legacyUser('u1')],
      matches: [unmatched('u1')],
      links: [
        { user_id: 'u1', kombo_id: 'gone', remote_id: 'r-gone', last_linked_at: '2030-01-01T00:00:00Z' },
      ],
    })
    const plan = diffEmployees(s)
    expect(plan.remove).toEqual([{ user_id: 'u1', kombo_id: 'gone', reason: 'deleted' }])
    expect(plan.guard.linked).toBe(1)
  })

  it('neither adds nor removes legacy users never matched, and says so', () => {
    const s = state({ employees: [employee('e1')], legacyUsers: [legacyUser('u1'), legacyUser('u2')] })
    const plan = diffEmployees(s)
    expect(plan.remove).toEqual([])
    expect(plan.notices).toEqual([expect.stringContaining('2 legacy users have no match result yet')])
  })

  it('proposes no removals without a successful sync', () => {
    const s = state({ basisRunId: null, legacyUsers: [legacyUser('u1')], matches: [unmatched('u1')] })
    const plan = diffEmployees(s)
    expect(plan.remove).toEqual([])
    expect(plan.notices).toEqual([expect.stringContaining('No successful sync yet')])
  })
})

describe('diffEmployees: deletion guard', () => {
  /** Ten linked users, the first `leavers` of whom were deleted upstream, plus one orphan account. */
  function wave(leavers: number, guard: Partial<DiffState['guard']> = {}): DiffState {
    let s = linkedState(10, { legacyUsers: [legacyUser('orphan')], matches: [unmatched('orphan')] })
    for (let i = 1; i <= leavers; i++)
      s = changeEmployee(s, `e${i}`, { remote_deleted_at: '2030-06-14T00:00:00Z' })
    return { ...s, guard: { threshold: 0.2, confirmedAt: null, previouslyReleased: null, ...guard } }
  }

  it('lets a share at the threshold through', () => {
    const plan = diffEmployees(wave(2))
    expect(plan.guard).toMatchObject({ tripped: false, linked: 10, removals: 2, withheld: 0 })
    expect(plan.remove.map((r) => r.user_id)).toEqual(['u1', 'u2', 'orphan'])
  })

  it('withholds the departures of a sync that removes more than the threshold', () => {
    const plan = diffEmployees(wave(3))
    expect(plan.guard).toEqual({
      tripped: true,
      threshold: 0.2,
      linked: 10,
      removals: 3,
      confirmed: false,
      confirmedAt: null,
      withheld: 3,
    })
    // The orphan account is not the sync's doing: it is neither counted nor held back.
    expect(plan.remove).toEqual([{ user_id: 'orphan', kombo_id: null, reason: 'no_employee' }])
    expect(plan.withheldRemovals.map((r) => r.user_id)).toEqual(['u1', 'u2', 'u3'])
  })

  it('releases them once the basis run is confirmed', () => {
    const plan = diffEmployees(wave(3, { confirmedAt: '2030-06-15T10:00:00.000Z' }))
    expect(plan.guard).toMatchObject({ tripped: true, confirmed: true, withheld: 0 })
    expect(plan.remove.map((r) => r.user_id)).toEqual(['u1', 'u2', 'u3', 'orphan'])
    expect(plan.withheldRemovals).toEqual([])
  })

  it('counts only removals the previous plan had not already released', () => {
    const plan = diffEmployees(wave(4, { previouslyReleased: new Set(['u1', 'u2', 'orphan']) }))
    expect(plan.guard).toMatchObject({ tripped: false, removals: 2, withheld: 0 })
    expect(plan.remove.map((r) => r.user_id)).toEqual(['u1', 'u2', 'u3', 'u4', 'orphan'])
  })

  it('keeps holding back removals the previous plan withheld and nobody confirmed', () => {
    const plan = diffEmployees(wave(3, { previouslyReleased: new Set(['orphan']) }))
    expect(plan.guard).toMatchObject({ tripped: true, removals: 3, withheld: 3 })
  })

  it('follows the configured threshold', () => {
    expect(diffEmployees(wave(1, { threshold: 0 })).guard).toMatchObject({ tripped: true, withheld: 1 })
    expect(diffEmployees(wave(9, { threshold: 1 })).guard).toMatchObject({ tripped: false, withheld: 0 })
  })
})
