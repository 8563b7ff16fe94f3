/**
 * Turns the bytes of a customer's export into text. Encodings are sniffed from the bytes, never assumed:
 * a byte order mark wins; otherwise valid UTF-8 is UTF-8, BOM-less UTF-16 is recognised by its zero
 * bytes, and anything else is read as Windows-1252 (what Excel on Windows writes for "CSV").
 */

import { createRequire } from 'node:module'

type IconvLite = typeof import('iconv-lite')
let iconvModule: IconvLite | null = null

/**
 * iconv-lite, loaded the first time a Windows-1252 file is read rather than when the app starts: it is a
 * third of the CLI's bundle, and no command but an import of such a file needs it.
 */
export function iconvLite(): IconvLite {
  return (iconvModule ??= createRequire(import.meta.url)('iconv-lite') as IconvLite)
}

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252'

export type DecodedText =
  /** `text` has its BOM removed and every line break as \n. */
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; reason: 'not_text'; line: number; detail: string }

export const UTF8_BOM = [0xef, 0xbb, 0xbf] as const
export const UTF16LE_BOM = [0xff, 0xfe] as const
export const UTF16BE_BOM = [0xfe, 0xff] as const

/** How many leading bytes the BOM-less UTF-16 check looks at; a few KB is plenty to see the pattern. */
export const UTF16_SNIFF_BYTES = 4096
/**
 * Share of code units whose high byte must be zero to call BOM-less bytes UTF-16. Latin-script text has a
 * zero high byte in nearly every unit (ASCII and Latin-1 both live below U+0100), while real UTF-8 or
 * Windows-1252 text has no NUL bytes at all, so 90% separates the two with a wide margin.
 */
const UTF16_ZERO_HIGH_BYTE_SHARE = 0.9
/**
 * Share of C0 control characters (other than tab, line feed, vertical tab, form feed and carriage
 * return) above which decoded bytes are judged binary. Exported text practically never contains them;
 * 5% tolerates a stray DOS end-of-file mark or pasted junk while refusing images, archives and
 * spreadsheets saved in their native format.
 */
export const BINARY_CONTROL_SHARE = 0.05

export function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((value, index) => bytes[index] === value)
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80-0x9F (€, „, ‚, œ, ...). Node 20's
 * TextDecoder('windows-1252') decodes that range as Latin-1 control characters, so iconv-lite does it.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return iconvLite().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252')
}

/** Which UTF-16 byte order BOM-less bytes look like, if any. */
export function sniffBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, UTF16_SNIFF_BYTES) & ~1
  const units = length / 2
  if (units < 2) return null
  let zeroAtOdd = 0
  let zeroAtEven = 0
  for (let index = 0; index < length; index += 2) {
    if (bytes[index] === 0) zeroAtEven++
    if (bytes[index + 1] === 0) zeroAtOdd++
  }
  if (zeroAtOdd / units >= UTF16_ZERO_HIGH_BYTE_SHARE && zeroAtEven / units < 1 - UTF16_ZERO_HIGH_BYTE_SHARE)
    return 'utf-16le'
  if (zeroAtEven / units >= UTF16_ZERO_HIGH_BYTE_SHARE && zeroAtOdd / units < 1 - UTF16_ZERO_HIGH_BYTE_SHARE)
    return 'utf-16be'
  return null
}

function decodeStrict(label: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string | null {
  try {
    // The decoder drops a leading BOM of its own encoding (ignoreBOM defaults to false).
    return new TextDecoder(label, { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length
}

export function isDisallowedControl(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d) ||
    code === 0x7f
  )
}

/**
 * Refuses text that is really binary (any NUL, or too many control characters) and normalises line
 * breaks to \n, so line numbers in reports are the ones an editor shows whatever the platform wrote.
 */
function checkIsText(decoded: { text: string; encoding: TextEncodingName }): DecodedText {
  const text = decoded.text.replace(/\r\n?/g, '\n')
  const nul = text.indexOf('\u0000')
  if (nul !== -1) {
    return {
      ok: false,
      reason: 'not_text',
      line: lineOf(text, nul),
      detail: 'the file is not text (it contains NUL bytes); export the user list as CSV',
    }
  }
  let controls = 0
  let firstControl = -1
  for (let index = 0; index < text.length; index++) {
    if (isDisallowedControl(text.charCodeAt(index))) {
      controls++
      if (firstControl === -1) firstControl = index
    }
  }
  if (text.length > 0 && controls / text.length > BINARY_CONTROL_SHARE) {
    return {
      ok: false,
      reason: 'not_text',
      line: lineOf(text, firstControl),
      detail: `the file is not text (${controls} control characters); export the user list as CSV`,
    }
  }
  return { ok: true, text, encoding: decoded.encoding }
}

/** Decodes a CSV file's bytes, naming the encoding it found. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM)) {
    const encoding = startsWith(bytes, UTF16LE_BOM) ? 'utf-16le' : 'utf-16be'
    const text = decodeStrict(encoding, bytes)
    if (text === null) {
      return {
        ok: false,
        reason: 'not_text',
        line: 1,
        detail: `the file starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}`,
      }
    }
    return checkIsText({ text, encoding })
  }
  if (startsWith(bytes, UTF8_BOM)) {
    const text = decodeStrict('utf-8', bytes)
    if (text !== null) return checkIsText({ text, encoding: 'utf-8-bom' })
    return checkIsText({ text: decodeWindows1252(bytes.subarray(UTF8_BOM.length)), encoding: 'windows-1252' })
  }
  const bomless = sniffBomlessUtf16(bytes)
  if (bomless) {
    const text = decodeStrict(bomless, bytes)
    if (text !== null) return checkIsText({ text, encoding: bomless })
  }
  const utf8 = decodeStrict('utf-8', bytes)
  if (utf8 !== null) return checkIsText({ text: utf8, encoding: 'utf-8' })
  return checkIsText({ text: decodeWindows1252(bytes), encoding: 'windows-1252' })
}
