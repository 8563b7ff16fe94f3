import type {
  DiffEmployee,
  DiffLegacyUser,
  DiffMatch,
  DiffState,
} from '../../../src/main/core/diff/diffState'

/** In-memory state for the pure diff: each builder fills what the test does not care about. */
export function employee(id: string, fields: Partial<DiffEmployee> = {}): DiffEmployee {
  return {
    id,
    remote_id: `r-${id}`,
    first_name: `First${id}`,
    last_name: `Last${id}`,
    work_email: `${id}@acme.example`,
    personal_email: null,
    employment_status: 'ACTIVE',
    termination_date: null,
    date_of_birth: null,
    remote_deleted_at: null,
    vanished_at: null,
    ...fields,
  }
}

export function legacyUser(userId: string, fields: Partial<DiffLegacyUser> = {}): DiffLegacyUser {
  return {
    user_id: userId,
    email: null,
    first_name: null,
    last_name: null,
    full_name: null,
    private_email: null,
    status: null,
    ...fields,
  }
}

/** A legacy user that agrees with `e` in every compared field, and the match that links them. */
export function linkedPair(userId: string, e: DiffEmployee): { user: DiffLegacyUser; match: DiffMatch } {
  return {
    user: legacyUser(userId, { email: e.work_email, first_name: e.first_name, last_name: e.last_name }),
    match: matched(userId, e.id),
  }
}

export function matched(userId: string, komboId: string): DiffMatch {
  return { user_id: userId, status: 'matched', kombo_id: komboId, score: 1, candidates: [] }
}

export function unmatched(userId: string): DiffMatch {
  return { user_id: userId, status: 'unmatched', kombo_id: null, score: 0, candidates: [] }
}

export function suggested(userId: string, komboId: string, candidates: string[] = []): DiffMatch {
  return { user_id: userId, status: 'suggested', kombo_id: komboId, score: 0.8, candidates }
}

/** 2030-06-15 is "today" in these tests; dates before it are in the past. */
export const GENERATED_AT = '2030-06-15T09:00:00.000Z'

export function state(fields: Partial<DiffState> = {}): DiffState {
  return {
    integrationId: 'personio:test',
    basisRunId: 1,
    generatedAt: GENERATED_AT,
    employees: [],
    legacyUsers: [],
    matches: [],
    decisions: [],
    links: [],
    tombstones: [],
    settledLinks: 0,
    guard: { threshold: 1, confirmedAt: null, previouslyReleased: null },
    ...fields,
  }
}

/** A state of linked pairs (user u<i> linked to employee e<i>), plus whatever the test adds. */
export function linkedState(count: number, fields: Partial<DiffState> = {}): DiffState {
  const employees: DiffEmployee[] = []
  const legacyUsers: DiffLegacyUser[] = []
  const matches: DiffMatch[] = []
  for (let i = 1; i <= count; i++) {
    const e = employee(`e${i}`)
    const pair = linkedPair(`u${i}`, e)
    employees.push(e)
    legacyUsers.push(pair.user)
    matches.push(pair.match)
  }
  return state({
    ...fields,
    employees: [...employees, ...(fields.employees ?? [])],
    legacyUsers: [...legacyUsers, ...(fields.legacyUsers ?? [])],
    matches: [...matches, ...(fields.matches ?? [])],
  })
}
