import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/core/store/database'
import { makeTempDir } from '../support/tempDir'
import { runCli } from '../support/runCli'

const INTEGRATION = 'personio:match-cli'
const FORMULA_USER = '=HYPERLINK("http://evil.example","x")'

/** The real CLI, run on this test's database for this test's integration. */
const cli = (...args: string[]) => runCli(args)
const onDb = (command: string, dbPath: string, ...args: string[]) =>
  runCli([command, '--db', dbPath, '--integration', INTEGRATION, ...args])

function seed(path: string): void {
  const db = openDatabase(path)
  const now = '2026-01-01T00:00:00.000Z'
  db.prepare('INSERT INTO integrations (integration_id, created_at) VALUES (?, ?)').run(INTEGRATION, now)
  const employee = db.prepare(
    `INSERT INTO employees (integration_id, id, remote_id, first_name, last_name, work_email, personal_email,
       employment_status, termination_date, first_seen_run, last_seen_run)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)`,
  )
  employee.run(INTEGRATION, 'K1', 'R1', 'Robert', 'Müller', 'robert.mueller@acme.com', null, 'ACTIVE', null)
  employee.run(INTEGRATION, 'K2', 'R2', 'Anna', 'Schmidt', 'anna.schmidt@acme.com', null, 'ACTIVE', null)
  employee.run(
    INTEGRATION,
    'K3',
    'R3',
    'Laura',
    'Chen',
    'laura.chen@acme.com',
    null,
    'INACTIVE',
    '2025-06-30T00:00:00.000Z',
  )
  employee.run(INTEGRATION, 'K4', 'R4', 'Peter', 'Brown', 'peter.brown@acme.com', null, 'ACTIVE', null)
  const user = db.prepare(
    `INSERT INTO legacy_users (integration_id, user_id, email, first_name, last_name, hris_id, line)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  user.run(INTEGRATION, FORMULA_USER, 'robert.mueller@acme.com', 'Robert', 'Müller', null, 2)
  user.run(INTEGRATION, 'u-anna', null, 'Anna', 'Schmidt', null, 3)
  user.run(INTEGRATION, 'u-laura', ' Laura.Chen@ACME.com ', 'Laura', 'Chen', null, 4)
  user.run(INTEGRATION, 'u-peter', null, 'Pete', 'Brown', 'R4', 5)
  user.run(INTEGRATION, 'u-admin', 'it-admin@acme.com', null, null, null, 6)
  db.close()
}

// Each CLI run starts a whole process (about a second, several on a loaded 2-core box): generous timeout.
describe('match, decide and export through the CLI', { timeout: 180_000 }, () => {
  let dir: string
  let cleanup: () => void
  let dbPath: string

  beforeEach(() => {
    ;({ dir, cleanup } = makeTempDir('match-cli-'))
    dbPath = join(dir, 'desk.sqlite')
    seed(dbPath)
  })
  afterEach(() => cleanup())

  it('prints the contract shape with --json and a summary without it', async () => {
    const json = await onDb('match', dbPath, '--json')
    expect(json.code).toBe(0)
    const output = JSON.parse(json.stdout) as {
      results: Array<{
        user_id: string
        status: string
        method: string
        kombo_id: string | null
        score: number
        candidates: Array<{ kombo_id: string; score: number; reasons: string[] }>
      }>
      summary: { matched: number; suggested: number; unmatched: number }
    }
    const byUser = new Map(output.results.map((r) => [r.user_id, r]))
    expect(byUser.get(FORMULA_USER)).toMatchObject({
      status: 'matched',
      method: 'work_email',
      kombo_id: 'K1',
    })
    expect(byUser.get('u-laura')).toMatchObject({ status: 'matched', method: 'work_email', kombo_id: 'K3' })
    expect(byUser.get('u-peter')).toMatchObject({ status: 'matched', method: 'remote_id', kombo_id: 'K4' })
    expect(byUser.get('u-anna')).toMatchObject({ status: 'suggested', method: 'fuzzy', kombo_id: 'K2' })
    expect(byUser.get('u-admin')).toMatchObject({ status: 'unmatched', kombo_id: null })
    for (const result of output.results) {
      expect(result.score).toBeGreaterThanOrEqual(0)
      expect(result.score).toBeLessThanOrEqual(1)
      for (const candidate of result.candidates) {
        expect(Object.keys(candidate)).toEqual(expect.arrayContaining(['kombo_id', 'score', 'reasons']))
      }
    }
    expect(output.summary).toMatchObject({ matched: 3, suggested: 1, unmatched: 1 })
    // Printed result by result as matching stores them, laid out exactly as the whole document would be
    // (compact: the output is piped to this test, not shown on a terminal).
    expect(json.stdout).toBe(JSON.stringify(output) + '\n')

    const human = await onDb('match', dbPath)
    expect(human.code).toBe(0)
    expect(human.stdout).toContain('matched   3')
    expect(human.stdout).toContain('suggested 1')
  })

  it('tells on stderr what a match is doing, also when diff and export match first', async () => {
    const progress =
      /^matching 5 legacy users against 4 employees\nstoring the results and the lists \(\d+\.\d s so far\)\n$/
    // As a specialist goes: the file is imported, and the lists are asked for before any match ran.
    const diff = await onDb('diff', dbPath, '--json')
    expect(diff.code).toBe(0)
    expect(diff.stderr).toMatch(progress)
    // The results are stored now: the lists are read back without matching again, and say nothing.
    const again = await onDb('diff', dbPath, '--json')
    expect(again.stderr).toBe('')
    const listsOf = (stdout: string) => {
      const { generatedAt: _generatedAt, ...lists } = JSON.parse(stdout) as Record<string, unknown>
      return lists
    }
    expect(listsOf(again.stdout)).toEqual(listsOf(diff.stdout))

    const match = await onDb('match', dbPath, '--json')
    expect(match.code).toBe(0)
    expect(match.stderr).toMatch(progress)
    // Progress never mixes into the document.
    expect(JSON.parse(match.stdout)).toHaveProperty('summary.legacyUsers', 5)

    // A user added to the file after the match has no result yet: the mapping export matches first.
    const db = openDatabase(dbPath)
    db.prepare(
      `INSERT INTO legacy_users (integration_id, user_id, email, first_name, last_name, hris_id, line)
       VALUES (?, 'u-new', 'new.person@acme.com', 'New', 'Person', NULL, 7)`,
    ).run(INTEGRATION)
    db.close()
    const exported = await onDb('export', dbPath, '--mapping', join(dir, 'mapping.csv'))
    expect(exported.code).toBe(0)
    expect(exported.stderr).toMatch(/^matching 6 legacy users against 4 employees\n/)

    // And confirming removals, which reads the lists first.
    const db2 = openDatabase(dbPath)
    db2
      .prepare(
        `INSERT INTO legacy_users (integration_id, user_id, email, first_name, last_name, hris_id, line)
         VALUES (?, 'u-newer', NULL, 'Newer', 'Person', NULL, 8)`,
      )
      .run(INTEGRATION)
    db2.close()
    const confirmed = await onDb('confirm-removals', dbPath)
    // Matched, then refused for what it is: this file has never been synced.
    expect(confirmed.stderr).toMatch(/^matching 7 legacy users against 4 employees\n/)
    expect(confirmed.stderr).toMatch(/\nerror: there is no successful sync yet/)
  })

  it('records decisions, refuses unknown ids and double links, and undoes', async () => {
    await onDb('match', dbPath)
    const unknownUser = await onDb('decide', dbPath, '--user-id', 'nobody', '--none')
    expect(unknownUser.code).not.toBe(0)
    expect(unknownUser.stderr).toMatch(/^error: legacy user nobody is not in the imported file/)
    expect(unknownUser.stderr.trim().split('\n')).toHaveLength(1)

    const unknownEmployee = await onDb('decide', dbPath, '--user-id', 'u-anna', '--kombo-id', 'K404')
    expect(unknownEmployee.code).not.toBe(0)
    expect(unknownEmployee.stderr).toContain('employee K404 is not among the synced employees')

    const taken = await onDb('decide', dbPath, '--user-id', 'u-anna', '--kombo-id', 'K3')
    expect(taken.code).not.toBe(0)
    expect(taken.stderr).toContain('already linked to user u-laura')

    const paired = await onDb('decide', dbPath, '--user-id', 'u-anna', '--kombo-id', 'K2', '--json')
    expect(paired.code).toBe(0)
    expect(JSON.parse(paired.stdout)).toMatchObject({ user_id: 'u-anna', kind: 'manual', kombo_id: 'K2' })
    const afterPair = JSON.parse((await onDb('match', dbPath, '--json')).stdout) as {
      results: Array<{ user_id: string; status: string; method: string }>
    }
    expect(afterPair.results.find((r) => r.user_id === 'u-anna')).toMatchObject({
      status: 'matched',
      method: 'decision',
    })

    const undone = await onDb('decide', dbPath, '--user-id', 'u-anna', '--undo')
    expect(undone.code).toBe(0)
    const afterUndo = JSON.parse((await onDb('match', dbPath, '--json')).stdout) as {
      results: Array<{ user_id: string; status: string }>
    }
    expect(afterUndo.results.find((r) => r.user_id === 'u-anna')?.status).toBe('suggested')
  })

  it('exports the mapping formula-safe as CSV (saying so) and exact as JSON', async () => {
    await onDb('decide', dbPath, '--user-id', 'u-anna', '--kombo-id', 'K2')
    const csvPath = join(dir, 'mapping.csv')
    const csv = await onDb('export', dbPath, '--mapping', csvPath)
    expect(csv.code).toBe(0)
    expect(csv.stdout).toContain("1 cell starts like a spreadsheet formula and got a ' in front")
    const lines = readFileSync(csvPath, 'utf8').split('\r\n')
    expect(lines[0]).toBe('user_id,hris_id,kombo_id')
    expect(lines).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")",R1,K1`)
    expect(lines).toContain('u-anna,R2,K2')
    expect(lines).toContain('u-laura,R3,K3')
    expect(lines).toContain('u-peter,R4,K4')
    expect(lines.some((line) => line.startsWith('u-admin'))).toBe(false)

    const jsonPath = join(dir, 'mapping.json')
    const json = await onDb('export', dbPath, '--mapping', jsonPath, '--format', 'json', '--json')
    expect(json.code).toBe(0)
    // --json reports what was written as one document on stdout, like every other command.
    expect(JSON.parse(json.stdout)).toEqual({ file: jsonPath, format: 'json', rows: 4, cellsNeutralised: 0 })
    const rows = JSON.parse(readFileSync(jsonPath, 'utf8')) as Array<{
      user_id: string
      hris_id: string
      kombo_id: string
    }>
    expect(rows).toHaveLength(4)
    // Programs read JSON: the id goes out byte for byte as imported.
    expect(rows.find((row) => row.kombo_id === 'K1')?.user_id).toBe(FORMULA_USER)
    expect(readFileSync(jsonPath, 'utf8')).toContain(`"user_id": ${JSON.stringify(FORMULA_USER)}`)
    expect(json.stdout).not.toContain('spreadsheet')
  })

  it('fails with one error line for an unknown integration', async () => {
    const outcome = await cli('match', '--db', dbPath, '--integration', 'nope')
    expect(outcome.code).not.toBe(0)
    expect(outcome.stderr).toMatch(/^error: unknown integration nope: connect it and run a sync first\n$/)
  })
})
