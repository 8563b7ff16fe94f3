import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { exportList } from '../../../src/main/core/export/lists'
import { mappingFile } from '../../../src/main/core/export/mapping'
import type { ActionPlan } from '../../../src/shared/dto/diff'

function plan(fields: Partial<ActionPlan> = {}): ActionPlan {
  return {
    integrationId: 'personio:8d1hp',
    basisRunId: 7,
    generatedAt: '2030-06-15T09:00:00.000Z',
    add: [
      {
        kombo_id: 'k1',
        remote_id: '+4917',
        work_email: 'ann@acme.example',
        first_name: '=HYPERLINK("http://evil.example","click")',
        last_name: 'Lee, Jr.',
        employment_status: 'ACTIVE',
        rehire_of: 'u-9',
        rehire_evidence: 'work_email',
      },
      {
        kombo_id: 'k2',
        remote_id: '12',
        work_email: null,
        first_name: 'Bo',
        last_name: '@Ek',
        employment_status: 'PENDING',
        rehire_of: null,
        rehire_evidence: null,
      },
    ],
    update: [
      {
        user_id: 'u-1',
        kombo_id: 'k3',
        changes: [
          { field: 'email', from: 'a@old.example', to: 'a@new.example' },
          { field: 'last_name', from: '-Smith', to: 'Smith' },
        ],
      },
    ],
    remove: [
      { user_id: 'u-2', kombo_id: null, reason: 'no_employee' },
      { user_id: 'u-3', kombo_id: 'k4', reason: 'deleted' },
    ],
    withheldRemovals: [{ user_id: 'u-4', kombo_id: 'k5', reason: 'vanished' }],
    pendingReview: [],
    guard: {
      tripped: true,
      threshold: 0.2,
      linked: 3,
      removals: 1,
      confirmed: false,
      confirmedAt: null,
      withheld: 1,
    },
    stale: null,
    notices: [],
    ...fields,
  }
}

const rowsOf = (csv: string): string[][] => parse(csv) as string[][]

describe('exportList', () => {
  it('writes the add list as CSV with re-hire flags, every cell formula-safe', () => {
    const file = exportList(plan(), 'add', 'csv')
    expect(file).toMatchObject({
      fileName: 'add-personio_8d1hp-run7.csv',
      mimeType: 'text/csv; charset=utf-8',
      rows: 2,
    })
    expect(rowsOf(file.content)).toEqual([
      [
        'kombo_id',
        'remote_id',
        'work_email',
        'first_name',
        'last_name',
        'employment_status',
        'rehire',
        'rehire_of',
        'rehire_evidence',
      ],
      [
        'k1',
        "'+4917",
        'ann@acme.example',
        `'=HYPERLINK("http://evil.example","click")`,
        'Lee, Jr.',
        'ACTIVE',
        'true',
        'u-9',
        'work_email',
      ],
      ['k2', '12', '', 'Bo', "'@Ek", 'PENDING', 'false', '', ''],
    ])
    expect(file.content.split('\r\n')).toHaveLength(4)
  })

  it('writes one update row per changed field', () => {
    const file = exportList(plan(), 'update', 'csv')
    expect(file.rows).toBe(2)
    expect(rowsOf(file.content)).toEqual([
      ['user_id', 'kombo_id', 'field', 'from', 'to'],
      ['u-1', 'k3', 'email', 'a@old.example', 'a@new.example'],
      ['u-1', 'k3', 'last_name', "'-Smith", 'Smith'],
    ])
  })

  it('writes removals with their reasons, leaving out those the guard withholds', () => {
    const file = exportList(plan(), 'remove', 'csv')
    expect(rowsOf(file.content)).toEqual([
      ['user_id', 'kombo_id', 'reason', 'reason_text'],
      ['u-2', '', 'no_employee', 'no employee in the HRIS matches this user'],
      ['u-3', 'k4', 'deleted', 'the employee was deleted in the HRIS'],
    ])
  })

  it('writes JSON in the plan shape, every value exactly as synced', () => {
    const adds = exportList(plan(), 'add', 'json')
    expect(adds).toMatchObject({
      fileName: 'add-personio_8d1hp-run7.json',
      mimeType: 'application/json; charset=utf-8',
      rows: 2,
    })
    const parsedAdds = JSON.parse(adds.content) as Record<string, unknown>[]
    expect(parsedAdds[0]).toMatchObject({
      first_name: '=HYPERLINK("http://evil.example","click")',
      rehire: true,
      rehire_of: 'u-9',
    })
    expect(parsedAdds[1]).toMatchObject({ last_name: '@Ek', rehire: false })
    const updates = JSON.parse(exportList(plan(), 'update', 'json').content) as unknown
    expect(updates).toEqual([
      {
        user_id: 'u-1',
        kombo_id: 'k3',
        changes: [
          { field: 'email', from: 'a@old.example', to: 'a@new.example' },
          { field: 'last_name', from: '-Smith', to: 'Smith' },
        ],
      },
    ])
    const removals = JSON.parse(exportList(plan(), 'remove', 'json').content) as unknown
    expect(removals).toEqual([
      {
        user_id: 'u-2',
        kombo_id: null,
        reason: 'no_employee',
        reason_text: 'no employee in the HRIS matches this user',
      },
      {
        user_id: 'u-3',
        kombo_id: 'k4',
        reason: 'deleted',
        reason_text: 'the employee was deleted in the HRIS',
      },
    ])
  })

  it('writes a header-only CSV for an empty list', () => {
    const file = exportList(plan({ update: [], basisRunId: null }), 'update', 'csv')
    expect(file).toMatchObject({
      fileName: 'update-personio_8d1hp.csv',
      rows: 0,
      content: 'user_id,kombo_id,field,from,to\r\n',
    })
  })
})

describe('mapping file', () => {
  const rows = [
    { user_id: '=HYPERLINK("x")', hris_id: '+1', kombo_id: 'K1' },
    { user_id: '000123', hris_id: '-7', kombo_id: 'K2' },
  ]

  it('carries every id byte for byte in JSON', () => {
    const file = mappingFile(rows, 'json', 'acme')
    expect(file.content).toBe(JSON.stringify(rows, null, 2) + '\n')
    expect(file.cellsNeutralised).toBe(0)
  })

  it('prefixes formula-like CSV cells and counts them', () => {
    const file = mappingFile(rows, 'csv', 'acme')
    expect(file.content.split('\r\n')).toEqual([
      'user_id,hris_id,kombo_id',
      `"'=HYPERLINK(""x"")",'+1,K1`,
      "000123,'-7,K2",
      '',
    ])
    expect(file.cellsNeutralised).toBe(3)
  })
})
