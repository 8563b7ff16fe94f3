import { describe, expect, it } from 'vitest'
import { fieldCountsPerRecord, sniffDelimiter } from '../../../src/main/core/legacy/sniffDelimiter'

describe('fieldCountsPerRecord', () => {
  it('ignores delimiters and line breaks inside quotes, and doubled quotes', () => {
    const text = 'a,b,c\n1,"x, ""y""\nz",3\n\n   \n4,5,6'
    expect(fieldCountsPerRecord(text, ',', 10)).toEqual([3, 3, 3])
  })

  it('treats a quote that is not the first character of a field as a plain character', () => {
    expect(fieldCountsPerRecord('a,b\nsay "hi, there",2\n', ',', 10)).toEqual([2, 3])
  })

  it('skips records without visible content, bare delimiters included', () => {
    expect(fieldCountsPerRecord('a;b\n;\n\t\n1;2\n', ';', 10)).toEqual([2, 2])
  })

  it('stops after the requested number of records', () => {
    expect(fieldCountsPerRecord('a,b\n1,2\n3,4\n', ',', 2)).toEqual([2, 2])
  })
})

describe('sniffDelimiter', () => {
  it.each([
    [',', 'user_id,email,name\n1,a@x.com,Ann\n2,b@x.com,Bo\n'],
    [';', 'Benutzer-ID;E-Mail;Name\n1;a@x.de;Müller, Jörg\n2;b@x.de;Schmidt, Anna\n'],
    ['\t', 'User ID\tEmail\tName\n1\ta@x.com\tLee, Ann\n'],
    ['|', 'ID de usuario|Correo|Nombre\n1|a@x.es|José, María\n'],
  ])('finds %j', (delimiter, text) => {
    expect(sniffDelimiter(text)).toBe(delimiter)
  })

  it('is not fooled by a candidate that appears inside quoted fields', () => {
    const text = 'id;name;note\n1;"Lee, Ann";"a, b, c"\n2;"Roe, Bo";"d, e"\n'
    expect(sniffDelimiter(text)).toBe(';')
  })

  it('prefers the delimiter whose field counts stay consistent with the header', () => {
    // The header splits on both; only ';' splits every row into as many fields as the header.
    const text = 'id;name, as shown;email\n1;Ann;a@x.de\n2;Bo, Jr;b@x.de\n3;Cy;c@x.de\n'
    expect(sniffDelimiter(text)).toBe(';')
  })

  it('breaks a tie in consistency towards more fields', () => {
    // Both split every line alike; ',' gives 2 fields, '|' gives 3.
    expect(sniffDelimiter('a|b,c|d\n1|2,3|4\n')).toBe('|')
  })

  it('keeps the real delimiter when a few rows have the wrong field count', () => {
    const text = 'a,b,c,d\n1,2,3,4\n1,2,3\n1,2,3,4\n1,2,3,4,5\n1,2,3,4\n'
    expect(sniffDelimiter(text)).toBe(',')
  })

  it('falls back to a comma when nothing splits the header', () => {
    expect(sniffDelimiter('justone\nvalue\n')).toBe(',')
  })
})
