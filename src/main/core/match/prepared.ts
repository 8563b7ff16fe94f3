import type { StoredEmployee } from '../../../shared/dto/employees'
import type { LegacyUser } from '../../../shared/dto/legacy'
import type { DomainMapping } from '../../../shared/dto/match'
import { IDENTIFIER, IdentifierKey, nameBlockingGroups, type KeyGroup } from './candidateIndex'
import { inferDomainMappingsFrom } from './domains'
import { hasName, nameKey, nameTokens, parsePersonName, personName, type PersonName } from './names'
import { parseEmail, type ParsedEmail } from './text'

/**
 * Both files read once into what matching compares (parsed names and addresses), and the indexes over the
 * whole file that deciding one pair needs (docs/architecture.md, "Matching").
 */

/** The columns of a stored employee that matching reads. */
export type MatchableEmployee = Pick<
  StoredEmployee,
  | 'id'
  | 'remote_id'
  | 'employee_number'
  | 'first_name'
  | 'last_name'
  | 'display_full_name'
  | 'work_email'
  | 'personal_email'
>

export interface EmployeeEntry {
  employee: MatchableEmployee
  name: PersonName
  nameKey: string
  work: ParsedEmail | null
  personal: ParsedEmail | null
  remoteId: string
  /** The personnel number, which a product often stored as its "HRIS id". */
  number: string
  /** Folded given and family name, for how common each is among the employees. */
  givenValue: string
  familyValue: string
}

export interface LegacyEntry {
  user: LegacyUser
  name: PersonName
  nameFromEmail: boolean
  email: ParsedEmail | null
  privateEmail: ParsedEmail | null
  hrisId: string | null
}

export function prepareEmployee(employee: MatchableEmployee): EmployeeEntry {
  const name = parsePersonName(employee.first_name, employee.last_name, employee.display_full_name)
  return {
    employee,
    name,
    nameKey: hasName(name) ? nameKey(name) : '',
    work: parseEmail(employee.work_email),
    personal: parseEmail(employee.personal_email),
    remoteId: employee.remote_id.trim(),
    number: employee.employee_number?.trim() ?? '',
    givenValue: name.parts.given.joinedTranslit,
    familyValue: name.parts.family.joinedTranslit,
  }
}

export function prepareLegacy(user: LegacyUser): LegacyEntry {
  const email = parseEmail(user.email)
  let name = parsePersonName(user.first_name, user.last_name, user.full_name)
  let nameFromEmail = false
  if (!hasName(name) && email && !email.generic) {
    // john.smith@ / john_smith@: the only name the export has. A single word stays a family-name guess.
    const words = nameTokens(email.local.replace(/[0-9]+/g, ' '))
    if (words.length > 0) {
      name = personName(words.slice(0, -1), words.slice(-1), false)
      nameFromEmail = true
    }
  }
  const hrisId = user.hris_id?.trim() || null
  return { user, name, nameFromEmail, email, privateEmail: parseEmail(user.private_email), hrisId }
}

const NO_EMPLOYEES: readonly number[] = Object.freeze([])

/**
 * Employees by one identifier (remote id, personnel number, work address, its local part). Nearly every
 * key names one employee, held as the number itself: a list per key was 56 of the 87 bytes each key cost,
 * and the four indexes are kept for the whole run (44 MB at 100,000 employees, 180 MB at 500,000).
 */
export class EmployeesBy {
  private readonly byKey = new Map<string, number | number[]>()

  add(key: string, employee: number): void {
    const held = this.byKey.get(key)
    if (held === undefined) this.byKey.set(key, employee)
    else if (typeof held === 'number') this.byKey.set(key, [held, employee])
    else held.push(employee)
  }

  has(key: string): boolean {
    return this.byKey.has(key)
  }

  /** The employees with this key, in the order added; none when no employee has it. */
  get(key: string): readonly number[] {
    const held = this.byKey.get(key)
    if (held === undefined) return NO_EMPLOYEES
    return typeof held === 'number' ? [held] : held
  }

  count(key: string): number {
    const held = this.byKey.get(key)
    if (held === undefined) return 0
    return typeof held === 'number' ? 1 : held.length
  }
}

export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

export function countInto<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

/** Everything about the whole file that scoring one pair needs. */
export interface Context {
  employees: EmployeeEntry[]
  remoteIndex: EmployeesBy
  /** Employees by personnel number, for a stored HRIS id that holds one. */
  numberIndex: EmployeesBy
  workEmailIndex: EmployeesBy
  localIndex: EmployeesBy
  legacyHrisCount: Map<string, number>
  legacyEmailCount: Map<string, number>
  /** from domain -> to domains. */
  domainMap: Map<string, Set<string>>
  domainMappings: DomainMapping[]
  /** employee -> number of legacy users whose local part reaches it through a domain mapping. */
  mappedClaims: Map<number, number>
}

export function mappedTarget(context: Context, legacy: LegacyEntry, employee: EmployeeEntry): boolean {
  if (!legacy.email || !employee.work) return false
  return context.domainMap.get(legacy.email.domain)?.has(employee.work.domain) ?? false
}

export function sameLocalPart(legacy: LegacyEntry, employee: EmployeeEntry): boolean {
  return (
    legacy.email !== null &&
    employee.work !== null &&
    legacy.email.domain !== employee.work.domain &&
    legacy.email.local === employee.work.local &&
    !legacy.email.generic
  )
}

/** The legacy HRIS id names this employee, by remote_id or by personnel number. */
export function hrisIdAgrees(
  legacy: LegacyEntry,
  employee: EmployeeEntry,
): 'remote_id' | 'employee_number' | null {
  if (legacy.hrisId === null) return null
  if (legacy.hrisId === employee.remoteId) return 'remote_id'
  if (employee.number !== '' && legacy.hrisId === employee.number) return 'employee_number'
  return null
}

export function privateEmailAgrees(legacy: LegacyEntry, employee: EmployeeEntry): boolean {
  const personal = employee.personal?.full
  return (
    (personal !== undefined && (legacy.privateEmail?.full === personal || legacy.email?.full === personal)) ||
    (legacy.privateEmail !== null && legacy.privateEmail.full === employee.work?.full)
  )
}

export function buildContext(employees: EmployeeEntry[], legacy: LegacyEntry[]): Context {
  const remoteIndex = new EmployeesBy()
  const numberIndex = new EmployeesBy()
  const workEmailIndex = new EmployeesBy()
  const localIndex = new EmployeesBy()
  employees.forEach((entry, index) => {
    if (entry.remoteId !== '') remoteIndex.add(entry.remoteId, index)
    if (entry.number !== '' && entry.number !== entry.remoteId) numberIndex.add(entry.number, index)
    if (entry.work) {
      workEmailIndex.add(entry.work.full, index)
      if (!entry.work.generic) localIndex.add(entry.work.local, index)
    }
  })
  const legacyHrisCount = new Map<string, number>()
  const legacyEmailCount = new Map<string, number>()
  for (const entry of legacy) {
    if (entry.hrisId !== null) countInto(legacyHrisCount, entry.hrisId)
    if (entry.email) countInto(legacyEmailCount, entry.email.full)
  }
  const domainMappings = inferDomainMappingsFrom(
    legacy.map((entry) => entry.email),
    {
      has: (full) => workEmailIndex.has(full),
      domainsOf: (local) => domainsOf(localIndex.get(local), employees),
    },
  )
  const domainMap = new Map<string, Set<string>>()
  for (const mapping of domainMappings) {
    let targets = domainMap.get(mapping.from)
    if (!targets) domainMap.set(mapping.from, (targets = new Set()))
    targets.add(mapping.to)
  }
  const context: Context = {
    employees,
    remoteIndex,
    numberIndex,
    workEmailIndex,
    localIndex,
    legacyHrisCount,
    legacyEmailCount,
    domainMap,
    domainMappings,
    mappedClaims: new Map(),
  }
  // Rule 3's exactly-one on the legacy side: how many users reach each employee through a mapping.
  for (const entry of legacy) {
    if (!entry.email || entry.email.generic) continue
    if (workEmailIndex.has(entry.email.full)) continue
    const targets = domainMap.get(entry.email.domain)
    if (!targets) continue
    const reached = localIndex
      .get(entry.email.local)
      .filter((employee) => targets.has(employees[employee]!.work!.domain))
    if (reached.length === 1) countInto(context.mappedClaims, reached[0]!)
    // Several employees under the new domains share the local part: no one of them is "the" match.
    else for (const employee of reached) context.mappedClaims.set(employee, Infinity)
  }
  return context
}

/** The distinct work domains of these employees (all have a work address), in their order; none: undefined. */
function domainsOf(
  indices: readonly number[],
  employees: readonly EmployeeEntry[],
): Iterable<string> | undefined {
  if (indices.length === 0) return undefined
  if (indices.length === 1) return [employees[indices[0]!]!.work!.domain]
  return new Set(indices.map((index) => employees[index]!.work!.domain))
}

/** An employee's blocking keys in groups, as a query reads them (see legacyKeys). */
export function employeeKeys(entry: EmployeeEntry): KeyGroup[] {
  const groups: KeyGroup[] = []
  if (entry.remoteId !== '') groups.push(new IdentifierKey(IDENTIFIER.id, entry.remoteId))
  if (entry.number !== '') groups.push(new IdentifierKey(IDENTIFIER.id, entry.number))
  if (entry.work) {
    groups.push(new IdentifierKey(IDENTIFIER.email, entry.work.full))
    if (!entry.work.generic) groups.push(new IdentifierKey(IDENTIFIER.localPart, entry.work.local))
  }
  if (entry.personal) groups.push(new IdentifierKey(IDENTIFIER.email, entry.personal.full))
  nameBlockingGroups(entry.name, groups)
  return groups
}

export function legacyKeys(entry: LegacyEntry): KeyGroup[] {
  const groups: KeyGroup[] = []
  if (entry.hrisId !== null) groups.push(new IdentifierKey(IDENTIFIER.id, entry.hrisId))
  if (entry.email) {
    groups.push(new IdentifierKey(IDENTIFIER.email, entry.email.full))
    if (!entry.email.generic) groups.push(new IdentifierKey(IDENTIFIER.localPart, entry.email.local))
  }
  if (entry.privateEmail) groups.push(new IdentifierKey(IDENTIFIER.email, entry.privateEmail.full))
  nameBlockingGroups(entry.name, groups)
  return groups
}
