/**
 * A names-only person-linkage set in the manner of FEBRL 4 (5,000 original records and one corrupted
 * duplicate of each), built for this benchmark: the project does not have the FEBRL files. Only given name
 * and surname are kept, lower case as in FEBRL; nothing else is shared (no email, no id), so no link may
 * be made automatically.
 *
 * Corruption follows the FEBRL generator's model (Christen 2005/2008): each duplicate receives 0 to 3
 * modifications to its name fields, each a typing error (insert, delete, substitute, transpose, keyboard
 * neighbour), an OCR confusion, a phonetic respelling, a swap of given name and surname, a missing value,
 * a nickname, a split or merged word, or a replacement by another value of the field. Rates are in the
 * constants below and in bench/README.md.
 */
import type { StoredEmployee } from '../../src/shared/dto/employees'
import type { LegacyUser } from '../../src/shared/dto/legacy'
import { ocrError, phoneticError, typo } from './corrupt'
import { NICKNAMES, ORIGINS, type Origin } from './nameTables'
import { Random, stripDiacritics, ZipfSampler } from './random'

export type FebrlCorruption =
  | 'typo'
  | 'ocr'
  | 'phonetic'
  | 'swap'
  | 'missing_given'
  | 'missing_surname'
  | 'nickname'
  | 'replace_given'
  | 'replace_surname'
  | 'space'

export interface FebrlTruth {
  user_id: string
  kombo_id: string
  /** `unchanged`, the one kind of corruption applied, or `multiple` when several kinds were. */
  category: FebrlCorruption | 'unchanged' | 'multiple'
  /** The original's full name is shared with another original. */
  namesake: boolean
}

export interface FebrlLikeSet {
  employees: StoredEmployee[]
  legacy: LegacyUser[]
  truth: FebrlTruth[]
  /** Originals sharing their full name with another original. */
  originalsWithNamesake: number
}

/** Number of name modifications per duplicate (FEBRL 4 spreads up to a few per record over all fields). */
const MODIFICATIONS = { '0': 40, '1': 40, '2': 15, '3': 5 }
/** Kinds of modification, in percent of modifications. */
const CORRUPTION_MIX: Record<FebrlCorruption, number> = {
  typo: 44,
  ocr: 7,
  phonetic: 13,
  swap: 6,
  missing_given: 5,
  missing_surname: 3,
  nickname: 6,
  replace_given: 7,
  replace_surname: 2,
  space: 7,
}
/** Originals with an empty field, as in FEBRL's own originals. */
const ORIGINAL_MISSING_GIVEN = 0.02
const ORIGINAL_MISSING_SURNAME = 0.01

/** Zipf-Mandelbrot shape of the name frequencies (FEBRL draws names from frequency tables). */
const ZIPF_EXPONENT = 1
const GIVEN_OFFSET = 15
const SURNAME_OFFSET = 20

const EXTRA_GIVEN = `lachlan, kiera, jayden, mitchell, brodie, tahlia, jackson, chelsea, bailey, caitlin, jordan,
  brooke, riley, madison, ethan, isabella, cooper, zoe, blake, amelia, dylan, jade, liam, jasmine, joshua,
  mackenzie, kayla, tayla, hayden, lily, matilda, xavier, lucas, ella, georgia, sienna, harrison, summer,
  angus, hamish, archie, ruby, phoebe, saxon, lleyton, annabel, declan, tegan, shannon, kirra, darcy,
  campbell, flynn, keely, reuben, callum, isaac, oscar, toby, heidi, jaxon, indiana, talia, eliza, marcus`
const EXTRA_SURNAMES = `ryan, clarke, campbell, kelly, nguyen, brown, jones, white, martin, walsh, o'neill, byrne,
  mcdonald, mckenzie, macdonald, hoffmann, schmidt, rossi, russo, papadopoulos, kowalski, tran, le, pham,
  jackson, ferguson, paterson, simpson, reid, murray, mills, burns, dunn, hart, hogan, lynch, quinn,
  doherty, gordon, crawford, russell, shaw, webb, dixon, fox, hunter, lane, matthews, rice, stone, boyd,
  burke, carroll, daly, duffy, fraser, gill, hayes, kaye, lowe, mann, nash, page, payne, rowe, sharp,
  steele, todd, wade, west, young, zappia, santoro, lombardi, costa, ferrari, greco, marino, conti,
  de luca, van der berg, st clair, o'sullivan, mcintyre, macpherson, dal santo, le roux, haddad, georgiou`

const words = (text: string) =>
  text
    .split(',')
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word.length > 0)

/** Plain lower-case ASCII, as FEBRL's tables are. */
const plain = (name: string) => stripDiacritics(name).toLowerCase()

/** Round-robin merge: every list contributes frequent names near the front and rare ones at the back. */
function interleave(lists: string[][]): string[] {
  const merged: string[] = []
  const seen = new Set<string>()
  for (let i = 0; i < Math.max(...lists.map((l) => l.length)); i++)
    for (const l of lists) {
      const name = l[i]
      if (name !== undefined && !seen.has(name)) {
        seen.add(name)
        merged.push(name)
      }
    }
  return merged
}

/**
 * An Australian population as FEBRL models it: mostly English-speaking names, then names of the larger
 * immigrant communities further down the frequency table.
 */
function tables(): { given: string[]; surnames: string[] } {
  const en = ORIGINS.en
  const given = interleave([en.male.map(plain), en.female.map(plain), words(EXTRA_GIVEN)])
  const surnames = interleave([en.surnames.map(plain), words(EXTRA_SURNAMES)])
  const others = (Object.keys(ORIGINS) as Origin[]).filter((origin) => origin !== 'en')
  given.push(
    ...interleave(
      others.flatMap((origin) => [ORIGINS[origin].male.map(plain), ORIGINS[origin].female.map(plain)]),
    ).filter((n) => !given.includes(n)),
  )
  surnames.push(
    ...interleave(others.map((origin) => ORIGINS[origin].surnames.map(plain))).filter(
      (n) => !surnames.includes(n),
    ),
  )
  return { given, surnames }
}

const LOWER_NICKNAMES = new Map(
  Object.entries(NICKNAMES).map(([name, short]) => [name.toLowerCase(), short.map((s) => s.toLowerCase())]),
)

function splitOrMerge(random: Random, value: string): string {
  if (/[ '-]/.test(value)) return value.replace(/[ '-]/, random.chance(0.5) ? '' : ' ')
  if (value.length < 5) return value
  const at = random.int(2, value.length - 2)
  return `${value.slice(0, at)} ${value.slice(at)}`
}

export function generateFebrlLike(seed: number, originals = 5_000): FebrlLikeSet {
  const random = new Random(seed * 7_368_787 + 3)
  const { given, surnames } = tables()
  const givenSampler = new ZipfSampler(given, ZIPF_EXPONENT, GIVEN_OFFSET)
  const surnameSampler = new ZipfSampler(surnames, ZIPF_EXPONENT, SURNAME_OFFSET)

  const employees: StoredEmployee[] = []
  const pairs: { first: string | null; last: string | null; kinds: Set<FebrlCorruption> }[] = []
  const fullNames = new Map<string, number>()
  for (let n = 0; n < originals; n++) {
    const first = random.chance(ORIGINAL_MISSING_GIVEN) ? null : givenSampler.sample(random)
    const last =
      first !== null && random.chance(ORIGINAL_MISSING_SURNAME) ? null : surnameSampler.sample(random)
    const key = `${first ?? ''}|${last ?? ''}`
    fullNames.set(key, (fullNames.get(key) ?? 0) + 1)
    employees.push({
      id: `rec-${n}-org`,
      remote_id: `org-${n}`,
      employee_number: null,
      first_name: first,
      last_name: last,
      display_full_name: null,
      work_email: null,
      personal_email: null,
      employment_status: 'ACTIVE',
      start_date: null,
      termination_date: null,
      date_of_birth: null,
      changed_at: null,
      remote_deleted_at: null,
      vanished_at: null,
    })

    let dupFirst = first
    let dupLast = last
    const kinds = new Set<FebrlCorruption>()
    const count = Number(random.weighted(MODIFICATIONS))
    for (let m = 0; m < count; m++) {
      let kind = random.weighted(CORRUPTION_MIX)
      // A record never loses both names, and a swap or a missing value happens once per record.
      if ((kind === 'missing_given' || kind === 'missing_surname') && (dupFirst === null || dupLast === null))
        kind = 'typo'
      if (kind === 'swap' && kinds.has('swap')) kind = 'typo'
      const onGiven = dupLast === null || (dupFirst !== null && random.chance(0.5))
      const apply = (f: (value: string) => string) => {
        if (onGiven && dupFirst !== null) dupFirst = f(dupFirst)
        else if (dupLast !== null) dupLast = f(dupLast)
      }
      switch (kind) {
        case 'typo':
          apply((value) => typo(random, value))
          break
        case 'ocr':
          apply((value) => ocrError(random, value))
          break
        case 'phonetic':
          apply((value) => phoneticError(random, value))
          break
        case 'space':
          apply((value) => splitOrMerge(random, value))
          break
        case 'swap':
          ;[dupFirst, dupLast] = [dupLast, dupFirst]
          break
        case 'missing_given':
          dupFirst = null
          break
        case 'missing_surname':
          dupLast = null
          break
        case 'nickname': {
          const short = dupFirst !== null ? LOWER_NICKNAMES.get(dupFirst) : undefined
          if (short) dupFirst = random.pick(short)
          else {
            kind = 'typo'
            apply((value) => typo(random, value))
          }
          break
        }
        case 'replace_given':
          dupFirst = givenSampler.sample(random)
          break
        case 'replace_surname':
          dupLast = surnameSampler.sample(random)
          break
      }
      kinds.add(kind)
    }
    pairs.push({ first: dupFirst, last: dupLast, kinds })
  }

  const legacy: LegacyUser[] = []
  const truth: FebrlTruth[] = []
  const order = random.shuffle(pairs.map((_, n) => n))
  order.forEach((n, index) => {
    const pair = pairs[n]!
    const userId = `rec-${n}-dup-0`
    legacy.push({
      user_id: userId,
      email: null,
      first_name: pair.first,
      last_name: pair.last,
      full_name: null,
      hris_id: null,
      private_email: null,
      status: null,
      line: index + 2,
      extra: {},
    })
    const original = employees[n]!
    truth.push({
      user_id: userId,
      kombo_id: original.id,
      category:
        pair.kinds.size === 0 ? 'unchanged' : pair.kinds.size === 1 ? [...pair.kinds][0]! : 'multiple',
      namesake: (fullNames.get(`${original.first_name ?? ''}|${original.last_name ?? ''}`) ?? 0) > 1,
    })
  })
  let originalsWithNamesake = 0
  for (const count of fullNames.values()) if (count > 1) originalsWithNamesake += count
  return { employees: random.shuffle(employees), legacy, truth, originalsWithNamesake }
}
