import type { Database } from '../../../src/main/core/store/database'
import { workEmailHash } from '../../../src/main/core/diff/normalise'
import {
  putDecision,
  putEmployee,
  putLegacyUsers,
  putMatches,
  putTombstone,
  type LegacySeed,
  type MatchSeed,
} from './seed'

/** A pseudo-random company from small pools, so equal and differing values collide in every way. */
export function fillRandomCompany(
  db: Database,
  integrationId: string,
  run: number,
  size: number,
  seed: number,
): void {
  let state = seed
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state % n
  }
  const pick = <T>(values: readonly T[]): T => values[next(values.length)] as T
  const names = ['Ann', 'ann', 'Bo', 'Ćiro', 'Ciro', null] as const
  const emails = (i: number) => [`p${i}@acme.example`, `P${i}@ACME.example`, `p${i}@other.example`, null]
  const statuses = ['ACTIVE', 'ACTIVE', 'INACTIVE', 'LEAVE', 'PENDING', null, 'active'] as const
  const words = ['active', 'disabled', 'Aktiv', null, 'odd', ''] as const
  const users: LegacySeed[] = []
  const matches: MatchSeed[] = []
  for (let i = 0; i < size; i++) {
    putEmployee(db, integrationId, run, {
      id: `r${i}`,
      remote_id: `R${i % (size - 3)}`,
      first_name: pick(names),
      last_name: pick(names),
      work_email: pick(emails(i)),
      employment_status: pick(statuses),
      termination_date:
        next(10) === 0 ? pick(['2030-01-01T00:00:00.000Z', '2031-01-01T00:00:00.000Z']) : null,
      remote_deleted_at: next(15) === 0 ? '2030-06-01T00:00:00Z' : null,
      vanished_at: next(20) === 0 ? '2030-06-01T00:00:00Z' : null,
    })
    users.push({
      user_id: `ru${i}`,
      email: pick(emails(i)),
      first_name: pick(names),
      last_name: pick(names),
      full_name: next(8) === 0 ? 'Ann Lee' : null,
      status: pick(words),
    })
    const kind = next(10)
    matches.push(
      kind < 7
        ? { user_id: `ru${i}`, status: 'matched', kombo_id: `r${next(12) === 0 ? next(size) : i}` }
        : kind < 8
          ? { user_id: `ru${i}`, status: 'suggested', kombo_id: `r${next(size)}` }
          : { user_id: `ru${i}`, status: 'unmatched' },
    )
    if (next(25) === 0)
      putDecision(db, integrationId, { user_id: `ru${i}`, kind: pick(['none', 'accept'] as const) })
    if (next(30) === 0) {
      putTombstone(db, integrationId, {
        kombo_id: `r${i}`,
        remote_id: `R${i}`,
        work_email_hash: workEmailHash(`p${i}@acme.example`),
        reason: 'deleted',
      })
    }
  }
  putLegacyUsers(db, integrationId, users)
  putMatches(db, integrationId, matches)
  // Users the product already removed, once linked to someone: who a re-hire may be the return of.
  const link = db.prepare(
    `INSERT OR IGNORE INTO link_history (integration_id, user_id, kombo_id, remote_id, first_linked_at, last_linked_at)
     VALUES (?, ?, ?, ?, '2029-01-01T00:00:00Z', ?)`,
  )
  for (let i = 0; i < size; i += 7) {
    link.run(integrationId, `gone${next(size / 10)}`, `r${i}`, `R${i}`, `2029-0${1 + next(9)}-01T00:00:00Z`)
  }
  // And one of them certainly returns: deleted, blanked, back under a new record with the same email.
  putEmployee(db, integrationId, run, {
    id: 'left',
    remote_id: 'R-left',
    work_email: null,
    remote_deleted_at: '2030-01-01T00:00:00Z',
  })
  putTombstone(db, integrationId, {
    kombo_id: 'left',
    remote_id: 'R-left',
    work_email_hash: workEmailHash('back@acme.example'),
    reason: 'deleted',
  })
  link.run(integrationId, 'gone-back', 'left', 'R-left', '2029-05-01T00:00:00Z')
  putEmployee(db, integrationId, run, {
    id: 'back',
    remote_id: 'R-back',
    work_email: 'Back@acme.example',
  })
}
