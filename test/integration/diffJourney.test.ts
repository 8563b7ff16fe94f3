import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateCompany, type KomboEmployeeRecord } from '../../src/main/core/demo/generateCompany'
import { startStandIn, type StandIn } from '../../src/main/core/demo/standInServer'
import type { ActionPlan } from '../../src/shared/dto/diff'
import { runCli } from '../support/runCli'
import { makeTempDir } from '../support/tempDir'

/**
 * The acceptance walkthrough, through the real CLI against the Kombo stand-in: first sync and
 * import, a rename and a leaver, a re-hire in the same sync as a wave of leavers that trips the
 * deletion guard, and a failed sync after which the last good lists stand.
 */
const API_KEY = 'journey-key-1234'
const INTEGRATION = 'personio:journey8d1hpPsb'
const JOURNEY_TIMEOUT_MS = 240_000

interface Person {
  id: string
  remote_id: string
  first_name: string
  last_name: string
  work_email: string
}

/** Kombo ids are 24 characters; the stand-in does not care, but the shape stays honest. */
const komboId = (n: number): string => `emp${String(n).padStart(21, '0')}`

const PEOPLE: Person[] = [
  ['Ada', 'Lovelace'],
  ['Alan', 'Turing'],
  ['Grace', 'Hopper'],
  ['Edsger', 'Dijkstra'],
  ['Barbara', 'Liskov'],
  ['Donald', 'Knuth'],
  ['Frances', 'Allen'],
  ['Ken', 'Thompson'],
].map(([first, last], index) => ({
  id: komboId(index + 1),
  remote_id: String(1001 + index),
  first_name: first!,
  last_name: last!,
  work_email: `${first!.toLowerCase()}.${last!.toLowerCase()}@acme.example`,
}))
const [ada, alan, grace, edsger, barbara, donald, frances, ken] = PEOPLE as [
  Person,
  Person,
  Person,
  Person,
  Person,
  Person,
  Person,
  Person,
]

/** Full Kombo-shaped records (from the demo generator) carrying the journey's people. */
function records(people: readonly Person[]): KomboEmployeeRecord[] {
  const templates = generateCompany({ seed: 7, size: people.length })
  return people.map((person, index) => ({
    ...templates[index]!,
    ...person,
    display_full_name: `${person.first_name} ${person.last_name}`,
    personal_email: null,
    employment_status: 'ACTIVE',
    termination_date: null,
    remote_deleted_at: null,
  }))
}

/** The customer's product export: user ids of its own, emails and names as the product has them. */
function legacyCsv(
  rows: readonly [userId: string, person: Person | { email: string; first: string; last: string }][],
): string {
  const lines = ['user_id,email,first_name,last_name']
  for (const [userId, who] of rows) {
    if ('id' in who) lines.push(`${userId},${who.work_email},${who.first_name},${who.last_name}`)
    else lines.push(`${userId},${who.email},${who.first},${who.last}`)
  }
  return lines.join('\r\n') + '\r\n'
}

describe('the acceptance walkthrough through the CLI', () => {
  let standIn: StandIn
  let temp: ReturnType<typeof makeTempDir>
  let db: string
  const env = { KOMBO_API_KEY: API_KEY }

  const cli = async (args: string[]) => {
    const run = await runCli([args[0]!, '--db', db, '--integration', INTEGRATION, ...args.slice(1)], env)
    return run
  }
  const ok = async (args: string[]): Promise<string> => {
    const run = await cli(args)
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0)
    return run.stdout
  }
  const sync = (...extra: string[]) => ok(['sync', '--base-url', standIn.baseUrl, ...extra])
  const importLegacy = (csv: string, name: string, ...extra: string[]) => {
    const file = join(temp.dir, name)
    writeFileSync(file, csv)
    return ok(['import', '--file', file, ...extra])
  }
  const plan = async (): Promise<ActionPlan> => JSON.parse(await ok(['diff', '--json'])) as ActionPlan
  const lists = (p: ActionPlan) => ({ add: p.add, update: p.update, remove: p.remove })

  beforeAll(async () => {
    temp = makeTempDir('diff-journey-')
    db = join(temp.dir, 'desk.sqlite')
    standIn = await startStandIn({ apiKey: API_KEY, integrations: { [INTEGRATION]: records(PEOPLE) } })
  })
  afterAll(async () => {
    await standIn.close()
    temp.cleanup()
  })

  it(
    'walks from the first sync to a failed one',
    async () => {
      // 1. First sync and import: seven people already use the product, Ken is new, and the product
      //    still has an account for someone who left long ago.
      await sync()
      const linkedPeople = [ada, alan, grace, edsger, barbara, donald, frances]
      const users: [string, Person | { email: string; first: string; last: string }][] = linkedPeople.map(
        (person, index) => [`u${index + 1}`, person],
      )
      users.push(['u-old', { email: 'old.timer@acme.example', first: 'Old', last: 'Timer' }])
      await importLegacy(legacyCsv(users), 'export-1.csv')
      await ok(['match'])
      const first = await plan()
      expect(first.add.map((a) => [a.kombo_id, a.remote_id, a.work_email, a.rehire_of])).toEqual([
        [ken.id, ken.remote_id, ken.work_email, null],
      ])
      expect(first.update).toEqual([])
      expect(first.remove).toEqual([{ user_id: 'u-old', kombo_id: null, reason: 'no_employee' }])
      expect(first.guard).toMatchObject({ tripped: false, linked: 7, removals: 0 })
      expect(first.stale).toBeNull()

      // 2. Alan's family name changes and Grace leaves (deleted upstream).
      standIn.updateEmployee(INTEGRATION, alan.id, {
        last_name: 'Turing-Smith',
        display_full_name: 'Alan Turing-Smith',
      })
      standIn.deleteEmployee(INTEGRATION, grace.id)
      await sync()
      await ok(['match'])
      const second = await plan()
      expect(second.update).toEqual([
        {
          user_id: 'u2',
          kombo_id: alan.id,
          changes: [{ field: 'last_name', from: 'Turing', to: 'Turing-Smith' }],
        },
      ])
      expect(second.remove).toEqual([
        { user_id: 'u3', kombo_id: grace.id, reason: 'deleted' },
        { user_id: 'u-old', kombo_id: null, reason: 'no_employee' },
      ])
      expect(second.guard).toMatchObject({ tripped: false, linked: 7, removals: 1 })

      // The customer applies the lists: Ken gets an account, Alan is renamed, Grace and the old
      // account are removed. Their next export is what the product now holds.
      const renamedAlan = { ...alan, last_name: 'Turing-Smith' }
      await importLegacy(
        legacyCsv([
          ['u1', ada],
          ['u2', renamedAlan],
          ['u4', edsger],
          ['u5', barbara],
          ['u6', donald],
          ['u7', frances],
          ['u8', ken],
        ]),
        'export-2.csv',
        // Two of eight users were removed on purpose: more than 5% of the file, so it is confirmed.
        '--allow-shrink',
      )
      await ok(['match'])
      const applied = await plan()
      expect(lists(applied)).toEqual({ add: [], update: [], remove: [] })

      // 3. Months later Kombo has blanked Grace's record; she returns under a new Kombo id and remote id
      //    with her old email. In the same (full) sync three of the other seven linked people leave:
      //    Edsger is deleted, Barbara is terminated, Donald is no longer returned at all.
      standIn.anonymizeEmployee(INTEGRATION, grace.id)
      const returningGrace: Person = { ...grace, id: komboId(30), remote_id: '2001' }
      standIn.upsertEmployee(INTEGRATION, records([returningGrace])[0]!)
      standIn.deleteEmployee(INTEGRATION, edsger.id)
      standIn.updateEmployee(INTEGRATION, barbara.id, {
        employment_status: 'INACTIVE',
        termination_date: '2020-03-31T00:00:00.000Z',
      })
      standIn.removeEmployee(INTEGRATION, donald.id)
      await sync('--full')
      await ok(['match'])
      const wave = await plan()
      expect(wave.add).toEqual([
        expect.objectContaining({
          kombo_id: returningGrace.id,
          remote_id: '2001',
          work_email: grace.work_email,
          rehire_of: 'u3',
          rehire_evidence: 'work_email',
        }),
      ])
      expect(wave.guard).toMatchObject({
        tripped: true,
        linked: 7,
        removals: 3,
        withheld: 3,
        confirmed: false,
      })
      expect(wave.remove).toEqual([])
      expect(wave.withheldRemovals).toEqual([
        { user_id: 'u4', kombo_id: edsger.id, reason: 'deleted' },
        { user_id: 'u5', kombo_id: barbara.id, reason: 'terminated' },
        { user_id: 'u6', kombo_id: donald.id, reason: 'vanished' },
      ])
      const human = await ok(['diff'])
      expect(human).toContain('Deletion guard: TRIPPED; this sync removes 3 of 7 linked users')

      const confirmation = await ok(['confirm-removals'])
      expect(confirmation).toMatch(/3 removals released \(1 deleted, 1 terminated, 1 vanished\)/)
      const confirmed = await plan()
      expect(confirmed.guard).toMatchObject({ tripped: true, confirmed: true, withheld: 0 })
      expect(confirmed.remove).toEqual(wave.withheldRemovals)
      expect(confirmed.add).toEqual(wave.add)

      // 4. The next sync fails (Kombo refuses the credentials' permissions) while Frances leaves
      //    upstream: nothing of that reaches the lists, which stay those of the last good sync.
      standIn.deleteEmployee(INTEGRATION, frances.id)
      standIn.queueFaults({ kind: 'permission-missing' })
      const failed = await cli(['sync', '--base-url', standIn.baseUrl])
      expect(failed.code).not.toBe(0)
      const stale = await plan()
      expect(lists(stale)).toEqual(lists(confirmed))
      expect(stale.basisRunId).toBe(confirmed.basisRunId)
      expect(stale.stale).toMatchObject({ outcome: 'FAILED' })
      expect(stale.stale?.explanation).toMatch(/permission/i)
      const staleHuman = await ok(['diff'])
      expect(staleHuman).toMatch(/STALE: these are the lists of the last successful sync\./)
      expect(staleHuman).toMatch(/Next step: /)
    },
    JOURNEY_TIMEOUT_MS,
  )
})
