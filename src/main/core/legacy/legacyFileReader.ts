import { parse } from 'csv-parse'
import type { CsvError } from 'csv-parse'
import type { LegacyRole } from '../../../shared/dto/legacy'
import type { ByteSource } from './byteSource'
import { problems, sortProblems, type RefusalProblem } from './csvProblems'
import { readText, sniffEncoding } from './decodeStream'
import type { TextEncodingName } from './decodeText'
import { looksLikeJson, readJsonRecords } from './jsonRecords'
import { LegacyRows, type LegacyRowsShape, type LegacyUserSink } from './legacyRows'
import { sniffDelimiter, type CsvDelimiter } from './sniffDelimiter'

/** What a read file was, apart from its users (they went to the sink). */
export interface LegacyFileShape extends LegacyRowsShape {
  encoding: TextEncodingName
  /** The CSV delimiter, or `json` / `ndjson` for an export of JSON records (Auth0 writes both). */
  delimiter: CsvDelimiter | 'json' | 'ndjson'
}

export type LegacyReadOutcome =
  | { ok: true; file: LegacyFileShape }
  /** Every problem found, in file order; never empty. */
  | { ok: false; problems: RefusalProblem[] }

/**
 * How much text is looked at before deciding between CSV and JSON and sniffing the delimiter: the
 * sniffer compares the first 50 records, which fit in this many characters unless rows are huge.
 */
const LAYOUT_SNIFF_CHARS = 1 << 18

/**
 * A CSV parser that hands each record to `rows` as it is read. Quotes follow RFC 4180 (as Excel writes
 * them); a stray quote inside an unquoted field is kept as a character rather than refusing the file.
 * Field counts are checked by `rows`, so every wrong row can be reported. Records are never buffered:
 * on_record returns null, and csv-parse's write and end process synchronously.
 */
function csvParser(delimiter: CsvDelimiter, rows: LegacyRows) {
  let previousEnd = 0
  const parser = parse({
    delimiter,
    record_delimiter: '\n',
    quote: '"',
    escape: '"',
    relax_quotes: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_record: (fields: string[], context) => {
      rows.record({ line: previousEnd + 1, fields })
      previousEnd = context.lines
      return null
    },
    on_skip: (error: CsvError | undefined) => {
      const line = previousEnd + 1
      if (error?.code === 'CSV_QUOTE_NOT_CLOSED') rows.broken(problems.unclosedQuote(line))
      else rows.broken(problems.malformed(line, error?.message ?? 'unknown parser error'))
      if (typeof error?.lines === 'number') previousEnd = error.lines
    },
  })
  // Every skipped record is reported through on_skip; the stream's own error event adds nothing.
  parser.on('error', () => undefined)
  // With relax_column_count, csv-parse still builds an error object (deep-copying its options) for every
  // record whose length differs from the first one's and drops it: a million short rows cost minutes.
  // Field counts are checked against the header by LegacyRows, so the parser is told each record is as
  // long as expected. Without that internal state (another csv-parse version) only the speed differs.
  const state: unknown = Reflect.get(parser, 'state')
  if (typeof state === 'object' && state !== null && 'expectedRecordLength' in state) {
    Object.defineProperty(state, 'expectedRecordLength', {
      get: () => {
        const record: unknown = Reflect.get(state, 'record')
        return Array.isArray(record) ? record.length : undefined
      },
      set: () => undefined,
    })
  }
  return parser
}

/**
 * Reads a legacy user export from `source` into `sink`, or into the complete list of reasons to refuse
 * it. CSV is parsed as it streams, so memory does not grow with the file; a JSON export (a small format in
 * practice) is collected and parsed whole. Users reach the sink before the file is known to be valid: the
 * caller discards them on refusal (the import rolls back its transaction).
 */
export function readLegacyFile(
  source: ByteSource,
  map: Partial<Record<LegacyRole, string>>,
  sink: LegacyUserSink,
): LegacyReadOutcome {
  const sniffed = sniffEncoding(source)
  if (!sniffed.ok) return { ok: false, problems: [problems.notText(sniffed.line, sniffed.detail)] }
  const rows = new LegacyRows(map, sink)
  let head = ''
  let layout: { kind: 'csv'; delimiter: CsvDelimiter; parser: ReturnType<typeof csvParser> } | null = null
  let json: { kind: 'json' | 'ndjson'; pieces: string[] } | null = null
  let sawContent = false
  const decide = () => {
    const jsonLayout = looksLikeJson(head)
    if (jsonLayout) json = { kind: jsonLayout, pieces: [head] }
    else {
      const delimiter = sniffDelimiter(head)
      layout = { kind: 'csv', delimiter, parser: csvParser(delimiter, rows) }
      layout.parser.write(head)
    }
    head = ''
  }
  const refusal = readText(source, sniffed, (text) => {
    if (!sawContent && text.trim() !== '') sawContent = true
    if (layout) layout.parser.write(text)
    else if (json) json.pieces.push(text)
    else {
      head += text
      if (head.length >= LAYOUT_SNIFF_CHARS) decide()
    }
  })
  if (refusal) return { ok: false, problems: [problems.notText(refusal.line, refusal.detail)] }
  if (!sawContent) {
    return {
      ok: false,
      problems: [problems.empty(1, 'the file is empty; export the user list with a header line')],
    }
  }
  if (!layout && !json) decide()
  let delimiter: LegacyFileShape['delimiter']
  if (layout !== null) {
    const csv: { delimiter: CsvDelimiter; parser: ReturnType<typeof csvParser> } = layout
    csv.parser.end()
    delimiter = csv.delimiter
  } else {
    const collected: { kind: 'json' | 'ndjson'; pieces: string[] } = json!
    const read = readJsonRecords(collected.pieces.join(''), collected.kind)
    if ('refused' in read) return { ok: false, problems: [read.refused] }
    for (const problem of read.broken) rows.broken(problem)
    for (const record of read.records) rows.record(record)
    delimiter = collected.kind
  }
  const outcome = rows.finish()
  if (!outcome.ok) return { ok: false, problems: sortProblems(outcome.problems) }
  return { ok: true, file: { encoding: sniffed.encoding, delimiter, ...outcome.shape } }
}
