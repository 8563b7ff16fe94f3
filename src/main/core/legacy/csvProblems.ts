import type { CsvProblem, CsvProblemKind } from '../../../shared/dto/legacy'

/**
 * A problem plus how it is counted in the one-line summary: problems with the same `group` are counted
 * together (`2 duplicate user ids`, `1 row with 5 fields instead of 6`).
 */
export interface RefusalProblem extends CsvProblem {
  group: string
  describe(count: number): string
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`

type SharedParts = Pick<RefusalProblem, 'reason' | 'group' | 'describe'>

/**
 * A file with a million short rows has a million field-count problems: rows with the same counts share
 * one reason, group and describe instead of each holding copies. Cleared when it grows past this many
 * distinct counts, so a file with a different count on every row cannot make it grow without bound.
 */
const SHARED_PARTS_LIMIT = 1_000
const sharedFieldCountParts = new Map<string, SharedParts>()

function fieldCountParts(fields: number, expected: number): SharedParts {
  const group = `field_count:${fields}:${expected}`
  const known = sharedFieldCountParts.get(group)
  if (known) return known
  if (sharedFieldCountParts.size >= SHARED_PARTS_LIMIT) sharedFieldCountParts.clear()
  const fieldWord = fields === 1 ? 'field' : 'fields'
  const parts: SharedParts = {
    reason: `${fields} ${fieldWord} instead of ${expected}`,
    group,
    describe: (count) => `${plural(count, 'row', 'rows')} with ${fields} ${fieldWord} instead of ${expected}`,
  }
  sharedFieldCountParts.set(group, parts)
  return parts
}

const describeMissingUserIds = (count: number): string => `${plural(count, 'row', 'rows')} without a user id`
const describeDuplicateUserIds = (count: number): string =>
  plural(count, 'duplicate user id', 'duplicate user ids')

export const problems = {
  notText: (line: number, reason: string): RefusalProblem => ({
    line,
    kind: 'not_text',
    reason,
    group: 'not_text',
    describe: () => 'not a text file',
  }),
  empty: (line: number, reason: string): RefusalProblem => ({
    line,
    kind: 'empty_file',
    reason,
    group: 'empty_file',
    describe: () => 'no user rows',
  }),
  unclosedQuote: (line: number): RefusalProblem => ({
    line,
    kind: 'malformed_csv',
    reason: 'a quoted field starts here and is never closed, so the rest of the file would be one cell',
    group: 'malformed_csv',
    describe: (count) => plural(count, 'malformed row', 'malformed rows'),
  }),
  malformed: (line: number, parserMessage: string): RefusalProblem => ({
    line,
    kind: 'malformed_csv',
    reason: `cannot be read as CSV (${parserMessage})`,
    group: 'malformed_csv',
    describe: (count) => plural(count, 'malformed row', 'malformed rows'),
  }),
  badJson: (line: number, detail: string): RefusalProblem => ({
    line,
    kind: 'malformed_csv',
    reason: `cannot be read as a JSON user record (${detail})`,
    group: 'malformed_csv',
    describe: (count) => plural(count, 'malformed record', 'malformed records'),
  }),
  fieldCount: (line: number, fields: number, expected: number): RefusalProblem => ({
    line,
    kind: 'field_count',
    ...fieldCountParts(fields, expected),
  }),
  missingUserId: (line: number, header: string): RefusalProblem => ({
    line,
    kind: 'missing_user_id',
    reason: `no user id (column "${header}" is empty)`,
    group: 'missing_user_id',
    describe: describeMissingUserIds,
  }),
  duplicateUserId: (line: number, userId: string, firstLine: number): RefusalProblem => ({
    line,
    kind: 'duplicate_user_id',
    reason: `duplicate user id ${userId} (also on line ${firstLine})`,
    group: 'duplicate_user_id',
    describe: describeDuplicateUserIds,
  }),
  column: (
    line: number,
    kind: Extract<
      CsvProblemKind,
      'no_user_id_column' | 'no_identity_column' | 'ambiguous_column' | 'column_map'
    >,
    reason: string,
  ): RefusalProblem => ({
    line,
    kind,
    reason,
    group: kind,
    describe: (count) => {
      switch (kind) {
        case 'no_user_id_column':
          return 'no user id column'
        case 'no_identity_column':
          return 'no column to identify people by'
        case 'ambiguous_column':
          return plural(count, 'ambiguous column', 'ambiguous columns')
        case 'column_map':
          return plural(count, 'unusable column map entry', 'unusable column map entries')
      }
    },
  }),
}

/** Problems in file order; problems about the columns come before rows on the header's line. */
export function sortProblems(list: readonly RefusalProblem[]): RefusalProblem[] {
  // Problems are found in file order nearly always; a million of them need no sorting copy then.
  if (list.every((problem, index) => index === 0 || list[index - 1]!.line <= problem.line)) return [...list]
  return list
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => a.problem.line - b.problem.line || a.order - b.order)
    .map(({ problem }) => problem)
}

/** The data that crosses the boundary: line, kind and reason only. */
export function toCsvProblems(list: readonly RefusalProblem[]): CsvProblem[] {
  return list.map(({ line, kind, reason }) => ({ line, kind, reason }))
}

/**
 * One line for the whole refusal, e.g. `people.csv refused: 3 problems (2 duplicate user ids, 1 row with 5
 * fields instead of 6); first: line 7: duplicate user id 0042 (also on line 3)`. Groups appear in the
 * order their first problem appears in the file. `sorted` must be in file order and not empty.
 */
export function refusalMessage(fileName: string, sorted: readonly RefusalProblem[]): string {
  const groups = new Map<string, { count: number; describe: (count: number) => string }>()
  for (const problem of sorted) {
    const group = groups.get(problem.group)
    if (group) group.count++
    else groups.set(problem.group, { count: 1, describe: problem.describe })
  }
  const breakdown = [...groups.values()].map((group) => group.describe(group.count)).join(', ')
  const first = sorted[0]
  const firstText = first ? `; first: line ${first.line}: ${first.reason}` : ''
  return `${fileName} refused: ${plural(sorted.length, 'problem', 'problems')} (${breakdown})${firstText}`
}
