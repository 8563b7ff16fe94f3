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
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DisjointSets } from '../src/main/core/match/assignJointly'
import { effectiveDecisions } from '../src/main/core/match/decisions'
import { loadMatchInputs } from '../src/main/core/match/matchRun'
import { buildMatchBasis, resolvePlan } from '../src/main/core/match/planBasis'
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
    ]
  } finally {
    db.close()
  }
}

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
  console.log(
    [
      '| graph | pairs | groups | largest group (users and employees) | next largest |',
      '| --- | ---: | ---: | ---: | --- |',
      ...rows,
    ].join('\n'),
  )
}
