import type { KomboEmployeeRecord } from './komboRecord'

/** One stored employee: the wire record plus the internal "last touched" time `updated_after` compares. */
export interface StoredEmployee {
  record: KomboEmployeeRecord
  updatedAtMs: number
  /**
   * The record's JSON as UTF-8, made on first use. A page is then a concatenation of ready bytes, so walking
   * 50,000 records again costs memcpy, not another JSON.stringify. A write replaces the whole entry.
   */
  json: Buffer | null
}

/**
 * The employees of one integration, kept in id order so a page is a keyset slice: find the first id after
 * the cursor with a binary search and walk forward. Records that change, appear or disappear while a client
 * pages never shift the other records' positions, the way a stable database cursor behaves.
 */
export class EmployeeTable {
  private readonly byId = new Map<string, StoredEmployee>()
  /** Sorted by UTF-16 code units (plain `<`), the order the cursor encodes. */
  private readonly sortedIds: string[] = []

  constructor(records: readonly KomboEmployeeRecord[], updatedAtMs: number) {
    for (const record of records) {
      if (this.byId.has(record.id)) throw new Error(`stand-in: duplicate employee id ${record.id}`)
      this.byId.set(record.id, { record, updatedAtMs, json: null })
      this.sortedIds.push(record.id)
    }
    this.sortedIds.sort(compareIds)
  }

  get size(): number {
    return this.sortedIds.length
  }

  get(id: string): StoredEmployee | undefined {
    return this.byId.get(id)
  }

  put(record: KomboEmployeeRecord, updatedAtMs: number): void {
    if (!this.byId.has(record.id)) this.sortedIds.splice(this.firstIndexAfter(record.id, false), 0, record.id)
    this.byId.set(record.id, { record, updatedAtMs, json: null })
  }

  remove(id: string): boolean {
    if (!this.byId.delete(id)) return false
    this.sortedIds.splice(this.firstIndexAfter(id, false), 1)
    return true
  }

  /** Every record in id order, deleted ones included. */
  records(): KomboEmployeeRecord[] {
    return this.sortedIds.map((id) => this.at(id).record)
  }

  /** Serialises every record now, so that the first walk is as fast as the next ones (benchmarks). */
  warmUp(): void {
    for (const employee of this.byId.values()) jsonOf(employee)
  }

  /**
   * Up to `limit` matching records after `afterId` (exclusive; null = from the start), and whether any
   * matching record follows them, so the last page can say `next: null` instead of sending an empty page.
   */
  page(
    afterId: string | null,
    limit: number,
    matches: (employee: StoredEmployee) => boolean,
  ): { results: StoredEmployee[]; hasMore: boolean } {
    const results: StoredEmployee[] = []
    let index = afterId === null ? 0 : this.firstIndexAfter(afterId, true)
    for (; index < this.sortedIds.length && results.length < limit; index++) {
      const employee = this.atIndex(index)
      if (matches(employee)) results.push(employee)
    }
    for (; index < this.sortedIds.length; index++) {
      if (matches(this.atIndex(index))) return { results, hasMore: true }
    }
    return { results, hasMore: false }
  }

  /** The stored employee of an id in sortedIds, which always has one (put and remove keep both in step). */
  private at(id: string): StoredEmployee {
    const employee = this.byId.get(id)
    if (employee === undefined) throw new Error(`employee table out of step: no record for ${id}`)
    return employee
  }

  private atIndex(index: number): StoredEmployee {
    const id = this.sortedIds[index]
    if (id === undefined) throw new Error(`employee table out of step: no id at ${index}`)
    return this.at(id)
  }

  /** Index of the first id greater than `id` (strict) or not less than it. */
  private firstIndexAfter(id: string, strict: boolean): number {
    let low = 0
    let high = this.sortedIds.length
    while (low < high) {
      const middle = (low + high) >>> 1
      const candidate = this.sortedIds[middle] as string
      if (candidate < id || (strict && candidate === id)) low = middle + 1
      else high = middle
    }
    return low
  }
}

export function jsonOf(employee: StoredEmployee): Buffer {
  employee.json ??= Buffer.from(JSON.stringify(employee.record), 'utf8')
  return employee.json
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
