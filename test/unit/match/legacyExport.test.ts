import { describe, expect, it } from 'vitest'
import { generateCompany } from '../../../src/main/core/demo/generateCompany'
import { generateLegacyExport } from '../../support/legacyExport'

describe('generateLegacyExport', () => {
  const employees = generateCompany({ seed: 5, size: 400 })

  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateLegacyExport(employees, { seed: 9 })
    expect(generateLegacyExport(employees, { seed: 9 })).toEqual(a)
    expect(generateLegacyExport(employees, { seed: 10 }).users).not.toEqual(a.users)
  })

  it('keeps a truth row per user, pointing at real employees or at none', () => {
    const exported = generateLegacyExport(employees, { seed: 9 })
    const ids = new Set(employees.map((e) => e.id))
    expect(exported.truth.map((t) => t.user_id)).toEqual(exported.users.map((u) => u.user_id))
    expect(new Set(exported.users.map((u) => u.user_id)).size).toBe(exported.users.length)
    for (const truth of exported.truth) {
      if (truth.category === 'contractor' || truth.category === 'service_account')
        expect(truth.kombo_id).toBeNull()
      else expect(ids.has(truth.kombo_id!)).toBe(true)
    }
  })

  it('applies the drift its category names', () => {
    const exported = generateLegacyExport(employees, { seed: 9 })
    const byId = new Map(employees.map((e) => [e.id, e]))
    const users = new Map(exported.users.map((u) => [u.user_id, u]))
    for (const truth of exported.truth) {
      const user = users.get(truth.user_id)!
      const source = truth.kombo_id ? byId.get(truth.kombo_id) : undefined
      if (truth.category === 'stored_hris_id') expect(user.hris_id).toBe(source?.remote_id)
      if (truth.category === 'exact_email') expect(user.email).toBe(source?.work_email)
      if (truth.category === 'changed_domain')
        expect(user.email?.endsWith(`@${exported.oldDomain}`)).toBe(true)
      if (truth.category === 'stale_hris_id') expect(user.hris_id).not.toBe(source?.remote_id)
      if (truth.category === 'email_case_space_noise') {
        expect(user.email).not.toBe(source?.work_email)
        expect(user.email?.trim().toLowerCase()).toBe(source?.work_email?.toLowerCase())
      }
    }
    const categories = new Set(exported.truth.map((t) => t.category))
    for (const expected of ['stored_hris_id', 'exact_email', 'changed_domain', 'contractor']) {
      expect(categories.has(expected as never)).toBe(true)
    }
  })
})
