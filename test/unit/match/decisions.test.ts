import { describe, expect, it } from 'vitest'
import { effectiveDecisions, latestUndoable } from '../../../src/main/core/match/decisions'
import type { DecisionEvent } from '../../../src/shared/dto/match'

let nextId = 1
const event = (
  user_id: string,
  kind: DecisionEvent['kind'],
  kombo_id: string | null,
  undoes: number | null = null,
): DecisionEvent => ({
  id: nextId++,
  user_id,
  kind,
  kombo_id,
  undoes,
  created_at: '2026-01-01T00:00:00.000Z',
})

describe('effectiveDecisions', () => {
  it('keeps the latest link and collects rejections', () => {
    const events = [event('u1', 'reject', 'K1'), event('u1', 'manual', 'K2'), event('u2', 'none', null)]
    const decided = effectiveDecisions(events)
    expect(decided.get('u1')).toMatchObject({
      link: { kombo_id: 'K2', kind: 'manual' },
      noMatch: false,
      rejected: ['K1'],
    })
    expect(decided.get('u2')).toMatchObject({ link: null, noMatch: true })
  })

  it('lets a later reject unlink and a later accept clear the rejection', () => {
    const rejectAfter = effectiveDecisions([event('u1', 'accept', 'K1'), event('u1', 'reject', 'K1')])
    expect(rejectAfter.get('u1')).toMatchObject({ link: null, rejected: ['K1'] })
    const acceptAfter = effectiveDecisions([event('u1', 'reject', 'K1'), event('u1', 'accept', 'K1')])
    expect(acceptAfter.get('u1')).toMatchObject({ link: { kombo_id: 'K1' }, rejected: [] })
  })

  it('replays without undone events, whatever order the log arrives in', () => {
    const link = event('u1', 'manual', 'K2')
    const none = event('u1', 'none', null)
    const undo = event('u1', 'undo', null, none.id)
    expect(effectiveDecisions([undo, none, link]).get('u1')).toMatchObject({
      link: { kombo_id: 'K2' },
      noMatch: false,
    })
  })
})

describe('latestUndoable', () => {
  it('walks back one decision per undo and then runs out', () => {
    const first = event('u1', 'manual', 'K1')
    const second = event('u1', 'none', null)
    const other = event('u2', 'none', null)
    const log = [first, second, other]
    expect(latestUndoable(log, 'u1')?.id).toBe(second.id)
    log.push(event('u1', 'undo', null, second.id))
    expect(latestUndoable(log, 'u1')?.id).toBe(first.id)
    log.push(event('u1', 'undo', 'K1', first.id))
    expect(latestUndoable(log, 'u1')).toBeNull()
    expect(latestUndoable(log, 'u2')?.id).toBe(other.id)
  })
})
