import { describe, expect, it } from 'vitest'
import { effectiveDecisions } from '../../../src/main/core/match/decisions'
import {
  domainChangePairs,
  matchLegacyToEmployees,
} from '../../../src/main/core/match/matchLegacyToEmployees'
import type { DecisionEvent, MatchOutput, MatchResult } from '../../../src/shared/dto/match'
import { employee, legacyUser, person } from './builders'

function resultOf(output: MatchOutput, userId: string): MatchResult {
  const result = output.results.find((r) => r.user_id === userId)
  if (!result) throw new Error(`no result for ${userId}`)
  return result
}

const candidateIds = (result: MatchResult) => result.candidates.map((c) => c.kombo_id)

describe('rule 1: hris_id equals remote_id', () => {
  it('links automatically when exactly one employee and one user carry the id', () => {
    const output = matchLegacyToEmployees(
      [person('K1', 'Anna', 'Schmidt'), person('K2', 'Robert', 'Müller')],
      [legacyUser('u1', { first_name: 'Anna', last_name: 'Schmidt', hris_id: ' R-K1 ' })],
    )
    expect(resultOf(output, 'u1')).toMatchObject({ status: 'matched', method: 'remote_id', kombo_id: 'K1' })
    expect(resultOf(output, 'u1').reasons[0]).toContain('hris_id R-K1')
  })

  it('falls through when two employees share the remote_id or two users the hris_id', () => {
    const twins = matchLegacyToEmployees(
      [
        employee('K1', { remote_id: 'X', first_name: 'Anna', last_name: 'Schmidt' }),
        employee('K2', { remote_id: 'X', first_name: 'Anna', last_name: 'Schmidt' }),
      ],
      [legacyUser('u1', { first_name: 'Anna', last_name: 'Schmidt', hris_id: 'X' })],
    )
    expect(resultOf(twins, 'u1').status).toBe('suggested')
    expect(resultOf(twins, 'u1').conflicts.join()).toContain('of 2 employees')

    const shared = matchLegacyToEmployees(
      [person('K1', 'Anna', 'Schmidt')],
      [
        legacyUser('u1', { first_name: 'Anna', last_name: 'Schmidt', hris_id: 'R-K1' }),
        legacyUser('u2', { first_name: 'Anna', last_name: 'Schmidt', hris_id: 'R-K1' }),
      ],
    )
    expect(shared.results.every((r) => r.status !== 'matched')).toBe(true)
  })

  it('sends a stale hris_id that points to someone else than the email to review, ranking the email first', () => {
    const output = matchLegacyToEmployees(
      [person('K1', 'Laura', 'Chen'), person('K2', 'Peter', 'Brown')],
      [
        legacyUser('u1', {
          first_name: 'Peter',
          last_name: 'Brown',
          email: 'peter.brown@acme.example',
          hris_id: 'R-K1',
        }),
      ],
    )
    const result = resultOf(output, 'u1')
    expect(result.status).toBe('suggested')
    expect(result.kombo_id).toBe('K2')
    expect(result.conflicts.join()).toContain('another employee than hris_id')
    expect(candidateIds(result)).toEqual(['K2', 'K1'])
  })

  it('does not link an hris_id whose employee has another name', () => {
    const output = matchLegacyToEmployees(
      [person('K1', 'Laura', 'Chen')],
      [legacyUser('u1', { first_name: 'Peter', last_name: 'Brown', hris_id: 'R-K1' })],
    )
    expect(resultOf(output, 'u1').status).not.toBe('matched')
    expect(resultOf(output, 'u1').conflicts.join()).toContain('names disagree')
  })

  it('still links through the email when the hris_id matches no employee, and says so', () => {
    const output = matchLegacyToEmployees(
      [person('K1', 'Anna', 'Schmidt')],
      [
        legacyUser('u1', {
          first_name: 'Anna',
          last_name: 'Schmidt',
          email: 'anna.schmidt@acme.example',
          hris_id: 'GONE-7',
        }),
      ],
    )
    expect(resultOf(output, 'u1')).toMatchObject({ status: 'matched', method: 'work_email', kombo_id: 'K1' })
    expect(resultOf(output, 'u1').conflicts.join()).toContain('matches no employee')
  })
})

describe('rule 2: work email equal after trim and case fold', () => {
  it('links despite case and stray spaces', () => {
    const output = matchLegacyToEmployees(
      [person('K1', 'Laura', 'Chen'), person('K2', 'Lara', 'Chen')],
      [legacyUser('u1', { first_name: 'Laura', last_name: 'Chen', email: '  Laura.CHEN@Acme.Example ' })],
    )
    expect(resultOf(output, 'u1')).toMatchObject({ status: 'matched', method: 'work_email', kombo_id: 'K1' })
    expect(resultOf(output, 'u1').reasons).toContain('work email equal apart from case and spaces')
    expect(candidateIds(resultOf(output, 'u1'))).toEqual(['K1', 'K2'])
  })

  it('falls through when the address belongs to two employees (a rehire) or two users', () => {
    const rehire = matchLegacyToEmployees(
      [
        employee('K1', {
          first_name: 'Anna',
          last_name: 'Schmidt',
          work_email: 'anna@acme.example',
          employment_status: 'INACTIVE',
        }),
        employee('K2', { first_name: 'Anna', last_name: 'Schmidt', work_email: 'anna@acme.example' }),
      ],
      [legacyUser('u1', { first_name: 'Anna', last_name: 'Schmidt', email: 'anna@acme.example' })],
    )
    expect(resultOf(rehire, 'u1').status).toBe('suggested')
    expect(candidateIds(resultOf(rehire, 'u1')).sort()).toEqual(['K1', 'K2'])

    const twoUsers = matchLegacyToEmployees(
      [person('K1', 'Anna', 'Schmidt', 'anna')],
      [legacyUser('u1', { email: 'anna@acme.example' }), legacyUser('u2', { email: 'ANNA@acme.example' })],
    )
    expect(twoUsers.results.every((r) => r.status !== 'matched')).toBe(true)
  })

  it('never links a generic mailbox, even on an exact address', () => {
    const output = matchLegacyToEmployees(
      [employee('K1', { first_name: 'Hanna', last_name: 'Roth', work_email: 'hr@acme.example' })],
      [legacyUser('u1', { email: 'hr@acme.example', full_name: 'HR Team' })],
    )
    expect(resultOf(output, 'u1').status).not.toBe('matched')
    expect(resultOf(output, 'u1').conflicts.join()).toContain('shared mailbox')
  })

  it('matches departed employees too', () => {
    const output = matchLegacyToEmployees(
      [
        employee('K1', {
          first_name: 'Otto',
          last_name: 'Kern',
          work_email: 'otto.kern@acme.example',
          employment_status: 'INACTIVE',
          termination_date: '2025-01-31T00:00:00.000Z',
        }),
      ],
      [legacyUser('u1', { first_name: 'Otto', last_name: 'Kern', email: 'otto.kern@acme.example' })],
    )
    expect(resultOf(output, 'u1')).toMatchObject({ status: 'matched', kombo_id: 'K1' })
  })
})

describe('rule 3: same local part under a changed domain', () => {
  const employees = ['anna', 'bob', 'carla', 'dan'].map((local, i) =>
    employee(`K${i}`, { first_name: local, last_name: 'Lee', work_email: `${local}@new.example` }),
  )
  const legacy = ['anna', 'bob', 'carla', 'dan'].map((local, i) =>
    legacyUser(`u${i}`, { first_name: local, last_name: 'Lee', email: `${local}@old.example` }),
  )

  it('infers the domain map and suggests, never links', () => {
    const output = matchLegacyToEmployees(employees, legacy)
    expect(output.summary.domainMappings).toEqual([
      { from: 'old.example', to: 'new.example', support: 4, total: 4 },
    ])
    for (const [i, result] of output.results.entries()) {
      expect(result).toMatchObject({ status: 'suggested', method: 'email_domain_change', kombo_id: `K${i}` })
    }
  })

  it('lists the pairs a whole-domain acceptance would link, skipping rejected and settled ones', () => {
    const decisions = effectiveDecisions([
      { id: 1, user_id: 'u1', kind: 'reject', kombo_id: 'K1', undoes: null, created_at: 'x' },
    ])
    const output = matchLegacyToEmployees(employees, legacy, decisions)
    const pairs = domainChangePairs(employees, legacy, output, decisions, 'OLD.example', 'new.example')
    expect(pairs).toEqual([
      { user_id: 'u0', kombo_id: 'K0' },
      { user_id: 'u2', kombo_id: 'K2' },
      { user_id: 'u3', kombo_id: 'K3' },
    ])
  })

  it('does not suggest a contractor on a one-off domain by local part, nor a generic mailbox', () => {
    const output = matchLegacyToEmployees(
      [
        person('K1', 'Jane', 'Doe', 'jane'),
        employee('K2', { work_email: 'admin@acme.example', first_name: 'Ada', last_name: 'Min' }),
      ],
      [
        legacyUser('u1', { email: 'jane@agency.example' }),
        legacyUser('u2', { email: 'admin@acme-old.example' }),
      ],
    )
    expect(output.summary.domainMappings).toEqual([])
    expect(resultOf(output, 'u1').status).not.toBe('matched')
    expect(resultOf(output, 'u1').candidates[0]?.method ?? 'fuzzy').toBe('fuzzy')
    expect(resultOf(output, 'u2').candidates).toEqual([])
    expect(resultOf(output, 'u2').status).toBe('unmatched')
  })
})

describe('rule 4: names and private email rank suggestions', () => {
  const staff = [
    person('K1', 'Robert', 'Müller'),
    person('K2', 'Anna', 'Müller-Schmidt', 'anna.mueller-schmidt'),
    person('K3', 'Katherine', 'Smith'),
    person('K4', 'Karl', 'Smith'),
    employee('K5', {
      first_name: 'Sofia',
      last_name: 'Rossi',
      work_email: 'sofia.rossi@acme.example',
      personal_email: 'sofi88@gmail.com',
    }),
    person('K6', 'Rosa', 'Rossi'),
  ]

  it.each([
    ['nickname + transliteration', { first_name: 'Bob', last_name: 'Mueller' }, 'K1'],
    ['married name', { first_name: 'Anna', last_name: 'Schmidt' }, 'K2'],
    ['order swap', { full_name: 'Smith, Katherine' }, 'K3'],
    ['nickname', { first_name: 'Kate', last_name: 'Smith' }, 'K3'],
    ['typo', { first_name: 'Robert', last_name: 'Mülelr' }, 'K1'],
    ['private email', { full_name: 'S. R.', private_email: 'Sofi88@gmail.com' }, 'K5'],
  ])('%s: suggested first, never linked', (_label, fields, expected) => {
    const output = matchLegacyToEmployees(staff, [legacyUser('u1', fields)])
    const result = resultOf(output, 'u1')
    expect(result.status).toBe('suggested')
    expect(result.method).toBe('fuzzy')
    expect(result.kombo_id).toBe(expected)
  })

  it('shows the runner-up for an initial that fits two people', () => {
    const output = matchLegacyToEmployees(staff, [legacyUser('u1', { full_name: 'K. Smith' })])
    expect(candidateIds(resultOf(output, 'u1')).slice(0, 2).sort()).toEqual(['K3', 'K4'])
  })

  it('leaves a person with no counterpart unmatched', () => {
    const output = matchLegacyToEmployees(staff, [
      legacyUser('u1', { first_name: 'Yuki', last_name: 'Tanaka', email: 'yuki@freelance.example' }),
    ])
    expect(resultOf(output, 'u1')).toMatchObject({ status: 'unmatched', kombo_id: null, method: 'none' })
  })
})

describe('same-name colleagues', () => {
  const twins = [person('K1', 'Maria', 'Garcia'), person('K2', 'Maria', 'Garcia', 'maria.garcia2')]

  it('never link on the name, and both show as candidates', () => {
    const output = matchLegacyToEmployees(twins, [
      legacyUser('u1', { first_name: 'Maria', last_name: 'García' }),
    ])
    const result = resultOf(output, 'u1')
    expect(result.status).toBe('suggested')
    expect(candidateIds(result).sort()).toEqual(['K1', 'K2'])
  })

  it('link on an hris_id when the name agrees, since the id tells them apart', () => {
    const output = matchLegacyToEmployees(twins, [
      legacyUser('u1', { first_name: 'Maria', last_name: 'Garcia', hris_id: 'R-K2' }),
    ])
    expect(resultOf(output, 'u1')).toMatchObject({ status: 'matched', method: 'remote_id', kombo_id: 'K2' })
  })

  it('never link on an hris_id whose user’s email names the namesake: the id may be stale', () => {
    const output = matchLegacyToEmployees(twins, [
      legacyUser('u1', {
        first_name: 'Maria',
        last_name: 'Garcia',
        hris_id: 'R-K2',
        email: 'maria.garcia@old-acme.example',
      }),
    ])
    const result = resultOf(output, 'u1')
    expect(result.status).toBe('suggested')
    expect(result.conflicts.join()).toContain('points to another employee than the email address')
  })

  it('link on a personnel number stored as the hris_id, whatever the email domain says', () => {
    const staff = [
      employee('K1', {
        employee_number: '004211',
        first_name: 'Priya',
        last_name: 'Raman',
        work_email: 'priya.raman@new.example',
      }),
      employee('K2', {
        employee_number: '004212',
        first_name: 'Priya',
        last_name: 'Raman',
        work_email: 'p.raman@new.example',
      }),
    ]
    const output = matchLegacyToEmployees(staff, [
      legacyUser('u1', {
        first_name: 'Priya',
        last_name: 'Raman',
        hris_id: '004211',
        email: 'priya.raman@old.example',
      }),
    ])
    const result = resultOf(output, 'u1')
    expect(result).toMatchObject({ status: 'matched', method: 'remote_id', kombo_id: 'K1', conflicts: [] })
    expect(result.reasons).toContain("hris_id 004211 equals the employee's personnel number")
  })

  it('link on an hris_id once the namesake is certainly linked to someone else', () => {
    const output = matchLegacyToEmployees(twins, [
      legacyUser('u1', { first_name: 'Maria', last_name: 'Garcia', hris_id: 'R-K2' }),
      legacyUser('u2', { first_name: 'Maria', last_name: 'Garcia', email: 'maria.garcia@acme.example' }),
    ])
    expect(resultOf(output, 'u2')).toMatchObject({ status: 'matched', method: 'work_email', kombo_id: 'K1' })
    expect(resultOf(output, 'u1')).toMatchObject({ status: 'matched', method: 'remote_id', kombo_id: 'K2' })
  })

  it('are told apart by their distinct work emails', () => {
    const output = matchLegacyToEmployees(twins, [
      legacyUser('u1', { first_name: 'Maria', last_name: 'Garcia', email: 'maria.garcia2@acme.example' }),
    ])
    expect(resultOf(output, 'u1')).toMatchObject({ status: 'matched', kombo_id: 'K2' })
  })
})

describe('global one-to-one assignment', () => {
  it('sends every user to review when two users point to one employee by different rules', () => {
    const output = matchLegacyToEmployees(
      [person('K1', 'Anna', 'Schmidt')],
      [
        legacyUser('u1', { first_name: 'Anna', last_name: 'Schmidt', hris_id: 'R-K1' }),
        legacyUser('u2', { first_name: 'Anna', last_name: 'Schmidt', email: 'anna.schmidt@acme.example' }),
      ],
    )
    for (const userId of ['u1', 'u2']) {
      const result = resultOf(output, userId)
      expect(result.status).toBe('suggested')
      expect(result.conflicts.join()).toContain('several users point to K1 (u1, u2)')
    }
  })

  it('takes a linked employee out of every other user’s candidates', () => {
    const output = matchLegacyToEmployees(
      [person('K1', 'Anna', 'Schmidt'), person('K2', 'Anne', 'Schmidt')],
      [
        legacyUser('u1', { first_name: 'Anna', last_name: 'Schmidt', email: 'anna.schmidt@acme.example' }),
        legacyUser('u2', { first_name: 'Anna', last_name: 'Schmidt' }),
      ],
    )
    expect(resultOf(output, 'u1').kombo_id).toBe('K1')
    expect(candidateIds(resultOf(output, 'u2'))).toEqual(['K2'])
  })
})

describe('decisions override the cascade', () => {
  const staff = [person('K1', 'Anna', 'Schmidt'), person('K2', 'Anne', 'Schmidt')]
  const users = [
    legacyUser('u1', { first_name: 'Anna', last_name: 'Schmidt', email: 'anna.schmidt@acme.example' }),
  ]
  const run = (events: DecisionEvent[]) =>
    resultOf(matchLegacyToEmployees(staff, users, effectiveDecisions(events)), 'u1')
  let id = 0
  const event = (
    kind: DecisionEvent['kind'],
    kombo_id: string | null,
    undoes: number | null = null,
  ): DecisionEvent => ({
    id: ++id,
    user_id: 'u1',
    kind,
    kombo_id,
    undoes,
    created_at: '2026-01-01T00:00:00.000Z',
  })

  it('a manual pair links with method decision', () => {
    expect(run([event('manual', 'K2')])).toMatchObject({
      status: 'matched',
      method: 'decision',
      kombo_id: 'K2',
      score: 1,
    })
  })

  it('a rejection removes the candidate and blocks the automatic link', () => {
    const result = run([event('reject', 'K1')])
    expect(result.status).not.toBe('matched')
    expect(candidateIds(result)).not.toContain('K1')
  })

  it('"no match" leaves the user unmatched by decision; undo restores the cascade', () => {
    const none = event('none', null)
    expect(run([none])).toMatchObject({ status: 'unmatched', method: 'decision', kombo_id: null })
    expect(run([none, event('undo', null, none.id)])).toMatchObject({
      status: 'matched',
      method: 'work_email',
    })
  })

  it('a decision about an employee that left the data goes back to review with a note', () => {
    const result = run([event('manual', 'K-GONE')])
    expect(result.conflicts.join()).toContain('no longer exists')
  })

  it('two decisions onto one employee send both users to review', () => {
    const output = matchLegacyToEmployees(
      staff,
      [
        legacyUser('a', { first_name: 'Anna', last_name: 'Schmidt' }),
        legacyUser('b', { first_name: 'Anne', last_name: 'Schmidt' }),
      ],
      effectiveDecisions([
        { id: 1, user_id: 'a', kind: 'manual', kombo_id: 'K1', undoes: null, created_at: 'x' },
        { id: 2, user_id: 'b', kind: 'manual', kombo_id: 'K1', undoes: null, created_at: 'x' },
      ]),
    )
    for (const userId of ['a', 'b']) expect(resultOf(output, userId).status).not.toBe('matched')
  })
})

describe('summary', () => {
  it('counts statuses and methods', () => {
    const output = matchLegacyToEmployees(
      [person('K1', 'Anna', 'Schmidt'), person('K2', 'Robert', 'Müller')],
      [
        legacyUser('u1', { email: 'anna.schmidt@acme.example', first_name: 'Anna', last_name: 'Schmidt' }),
        legacyUser('u2', { first_name: 'Bob', last_name: 'Muller' }),
        legacyUser('u3', { email: 'noreply@acme.example' }),
      ],
    )
    expect(output.summary).toMatchObject({
      legacyUsers: 3,
      employees: 2,
      matched: 1,
      suggested: 1,
      unmatched: 1,
      byMethod: { work_email: 1, fuzzy: 1, none: 1 },
    })
    for (const result of output.results) {
      expect(result.score).toBeGreaterThanOrEqual(0)
      expect(result.score).toBeLessThanOrEqual(1)
    }
  })
})

describe('bounded cost', () => {
  it('matches as usual when a name is a megabyte long', () => {
    const huge = 'A'.repeat(1_000_000)
    const words = Array.from({ length: 50_000 }, (_, i) => `w${i}`).join(' ')
    const output = matchLegacyToEmployees(
      [person('K1', 'Anna', 'Schmidt'), employee('K2', { first_name: huge, last_name: words })],
      [
        legacyUser('u1', { first_name: 'Anna', last_name: 'Schmidt' }),
        legacyUser('u2', { first_name: words, last_name: huge, email: `${huge}@x.com` }),
      ],
    )
    expect(resultOf(output, 'u1')).toMatchObject({ status: 'suggested', kombo_id: 'K1' })
    expect(resultOf(output, 'u2').kombo_id).not.toBe('K1')
  })
})

describe('names only (no email, no id): comparison levels', () => {
  const names = (pairs: Array<[string | null, string]>) =>
    pairs.map(([first, last], i) => employee(`N${i}`, { first_name: first, last_name: last }))

  it('ranks a given name one letter off above a missing one, which adds no evidence either way', () => {
    const staff = names([
      [null, 'Bentley'],
      ['Julien', 'Bentley'],
      ['Ekaterina', 'Bentley'],
    ])
    const result = resultOf(
      matchLegacyToEmployees(staff, [legacyUser('u1', { first_name: 'Julie', last_name: 'Bentley' })]),
      'u1',
    )
    expect(result.kombo_id).toBe('N1')
    const noGiven = result.candidates[1]!
    expect(noGiven.kombo_id).toBe('N0')
    expect((noGiven.evidence ?? []).map((field) => field.field)).not.toContain('given_name')
    expect(result.candidates[0]?.evidence).toContainEqual(
      expect.objectContaining({ field: 'given_name', level: 'close' }),
    )
  })

  it('scores a family name that sounds alike above every namesake, as a weak level of its own', () => {
    const staff = names([
      ...Array.from({ length: 40 }, (_, i): [string, string] => ['Elizabeth', `Family${i}`]),
      ['Elizabeth', 'Quinlan'],
    ])
    const result = resultOf(
      matchLegacyToEmployees(staff, [legacyUser('u1', { first_name: 'Elizabeth', last_name: 'Kwinlan' })]),
      'u1',
    )
    // Every candidate's fields speak against a match here, so the pick is for a person (the joint
    // assignment does not order candidates it values alike); the score puts the sound-alike ahead.
    const quinlan = result.candidates.find((candidate) => candidate.kombo_id === 'N40')
    expect(quinlan?.evidence).toContainEqual(expect.objectContaining({ field: 'family_name', level: 'weak' }))
    for (const other of result.candidates.filter((candidate) => candidate !== quinlan))
      expect(quinlan!.score).toBeGreaterThan(other.score)
  })
})
