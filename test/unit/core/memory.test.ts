import { describe, expect, it } from 'vitest'
import { collectGarbageNow } from '../../../src/main/core/memory'

/** Builds 400,000 small records, and returns the heap in use while they are still held. */
function heapWhileHolding(): number {
  const records = Array.from({ length: 400_000 }, (_, id) => ({ id, name: `person ${id}` }))
  expect(records).toHaveLength(400_000)
  return process.memoryUsage().heapUsed
}

describe('collectGarbageNow', () => {
  it('frees what nothing holds any more, at once', () => {
    const held = heapWhileHolding()
    expect(collectGarbageNow()).toBe(true)
    // 400,000 small objects and their strings weigh tens of megabytes; a full collection returns them.
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(20_000_000)
  })
})
