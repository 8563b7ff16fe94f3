/**
 * One-to-one assignment of legacy users to employees across the whole review queue: among the pairs
 * each user could be, choose the set of links that is most likely right as a whole (the largest total
 * weight of evidence, i.e. the most likely joint assignment), so strong evidence tying one user to an employee takes that employee away from the
 * user's same-name colleagues. Solved exactly (the Hungarian algorithm) within each group of users that
 * compete for the same employees; groups are small because candidates are few per user.
 */

export interface CandidateEdge {
  user: number
  employee: number
  /** The pair's weight of evidence for "same person" (log of the likelihood ratio); > 0. */
  value: number
}

/**
 * Above this many cells (users x employees) a group is assigned greedily, best pair first, instead of
 * exactly: the exact method is cubic, and such groups only arise from very common names whose pairs are
 * close in value anyway.
 */
const EXACT_ASSIGNMENT_MAX_CELLS = 160_000

/** Union-find over nodes 0..size-1 (also used by bench:match-graph to size the company's groups). */
export class DisjointSets {
  private readonly parent: Int32Array
  constructor(size: number) {
    this.parent = new Int32Array(size).map((_, index) => index)
  }
  find(node: number): number {
    let root = node
    while (this.parent[root] !== root) root = this.parent[root]!
    let at = node
    while (this.parent[at] !== root) {
      const next = this.parent[at]!
      this.parent[at] = root
      at = next
    }
    return root
  }
  union(a: number, b: number): void {
    const rootA = this.find(a)
    const rootB = this.find(b)
    if (rootA !== rootB) this.parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB)
  }
}

/** Minimum-cost assignment of every row to a distinct column (rows <= columns), O(rows^2 * columns). */
function hungarian(cost: Float64Array, rows: number, columns: number): Int32Array {
  const INF = Number.POSITIVE_INFINITY
  const u = new Float64Array(rows + 1)
  const v = new Float64Array(columns + 1)
  const rowOfColumn = new Int32Array(columns + 1)
  const way = new Int32Array(columns + 1)
  const minimum = new Float64Array(columns + 1)
  const used = new Uint8Array(columns + 1)
  for (let row = 1; row <= rows; row++) {
    rowOfColumn[0] = row
    let column0 = 0
    minimum.fill(INF)
    used.fill(0)
    do {
      used[column0] = 1
      const row0 = rowOfColumn[column0]!
      let delta = INF
      let column1 = 0
      for (let column = 1; column <= columns; column++) {
        if (used[column]) continue
        const reduced = cost[(row0 - 1) * columns + (column - 1)]! - u[row0]! - v[column]!
        if (reduced < minimum[column]!) {
          minimum[column] = reduced
          way[column] = column0
        }
        if (minimum[column]! < delta) {
          delta = minimum[column]!
          column1 = column
        }
      }
      for (let column = 0; column <= columns; column++) {
        if (used[column]) {
          u[rowOfColumn[column]!] = u[rowOfColumn[column]!]! + delta
          v[column] = v[column]! - delta
        } else minimum[column] = minimum[column]! - delta
      }
      column0 = column1
    } while (rowOfColumn[column0] !== 0)
    do {
      const column1 = way[column0]!
      rowOfColumn[column0] = rowOfColumn[column1]!
      column0 = column1
    } while (column0 !== 0)
  }
  const columnOfRow = new Int32Array(rows).fill(-1)
  for (let column = 1; column <= columns; column++) {
    if (rowOfColumn[column]! > 0) columnOfRow[rowOfColumn[column]! - 1] = column - 1
  }
  return columnOfRow
}

function assignExactly(group: readonly CandidateEdge[], into: Map<number, number>): void {
  const users = [...new Set(group.map((edge) => edge.user))].sort((a, b) => a - b)
  const employees = [...new Set(group.map((edge) => edge.employee))].sort((a, b) => a - b)
  const rowOf = new Map(users.map((user, row) => [user, row]))
  const columnOf = new Map(employees.map((employee, column) => [employee, column]))
  // Extra columns stand for "no employee" when users outnumber employees; a missing pair costs the same.
  const columns = Math.max(employees.length, users.length)
  const cost = new Float64Array(users.length * columns)
  for (const edge of group) {
    cost[rowOf.get(edge.user)! * columns + columnOf.get(edge.employee)!] = -edge.value
  }
  const chosen = hungarian(cost, users.length, columns)
  chosen.forEach((column, row) => {
    if (column < 0 || column >= employees.length) return
    if (cost[row * columns + column] === 0) return
    into.set(users[row]!, employees[column]!)
  })
}

function assignGreedily(group: readonly CandidateEdge[], into: Map<number, number>): void {
  assignInOrder([...group].sort(byGreedyOrder), into)
}

/**
 * Candidate edges as columns, one position per edge: a whole file's review queue (1.65 million pairs at
 * 500,000 people) without an object per edge, which as objects was over 100 MB of heap at the run's peak.
 */
export class EdgeColumns {
  user = new Int32Array(1024)
  employee = new Int32Array(1024)
  value = new Float64Array(1024)
  length = 0

  static of(edges: readonly CandidateEdge[]): EdgeColumns {
    const columns = new EdgeColumns()
    for (const edge of edges) columns.push(edge.user, edge.employee, edge.value)
    return columns
  }

  push(user: number, employee: number, value: number): void {
    if (this.length === this.user.length) this.grow()
    this.user[this.length] = user
    this.employee[this.length] = employee
    this.value[this.length] = value
    this.length++
  }

  edge(at: number): CandidateEdge {
    return { user: this.user[at]!, employee: this.employee[at]!, value: this.value[at]! }
  }

  private grow(): void {
    const capacity = this.user.length * 2
    const user = new Int32Array(capacity)
    const employee = new Int32Array(capacity)
    const value = new Float64Array(capacity)
    user.set(this.user)
    employee.set(this.employee)
    value.set(this.value)
    Object.assign(this, { user, employee, value })
  }
}

/**
 * user -> employee for the most likely one-to-one set of links among `edges`. Users whose every candidate
 * is better spent on someone else stay unassigned. Deterministic for the same edges in any order.
 */
export function assignJointly(edges: readonly CandidateEdge[], employeeCount: number): Map<number, number> {
  return assignColumnsJointly(EdgeColumns.of(edges), employeeCount)
}

/** assignJointly for edges held as columns. */
export function assignColumnsJointly(edges: EdgeColumns, employeeCount: number): Map<number, number> {
  const assignment = new Map<number, number>()
  const { user, employee, length } = edges
  if (length === 0) return assignment
  // Nodes: employees first, then users, so one union-find covers both sides.
  let maxUser = 0
  for (let at = 0; at < length; at++) maxUser = Math.max(maxUser, user[at]!)
  const nodes = employeeCount + maxUser + 1
  const sets = new DisjointSets(nodes)
  for (let at = 0; at < length; at++) sets.union(employee[at]!, employeeCount + user[at]!)
  // Each edge's group, numbered as first met, then the edges group by group (in their order within it).
  const groupOfRoot = new Int32Array(nodes).fill(-1)
  const groupOf = new Int32Array(length)
  let groups = 0
  for (let at = 0; at < length; at++) {
    const root = sets.find(employee[at]!)
    if (groupOfRoot[root] === -1) groupOfRoot[root] = groups++
    groupOf[at] = groupOfRoot[root]!
  }
  const groupStart = new Int32Array(groups + 1)
  for (let at = 0; at < length; at++) groupStart[groupOf[at]! + 1]!++
  for (let group = 0; group < groups; group++) groupStart[group + 1]! += groupStart[group]!
  const filled = groupStart.slice(0, groups)
  const order = new Int32Array(length)
  for (let at = 0; at < length; at++) order[filled[groupOf[at]!]!++] = at
  for (let group = 0; group < groups; group++) {
    const members = order.subarray(groupStart[group]!, groupStart[group + 1]!)
    if (members.length === 1) {
      assignment.set(user[members[0]!]!, employee[members[0]!]!)
      continue
    }
    const users = new Set<number>()
    const employees = new Set<number>()
    for (const at of members) {
      users.add(user[at]!)
      employees.add(employee[at]!)
    }
    if (users.size * Math.max(users.size, employees.size) <= EXACT_ASSIGNMENT_MAX_CELLS) {
      assignExactly(
        Array.from(members, (at) => edges.edge(at)),
        assignment,
      )
    } else assignColumnsGreedily(edges, members, assignment)
  }
  return assignment
}

/** assignGreedily for a group of edges held as columns (`members`, their positions). */
function assignColumnsGreedily(edges: EdgeColumns, members: Int32Array, into: Map<number, number>): void {
  const { user, employee, value } = edges
  const sorted = members
    .slice()
    .sort((a, b) => value[b]! - value[a]! || user[a]! - user[b]! || employee[a]! - employee[b]!)
  const taken = new Set<number>()
  for (const at of sorted) {
    if (into.has(user[at]!) || taken.has(employee[at]!)) continue
    into.set(user[at]!, employee[at]!)
    taken.add(employee[at]!)
  }
}

/** The order greedy assignment takes edges in: the strongest first, ties by user, then by employee. */
export function byGreedyOrder(a: CandidateEdge, b: CandidateEdge): number {
  return b.value - a.value || a.user - b.user || a.employee - b.employee
}

/**
 * assignJointly for edges that hold whole groups of competing users (a decision's rematch reassigns only
 * the groups it touched, localResolution.ts): the same groups, each assigned by the same method, so the
 * same links; its union-find spans only these edges' users and employees rather than the whole file.
 * `inGreedyOrder`: the edges come sorted by byGreedyOrder, so a large group is taken greedily as it
 * comes instead of being sorted again.
 */
export function assignGroups(edges: readonly CandidateEdge[], inGreedyOrder = false): Map<number, number> {
  const assignment = new Map<number, number>()
  if (edges.length === 0) return assignment
  // Local nodes, numbered as first met, through flags as large as the largest id met.
  let maxEmployee = 0
  let maxUser = 0
  for (const edge of edges) {
    maxEmployee = Math.max(maxEmployee, edge.employee)
    maxUser = Math.max(maxUser, edge.user)
  }
  const employeeNode = new Int32Array(maxEmployee + 1).fill(-1)
  const userNode = new Int32Array(maxUser + 1).fill(-1)
  let nodes = 0
  for (const edge of edges) {
    if (employeeNode[edge.employee] === -1) employeeNode[edge.employee] = nodes++
    if (userNode[edge.user] === -1) userNode[edge.user] = nodes++
  }
  const sets = new DisjointSets(nodes)
  for (const edge of edges) sets.union(employeeNode[edge.employee]!, userNode[edge.user]!)
  // Each group's edges in the order given, and how many users and employees it holds.
  const groups = new Map<number, { edges: CandidateEdge[]; users: number; employees: number }>()
  const counted = new Uint8Array(nodes)
  for (const edge of edges) {
    const employee = employeeNode[edge.employee]!
    const user = userNode[edge.user]!
    const root = sets.find(employee)
    let group = groups.get(root)
    if (!group) groups.set(root, (group = { edges: [], users: 0, employees: 0 }))
    group.edges.push(edge)
    if (!counted[employee]) group.employees++
    if (!counted[user]) group.users++
    counted[employee] = counted[user] = 1
  }
  for (const { edges: group, users, employees } of groups.values()) {
    if (group.length === 1) assignment.set(group[0]!.user, group[0]!.employee)
    else if (users * Math.max(users, employees) <= EXACT_ASSIGNMENT_MAX_CELLS)
      assignExactly(group, assignment)
    else if (inGreedyOrder) assignInOrder(group, assignment)
    else assignGreedily(group, assignment)
  }
  return assignment
}

/** assignGreedily for edges already in its order: each edge taken when its user and employee are free. */
function assignInOrder(ordered: readonly CandidateEdge[], into: Map<number, number>): void {
  const taken = new Set<number>()
  for (const edge of ordered) {
    if (into.has(edge.user) || taken.has(edge.employee)) continue
    into.set(edge.user, edge.employee)
    taken.add(edge.employee)
  }
}
