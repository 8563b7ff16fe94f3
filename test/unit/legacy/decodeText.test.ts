import { describe, expect, it } from 'vitest'
import { decodeText, decodeWindows1252 } from '../../../src/main/core/legacy/decodeText'

const utf16le = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'utf16le'))
const utf16be = (text: string): Uint8Array => {
  const le = Buffer.from(text, 'utf16le')
  const be = Buffer.alloc(le.length)
  for (let index = 0; index < le.length; index += 2) {
    be[index] = le[index + 1]!
    be[index + 1] = le[index]!
  }
  return Uint8Array.from(be)
}
const concat = (...parts: (number[] | Uint8Array)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => [...part]))

describe('decodeText', () => {
  it('reads UTF-8 without a BOM as utf-8', () => {
    expect(decodeText(Buffer.from('id;Prénom\n1;Zoë\n'))).toEqual({
      ok: true,
      text: 'id;Prénom\n1;Zoë\n',
      encoding: 'utf-8',
    })
  })

  it('drops a UTF-8 BOM and names it', () => {
    const decoded = decodeText(concat([0xef, 0xbb, 0xbf], Buffer.from('Vorname\r\nJörg\r\n')))
    expect(decoded).toEqual({ ok: true, text: 'Vorname\nJörg\n', encoding: 'utf-8-bom' })
  })

  it('reads UTF-16LE and UTF-16BE after their BOMs, surrogate pairs included', () => {
    const text = 'User ID\tName\r\n1\t𠮷野 Łukasz\r\n'
    expect(decodeText(concat([0xff, 0xfe], utf16le(text)))).toEqual({
      ok: true,
      text: 'User ID\tName\n1\t𠮷野 Łukasz\n',
      encoding: 'utf-16le',
    })
    expect(decodeText(concat([0xfe, 0xff], utf16be(text)))).toEqual({
      ok: true,
      text: 'User ID\tName\n1\t𠮷野 Łukasz\n',
      encoding: 'utf-16be',
    })
  })

  it('recognises UTF-16 without a BOM by its zero high bytes', () => {
    expect(decodeText(utf16le('id,name\n1,Ann\n'))).toMatchObject({ ok: true, encoding: 'utf-16le' })
    expect(decodeText(utf16be('id,name\n1,Ann\n'))).toMatchObject({ ok: true, encoding: 'utf-16be' })
  })

  it('falls back to Windows-1252 when the bytes are not valid UTF-8, including 0x80-0x9F', () => {
    // "Prénom;Cœur;€" in Windows-1252: é = E9, œ = 9C, € = 80
    const bytes = concat(Buffer.from('Pr'), [0xe9], Buffer.from('nom;C'), [0x9c], Buffer.from('ur;'), [0x80])
    expect(decodeText(bytes)).toEqual({ ok: true, text: 'Prénom;Cœur;€', encoding: 'windows-1252' })
  })

  it('maps every byte of Windows-1252 to one character', () => {
    const all = Uint8Array.from({ length: 256 }, (_, byte) => byte)
    const text = decodeWindows1252(all)
    expect(text.length).toBe(256)
    expect(text[0x41]).toBe('A')
    expect(text[0x8a]).toBe('Š')
    expect(text[0x93]).toBe('\u201c')
    expect(text[0x9f]).toBe('Ÿ')
    expect(text[0xe9]).toBe('é')
    expect(text[0xff]).toBe('ÿ')
  })

  it('normalises CRLF and lone CR line breaks to LF', () => {
    expect(decodeText(Buffer.from('a\r\nb\rc\n'))).toMatchObject({ ok: true, text: 'a\nb\nc\n' })
  })

  it('refuses bytes with NUL characters as not text, naming the line', () => {
    const decoded = decodeText(concat(Buffer.from('id,name\n1,Ann\n2,'), [0x00, 0x01], Buffer.from('\n')))
    expect(decoded).toMatchObject({ ok: false, reason: 'not_text', line: 3 })
  })

  it('refuses the start of a zip archive (an .xlsx saved as is)', () => {
    const xlsx = concat([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], Buffer.from('[Content_Types].xml'))
    expect(decodeText(xlsx)).toMatchObject({ ok: false, reason: 'not_text', line: 1 })
  })

  it('refuses text full of control characters even without NULs', () => {
    const junk = Uint8Array.from({ length: 200 }, (_, index) => (index % 3 === 0 ? 0x07 : 0x41))
    expect(decodeText(junk)).toMatchObject({ ok: false, reason: 'not_text' })
  })

  it('refuses a UTF-16 BOM followed by bytes that are not UTF-16', () => {
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00]))).toMatchObject({
      ok: false,
      reason: 'not_text',
    })
  })

  it('decodes an empty file to empty text', () => {
    expect(decodeText(new Uint8Array(0))).toEqual({ ok: true, text: '', encoding: 'utf-8' })
  })
})
