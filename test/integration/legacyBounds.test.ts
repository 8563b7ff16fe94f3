import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../support/tempDir'
import { runCli, singleErrorLine, type CliRun } from '../support/runCli'

/**
 * The bounds of a legacy import, through the real CLI: a refusal prints a bounded report however many rows
 * are wrong (all of them in --json and --report), and a file that leaves out many of the previous import's
 * users (cut off, filtered) is refused until --allow-shrink confirms it.
 */
const temp = makeTempDir('legacy-bounds-')
afterAll(() => temp.cleanup())

let fileCount = 0
function csvFile(lines: string[]): string {
  const path = join(temp.dir, `users-${++fileCount}.csv`)
  writeFileSync(path, lines.map((line) => `${line}\n`).join(''))
  return path
}

const usersCsv = (count: number): string[] => [
  'user_id,email,first_name,last_name',
  ...Array.from(
    { length: count },
    (_, index) => `u${index + 1},user${index + 1}@example.com,Ann,Lee${index + 1}`,
  ),
]

function importFile(db: string, file: string, extra: string[] = []): Promise<CliRun> {
  return runCli(['import', '--db', db, '--integration', 'acme', '--file', file, ...extra])
}

async function storedUserIds(db: string): Promise<string[]> {
  const run = await runCli(['legacy', '--db', db, '--integration', 'acme', '--json'])
  return (JSON.parse(run.stdout) as { user_id: string }[]).map((user) => user.user_id)
}

describe('a refusal with many problems', () => {
  const BAD_ROWS = 250
  const lines = [
    'user_id,email,first_name,last_name',
    ...Array.from({ length: BAD_ROWS }, (_, index) => `u${index + 1},only-two-fields`),
  ]

  it('prints the summary, the first 100 problems and a count of the rest', async () => {
    const run = await importFile(join(temp.dir, 'bad.db'), csvFile(lines))
    expect(run.code).toBe(1)
    const printed = run.stderr.trimEnd().split('\n')
    expect(printed[0]).toMatch(
      /^error: users-\d+\.csv refused: 250 problems \(250 rows with 2 fields instead of 4\)/,
    )
    expect(printed.slice(1, 101)).toEqual(
      Array.from({ length: 100 }, (_, index) => `line ${index + 2}: 2 fields instead of 4`),
    )
    expect(printed.slice(101)).toEqual([
      '... and 150 more problems; all of them with --json or --report FILE',
    ])
  })

  it('writes every problem to --report and to --json', async () => {
    const report = join(temp.dir, 'report.txt')
    const run = await importFile(join(temp.dir, 'bad.db'), csvFile(lines), ['--report', report, '--json'])
    expect(run.code).toBe(1)
    const reported = readFileSync(report, 'utf8').trimEnd().split('\n')
    expect(reported).toHaveLength(BAD_ROWS)
    expect(reported[BAD_ROWS - 1]).toBe(`line ${BAD_ROWS + 1}: 2 fields instead of 4`)
    const printed = JSON.parse(run.stdout) as { problems: { line: number; kind: string }[] }
    expect(printed.problems).toHaveLength(BAD_ROWS)
    expect(printed.problems.every((problem) => problem.kind === 'field_count')).toBe(true)
  })
})

describe('a file that leaves out many of the previous import', () => {
  const db = join(temp.dir, 'shrink.db')

  it('is refused with the numbers and the flag, leaving the previous import, until --allow-shrink', async () => {
    expect((await importFile(db, csvFile(usersCsv(1_800)))).code).toBe(0)
    // Cut off at a row boundary: 1,658 of 1,800 users, 142 missing (7.9%).
    const cut = csvFile(usersCsv(1_658))
    const refused = await importFile(db, cut)
    expect(refused.code).toBe(1)
    expect(singleErrorLine(refused)).toBe(
      `error: users-${fileCount}.csv leaves out 142 of the 1800 users of the previous import (7.9%, more than 5.0%); ` +
        'nothing was imported. If the file is complete, import it with --allow-shrink (or confirm in the app)',
    )
    expect(await storedUserIds(db)).toHaveLength(1_800)

    const confirmed = await importFile(db, cut, ['--allow-shrink', '--json'])
    expect(confirmed.code).toBe(0)
    expect(JSON.parse(confirmed.stdout)).toMatchObject({ rows: 1_658, usersRemoved: 142, usersAdded: 0 })
    expect(await storedUserIds(db)).toHaveLength(1_658)
  })

  it('goes ahead without asking when at most 5% are missing', async () => {
    // 1,658 -> 1,576: 82 missing, 4.9%.
    const run = await importFile(db, csvFile(usersCsv(1_576)), ['--json'])
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 1_576, usersRemoved: 82 })
  })
})
