/** Bytes enough for any header line a user export has. */
const HEADER_SLICE_BYTES = 64 * 1024
const DELIMITERS = [',', ';', '\t', '|'] as const

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  try {
    // The slice may end inside a character; `stream` keeps that from counting as invalid.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

/** Splits one CSV line, honouring double quotes (a header cell can contain the delimiter). */
function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === delimiter) {
      cells.push(cell.trim())
      cell = ''
    } else cell += char
  }
  cells.push(cell.trim())
  return cells
}

/**
 * The header cells of a CSV file, read in the page so the column-mapping form can offer them when the
 * host could not tell the columns apart. The host's own sniffing stays authoritative for the import.
 */
export async function readHeaderCells(file: Blob): Promise<string[]> {
  const bytes = new Uint8Array(await file.slice(0, HEADER_SLICE_BYTES).arrayBuffer())
  const text = decode(bytes).replace(/^\uFEFF/, '')
  const firstLine = text.split(/\r\n|\n|\r/)[0] ?? ''
  const delimiter = DELIMITERS.reduce((best, candidate) =>
    firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
  )
  return splitLine(firstLine, delimiter).filter((cell) => cell !== '')
}
