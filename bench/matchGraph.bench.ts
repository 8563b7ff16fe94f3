/**
 * npm run bench:match-graph — how a whole match at scale could be cut into parts, measured on the
 * companies `bench:scale` keeps: the graph of compared pairs (user - employee) and the graph the joint
 * assignment works on, with the size of their largest connected groups, and the resident memory of the
 * run after loading, after blocking and comparing, and after the assignment.
 *
 *   BENCH_SCALE_SIZES=100000,500000 BENCH_SCALE_KEEP=1 npm run bench:scale   # once, to keep the companies
 *   BENCH_SCALE_SIZES=100000,500000 npm run bench:match-graph
 *
 * A part that no pair crosses could be matched on its own, with only its people in memory; the figures
 * say whether the company falls apart into such parts (docs/architecture.md, Matching, "What a whole
 * match holds"). Each size runs in its own process, so one size's heap does not count in the next.
 *
 * A second table costs the other way to flat memory: holding nobody, and reading each employee a pool
 * names back from SQLite through a cache of fixed size, with the compared pairs in a temporary table.
 * It reads the pools in the order the run compares them (namesakes together) and times the reads, the
 * parsing, and writing and reading back the pairs.
 */
import { execFileSync } from 'node:child_process'
import BetterSqlite3 from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DisjointSets } from '../src/main/core/match/assignJointly'
import { effectiveDecisions } from '../src/main/core/match/decisions'
import { loadMatchInputs } from '../src/main/core/match/matchRun'
import { buildMatchBasis, resolvePlan, type MatchBasis } from '../src/main/core/match/planBasis'
import { FIELD_COUNT } from '../src/main/core/match/linkageModel'
import { prepareEmployee } from '../src/main/core/match/prepared'
import { openDatabase } from '../src/main/core/store/database'

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '100000').split(',').map(Number)
const INTEGRATION = 'demo:acme'
const DATA_DIR = join('bench', '.data', 'scale')

/** Connected groups over employees (nodes 0..E-1) and users (E..E+U-1), by the assignment's union-find. */
class Groups {
  private readonly sets: DisjointSets
  private readonly met: Uint8Array
  constructor(
    readonly employees: number,
    users: number,
  ) {
    this.sets = new DisjointSets(employees + users)
    this.met = new Uint8Array(employees + users)
  }
  link(user: number, employee: number): void {
    this.met[employee] = this.met[this.employees + user] = 1
    this.sets.union(employee, this.employees + user)
  }
  /** Sizes of the groups (people on both sides), largest first, over the people some pair names. */
  sizes(): number[] {
    const size = new Map<number, number>()
    for (let node = 0; node < this.met.length; node++) {
      if (!this.met[node]) continue
      const root = this.sets.find(node)
      size.set(root, (size.get(root) ?? 0) + 1)
    }
    return [...size.values()].sort((a, b) => b - a)
  }
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`

function describe(label: string, pairs: number, groups: Groups): string {
  const sizes = groups.sizes()
  const people = sizes.reduce((sum, size) => sum + size, 0)
  const largest = sizes[0] ?? 0
  const share = people === 0 ? 0 : (100 * largest) / people
  return (
    `| ${label} | ${pairs.toLocaleString('en')} | ${sizes.length.toLocaleString('en')} | ` +
    `${largest.toLocaleString('en')} (${share.toFixed(1)}% of ${people.toLocaleString('en')}) | ` +
    `${sizes
      .slice(1, 4)
      .map((size) => size.toLocaleString('en'))
      .join(', ')} |`
  )
}

/** Employees of fixed-size caches, as a flat run could afford them. */
const CACHE_SIZES = [20_000, 50_000]
/** Reads timed, from the start of the pool order: enough for a steady figure, few enough to be quick. */
const TIMED_READS = 200_000

/** The pools' employees in the order the run compares them: users by family, then given name. */
function poolOrder(basis: MatchBasis): Int32Array {
  const { legacy, store } = basis
  const family = new Float64Array(legacy.length)
  const given = new Float64Array(legacy.length)
  legacy.forEach((entry, user) => {
    family[user] = entry.name.parts.family.content[0]?.id ?? -1
    given[user] = entry.name.parts.given.content[0]?.id ?? -1
  })
  const users = [...legacy.keys()].sort((a, b) => family[a]! - family[b]! || given[a]! - given[b]! || a - b)
  const order = new Int32Array(store.spare)
  let at = 0
  for (const user of users) {
    for (let pair = store.userStart[user]!; pair < store.userStart[user + 1]!; pair++) {
      order[at++] = store.employee[pair]!
    }
  }
  return order
}

/** How many of these reads a least-recently-used cache of `size` employees would miss. */
function lruMisses(reads: Int32Array, size: number): number {
  const cache = new Map<number, true>()
  let misses = 0
  for (const employee of reads) {
    if (cache.delete(employee)) {
      cache.set(employee, true)
      continue
    }
    misses++
    cache.set(employee, true)
    if (cache.size > size) cache.delete(cache.keys().next().value!)
  }
  return misses
}

const microseconds = (from: bigint, count: number) => Number(process.hrtime.bigint() - from) / 1e3 / count
const seconds = (from: bigint) => (Number(process.hrtime.bigint() - from) / 1e9).toFixed(2)

/** The flat run's costs at one size, as table rows. */
function flatCosts(path: string, basis: MatchBasis, who: string): string[] {
  const reads = poolOrder(basis)
  const misses = CACHE_SIZES.map((size) => {
    const missed = lruMisses(reads, size)
    return `${size.toLocaleString('en')}: ${missed.toLocaleString('en')} (${((100 * missed) / reads.length).toFixed(1)}%)`
  })
  const db = new BetterSqlite3(path, { readonly: true })
  try {
    const rowidOf = new Map<string, number>()
    const ids = db.prepare('SELECT rowid, id FROM employees WHERE integration_id = ?').raw()
    for (const [rowid, id] of ids.iterate(INTEGRATION) as Iterable<[number, string]>) rowidOf.set(id, rowid)
    const rowids = basis.context.employees.map((entry) => rowidOf.get(entry.employee.id)!)
    const read = db.prepare(
      `SELECT id, remote_id, employee_number, first_name, last_name, display_full_name, work_email,
              personal_email FROM employees WHERE rowid = ?`,
    )
    const timed = Math.min(TIMED_READS, reads.length)
    const rows: unknown[] = new Array(timed)
    let started = process.hrtime.bigint()
    for (let at = 0; at < timed; at++) rows[at] = read.get(rowids[reads[at]!]!)
    const perRead = microseconds(started, timed)
    started = process.hrtime.bigint()
    for (const row of rows) prepareEmployee(row as Parameters<typeof prepareEmployee>[0])
    const perParse = microseconds(started, timed)

    const { store } = basis
    const scratch = new BetterSqlite3('')
    scratch.exec('CREATE TABLE pairs (user INTEGER, employee INTEGER, levels BLOB, weight REAL)')
    const insert = scratch.prepare('INSERT INTO pairs VALUES (?, ?, ?, ?)')
    started = process.hrtime.bigint()
    scratch.transaction(() => {
      for (let user = 0; user < basis.legacy.length; user++) {
        for (let pair = store.userStart[user]!; pair < store.userStart[user + 1]!; pair++) {
          const levels = store.levels.subarray(pair * FIELD_COUNT, (pair + 1) * FIELD_COUNT)
          insert.run(user, store.employee[pair]!, levels, store.weight[pair]!)
        }
      }
    })()
    const written = seconds(started)
    let total = 0
    started = process.hrtime.bigint()
    for (const row of scratch.prepare('SELECT user, employee, levels, weight FROM pairs').raw().iterate()) {
      total += (row as [number, number, Buffer, number])[3]
    }
    const scanned = seconds(started)
    started = process.hrtime.bigint()
    for (const row of scratch
      .prepare('SELECT user, employee FROM pairs ORDER BY weight DESC')
      .raw()
      .iterate()) {
      total += (row as [number, number])[1]
    }
    const sorted = seconds(started)
    scratch.close()
    if (!Number.isFinite(total)) throw new Error('the pairs read back are not numbers')
    return [
      `| ${who}: pool reads in comparing order | ${reads.length.toLocaleString('en')} | ${misses.join('; ')} |`,
      `| ${who}: one employee read by rowid, then parsed | ${perRead.toFixed(1)} µs + ${perParse.toFixed(1)} µs | |`,
      `| ${who}: the pairs to a temporary table, one scan, one scan by weight | ${written} s, ${scanned} s, ${sorted} s | |`,
    ]
  } finally {
    db.close()
  }
}

/** One size, in this process: the table rows for it. */
function measure(size: number): string[] {
  const path = join(DATA_DIR, String(size), 'company.db')
  if (!existsSync(path)) throw new Error(`${path} is missing: run bench:scale with BENCH_SCALE_KEEP=1 first`)
  const db = openDatabase(path, { readonly: true })
  const memory: string[] = []
  const note = (phase: string) => memory.push(`${phase} ${mib(process.memoryUsage().rss)}`)
  try {
    const inputs = loadMatchInputs({ db, version: 'bench', now: new Date() }, INTEGRATION)
    note('loaded')
    const basis = buildMatchBasis(inputs.employees, inputs.legacy)
    note('compared')
    const resolution = resolvePlan(basis, effectiveDecisions(inputs.events))
    note('assigned')
    const { store, context, legacy } = basis
    const compared = new Groups(context.employees.length, legacy.length)
    for (let user = 0; user < legacy.length; user++) {
      for (let pair = store.userStart[user]!; pair < store.userStart[user + 1]!; pair++) {
        compared.link(user, store.employee[pair]!)
      }
    }
    const assigned = new Groups(context.employees.length, legacy.length)
    let edges = 0
    resolution.edges.forEach((userEdges, user) => {
      for (const edge of userEdges) assigned.link(user, edge.employee)
      edges += userEdges.length
    })
    const who = `${size.toLocaleString('en')}`
    return [
      describe(`${who}: compared pairs`, store.spare, compared),
      describe(`${who}: pairs in the joint assignment`, edges, assigned),
      `| ${who}: resident memory | ${memory.join(', ')} | | | |`,
      FLAT_COSTS,
      ...flatCosts(path, basis, who),
    ]
  } finally {
    db.close()
  }
}

/** Where a size's output turns from the graph's rows to the flat run's. */
const FLAT_COSTS = '--- flat costs ---'

const only = process.argv.indexOf('--size')
if (only !== -1) {
  console.log(measure(Number(process.argv[only + 1])).join('\n'))
} else {
  const rows = SIZES.map((size) =>
    execFileSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--size', String(size)],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    ).trim(),
  )
  const parts = rows.map((row) => row.split(`\n${FLAT_COSTS}\n`))
  console.log(
    [
      '| graph | pairs | groups | largest group (users and employees) | next largest |',
      '| --- | ---: | ---: | ---: | --- |',
      ...parts.map(([graph]) => graph!),
      '',
      `| a flat run | measured | misses of a cache of the last N employees read |`,
      '| --- | --- | --- |',
      ...parts.map(([, flat]) => flat ?? ''),
    ].join('\n'),
  )
}
