import { fail } from '../../../shared/result'

/**
 * Typed reads of SQLite rows. better-sqlite3 returns `unknown` shapes; instead of asserting a type with
 * `as`, each table read goes through a small mapper built from these column readers, which check what
 * SQLite actually returned. A mismatch (a column renamed by a migration and a query left behind) then
 * fails loudly at the read, naming the column, instead of flowing on as a wrong type.
 */
export type SqlRow = { readonly [column: string]: unknown }

function schemaMismatch(what: string): never {
  return fail('DB_ERROR', `the database does not have the shape this version expects (${what}); report this`)
}

export function sqlRow(value: unknown, query: string): SqlRow {
  if (typeof value !== 'object' || value === null) return schemaMismatch(`${query} returned no row object`)
  return value as SqlRow
}

export function text(row: SqlRow, column: string): string {
  const value = row[column]
  return typeof value === 'string' ? value : schemaMismatch(`${column} is not text`)
}

export function textOrNull(row: SqlRow, column: string): string | null {
  const value = row[column]
  if (value === null) return null
  return typeof value === 'string' ? value : schemaMismatch(`${column} is not text or null`)
}

export function integer(row: SqlRow, column: string): number {
  const value = row[column]
  return typeof value === 'number' && Number.isInteger(value)
    ? value
    : schemaMismatch(`${column} is not an integer`)
}

export function integerOrNull(row: SqlRow, column: string): number | null {
  const value = row[column]
  if (value === null) return null
  return typeof value === 'number' && Number.isInteger(value)
    ? value
    : schemaMismatch(`${column} is not an integer or null`)
}

/** A single value from a `.pluck()` query. */
export function pluckedInteger(value: unknown, what: string): number {
  return typeof value === 'number' && Number.isInteger(value)
    ? value
    : schemaMismatch(`${what} is not an integer`)
}

/** Rows read as arrays (`.raw()`), every value text or null. */
export function rawTextRows(rows: readonly unknown[], what: string): (string | null)[][] {
  return rows.map((row) => {
    if (!Array.isArray(row)) return schemaMismatch(`${what} returned no row array`)
    for (const value of row)
      if (value !== null && typeof value !== 'string') schemaMismatch(`${what}: a column is not text or null`)
    return row
  })
}

export function pluckedTexts(values: unknown[], what: string): string[] {
  return values.map((value) => (typeof value === 'string' ? value : schemaMismatch(`${what} is not text`)))
}

export function real(row: SqlRow, column: string): number {
  const value = row[column]
  return typeof value === 'number' ? value : schemaMismatch(`${column} is not a number`)
}

export function realOrNull(row: SqlRow, column: string): number | null {
  const value = row[column]
  if (value === null) return null
  return typeof value === 'number' ? value : schemaMismatch(`${column} is not a number or null`)
}

/** A text column a CHECK constraint limits to a few words; the type is those words. */
export function oneOf<Word extends string>(row: SqlRow, column: string, words: readonly Word[]): Word {
  const value = row[column]
  const word = words.find((candidate) => candidate === value)
  return word ?? schemaMismatch(`${column} is not one of ${words.join(', ')}`)
}

export function oneOfOrNull<Word extends string>(
  row: SqlRow,
  column: string,
  words: readonly Word[],
): Word | null {
  return row[column] === null ? null : oneOf(row, column, words)
}

/** Several nullable text columns at once, each under its column name. */
export function textsOrNull<Column extends string>(
  row: SqlRow,
  columns: readonly Column[],
): Record<Column, string | null> {
  const values: Partial<Record<Column, string | null>> = {}
  for (const column of columns) values[column] = textOrNull(row, column)
  // Every column of the list was just set.
  return values as Record<Column, string | null>
}

/** The first row of a query, mapped, or null when there is none. */
export function firstRow<T>(value: unknown, query: string, map: (row: SqlRow) => T): T | null {
  return value === undefined ? null : map(sqlRow(value, query))
}

/** Every row of a query through its mapper. */
export function mappedRows<T>(rows: readonly unknown[], query: string, map: (row: SqlRow) => T): T[] {
  return rows.map((row) => map(sqlRow(row, query)))
}

/** A single value from a `.pluck()` query that may find no row. */
export function pluckedTextOrUndefined(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined
  return typeof value === 'string' ? value : schemaMismatch(`${what} is not text`)
}

/**
 * Every row of a statement, read one at a time into an array of our own, for the reads of a whole
 * company. better-sqlite3's `all` fills its array so that each of V8's young-generation collections
 * costs more the more rows are already in it: reading 500,000 employees with `all` spent 1.9-2.4 s in
 * them and took 4.6-6.2 s; read this way 0.4-0.5 s and 3.1-4.0 s (`bench/README.md`, Scale).
 */
export function everyRow(
  statement: { iterate(...params: unknown[]): IterableIterator<unknown> },
  ...params: unknown[]
): unknown[] {
  const rows: unknown[] = []
  for (const row of statement.iterate(...params)) rows.push(row)
  return rows
}

/**
 * Every row of a statement in raw mode (`.raw()`: each row an array of its columns), made into an object
 * of our own by `shape` as it is read, for the reads of a whole company that a match run holds. Rows as
 * arrays skip the column name better-sqlite3 looks up for every value of an object row (a third of
 * reading 100,000 employees), and `shape` can share a repeated text through the TextPool, so its copy
 * dies young.
 */
export function everyRowShaped<Row>(
  statement: { iterate(...params: unknown[]): IterableIterator<unknown> },
  shape: (columns: readonly unknown[], texts: TextPool) => Row,
  ...params: unknown[]
): Row[] {
  const texts = new TextPool()
  const rows: Row[] = []
  for (const columns of statement.iterate(...params)) {
    if (!Array.isArray(columns)) return schemaMismatch('a whole-table read returned no row array')
    rows.push(shape(columns, texts))
  }
  return rows
}

/** Column `at` of a raw row, text (named `column` when it is not). */
export function textAt(columns: readonly unknown[], at: number, column: string): string {
  const value = columns[at]
  return typeof value === 'string' ? value : schemaMismatch(`${column} is not text`)
}

export function textOrNullAt(columns: readonly unknown[], at: number, column: string): string | null {
  const value = columns[at]
  if (value === null) return null
  return typeof value === 'string' ? value : schemaMismatch(`${column} is not text or null`)
}

export function integerAt(columns: readonly unknown[], at: number, column: string): number {
  const value = columns[at]
  return typeof value === 'number' && Number.isInteger(value)
    ? value
    : schemaMismatch(`${column} is not an integer`)
}

/**
 * One string per distinct value of the columns that repeat across a company (statuses, dates, given and
 * family names): SQLite hands every row its own copy, and a whole company's rows are held for a match run
 * (at 500,000 employees those copies were about 100 MB and millions of strings that every full garbage
 * collection marks). Only the reading holds the pool.
 */
export class TextPool {
  private readonly texts = new Map<string, string>()

  share<Text extends string>(text: Text | null): Text | null {
    if (text === null) return null
    const known = this.texts.get(text)
    // Equal to `text`, so of its type.
    if (known !== undefined) return known as Text
    this.texts.set(text, text)
    return text
  }
}
