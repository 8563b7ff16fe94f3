import { describe, expect, it } from 'vitest'
import type { DiffLink } from '../../../src/main/core/diff/diffState'
import type { StoredRow } from '../../../src/main/core/match/matchStore'
import {
  decodeLinks,
  decodeStoredRows,
  encodeLinks,
  StoredRowEncoder,
} from '../../../src/main/core/match/matchStoreProtocol'

describe('what crosses to and from the match store thread as bytes', () => {
  it('hands over result rows as they were added, batch by batch', () => {
    const rows: StoredRow[] = [
      [
        'U1',
        'matched',
        'work_email',
        'K1',
        0.9996,
        '{"reasons":["work email equal"]}',
        '[]',
        1,
        '["K1"]',
        'R1',
      ],
      ['U2', 'unmatched', 'fuzzy', null, 0, '{"reasons":[]}', '["no candidate"]', 0, '[]', null],
      ['Ü3 Zoë', 'suggested', 'fuzzy', 'K😀', 0.5, '{}', '[]', 2, '["K😀","K2"]', null],
    ]
    const encoder = new StoredRowEncoder()
    encoder.add(rows[0]!)
    encoder.add(rows[1]!)
    expect(encoder.rows).toBe(2)
    const first = encoder.take()
    encoder.add(rows[2]!)
    const second = encoder.take()
    expect(encoder.rows).toBe(0)
    expect([...decodeStoredRows(first), ...decodeStoredRows(second)]).toEqual(rows)
  })

  it('hands back the link history whole and in order, a missing remote_id included', () => {
    const links: DiffLink[] = Array.from({ length: 20_000 }, (_, at) => ({
      user_id: `U${at}`,
      kombo_id: `K${at % 7}`,
      remote_id: at % 3 === 0 ? null : `R-ß${at}`,
      last_linked_at: `2030-06-${String((at % 28) + 1).padStart(2, '0')}T09:00:00.000Z`,
    }))
    expect(decodeLinks(encodeLinks(links))).toEqual(links)
    expect(decodeLinks(encodeLinks([]))).toEqual([])
  })
})
