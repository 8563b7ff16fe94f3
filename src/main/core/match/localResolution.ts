import { assignGroups, byGreedyOrder, type CandidateEdge } from './assignJointly'
import { resolveLinks, type Link } from './automaticLinks'
import type { EffectiveDecision } from './decisions'
import { FIELD_COUNT } from './linkageModel'
import { PairStore } from './pairs'
import { userEdges, type PlanBasis, type PlanResolution } from './planBasis'

/**
 * A resolution brought up to date after some users' decisions changed, touching only the users those
 * decisions can reach (docs/architecture.md, "Decisions"). Links are resolved again for the users whose
 * link rules look at a touched employee, on a small pair store of them and everyone their rules look at;
 * the joint assignment again for the groups of users competing for employees whose edges moved. Every
 * set below is a superset of what can change, so the outcome is exactly the whole resolution's.
 */

/** Updates `resolution` in place to `decisions`; returns the users whose result can differ, in file order. */
export function updateResolution(
  basis: PlanBasis,
  resolution: PlanResolution,
  decisions: ReadonlyMap<string, EffectiveDecision>,
  decided: readonly number[],
): number[] {
  const moved = new Set<number>(decided)
  const ownerMoved = new Set<number>()
  const linkMoved = updateLinks(basis, resolution, decisions, decided, moved, ownerMoved)
  resolution.decisions = decisions
  const edgeUsers = new Set<number>([...decided, ...linkMoved.users])
  for (const employee of linkMoved.employees) addAll(edgeUsers, basis.poolUsersOf.get(employee))
  updatePicks(basis, resolution, edgeUsers, moved, ownerMoved)
  for (const employee of ownerMoved) addAll(moved, basis.poolUsersOf.get(employee))
  return [...moved].sort((a, b) => a - b)
}

function addAll<T>(into: Set<T>, values: Iterable<T> | undefined): void {
  if (values) for (const value of values) into.add(value)
}

/** Employees with the same folded name: each is a namesake an id link may wait for. */
function sameNameAs(basis: PlanBasis, employee: number): readonly number[] {
  const key = basis.context.employees[employee]!.nameKey
  return key === '' ? [] : (basis.employeesByNameKey.get(key) ?? [])
}

function decidedEmployee(basis: PlanBasis, decision: EffectiveDecision | undefined): number | undefined {
  return decision?.link ? basis.employeeById.get(decision.link.kombo_id) : undefined
}

/**
 * Resolves the links again for every user whose link rules look at an employee the decisions touch (its
 * decided link before and after, what its identifiers name), and records what moved.
 */
function updateLinks(
  basis: PlanBasis,
  resolution: PlanResolution,
  decisions: ReadonlyMap<string, EffectiveDecision>,
  decided: readonly number[],
  moved: Set<number>,
  ownerMoved: Set<number>,
): { users: Set<number>; employees: Set<number> } {
  const touched = new Set<number>()
  for (const user of decided) {
    const id = basis.legacy[user]!.user.user_id
    for (const decision of [resolution.decisions.get(id), decisions.get(id)]) {
      const employee = decidedEmployee(basis, decision)
      if (employee !== undefined) touched.add(employee)
    }
    addAll(touched, basis.targetsOf[user])
  }
  const claimants = new Map<number, number[]>()
  for (const decision of decisions.values()) {
    const employee = decidedEmployee(basis, decision)
    const user = basis.userIndexById.get(decision.user_id)
    if (employee === undefined || user === undefined) continue
    const list = claimants.get(employee)
    if (list) list.push(user)
    else claimants.set(employee, [user])
  }
  // Whose links can move: claimants and proposers of a touched employee, and users who may wait for it
  // as a namesake (it is in their pool, or shares its name with one of their targets).
  const core = new Set<number>(decided)
  for (const employee of touched) {
    addAll(core, claimants.get(employee))
    addAll(core, basis.proposersOf.get(employee))
    addAll(core, basis.poolUsersOf.get(employee))
    for (const same of sameNameAs(basis, employee)) addAll(core, basis.proposersOf.get(same))
  }
  // Everyone the core's link rules look at: the claimants and proposers of their targets and namesakes.
  const around = new Set(core)
  for (const user of core) {
    const looked = new Set<number>(basis.targetsOf[user])
    for (const target of basis.targetsOf[user]!) addAll(looked, sameNameAs(basis, target))
    const { start, end } = basis.store.pairsOf(user)
    for (let pair = start; pair < end; pair++) looked.add(basis.store.employee[pair]!)
    for (const employee of looked) {
      addAll(around, claimants.get(employee))
      addAll(around, basis.proposersOf.get(employee))
    }
  }
  const fresh = linksAmong(
    basis,
    decisions,
    [...around].sort((a, b) => a - b),
  )
  const users = new Set<number>()
  const employees = new Set<number>()
  for (const user of core) {
    const before = resolution.links.get(user)
    const after = fresh.links.get(user)
    if (!sameNotes(resolution.conflicts[user]!, fresh.conflicts.get(user)!)) moved.add(user)
    resolution.conflicts[user] = fresh.conflicts.get(user)!
    if (before?.employee === after?.employee && before?.method === after?.method) continue
    moved.add(user)
    users.add(user)
    if (before) employees.add(before.employee)
    if (after) employees.add(after.employee)
  }
  // Old owners out first, then the new ones in: a link may move from one core user to another.
  for (const user of users) {
    const before = resolution.links.get(user)
    if (before && resolution.linkedEmployee.get(before.employee) === user) {
      resolution.linkedEmployee.delete(before.employee)
    }
    resolution.links.delete(user)
  }
  for (const user of users) {
    const after = fresh.links.get(user)
    if (!after) continue
    resolution.links.set(user, after)
    resolution.linkedEmployee.set(after.employee, user)
  }
  addAll(ownerMoved, employees)
  return { users, employees }
}

/** The link rules run on some users only, on a pair store of their own pairs; keyed by user. */
function linksAmong(
  basis: PlanBasis,
  decisions: ReadonlyMap<string, EffectiveDecision>,
  users: readonly number[],
): { links: Map<number, Link>; conflicts: Map<number, string[]> } {
  const { store } = basis
  const sub = PairStore.ofPools(
    users.map((user) => {
      const { start, end } = store.pairsOf(user)
      return Array.from(store.employee.subarray(start, end))
    }),
  )
  users.forEach((user, at) => {
    const { start, end } = store.pairsOf(user)
    const offset = sub.userStart[at]! - start
    sub.levels.set(
      store.levels.subarray(start * FIELD_COUNT, end * FIELD_COUNT),
      (start + offset) * FIELD_COUNT,
    )
    sub.arrangement.set(store.arrangement.subarray(start, end), start + offset)
    sub.nameSimilarity.set(store.nameSimilarity.subarray(start, end), start + offset)
    sub.weight.set(store.weight.subarray(start, end), start + offset)
    sub.supported.set(store.supported.subarray(start, end), start + offset)
    for (let pair = start; pair < end; pair++) sub.rank[pair + offset] = store.rank[pair]! + offset
  })
  const conflicts = users.map((): string[] => [])
  const subLinks = resolveLinks({
    context: basis.context,
    legacy: users.map((user) => basis.legacy[user]!),
    store: sub,
    decisions,
    employeesByNameKey: basis.employeesByNameKey,
    employeeById: basis.employeeById,
    conflicts,
  })
  const links = new Map<number, Link>()
  for (const [at, link] of subLinks) links.set(users[at]!, link)
  return { links, conflicts: new Map(users.map((user, at) => [user, conflicts[at]!])) }
}

/**
 * Rebuilds the edges of `edgeUsers` and assigns again every group of competing users their old or new
 * edges connect, recording whose pick moved.
 */
function updatePicks(
  basis: PlanBasis,
  resolution: PlanResolution,
  edgeUsers: ReadonlySet<number>,
  moved: Set<number>,
  ownerMoved: Set<number>,
): void {
  const newEdges = new Map<number, CandidateEdge[]>()
  for (const user of edgeUsers) {
    const edges = userEdges(basis, resolution.decisions, resolution.links, resolution.linkedEmployee, user)
    if (!sameEdges(edges, resolution.edges[user]!)) newEdges.set(user, edges)
  }
  if (newEdges.size === 0) return
  const index = edgeIndexOf(resolution)
  const oldEdges = new Map<number, readonly CandidateEdge[]>()
  for (const [user, edges] of newEdges) {
    oldEdges.set(user, resolution.edges[user]!)
    moveInIndex(index, user, resolution.edges[user]!, edges)
    resolution.edges[user] = edges
  }
  // The groups the changed users were in and are in now: one walk over their old and new edges.
  const region = connected(index, oldEdges, resolution.edges, basis.context.employees.length)
  // Whole groups only, so each is assigned exactly as the whole file's assignment assigns it.
  const picks = assignGroups(regionEdgesInOrder(resolution, region.users), true)
  const changed = region.users.filter((user) => resolution.picks.get(user) !== picks.get(user))
  for (const user of changed) {
    const old = resolution.picks.get(user)
    if (old !== undefined) {
      ownerMoved.add(old)
      if (resolution.pickedFor.get(old) === user) resolution.pickedFor.delete(old)
    }
    resolution.picks.delete(user)
    moved.add(user)
  }
  for (const user of changed) {
    const pick = picks.get(user)
    if (pick === undefined) continue
    resolution.picks.set(user, pick)
    resolution.pickedFor.set(pick, user)
    ownerMoved.add(pick)
  }
}

/** employee -> the users with an edge to it in the joint assignment: who competes for it. */
type EdgeIndex = Map<number, Set<number>>

/** Built from a resolution's edges once, then moved with them (updatePicks is where edges change). */
const edgeIndexes = new WeakMap<PlanResolution, EdgeIndex>()

function edgeIndexOf(resolution: PlanResolution): EdgeIndex {
  let index = edgeIndexes.get(resolution)
  if (index !== undefined) return index
  index = new Map()
  resolution.edges.forEach((edges, user) => moveInIndex(index!, user, [], edges))
  edgeIndexes.set(resolution, index)
  return index
}

function moveInIndex(
  index: EdgeIndex,
  user: number,
  before: readonly CandidateEdge[],
  after: readonly CandidateEdge[],
): void {
  for (const edge of before) {
    const users = index.get(edge.employee)
    users?.delete(user)
    if (users?.size === 0) index.delete(edge.employee)
  }
  for (const edge of after) {
    const users = index.get(edge.employee)
    if (users) users.add(user)
    else index.set(edge.employee, new Set([user]))
  }
}

/**
 * The users (ascending) joined through edges to the changed users, walking their old edges too: whoever
 * shared a group with them before or does now. Every edge out of that set is its own, so it holds whole
 * groups of the new edges.
 */
function connected(
  index: EdgeIndex,
  oldEdges: ReadonlyMap<number, readonly CandidateEdge[]>,
  edges: readonly (readonly CandidateEdge[])[],
  employeeCount: number,
): { users: number[] } {
  // Flags rather than sets: a group of common names holds thousands of users.
  const userSeen = new Uint8Array(edges.length)
  const employeeSeen = new Uint8Array(employeeCount)
  const users: number[] = []
  const userQueue = [...oldEdges.keys()]
  const employeeQueue: number[] = []
  for (const old of oldEdges.values()) for (const edge of old) employeeQueue.push(edge.employee)
  while (userQueue.length > 0 || employeeQueue.length > 0) {
    const user = userQueue.pop()
    if (user !== undefined) {
      if (userSeen[user]) continue
      userSeen[user] = 1
      users.push(user)
      for (const edge of edges[user]!) if (!employeeSeen[edge.employee]) employeeQueue.push(edge.employee)
      continue
    }
    const employee = employeeQueue.pop()!
    if (employeeSeen[employee]) continue
    employeeSeen[employee] = 1
    for (const other of index.get(employee) ?? []) if (!userSeen[other]) userQueue.push(other)
  }
  return { users: users.sort((a, b) => a - b) }
}

/** The edges of a region in the order greedy assignment takes them, with the users' edge lists it rests on. */
interface OrderedEdges {
  edges: CandidateEdge[]
  listOf: Map<number, readonly CandidateEdge[]>
}

/** The last large regions' edges in order (a few, newest last), kept with their resolution. */
const orderedRegions = new WeakMap<PlanResolution, OrderedEdges[]>()
/** How many large regions keep their order: decisions move between a few groups of common names. */
const ORDERS_KEPT = 8

/**
 * Below this many edges a region's edges are ordered afresh; above it, the order kept from the last
 * large region is reused for every user whose edges are the same list as then, and only the others'
 * edges are sorted and merged in: a decision in a group of common names reassigns tens of thousands
 * of edges, and sorting them was most of its time.
 */
const KEEP_ORDER_FROM_EDGES = 2_000

/** The region's edges in greedy order (assignJointly's byGreedyOrder), reusing the kept order. */
function regionEdgesInOrder(resolution: PlanResolution, users: readonly number[]): CandidateEdge[] {
  let count = 0
  for (const user of users) count += resolution.edges[user]!.length
  if (count < KEEP_ORDER_FROM_EDGES)
    return users.flatMap((user) => resolution.edges[user]!).sort(byGreedyOrder)
  const orders = orderedRegions.get(resolution) ?? []
  // The order kept for this region is the one that holds its first, last or middle user.
  const probes = [users[0]!, users.at(-1)!, users[users.length >> 1]!]
  const kept = orders.find((order) => probes.some((user) => order.listOf.has(user)))
  const reused = new Uint8Array(resolution.edges.length)
  const fresh: CandidateEdge[] = []
  for (const user of users) {
    const edges = resolution.edges[user]!
    if (kept?.listOf.get(user) === edges) reused[user] = 1
    else for (const edge of edges) fresh.push(edge)
  }
  const ordered = mergeInOrder(
    kept === undefined ? [] : kept.edges.filter((edge) => reused[edge.user] === 1),
    fresh.sort(byGreedyOrder),
  )
  const order = { edges: ordered, listOf: new Map(users.map((user) => [user, resolution.edges[user]!])) }
  const others = orders.filter((other) => other !== kept && !users.some((user) => other.listOf.has(user)))
  orderedRegions.set(resolution, [...others.slice(-(ORDERS_KEPT - 1)), order])
  return ordered
}

function mergeInOrder(a: readonly CandidateEdge[], b: readonly CandidateEdge[]): CandidateEdge[] {
  const merged: CandidateEdge[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) merged.push(byGreedyOrder(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!)
  while (i < a.length) merged.push(a[i++]!)
  while (j < b.length) merged.push(b[j++]!)
  return merged
}

function sameEdges(a: readonly CandidateEdge[], b: readonly CandidateEdge[]): boolean {
  return (
    a.length === b.length &&
    a.every((edge, at) => edge.employee === b[at]!.employee && edge.value === b[at]!.value)
  )
}

function sameNotes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((note, at) => note === b[at])
}

/** Whether two sets of effective decisions say the same (a kept resolution rests on the first). */
export function sameDecisions(
  a: ReadonlyMap<string, EffectiveDecision>,
  b: ReadonlyMap<string, EffectiveDecision>,
): boolean {
  if (a.size !== b.size) return false
  for (const [user, x] of a) {
    const y = b.get(user)
    if (y === undefined || x.noMatch !== y.noMatch || !sameNotes(x.rejected, y.rejected)) return false
    if (x.link?.kombo_id !== y.link?.kombo_id || x.link?.kind !== y.link?.kind) return false
  }
  return true
}
