/**
 * Text normalisation for matching: case folding, diacritics, transliteration and email parsing.
 *
 * A name written in two systems rarely differs in meaning, only in spelling conventions: "Müller" is
 * "Mueller" on a keyboard without umlauts and "Muller" where the diacritic was simply dropped. Each piece of
 * text therefore gets two folded forms, and two tokens are the same when either form agrees:
 * - `translit`: the conventional transliteration (ü -> ue, ø -> oe, å -> aa, ß -> ss, Cyrillic -> Latin);
 * - `stripped`: the same letters with their marks simply removed (ü -> u, ø -> o, å -> a).
 */

/** Letters whose conventional transliteration is not "drop the accent". */
const TRANSLITERATION: Readonly<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  ø: 'oe',
  å: 'aa',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŋ: 'ng',
  ħ: 'h',
  ŧ: 't',
}

/** The same letters when a system simply dropped the mark (what most ASCII-only exports do). */
const STRIPPED: Readonly<Record<string, string>> = {
  ä: 'a',
  ö: 'o',
  ü: 'u',
  ß: 'ss',
  ø: 'o',
  å: 'a',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŋ: 'ng',
  ħ: 'h',
  ŧ: 't',
}

/** Russian/Ukrainian/Bulgarian Cyrillic to Latin, close to the common passport (ICAO 9303) usage. */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
}

/** Modern Greek to Latin (ELOT 743 simplified); accents are removed by decomposition first. */
const GREEK: Readonly<Record<string, string>> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
}

const SCRIPT_LETTERS: Readonly<Record<string, string>> = { ...CYRILLIC, ...GREEK }

/** Marks that join a name without separating it: O'Brien, D’Angelo, N`Diaye. */
const JOINING_MARKS = /['’‘`´ʼ]/g
const COMBINING_MARKS = /\p{M}+/gu
/** Scripts without a transliteration here (CJK, Arabic, Hebrew, Thai...) are kept as written, lower-cased. */
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu
const SPECIAL_LETTER = /[äöüßøåæœłđðþıŋħŧ]/g
const SCRIPT_LETTER = /[\u0370-\u03ff\u0400-\u04ff]/g

function foldWith(text: string, special: Readonly<Record<string, string>>): string {
  return text
    .replace(SPECIAL_LETTER, (letter) => special[letter] ?? letter)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(SCRIPT_LETTER, (letter) => SCRIPT_LETTERS[letter] ?? letter)
}

export interface FoldedText {
  translit: string
  stripped: string
}

/**
 * Lower-cases and folds a piece of text in both forms: Latin, Cyrillic and Greek end up as [a-z0-9], other
 * scripts stay as written; anything that is not a letter or digit becomes a single space, except
 * apostrophes, which join ("O'Brien" -> "obrien").
 */
export function foldText(text: string): FoldedText {
  // NFC first so that a precomposed and a decomposed "ü" both hit the transliteration table.
  const lower = text.normalize('NFC').toLowerCase().replace(JOINING_MARKS, '')
  const clean = (folded: string) => folded.replace(NOT_LETTER_OR_DIGIT, ' ').trim()
  return { translit: clean(foldWith(lower, TRANSLITERATION)), stripped: clean(foldWith(lower, STRIPPED)) }
}

/** Both folded forms split into tokens. The two lists can differ in length only in pathological input. */
export function foldTokens(text: string): { translit: string[]; stripped: string[] } {
  const folded = foldText(text)
  const split = (value: string) => (value === '' ? [] : value.split(' '))
  return { translit: split(folded.translit), stripped: split(folded.stripped) }
}

// ---------------------------------------------------------------------------------------------- email

export interface ParsedEmail {
  /** Trimmed and case-folded: the form rule 2 compares. */
  full: string
  /** The local part without a "+tag" (john+crm@x -> john): the form rule 3 compares. */
  local: string
  domain: string
  /** A role or technical mailbox (isGenericLocalPart), decided once: matching asks for every pair. */
  generic: boolean
}

/** Parses an address after trim + case fold; null for anything without a local part and a domain. */
const MAX_EMAIL_LENGTH = 320

export function parseEmail(value: string | null | undefined): ParsedEmail | null {
  // RFC 5321 caps an address at 254 characters; anything longer is not one, and comparing it costs time.
  if (!value || value.length > MAX_EMAIL_LENGTH) return null
  const full = value.trim().toLowerCase()
  const at = full.lastIndexOf('@')
  if (at <= 0 || at === full.length - 1) return null
  const rawLocal = full.slice(0, at)
  const plus = rawLocal.indexOf('+')
  const local = plus > 0 ? rawLocal.slice(0, plus) : rawLocal
  return { full, local, domain: sharedDomain(full.slice(at + 1)), generic: isGenericLocalPart(local) }
}

/**
 * One string per distinct domain: a company's addresses share a handful of domains, and a copy per
 * address was a million strings at 500,000 employees, each one kept, and marked by every full garbage
 * collection, for the whole run. Bounded, like the name caches, so a hostile file cannot grow it.
 */
const DOMAIN_CACHE_LIMIT = 10_000
const domains = new Map<string, string>()

function sharedDomain(domain: string): string {
  const known = domains.get(domain)
  if (known !== undefined) return known
  if (domains.size >= DOMAIN_CACHE_LIMIT) domains.clear()
  domains.set(domain, domain)
  return domain
}

/**
 * Role and shared mailboxes. They belong to a function, not a person, so an equal local part on two
 * domains ("info@old" / "info@new") says nothing about who is behind them.
 */
const GENERIC_LOCAL_PARTS: ReadonlySet<string> = new Set([
  'admin',
  'administrator',
  'info',
  'hr',
  'people',
  'support',
  'help',
  'helpdesk',
  'servicedesk',
  'noreply',
  'no-reply',
  'donotreply',
  'do-not-reply',
  'office',
  'team',
  'contact',
  'hello',
  'sales',
  'billing',
  'accounts',
  'accounting',
  'finance',
  'payroll',
  'invoices',
  'jobs',
  'careers',
  'recruiting',
  'talent',
  'marketing',
  'press',
  'media',
  'legal',
  'privacy',
  'compliance',
  'security',
  'abuse',
  'postmaster',
  'webmaster',
  'hostmaster',
  'root',
  'sysadmin',
  'it',
  'itsupport',
  'operations',
  'ops',
  'devops',
  'reception',
  'frontdesk',
  'enquiries',
  'inquiries',
  'orders',
  'shop',
  'service',
  'services',
  'mail',
  'mailer',
  'newsletter',
  'notifications',
  'alerts',
  'feedback',
  'general',
  'all',
  'everyone',
  'staff',
  'management',
  'board',
  'test',
  'demo',
  'events',
  'calendar',
  'scanner',
  'printer',
])

/** Words that mark a technical account wherever they appear in the local part (it-admin, build-bot). */
const TECHNICAL_ACCOUNT_WORDS: ReadonlySet<string> = new Set([
  'admin',
  'noreply',
  'bot',
  'svc',
  'daemon',
  'robot',
  'system',
  'service',
  'test',
  'sysadmin',
  'automation',
  'integration',
  'api',
])

/**
 * Whether the local part is a role mailbox or holds a technical account word between separators (. _ -
 * digits). A scan rather than split and some: every address of both files is checked once per run.
 */
export function isGenericLocalPart(local: string): boolean {
  if (GENERIC_LOCAL_PARTS.has(local)) return true
  let wordStart = 0
  for (let at = 0; at <= local.length; at++) {
    if (at < local.length && !isLocalPartSeparator(local.charCodeAt(at))) continue
    if (at > wordStart && TECHNICAL_ACCOUNT_WORDS.has(local.slice(wordStart, at))) return true
    wordStart = at + 1
  }
  return false
}

/** . _ - and the digits, which split a local part into words ("build-bot", "ci.runner2"). */
function isLocalPartSeparator(code: number): boolean {
  return code === 0x2e || code === 0x5f || code === 0x2d || (code >= 0x30 && code <= 0x39)
}

/**
 * Public mailbox providers. Local parts there are chosen by each person, so a legacy domain like gmail.com
 * can never be a company domain that "moved" to the HRIS domain.
 */
const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.de',
  'live.com',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.fr',
  'yahoo.de',
  'yahoo.es',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'gmx.at',
  'gmx.ch',
  'web.de',
  't-online.de',
  'freenet.de',
  'posteo.de',
  'mailbox.org',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'tutanota.com',
  'zoho.com',
  'mail.com',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'virgilio.it',
  'wp.pl',
  'o2.pl',
  'onet.pl',
  'interia.pl',
  'seznam.cz',
  'mail.ru',
  'yandex.ru',
  'yandex.com',
  'rambler.ru',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'daum.net',
  'rediffmail.com',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'telefonica.net',
  'sfr.fr',
  'wanadoo.fr',
  'bluewin.ch',
])

export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL_DOMAINS.has(domain) || /^(yahoo|hotmail|outlook|live|gmx)\./.test(domain)
}
