import { describe, expect, it } from 'vitest'
import { pageText } from '../../../src/main/core/kombo/pageText'
import { isSkipped, parseEmployeeRecord } from '../../../src/main/core/kombo/employeeRecord'

/** Parses a page the way the client does and restores every string, keys included. */
function parseRestored(bytes: Buffer): unknown {
  const { text, restore } = pageText(bytes)
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return restore(value)
    if (Array.isArray(value)) return value.map(walk)
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [restore(k), walk(v)]))
    return value
  }
  return walk(JSON.parse(text))
}

describe('pageText', () => {
  it('gives back exactly what UTF-8 decoding gives, for every kind of character and escape', () => {
    const page = {
      data: {
        next: 'curs☃r',
        results: [
          { id: 'k1', first_name: 'Zoë', last_name: 'Łukasiewicz-Müller', city: 'Zürich' },
          { id: 'k2', first_name: 'Αλέξανδρος', last_name: '山田', note: 'emoji 👩🏽‍💻 and "quotes"\\ / \n\t' },
          { id: 'k3', clé: 'valeur', nested: { deeper: ['ß', 'ø', 'ł', 'ğ'] } },
        ],
      },
    }
    const bytes = Buffer.from(JSON.stringify(page), 'utf8')
    expect(bytes.indexOf('\\u')).toBe(-1) // the cheap path is the one under test
    expect(parseRestored(bytes)).toEqual(page)
    expect(pageText(bytes).text.length).toBe(bytes.length) // one character per byte
  })

  it('keeps bytes that are not valid UTF-8 as UTF-8 decoding would', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"name":"a', 'utf8'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('b"}', 'utf8'),
    ])
    expect(parseRestored(bytes)).toEqual(JSON.parse(bytes.toString('utf8')))
  })

  it('decodes a page with \\u escapes as UTF-8 up front, so an escaped é and a sent é agree', () => {
    const bytes = Buffer.from('{"a":"\\u00e9","b":"é","c":"\\ud83d\\ude00"}', 'utf8')
    const { text, restore } = pageText(bytes)
    expect(restore('é')).toBe('é')
    expect(JSON.parse(text)).toEqual({ a: 'é', b: 'é', c: '😀' })
  })

  it('turns the fields of a record read the cheap way into real text', () => {
    const record = {
      id: 'k-ü',
      remote_id: 'r1',
      first_name: 'Søren',
      last_name: 'Kierkegård',
      work_email: 'a@b.dk',
    }
    const { text, restore } = pageText(Buffer.from(JSON.stringify(record), 'utf8'))
    const parsed = parseEmployeeRecord(JSON.parse(text), 0, restore)
    if (isSkipped(parsed)) throw new Error(parsed.reason)
    expect([parsed.id, parsed.first_name, parsed.last_name, parsed.work_email]).toEqual([
      'k-ü',
      'Søren',
      'Kierkegård',
      'a@b.dk',
    ])
  })
})
