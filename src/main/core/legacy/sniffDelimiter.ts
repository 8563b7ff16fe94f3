/**
 * Picks the field delimiter of a CSV export. Excel writes `,` or `;` depending on the locale (`;` where
 * the decimal separator is a comma), tab for "Unicode text", and some HR tools use `|`.
 */

export type CsvDelimiter = ',' | ';' | '\t' | '|'

/** In order of preference when two candidates fit the sample equally well. */
export const DELIMITER_CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t', '|']

/**
 * How many non-blank records (header included) the sniffer compares. Enough to see past a few odd rows,
 * small enough to stay instant on a 100,000-row file.
 */
const SNIFF_RECORDS = 50

function isBlankChar(char: string): boolean {
  return char.trim() === ''
}

/**
 * Field counts of the first records of `text` when split on `delimiter`, honouring RFC 4180 quoting as
 * Excel and the import's parser do: a quote opens a quoted field only as a field's very first character,
 * `""` inside one is a literal quote, and delimiters and line breaks inside quotes do not count. Records with no visible content (blank lines,
 * whitespace, bare delimiters) are skipped, as the import skips them.
 * `text` uses \n line breaks.
 */
export function fieldCountsPerRecord(text: string, delimiter: CsvDelimiter, maxRecords: number): number[] {
  const counts: number[] = []
  let fields = 1
  let inQuotes = false
  let atFieldStart = true
  let recordHasContent = false
  for (let index = 0; index < text.length && counts.length < maxRecords; index++) {
    const char = text[index]!
    if (inQuotes) {
      if (char !== '"') {
        if (!isBlankChar(char)) recordHasContent = true
      } else if (text[index + 1] === '"') {
        index++
        recordHasContent = true
      } else {
        inQuotes = false
      }
      continue
    }
    if (char === '"' && atFieldStart) {
      inQuotes = true
      atFieldStart = false
    } else if (char === delimiter) {
      fields++
      atFieldStart = true
    } else if (char === '\n') {
      if (recordHasContent) counts.push(fields)
      fields = 1
      atFieldStart = true
      recordHasContent = false
    } else {
      atFieldStart = false
      if (!isBlankChar(char)) recordHasContent = true
    }
  }
  if (recordHasContent && counts.length < maxRecords) counts.push(fields)
  return counts
}

/**
 * The candidate under which the most records have the header's field count (a real delimiter splits
 * every line alike; a wrong one varies with the data). Candidates that leave the header in one piece
 * cannot be it. Ties go to the candidate giving more fields, then to the earlier candidate. Falls back to
 * `,` when nothing splits the header, so the file is then reported as having no usable columns.
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; consistency: number; fields: number } | null = null
  for (const delimiter of DELIMITER_CANDIDATES) {
    const counts = fieldCountsPerRecord(text, delimiter, SNIFF_RECORDS)
    const headerFields = counts[0] ?? 0
    if (headerFields < 2) continue
    const consistency = counts.filter((count) => count === headerFields).length / counts.length
    if (
      best === null ||
      consistency > best.consistency ||
      (consistency === best.consistency && headerFields > best.fields)
    ) {
      best = { delimiter, consistency, fields: headerFields }
    }
  }
  return best?.delimiter ?? ','
}
