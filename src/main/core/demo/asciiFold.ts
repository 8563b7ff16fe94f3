/**
 * How company mail systems typically turn a name into a mailbox: German umlauts and Scandinavian ligatures
 * become two letters (ü -> ue, ß -> ss, å -> aa, æ -> ae), letters without a decomposition are mapped by hand
 * (ł -> l, đ -> d, ı -> i), everything else loses its accents (é -> e, ñ -> n, ř -> r).
 */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  æ: 'ae',
  ø: 'oe',
  å: 'aa',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
}

const SPECIAL_LETTER_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'g')
const COMBINING_MARKS = /[\u0300-\u036f]/g

/** Lower-case ASCII transliteration of a name, keeping spaces, hyphens and apostrophes for the caller. */
export function foldToAscii(text: string): string {
  return text
    .toLowerCase()
    .replace(SPECIAL_LETTER_PATTERN, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
}

/**
 * One name as it appears in a mailbox: ASCII, spaces and apostrophes dropped ("van der Berg" -> "vanderberg",
 * "O'Brien" -> "obrien"), hyphens kept ("Müller-Lüdenscheidt" -> "mueller-luedenscheidt").
 */
export function emailNamePart(name: string): string {
  return foldToAscii(name)
    .replace(/[\s'’.]+/g, '')
    .replace(/[^a-z0-9-]/g, '')
}

/** The `first.last` local part used for generated work emails. */
export function emailLocalPart(firstName: string, lastName: string): string {
  return `${emailNamePart(firstName)}.${emailNamePart(lastName)}`
}
