import { describe, expect, it } from 'vitest'
import {
  assignColumnsJointly,
  assignGroups,
  assignJointly,
  EdgeColumns,
  type CandidateEdge,
} from '../../../src/main/core/match/assignJointly'
import { mulberry32 } from '../../../src/shared/random'

/**
 * The whole file's joint assignment runs on edges held as columns; a decision's rematch runs assignGroups
 * on edge objects. Both must give the same links for the same edges: small groups exactly, a large group
 * (a very common name) greedily.
 */

/** Random users' candidate edges among `employees`, values with ties, users with up to `perUser` edges. */
function randomEdges(seed: number, users: number, employees: number, perUser: number): CandidateEdge[] {
  const random = mulberry32(seed)
  const edges: CandidateEdge[] = []
  for (let user = 0; user < users; user++) {
    const chosen = new Set<number>()
    const count = 1 + Math.floor(random() * perUser)
    while (chosen.size < Math.min(count, employees)) chosen.add(Math.floor(random() * employees))
    for (const employee of chosen) {
      // Rounded, so that equal values (namesakes) occur and the tie-breaks matter.
      edges.push({ user, employee, value: Math.round(random() * 40) / 4 + 0.001 })
    }
  }
  return edges
}

/** A user -> employee map's entries in user order, to compare two whatever order they were set in. */
const byUser = (picks: Map<number, number>) => [...picks].sort((a, b) => a[0] - b[0])

/** The same edges with users and employees spread over larger ids, as in a file. */
function spread(edges: readonly CandidateEdge[]): CandidateEdge[] {
  return edges.map((edge) => ({ ...edge, user: edge.user * 3 + 1, employee: edge.employee * 5 + 2 }))
}

describe('assignColumnsJointly', () => {
  it('links as assignGroups does, for many groups, small and large', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const edges = spread(randomEdges(seed, 3_000, 6_000, 4))
      const picks = assignColumnsJointly(EdgeColumns.of(edges), 30_001)
      expect(picks.size).toBeGreaterThan(1_000)
      expect(byUser(picks)).toEqual(byUser(assignGroups(edges)))
    }
  })

  it('links as assignGroups does for a group too large to assign exactly, taken greedily', () => {
    // 600 users competing for 450 employees: 360,000 cells, past the exact method's limit.
    const edges = randomEdges(7, 600, 450, 30)
    const picks = assignColumnsJointly(EdgeColumns.of(edges), 450)
    expect(picks.size).toBeGreaterThan(400)
    expect(byUser(picks)).toEqual(byUser(assignGroups(edges)))
    // And in any order of the edges.
    const reversed = EdgeColumns.of([...edges].reverse())
    expect(byUser(assignColumnsJointly(reversed, 450))).toEqual(byUser(picks))
  })

  it('is assignJointly on edge objects, and takes a lone edge as it is', () => {
    const edges = randomEdges(9, 200, 150, 5)
    expect(byUser(assignJointly(edges, 150))).toEqual(
      byUser(assignColumnsJointly(EdgeColumns.of(edges), 150)),
    )
    expect(assignJointly([{ user: 4, employee: 9, value: 0.5 }], 10)).toEqual(new Map([[4, 9]]))
    expect(assignJointly([], 10)).toEqual(new Map())
  })
})
