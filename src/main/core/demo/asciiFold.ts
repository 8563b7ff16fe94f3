/**
 * The one ASCII folding of the fixtures: the demo company's mailboxes, the drifted legacy exports of the
 * tests and benchmarks, and the held-out benchmark sets all fold names here. It is not the matcher's
 * normalisation (src/main/core/match), which must never depend on how the fixtures were made.
 */

/**
 * Letters without a Unicode decomposition, mapped by hand (ł -> l, đ -> d, ı -> i, ß -> ss, æ -> ae); every
 * other accented letter loses its accent through NFD (é -> e, ñ -> n, ř -> r). Case is kept.
 */
const UNDECOMPOSABLE_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  ß: 'ss',
  ı: 'i',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  þ: 'th',
}

/** German and Scandinavian transcription: an umlaut or ring becomes two letters (ü -> ue, å -> aa). */
const TRANSCRIBED_LETTERS: Readonly<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ø: 'oe',
  Ø: 'Oe',
  å: 'aa',
  Å: 'Aa',
}

const letterPattern = (letters: Readonly<Record<string, string>>): RegExp =>
  new RegExp(`[${Object.keys(letters).join('')}]`, 'g')
const UNDECOMPOSABLE_PATTERN = letterPattern(UNDECOMPOSABLE_LETTERS)
const TRANSCRIBED_PATTERN = letterPattern(TRANSCRIBED_LETTERS)
const COMBINING_MARKS = /[\u0300-\u036f]/g

/** Removes diacritics the way most legacy tools and address systems do (Müller -> Muller, Łukasz -> Lukasz). */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(UNDECOMPOSABLE_PATTERN, (letter) => UNDECOMPOSABLE_LETTERS[letter] ?? letter)
}

/** German-style transcription (Müller -> Mueller, Sørensen -> Soerensen, Åsa -> Aasa), the rest stripped. */
export function transcribeDiacritics(text: string): string {
  return stripDiacritics(text.replace(TRANSCRIBED_PATTERN, (letter) => TRANSCRIBED_LETTERS[letter] ?? letter))
}

/**
 * Lower-case ASCII transliteration of a name as company mail systems make it (ü -> ue, ß -> ss, å -> aa,
 * é -> e), keeping spaces, hyphens and apostrophes for the caller.
 */
export function foldToAscii(text: string): string {
  return transcribeDiacritics(text.toLowerCase())
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
