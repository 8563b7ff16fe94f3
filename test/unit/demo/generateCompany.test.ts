import { describe, expect, it } from 'vitest'
import {
  DEFAULT_AS_OF,
  emailLocalPart,
  foldToAscii,
  generateCompany,
  NAME_LOCALES,
  NICKNAMES,
  type KomboEmployeeRecord,
} from '../../../src/main/core/demo/generateCompany'

const MIDNIGHT_ISO = /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/
const TIMESTAMP_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** The record as a client receives it: keys holding undefined are absent on the wire. */
function onTheWire(record: KomboEmployeeRecord): Record<string, unknown> {
  return JSON.parse(JSON.stringify(record)) as Record<string, unknown>
}

function fullName(record: KomboEmployeeRecord): string {
  return `${record.first_name ?? ''} ${record.last_name ?? ''}`
}

describe('generateCompany', () => {
  const company = generateCompany({ seed: 1, size: 2000, domain: 'acme.example' })
  const asOfMs = Date.parse(DEFAULT_AS_OF)

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateCompany({ seed: 1, size: 2000, domain: 'acme.example' })
    expect(JSON.stringify(again)).toBe(JSON.stringify(company))
    const other = generateCompany({ seed: 2, size: 2000, domain: 'acme.example' })
    expect(other.map((record) => record.id)).not.toEqual(company.map((record) => record.id))
  })

  it('produces the requested number of records with unique Kombo ids and remote ids', () => {
    expect(company).toHaveLength(2000)
    expect(new Set(company.map((record) => record.id)).size).toBe(2000)
    expect(new Set(company.map((record) => record.remote_id)).size).toBe(2000)
    for (const record of company) expect(record.id).toMatch(/^[A-Za-z0-9]{24}$/)
  })

  it('emits the full wire shape with realistic record sizes', () => {
    const sizes = company.map((record) => JSON.stringify(record).length).sort((a, b) => a - b)
    const median = sizes[Math.floor(sizes.length / 2)] ?? 0
    expect(median).toBeGreaterThan(1500)
    expect(median).toBeLessThan(3200)
    const wire = onTheWire(company[10] as KomboEmployeeRecord)
    for (const key of [
      'id',
      'remote_id',
      'employee_number',
      'first_name',
      'last_name',
      'display_full_name',
      'job_title',
      'changed_at',
      'remote_deleted_at',
      'employments',
      'time_off_balances',
      'manager',
      'groups',
      'legal_entity',
      'work_location',
      'custom_fields',
      'start_date',
      'termination_date',
      'date_of_birth',
    ]) {
      expect(wire).toHaveProperty(key)
    }
  })

  it('writes every date field as a midnight ISO date-time and timestamps as full ISO', () => {
    for (const record of company) {
      for (const value of [record.date_of_birth, record.start_date, record.termination_date]) {
        if (value !== null) expect(value).toMatch(MIDNIGHT_ISO)
      }
      expect(record.changed_at).toMatch(TIMESTAMP_ISO)
      expect(Date.parse(record.changed_at)).toBeLessThanOrEqual(asOfMs)
      for (const employment of record.employments) expect(employment.effective_date).toMatch(MIDNIGHT_ISO)
    }
  })

  it('draws names from many alphabets, with hyphenated and multi-part names', () => {
    const names = company.map(fullName).join('\n')
    const alphabets: Record<string, RegExp> = {
      german: /[üöäß]/,
      french: /[éèçëï]/,
      spanish: /[ñáíó]/,
      polish: /[łśżźąę]/,
      scandinavian: /[øåæ]/i,
      turkish: /[ğşı]/,
      czech: /[řčěů]/,
      vietnamese: /[ễạịứảồ]/,
    }
    for (const [alphabet, letters] of Object.entries(alphabets)) {
      expect(letters.test(names), `${alphabet} letters in names`).toBe(true)
    }
    expect(company.some((record) => /\S-\S/.test(record.last_name ?? ''))).toBe(true)
    expect(company.some((record) => /\S-\S/.test(record.first_name ?? ''))).toBe(true)
    expect(company.some((record) => / /.test(record.last_name ?? ''))).toBe(true)
    expect(
      company.some((record) => record.last_name?.startsWith('van ') || record.last_name?.startsWith('von ')),
    ).toBe(true)
  })

  it('shows Vietnamese names family name first and gives Polish and Czech women the feminine surname', () => {
    const vietnamese = company.find(
      (record) => record.nationality === 'VN' && record.display_full_name !== null,
    )
    expect(vietnamese?.display_full_name).toBe(`${vietnamese?.last_name} ${vietnamese?.first_name}`)
    const polishWomen = company.filter((record) => record.nationality === 'PL' && record.gender === 'FEMALE')
    expect(polishWomen.some((record) => record.last_name?.endsWith('ska'))).toBe(true)
    expect(polishWomen.some((record) => record.last_name?.endsWith('ski'))).toBe(false)
  })

  it('has namesakes whose work emails are told apart by a number', () => {
    const byName = new Map<string, KomboEmployeeRecord[]>()
    for (const record of company)
      byName.set(fullName(record), [...(byName.get(fullName(record)) ?? []), record])
    const namesakes = [...byName.values()].filter(
      (records) => records.filter((record) => typeof record.work_email === 'string').length >= 2,
    )
    expect(namesakes.length).toBeGreaterThan(0)
    const emails = (namesakes[0] ?? []).map((record) => record.work_email?.toLowerCase())
    expect(new Set(emails).size).toBe(emails.length)
    const base = emailLocalPart(namesakes[0]?.[0]?.first_name ?? '', namesakes[0]?.[0]?.last_name ?? '')
    expect(emails).toContain(`${base}2@acme.example`)
  })

  it('builds ASCII work emails from the names on the company domain', () => {
    const withEmail = company.filter((record) => typeof record.work_email === 'string')
    for (const record of withEmail) {
      const email = record.work_email as string
      expect(email).toMatch(/^[A-Za-z0-9.-]+@acme\.example$/)
      const localPart = email.split('@')[0]?.toLowerCase().replace(/\d+$/, '')
      expect(localPart).toBe(emailLocalPart(record.first_name ?? '', record.last_name ?? ''))
    }
    const mueller = withEmail.find((record) => record.last_name === 'Müller')
    expect(mueller?.work_email?.toLowerCase()).toContain('.mueller')
    expect(withEmail.some((record) => /[A-Z]/.test(record.work_email as string))).toBe(true)
  })

  it('leaves some work emails null and some keys absent, and gives some people personal emails', () => {
    const wire = company.map(onTheWire)
    expect(wire.some((record) => record.work_email === null)).toBe(true)
    expect(wire.some((record) => !('work_email' in record))).toBe(true)
    const personal = company
      .map((record) => record.personal_email)
      .filter((email) => typeof email === 'string')
    expect(personal.length).toBeGreaterThan(company.length * 0.3)
    expect(personal.some((email) => email?.endsWith('@gmail.com'))).toBe(true)
    expect(personal.some((email) => /@(web\.de|gmx\.de|gmx\.net)$/.test(email ?? ''))).toBe(true)
  })

  it('has leavers, pending starters, people on leave and people serving notice', () => {
    const byStatus = (status: string): KomboEmployeeRecord[] =>
      company.filter((record) => record.employment_status === status)
    const leavers = byStatus('INACTIVE')
    expect(leavers).toHaveLength(Math.round(2000 * 0.08))
    for (const leaver of leavers) {
      expect(leaver.termination_date).not.toBeNull()
      expect(Date.parse(leaver.termination_date as string)).toBeLessThan(asOfMs)
      expect(Date.parse(leaver.termination_date as string)).toBeGreaterThan(
        Date.parse(leaver.start_date as string),
      )
    }
    const pending = byStatus('PENDING')
    expect(pending.length).toBeGreaterThan(0)
    for (const starter of pending) expect(Date.parse(starter.start_date as string)).toBeGreaterThan(asOfMs)
    expect(byStatus('LEAVE').length).toBeGreaterThan(0)
    const serving = byStatus('ACTIVE').filter((record) => record.termination_date !== null)
    expect(serving.length).toBeGreaterThan(0)
    for (const record of serving)
      expect(Date.parse(record.termination_date as string)).toBeGreaterThan(asOfMs)
  })

  it('links managers to earlier records and embeds their snapshot', () => {
    const byId = new Map(company.map((record) => [record.id, record]))
    expect(company[0]?.manager).toBeNull()
    for (const record of company.slice(1)) {
      const manager = byId.get(record.manager_id ?? '')
      expect(manager).toBeDefined()
      expect(record.manager?.id).toBe(manager?.id)
      expect(record.manager?.remote_id).toBe(manager?.remote_id)
      expect(record.manager?.display_full_name).toBe(manager?.display_full_name)
    }
  })

  it('honours leaverShare and domain, and keeps every special case in small companies', () => {
    const calm = generateCompany({ seed: 3, size: 300, leaverShare: 0 })
    expect(calm.some((record) => record.employment_status === 'INACTIVE')).toBe(false)
    const small = generateCompany({ seed: 4, size: 20, domain: 'tiny.example' })
    expect(small.filter((record) => record.employment_status === 'INACTIVE')).toHaveLength(2)
    expect(small.some((record) => record.employment_status === 'PENDING')).toBe(true)
    expect(small.some((record) => record.work_email === null)).toBe(true)
    expect(
      small.every((record) => record.work_email == null || record.work_email.endsWith('@tiny.example')),
    ).toBe(true)
    const names = small.map(fullName)
    expect(new Set(names).size).toBeLessThan(names.length)
  })
})

describe('name helpers', () => {
  it('transliterate names into mailbox local parts the way company mail systems do', () => {
    expect(emailLocalPart('Jürgen', 'Müller-Lüdenscheidt')).toBe('juergen.mueller-luedenscheidt')
    expect(emailLocalPart('Jan', 'van der Berg')).toBe('jan.vanderberg')
    expect(emailLocalPart('Łukasz', 'Wiśniewski')).toBe('lukasz.wisniewski')
    expect(emailLocalPart('Søren', 'Ødegård')).toBe('soeren.oedegaard')
    expect(emailLocalPart('Çağrı', 'Yıldız')).toBe('cagri.yildiz')
    expect(emailLocalPart('İbrahim', 'Öztürk')).toBe('ibrahim.oeztuerk')
    expect(emailLocalPart('Thị Hoa', 'Nguyễn')).toBe('thihoa.nguyen')
    expect(emailLocalPart('Đức Anh', 'Đặng')).toBe('ducanh.dang')
    expect(emailLocalPart('Seán', "O'Brien")).toBe('sean.obrien')
    expect(emailLocalPart('Jiří', 'Řezníček')).toBe('jiri.reznicek')
    expect(emailLocalPart('Ștefan', 'Țurcanu')).toBe('stefan.turcanu')
    expect(foldToAscii('Weiß García')).toBe('weiss garcia')
  })

  it('exports name pools with nicknames that refer to names in the pools', () => {
    expect(NAME_LOCALES.length).toBeGreaterThanOrEqual(12)
    const givenNames = new Set(NAME_LOCALES.flatMap((locale) => [...locale.female, ...locale.male]))
    for (const name of Object.keys(NICKNAMES)) expect(givenNames.has(name), name).toBe(true)
  })
})
