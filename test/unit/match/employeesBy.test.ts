import { describe, expect, it } from 'vitest'
import { EmployeesBy } from '../../../src/main/core/match/prepared'

describe('EmployeesBy', () => {
  it('gives every employee added under a key, in the order added, whether one or several', () => {
    const index = new EmployeesBy()
    index.add('anna@acme.example', 4)
    index.add('shared@acme.example', 1)
    index.add('shared@acme.example', 7)
    index.add('shared@acme.example', 3)
    expect(index.get('anna@acme.example')).toEqual([4])
    expect(index.get('shared@acme.example')).toEqual([1, 7, 3])
    expect([index.count('anna@acme.example'), index.count('shared@acme.example')]).toEqual([1, 3])
    expect(index.has('anna@acme.example')).toBe(true)
  })

  it('has nothing under a key no employee has', () => {
    const index = new EmployeesBy()
    index.add('x', 0)
    expect(index.get('y')).toEqual([])
    expect(index.count('y')).toBe(0)
    expect(index.has('y')).toBe(false)
  })
})
