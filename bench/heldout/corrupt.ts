/**
 * Corruptions of a name as people and programs make them: typing errors, OCR confusions and phonetic
 * respellings, in the manner of the FEBRL data generator (Christen, "Probabilistic data generation for
 * deduplication and data linkage"), written from its description for this benchmark.
 */
import type { Random } from './random'

/** QWERTY neighbours: a slipped finger hits one of these instead. */
const KEYBOARD: Record<string, string> = {
  q: 'wa',
  w: 'qase',
  e: 'wsdr',
  r: 'edft',
  t: 'rfgy',
  y: 'tghu',
  u: 'yhji',
  i: 'ujko',
  o: 'iklp',
  p: 'ol',
  a: 'qwsz',
  s: 'awedxz',
  d: 'serfcx',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  z: 'asx',
  x: 'zsdc',
  c: 'xdfv',
  v: 'cfgb',
  b: 'vghn',
  n: 'bhjm',
  m: 'njk',
}

/** Glyphs a scanner confuses (both directions are listed where both happen). */
const OCR: [string, string][] = [
  ['m', 'rn'],
  ['rn', 'm'],
  ['d', 'cl'],
  ['cl', 'd'],
  ['w', 'vv'],
  ['u', 'ii'],
  ['l', '1'],
  ['i', 'l'],
  ['o', '0'],
  ['s', '5'],
  ['b', 'h'],
  ['h', 'b'],
  ['e', 'c'],
  ['c', 'e'],
  ['g', 'q'],
  ['n', 'h'],
  ['a', 'o'],
]

/** Spellings that sound alike, as a clerk writes a name heard on the phone. */
const PHONETIC: [RegExp, string][] = [
  [/ph/, 'f'],
  [/f/, 'ph'],
  [/ck/, 'k'],
  [/c(?=[aou])/, 'k'],
  [/k/, 'c'],
  [/ie$/, 'y'],
  [/y$/, 'ie'],
  [/ey$/, 'y'],
  [/ou/, 'u'],
  [/ae/, 'e'],
  [/th/, 't'],
  [/gh/, 'g'],
  [/^mac/, 'mc'],
  [/^mc/, 'mac'],
  [/s(?=[aeiou])/, 'z'],
  [/z/, 's'],
  [/ll/, 'l'],
  [/nn/, 'n'],
  [/tt/, 't'],
  [/([aeiou])n$/, '$1nne'],
  [/ai/, 'ay'],
  [/ay/, 'ai'],
  [/ei/, 'ie'],
  [/ie/, 'ei'],
  [/x/, 'ks'],
  [/qu/, 'kw'],
  [/w/, 'v'],
  [/v/, 'w'],
  [/j/, 'y'],
  [/ee/, 'ea'],
  [/ea/, 'ee'],
  [/er$/, 'ar'],
  [/or$/, 'er'],
  [/son$/, 'sen'],
  [/sen$/, 'son'],
  [/man$/, 'mann'],
  [/mann$/, 'man'],
]

export type TypoKind = 'insert' | 'delete' | 'substitute' | 'transpose' | 'keyboard'

/** Shares of typing errors among single-character slips (substitutions and deletions are the most common). */
const TYPO_MIX: Record<TypoKind, number> = {
  substitute: 25,
  keyboard: 20,
  delete: 25,
  insert: 15,
  transpose: 15,
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'

function sameCase(template: string, char: string): string {
  return template === template.toUpperCase() && template !== template.toLowerCase()
    ? char.toUpperCase()
    : char
}

/** One typing error somewhere after the first letter (people rarely get the first letter wrong). */
export function typo(random: Random, value: string, kind: TypoKind = random.weighted(TYPO_MIX)): string {
  if (value.length < 2) return value
  const position = value.length === 2 ? 1 : random.int(1, value.length - 1)
  const char = value[position]!
  const lower = char.toLowerCase()
  switch (kind) {
    case 'insert': {
      const inserted = random.chance(0.5) ? lower : random.pick([...LETTERS])
      return value.slice(0, position) + inserted + value.slice(position)
    }
    case 'delete':
      return value.length <= 3
        ? value + random.pick([...LETTERS])
        : value.slice(0, position) + value.slice(position + 1)
    case 'substitute': {
      let replacement = random.pick([...LETTERS])
      if (replacement === lower) replacement = LETTERS[(LETTERS.indexOf(replacement) + 1) % 26]!
      return value.slice(0, position) + sameCase(char, replacement) + value.slice(position + 1)
    }
    case 'keyboard': {
      const neighbours = KEYBOARD[lower]
      if (!neighbours) return typo(random, value, 'substitute')
      return (
        value.slice(0, position) + sameCase(char, random.pick([...neighbours])) + value.slice(position + 1)
      )
    }
    case 'transpose': {
      const at = Math.min(position, value.length - 2)
      if (value[at] === value[at + 1]) return typo(random, value, 'substitute')
      return value.slice(0, at) + value[at + 1]! + value[at]! + value.slice(at + 2)
    }
  }
}

/** One OCR confusion, or a plain substitution when the name has none of the confusable glyphs. */
export function ocrError(random: Random, value: string): string {
  const lower = value.toLowerCase()
  const applicable = OCR.filter(([from]) => lower.indexOf(from, 1) > 0)
  if (applicable.length === 0) return typo(random, value, 'substitute')
  const [from, to] = random.pick(applicable)
  const at = lower.indexOf(from, 1)
  return value.slice(0, at) + to + value.slice(at + from.length)
}

/** One phonetic respelling, or a plain substitution when no rule applies. */
export function phoneticError(random: Random, value: string): string {
  const lower = value.toLowerCase()
  const applicable = PHONETIC.filter(([pattern]) => pattern.test(lower))
  if (applicable.length === 0) return typo(random, value, 'substitute')
  const [pattern, replacement] = random.pick(applicable)
  const changed = lower.replace(pattern, replacement)
  return value === lower ? changed : changed.charAt(0).toUpperCase() + changed.slice(1)
}
