import { openDatabase } from '../../src/main/core/store/database'

/** One person on both sides: an active employee and a legacy user (user ids u0, u1, ...). */
export interface SeededPerson {
  first: string
  last: string
  workEmail: string
  legacyEmail: string
}

/**
 * A database with one integration whose employees (K0, K1, ...) and legacy users (u0, u1, ...) are the
 * given people, written in one transaction: the shared set-up of tests that need a company of some size.
 */
export function seedPeople(path: string, integrationId: string, people: readonly SeededPerson[]): void {
  const db = openDatabase(path)
  db.prepare('INSERT INTO integrations (integration_id, created_at) VALUES (?, ?)').run(
    integrationId,
    '2026-01-01T00:00:00.000Z',
  )
  const employee = db.prepare(
    `INSERT INTO employees (integration_id, id, remote_id, first_name, last_name, work_email, employment_status,
       first_seen_run, last_seen_run) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', 1, 1)`,
  )
  const user = db.prepare(
    `INSERT INTO legacy_users (integration_id, user_id, email, first_name, last_name, hris_id, line)
     VALUES (?, ?, ?, ?, ?, NULL, ?)`,
  )
  db.transaction(() => {
    people.forEach((person, i) => {
      employee.run(integrationId, `K${i}`, `R${i}`, person.first, person.last, person.workEmail)
      user.run(integrationId, `u${i}`, person.legacyEmail, person.first, person.last, i + 2)
    })
  })()
  db.close()
}

const FIRST_NAMES = [
  'Anna',
  'Jonas',
  'Lea',
  'Paul',
  'Mia',
  'Felix',
  'Emma',
  'Noah',
  'Sofia',
  'Elias',
  'Marie',
  'Ben',
]
const LAST_NAMES = [
  'Schmidt',
  'Müller',
  'Weber',
  'Fischer',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
]
/** Employees per family name variant: crowds of namesakes, as a large company has. */
const NAMESAKES = 120

/**
 * A company of `size` whose emails never agree (personal addresses in the legacy file), so every user goes
 * through name matching, the expensive path: the match worker's test and its latency benchmark use it.
 */
export function seedNameOnlyCompany(path: string, integrationId: string, size: number): void {
  seedPeople(
    path,
    integrationId,
    Array.from({ length: size }, (_, i) => ({
      first: FIRST_NAMES[i % FIRST_NAMES.length]!,
      last: `${LAST_NAMES[i % LAST_NAMES.length]!}${Math.floor(i / NAMESAKES)}`,
      workEmail: `e${i}@acme.example`,
      legacyEmail: `private${i}@mail.example`,
    })),
  )
}
