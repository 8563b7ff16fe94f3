import { describe, expect, it } from 'vitest'
import { compareNames, compareTokens, namePartAgreement } from '../../../src/main/core/match/nameComparison'
import { nameKey, nameTokens, parsePersonName, type PersonName } from '../../../src/main/core/match/names'

const name = (first: string | null, last: string | null, full: string | null = null): PersonName =>
  parsePersonName(first, last, full)
const similarity = (a: PersonName, b: PersonName) => compareNames(a, b)?.similarity ?? -1

describe('parsePersonName', () => {
  it('reads separate columns, "Last, First" and free-form full names', () => {
    expect(name('Anna', 'Schmidt').family.map((t) => t.translit)).toEqual(['schmidt'])
    const swapped = name(null, null, 'Schmidt, Anna')
    expect(swapped.given.map((t) => t.translit)).toEqual(['anna'])
    expect(swapped.family.map((t) => t.translit)).toEqual(['schmidt'])
    expect(swapped.ordered).toBe(true)
    const free = name(null, null, 'Ludwig van der Berg')
    expect(free.family.map((t) => t.translit)).toEqual(['van', 'der', 'berg'])
    expect(free.ordered).toBe(false)
  })

  it('marks initials, including letters that transliterate to two', () => {
    expect(name(null, null, 'J. Smith').given[0]?.initial).toBe(true)
    expect(name(null, null, 'Ö. Polat').given[0]?.initial).toBe(true)
    expect(name('Jo', 'Smith').given[0]?.initial).toBe(false)
  })

  it('gives namesakes the same key whatever their diacritics', () => {
    expect(nameKey(name('María', 'García'))).toBe(nameKey(name('Maria', 'Garcia')))
    expect(nameKey(name('Maria', 'Garcia'))).not.toBe(nameKey(name('Marta', 'Garcia')))
  })
})

describe('compareNames', () => {
  const robert = name('Robert', 'Müller')

  it('scores equal names 1 and unrelated names near 0', () => {
    expect(similarity(robert, name('Robert', 'Müller'))).toBe(1)
    expect(similarity(robert, name('Chiara', 'Esposito'))).toBeLessThan(0.1)
  })

  it('ignores case, diacritics and transliteration', () => {
    expect(similarity(robert, name('ROBERT', 'MUELLER'))).toBe(1)
    expect(similarity(robert, name('Robert', 'Muller'))).toBe(1)
    expect(compareNames(robert, name('Robert', 'Mueller'), true)?.reasons.join(' ')).toContain(
      'transliteration',
    )
  })

  it('knows nicknames across languages', () => {
    for (const [formal, short] of [
      ['Robert', 'Bob'],
      ['William', 'Bill'],
      ['Katherine', 'Kate'],
      ['Johannes', 'Hans'],
      ['José', 'Pepe'],
    ]) {
      const score = similarity(name(formal!, 'Lee'), name(short!, 'Lee'))
      expect(score).toBeGreaterThan(0.9)
      expect(score).toBeLessThan(1)
    }
    expect(compareNames(robert, name('Bob', 'Müller'), true)?.reasons).toContain(
      'first name "Robert" ~ "Bob" (nickname)',
    )
  })

  it('accepts swapped order, initials and one typo, each a little below an exact match', () => {
    const swapped = similarity(robert, name(null, null, 'Müller, Robert'))
    const freeSwapped = similarity(robert, name(null, null, 'Müller Robert'))
    const initial = similarity(robert, name(null, null, 'R. Müller'))
    const typo = similarity(robert, name('Robert', 'Mülller'))
    for (const score of [freeSwapped, initial, typo]) {
      expect(score).toBeGreaterThan(0.8)
      expect(score).toBeLessThan(1)
    }
    expect(swapped).toBe(1)
  })

  it('keeps a double-barrelled or married name close to either part', () => {
    const married = similarity(name('Anna', 'Müller-Schmidt'), name('Anna', 'Schmidt'))
    expect(married).toBeGreaterThan(0.9)
    expect(compareNames(name('Anna', 'Schmidt'), name('Anna', 'Müller-Schmidt'), true)?.reasons).toEqual(
      expect.arrayContaining(['last name "Schmidt" equal']),
    )
  })

  it('ranks a renamed person (same given name) above a relative (same family name)', () => {
    const renamed = similarity(name('Anna', 'Weber'), name('Anna', 'Schmidt'))
    const relative = similarity(name('Anna', 'Weber'), name('Lena', 'Weber'))
    expect(renamed).toBeGreaterThan(relative)
  })

  it('treats particles and written-together names as the same name', () => {
    expect(similarity(name('Ludwig', 'van den Berg'), name('Ludwig', 'Vandenberg'))).toBe(1)
    expect(similarity(name('Ludwig', 'van den Berg'), name('Ludwig', 'Berg'))).toBeGreaterThan(0.9)
  })

  it('ignores titles and suffixes, and compares scripts it cannot transliterate as written', () => {
    expect(similarity(name(null, null, 'Dr. Robert Müller Jr.'), robert)).toBe(1)
    expect(similarity(name('伟', '王'), name('伟', '王'))).toBe(1)
    expect(similarity(name('伟', '王'), name('芳', '李'))).toBeLessThan(0.1)
  })

  it('returns null when a side has no name', () => {
    expect(compareNames(robert, name(null, null))).toBeNull()
  })
})

describe('compareNames: spellings that sound alike or run one letter long', () => {
  it('agrees weakly on names that sound alike where no typo explains the spelling', () => {
    // Two letters off in four and a different first letter: neither a typo nor a similar spelling.
    expect(compareNames(name('Elizabeth', 'Pham'), name('Elizabeth', 'Fam'), true)?.reasons).toContain(
      'last name "Pham" ~ "Fam" (sounds alike)',
    )
    const soundAlike = similarity(name('Elizabeth', 'Quinlan'), name('Elizabeth', 'Kwinlan'))
    const unrelated = similarity(name('Elizabeth', 'Quinlan'), name('Elizabeth', 'Brown'))
    expect(soundAlike).toBeGreaterThan(unrelated)
    expect(soundAlike).toBeLessThan(similarity(name('Elizabeth', 'Quinlan'), name('Elizabeth', 'Quinlna')))
  })

  it('reads a name one letter longer as a typo, not as a shortened form', () => {
    expect(compareNames(name('Julien', 'Bentley'), name('Julie', 'Bentley'), true)?.reasons).toContain(
      'first name "Julien" ~ "Julie" (spelling differs slightly)',
    )
    expect(compareNames(name('Valentina', 'Lee'), name('Vale', 'Lee'), true)?.reasons).toContain(
      'first name "Valentina" ~ "Vale" (shortened)',
    )
  })
})

describe('compareTokens: word pairs remembered', () => {
  it('answers a pair seen before exactly as the first time, also after the memory of pairs was emptied', () => {
    // 700 words make 490,000 ordered pairs, more than the memo holds, so it empties along the way.
    const syllables = ['an', 'bel', 'cor', 'da', 'el', 'fin', 'gar', 'hol', 'is', 'jo']
    const words = Array.from(
      { length: 700 },
      (_, i) => nameTokens(syllables[i % 10]! + syllables[(i >> 3) % 10]! + `x${i}`)[0]!,
    )
    expect(words).toHaveLength(700)
    const first = words.map((a) => words.map((b) => compareTokens(a, b)))
    const changed: string[] = []
    for (let i = words.length - 1; i >= 0; i--) {
      for (let j = words.length - 1; j >= 0; j--) {
        const again = compareTokens(words[i]!, words[j]!)
        const before = first[i]![j]!
        if (again.similarity !== before.similarity || again.agreement !== before.agreement)
          changed.push(`${words[i]!.written} / ${words[j]!.written}`)
      }
    }
    expect(changed).toEqual([])
    const smith = nameTokens('Smith Smtih Schmidt')
    expect(compareTokens(smith[0]!, smith[1]!).agreement).toBe('typo')
    expect(compareTokens(smith[0]!, smith[0]!).agreement).toBe('equal')
  })
})

describe('namePartAgreement: name pairs remembered', () => {
  it('answers a pair of names seen before exactly as the first time, also after the memory was emptied', () => {
    // 420 names make 176,400 ordered pairs, more than the memo holds, so it empties along the way. Swapped,
    // partial and missing parts, so every arrangement is remembered and read back.
    const given = ['Anna', 'Ben', 'Carla', 'Dmitri', 'Eva', 'Farid', 'Greta']
    const family = ['Schmidt', 'Smith', 'Novak', 'Okafor', 'Berg', 'Lindqvist']
    const names: PersonName[] = []
    for (const g of given) {
      for (const f of family) {
        for (let variant = 0; variant < 10; variant++) {
          const number = `x${names.length}`
          if (variant < 4) names.push(name(g, `${f} ${number}`))
          else if (variant < 7) names.push(name(null, null, `${f} ${g}${number}`))
          else if (variant < 9) names.push(name(null, `${f}${number}`))
          else names.push(name(`${g[0]}.`, f))
        }
      }
    }
    expect(names).toHaveLength(420)
    const first = names.map((a) => names.map((b) => ({ ...namePartAgreement(a, b) })))
    const arrangements = new Set(first.flat().map((agreement) => agreement.arrangement))
    expect([...arrangements].sort()).toEqual(['any-order', 'straight', 'swapped'])
    const changed: string[] = []
    for (let i = names.length - 1; i >= 0; i--) {
      for (let j = names.length - 1; j >= 0; j--) {
        const again = namePartAgreement(names[i]!, names[j]!)
        if (JSON.stringify(again) !== JSON.stringify(first[i]![j]!)) changed.push(`${i} / ${j}`)
      }
    }
    expect(changed).toEqual([])
  })
})
