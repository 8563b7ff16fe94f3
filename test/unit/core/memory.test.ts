import { describe, expect, it } from 'vitest'
import { collectGarbageNow } from '../../../src/main/core/memory'

describe('collectGarbageNow', () => {
  it('frees what nothing holds any more, at once', () => {
    let garbage: { id: number; name: string }[] | null = Array.from({ length: 400_000 }, (_, id) => ({
      id,
      name: `person ${id}`,
    }))
    const held = process.memoryUsage().heapUsed
    expect(garbage).toHaveLength(400_000)
    garbage = null
    expect(collectGarbageNow()).toBe(true)
    // 400,000 small objects and their strings weigh tens of megabytes; a full collection returns them.
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(20_000_000)
  })
})
