import { describe, expect, it } from 'vitest'
import { generateCompany, NICKNAMES } from '../../../src/main/core/demo/generateCompany'
import { createRandom } from '../../../src/main/core/demo/random'
import {
  assignGroups,
  assignJointly,
  byGreedyOrder,
  type CandidateEdge,
} from '../../../src/main/core/match/assignJointly'
import { effectiveDecisions } from '../../../src/main/core/match/decisions'
import { updateResolution } from '../../../src/main/core/match/localResolution'
import type { LoadedEmployee } from '../../../src/main/core/match/matchStore'
import {
  buildPlanBasis,
  resolvePlan,
  type PlanBasis,
  type PlanResolution,
} from '../../../src/main/core/match/planBasis'
import type { DecisionEvent } from '../../../src/shared/dto/match'
import { generateLegacyExport } from '../../support/legacyExport'

/**
 * A decision reassigns only the groups of competing users it touches (localResolution.ts), finding them
 * through an index of edges and taking a large group's edges in an order kept from the decision before.
 * Whatever it reuses, the picks must be those the whole file's assignment gives.
 */

/** Large enough that common names make one group too large to assign exactly (assigned greedily). */
const COMPANY_SIZE = 3000
const RANDOM_DECISIONS = 80

function demoBasis(): PlanBasis {
  const employees: LoadedEmployee[] = generateCompany({ seed: 5, size: COMPANY_SIZE }).map((e) => ({
    id: e.id,
    remote_id: e.remote_id,
    employee_number: e.employee_number ?? null,
    first_name: e.first_name ?? null,
    last_name: e.last_name ?? null,
    display_full_name: e.display_full_name ?? null,
    work_email: e.work_email ?? null,
    personal_email: e.personal_email ?? null,
    employment_status: e.employment_status ?? null,
    termination_date: e.termination_date ?? null,
    date_of_birth: e.date_of_birth ?? null,
    remote_deleted_at: null,
    vanished_at: null,
  }))
  const legacy = generateLegacyExport(employees, { seed: 5 * 7919, nicknames: NICKNAMES }).users
  return buildPlanBasis(employees, legacy)
}

/** The users of each group of competing users (joined through shared employees), largest first. */
function groupsOf(edges: readonly CandidateEdge[]): number[][] {
  const userOf = new Map<number, number[]>()
  for (const edge of edges) userOf.set(edge.employee, [...(userOf.get(edge.employee) ?? []), edge.user])
  const byUser = new Map<number, CandidateEdge[]>()
  for (const edge of edges) byUser.set(edge.user, [...(byUser.get(edge.user) ?? []), edge])
  const seen = new Set<number>()
  const groups: number[][] = []
  for (const start of byUser.keys()) {
    if (seen.has(start)) continue
    const group: number[] = []
    const queue = [start]
    seen.add(start)
    while (queue.length > 0) {
      const user = queue.pop()!
      group.push(user)
      for (const edge of byUser.get(user)!) {
        for (const other of userOf.get(edge.employee)!) {
          if (seen.has(other)) continue
          queue.push(other)
          seen.add(other)
        }
      }
    }
    groups.push(group)
  }
  return groups.sort((a, b) => b.length - a.length)
}

const sortedEntries = (map: ReadonlyMap<number, unknown>) => [...map].sort((a, b) => a[0] - b[0])

/** What updateResolution must leave exactly as resolvePlan builds it. */
function outcome(resolution: PlanResolution) {
  return {
    picks: sortedEntries(resolution.picks),
    pickedFor: sortedEntries(resolution.pickedFor),
    links: sortedEntries(resolution.links),
    linkedEmployee: sortedEntries(resolution.linkedEmployee),
    edges: resolution.edges,
    conflicts: resolution.conflicts,
  }
}

describe('the joint assignment after a decision', { timeout: 120_000 }, () => {
  it('assigns whole groups as the whole-file assignment does, from any order or the greedy order', () => {
    const random = createRandom(3)
    for (let round = 0; round < 20; round++) {
      // Few employees for many users: one group, large enough in some rounds to be assigned greedily.
      const users = 50 + random.int(0, 600)
      const employees = Math.max(5, Math.floor(users * (0.3 + random.next())))
      const edges: CandidateEdge[] = []
      for (let user = 0; user < users; user++) {
        const picked = new Set<number>()
        for (let k = random.int(1, 6); k > 0; k--) picked.add(random.int(0, employees - 1))
        for (const employee of picked) {
          // Coarse values, so ties are met and broken by user and employee.
          edges.push({ user, employee, value: 1 + random.int(0, 40) / 4 })
        }
      }
      const whole = sortedEntries(assignJointly(edges, employees))
      expect(sortedEntries(assignGroups([...edges].reverse()))).toEqual(whole)
      expect(sortedEntries(assignGroups([...edges].sort(byGreedyOrder), true))).toEqual(whole)
    }
  })

  it('gives the picks of a whole solve after every one of many random decisions', () => {
    const basis = demoBasis()
    let resolution = resolvePlan(basis, new Map())
    const [largest] = groupsOf(resolution.edges.flat())
    // The case this guards: a group of common names assigned greedily, reused in its kept order.
    const largestEdges = largest!.reduce((sum, user) => sum + resolution.edges[user]!.length, 0)
    expect(largest!.length).toBeGreaterThan(400)
    expect(largestEdges).toBeGreaterThan(2000)

    const random = createRandom(17)
    const crowded = new Set(largest)
    const reviewed = basis.legacy
      .map((_, user) => user)
      .filter((user) => crowded.has(user) || resolution.edges[user]!.length > 1)
    const events: DecisionEvent[] = []
    for (let step = 0; step < RANDOM_DECISIONS; step++) {
      const user = random.pick(reviewed)
      const userId = basis.legacy[user]!.user.user_id
      const { start, end } = basis.store.pairsOf(user)
      const pair = basis.store.rank[start + random.int(0, Math.max(0, end - start - 1))]!
      const komboId = end > start ? basis.context.employees[basis.store.employee[pair]!]!.employee.id : null
      const kind = random.pick(['accept', 'reject', 'none', 'manual', 'undo', 'none'] as const)
      const live = events.filter(
        (event) =>
          event.user_id === userId &&
          event.kind !== 'undo' &&
          !events.some((other) => other.undoes === event.id),
      )
      if (kind === 'undo' && live.length === 0) continue
      if (kind !== 'undo' && kind !== 'none' && komboId === null) continue
      events.push({
        id: events.length + 1,
        user_id: userId,
        kind,
        kombo_id: kind === 'none' || kind === 'undo' ? null : komboId,
        undoes: kind === 'undo' ? live.at(-1)!.id : null,
        created_at: '2026-03-01T10:00:00.000Z',
      })
      const decisions = effectiveDecisions(events)
      updateResolution(basis, resolution, decisions, [user])
      const whole = resolvePlan(basis, decisions)
      expect({ step, kind, ...outcome(resolution) }).toEqual({ step, kind, ...outcome(whole) })
      // Now and then the next decisions start from a resolution built whole, as after a restart.
      if (random.int(0, 9) === 0) resolution = whole
    }
  })
})
