import type { ByteSource } from './byteSource'
import {
  BINARY_CONTROL_SHARE,
  UTF16BE_BOM,
  UTF16LE_BOM,
  UTF16_SNIFF_BYTES,
  UTF8_BOM,
  iconvLite,
  isDisallowedControl,
  sniffBomlessUtf16,
  startsWith,
  type TextEncodingName,
} from './decodeText'

/**
 * The streaming twin of decodeText: the same encoding rules and text checks, applied chunk by chunk so a
 * file of any size is decoded in constant memory. The encoding is chosen in a first pass over the bytes
 * (valid UTF-8 can only be known at the end); the text is produced in a second.
 */

export type TextRefusal = { ok: false; line: number; detail: string }
export type SniffedEncoding = { ok: true; encoding: TextEncodingName; skipBytes: number } | TextRefusal

function firstBytes(source: ByteSource, count: number): Uint8Array {
  const parts: Uint8Array[] = []
  let length = 0
  for (const chunk of source.chunks()) {
    const part = chunk.subarray(0, count - length)
    parts.push(Uint8Array.from(part))
    length += part.length
    if (length >= count) break
  }
  return Buffer.concat(parts)
}

function isValid(source: ByteSource, label: 'utf-8' | 'utf-16le' | 'utf-16be'): boolean {
  const decoder = new TextDecoder(label, { fatal: true })
  try {
    for (const chunk of source.chunks()) decoder.decode(chunk, { stream: true })
    decoder.decode()
    return true
  } catch {
    return false
  }
}

/** Picks the encoding the way decodeText does, reading the bytes once more for each candidate checked. */
export function sniffEncoding(source: ByteSource): SniffedEncoding {
  const head = firstBytes(source, UTF16_SNIFF_BYTES)
  if (startsWith(head, UTF16LE_BOM) || startsWith(head, UTF16BE_BOM)) {
    const encoding = startsWith(head, UTF16LE_BOM) ? 'utf-16le' : 'utf-16be'
    if (isValid(source, encoding)) return { ok: true, encoding, skipBytes: 0 }
    const name = encoding.toUpperCase()
    return {
      ok: false,
      line: 1,
      detail: `the file starts with a ${name} byte order mark but is not valid ${name}`,
    }
  }
  if (startsWith(head, UTF8_BOM)) {
    if (isValid(source, 'utf-8')) return { ok: true, encoding: 'utf-8-bom', skipBytes: 0 }
    return { ok: true, encoding: 'windows-1252', skipBytes: UTF8_BOM.length }
  }
  const bomless = sniffBomlessUtf16(head)
  if (bomless && isValid(source, bomless)) return { ok: true, encoding: bomless, skipBytes: 0 }
  if (isValid(source, 'utf-8')) return { ok: true, encoding: 'utf-8', skipBytes: 0 }
  return { ok: true, encoding: 'windows-1252', skipBytes: 0 }
}

interface ChunkDecoder {
  write(chunk: Uint8Array): string
  end(): string
}

function chunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'windows-1252') {
    const decoder = iconvLite().getDecoder('windows-1252')
    return {
      write: (chunk) => decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
      end: () => decoder.end() ?? '',
    }
  }
  // The decoder drops a leading BOM of its own encoding (ignoreBOM defaults to false).
  const decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding)
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() }
}

/** Counts lines and control characters as text goes by, to refuse binary files as decodeText does. */
class TextChecks {
  private line = 1
  private characters = 0
  private controls = 0
  private firstControlLine = 0

  /** A refusal when `text` holds a NUL; otherwise counts and lets it pass. */
  see(text: string): TextRefusal | null {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index)
      if (code === 0x0a) this.line++
      else if (code === 0) {
        return {
          ok: false,
          line: this.line,
          detail: 'the file is not text (it contains NUL bytes); export the user list as CSV',
        }
      } else if (isDisallowedControl(code)) {
        this.controls++
        if (this.firstControlLine === 0) this.firstControlLine = this.line
      }
    }
    this.characters += text.length
    return null
  }

  finish(): TextRefusal | null {
    if (this.characters === 0 || this.controls / this.characters <= BINARY_CONTROL_SHARE) return null
    return {
      ok: false,
      line: this.firstControlLine,
      detail: `the file is not text (${this.controls} control characters); export the user list as CSV`,
    }
  }
}

/**
 * Decodes the source in the sniffed encoding and hands the text on in pieces, every line break as \n (a
 * \r at the end of one chunk waits for the next, in case a \n follows). Stops at the first NUL.
 */
export function readText(
  source: ByteSource,
  sniffed: Extract<SniffedEncoding, { ok: true }>,
  onText: (text: string) => void,
): TextRefusal | null {
  const decoder = chunkDecoder(sniffed.encoding)
  const checks = new TextChecks()
  let skip = sniffed.skipBytes
  let carry = ''
  const pass = (raw: string, last: boolean): TextRefusal | null => {
    let text = carry + raw
    carry = ''
    if (!last && text.endsWith('\r')) {
      carry = '\r'
      text = text.slice(0, -1)
    }
    text = text.replace(/\r\n?/g, '\n')
    if (text === '') return null
    const refusal = checks.see(text)
    if (refusal) return refusal
    onText(text)
    return null
  }
  for (const chunk of source.chunks()) {
    const bytes = skip > 0 ? chunk.subarray(Math.min(skip, chunk.length)) : chunk
    skip = Math.max(0, skip - chunk.length)
    const refusal = pass(decoder.write(bytes), false)
    if (refusal) return refusal
  }
  return pass(decoder.end(), true) ?? checks.finish()
}
