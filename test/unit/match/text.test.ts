import { describe, expect, it } from 'vitest'
import {
  foldText,
  isGenericLocalPart,
  isPublicMailDomain,
  parseEmail,
} from '../../../src/main/core/match/text'

describe('foldText', () => {
  it('folds case and transliterates German, Nordic and Polish letters two ways', () => {
    expect(foldText('Müller')).toEqual({ translit: 'mueller', stripped: 'muller' })
    expect(foldText('Weiß')).toEqual({ translit: 'weiss', stripped: 'weiss' })
    expect(foldText('Søren Åberg')).toEqual({ translit: 'soeren aaberg', stripped: 'soren aberg' })
    expect(foldText('Łukasz Wróbel').translit).toBe('lukasz wrobel')
    expect(foldText('Æsa Œuvre').translit).toBe('aesa oeuvre')
  })

  it('drops accents and treats decomposed and precomposed letters alike', () => {
    expect(foldText('José Ñúñez').translit).toBe('jose nunez')
    expect(foldText('Mu\u0308ller').translit).toBe('mueller')
    expect(foldText('Kılıç').translit).toBe('kilic')
  })

  it('transliterates Cyrillic and Greek', () => {
    expect(foldText('Дмитрий Иванов').translit).toBe('dmitrii ivanov')
    expect(foldText('Νίκος').translit).toBe('nikos')
  })

  it('joins apostrophes and splits on other punctuation', () => {
    expect(foldText("O'Brien").translit).toBe('obrien')
    expect(foldText('Anne-Kathrin  Schulz, Jr.').translit).toBe('anne kathrin schulz jr')
  })
})

describe('parseEmail', () => {
  it('trims, folds case and splits local part and domain', () => {
    expect(parseEmail('  Anna.Schmidt@ACME.example ')).toEqual({
      full: 'anna.schmidt@acme.example',
      local: 'anna.schmidt',
      domain: 'acme.example',
      generic: false,
    })
  })

  it('keeps the +tag in the full address but not in the local part', () => {
    const parsed = parseEmail('john+crm@acme.example')
    expect(parsed?.full).toBe('john+crm@acme.example')
    expect(parsed?.local).toBe('john')
  })

  it('reads every domain right however many distinct domains a file holds', () => {
    // More domains than the run keeps one shared copy of each for, so that store is emptied on the way.
    for (let round = 0; round < 2; round++) {
      for (let company = 0; company < 12_500; company++) {
        const parsed = parseEmail(`Person.${company}@Company-${company}.Example`)
        expect(parsed?.domain).toBe(`company-${company}.example`)
        expect(parsed?.full).toBe(`person.${company}@company-${company}.example`)
      }
    }
  })

  it('rejects values that are not addresses', () => {
    expect(parseEmail(null)).toBeNull()
    expect(parseEmail('')).toBeNull()
    expect(parseEmail('no-at-sign')).toBeNull()
    expect(parseEmail('@acme.example')).toBeNull()
    expect(parseEmail('anna@')).toBeNull()
  })
})

describe('generic mailboxes and public providers', () => {
  it('recognises role mailboxes and technical accounts', () => {
    for (const local of ['admin', 'info', 'hr', 'support', 'noreply', 'no-reply', 'office', 'team']) {
      expect(isGenericLocalPart(local)).toBe(true)
    }
    for (const local of ['it-admin', 'build-bot', 'svc-backup', 'sysadmin'])
      expect(isGenericLocalPart(local)).toBe(true)
  })

  it('marks a parsed address of a role mailbox, its +tag aside', () => {
    expect(parseEmail('Info+jobs@acme.example')?.generic).toBe(true)
    expect(parseEmail('anna.schmidt@acme.example')?.generic).toBe(false)
  })

  it('leaves personal mailboxes alone', () => {
    for (const local of ['anna.schmidt', 'jsmith', 'hr.mueller', 'botond.nagy', 'infante']) {
      expect(isGenericLocalPart(local)).toBe(false)
    }
  })

  it('knows public mail providers', () => {
    expect(isPublicMailDomain('gmail.com')).toBe(true)
    expect(isPublicMailDomain('yahoo.co.jp')).toBe(true)
    expect(isPublicMailDomain('acme.example')).toBe(false)
  })
})
