import type { DecisionEvent, DecisionKind } from '../../../shared/dto/match'

/** What the specialist's decisions about one legacy user add up to, after undos. */
export interface EffectiveDecision {
  user_id: string
  /** The employee the specialist linked (accept or manual pair), if the latest word was a link. */
  link: { kombo_id: string; kind: Extract<DecisionKind, 'accept' | 'manual'>; event_id: number } | null
  /** True when the latest word was "this user has no employee". */
  noMatch: boolean
  /** Employees the specialist said are not this user, unless later linked after all. */
  rejected: string[]
}

/**
 * Replays the event log in order: an undo cancels the event it points at; a link or "no match" replaces
 * the previous link state; a reject removes that employee (and unlinks it if it was the link).
 */
export function effectiveDecisions(events: readonly DecisionEvent[]): Map<string, EffectiveDecision> {
  const ordered = [...events].sort((a, b) => a.id - b.id)
  const undone = new Set<number>()
  for (const event of ordered) if (event.kind === 'undo' && event.undoes !== null) undone.add(event.undoes)

  const byUser = new Map<
    string,
    { link: EffectiveDecision['link']; noMatch: boolean; rejected: Set<string> }
  >()
  for (const event of ordered) {
    if (event.kind === 'undo' || undone.has(event.id)) continue
    let state = byUser.get(event.user_id)
    if (!state) byUser.set(event.user_id, (state = { link: null, noMatch: false, rejected: new Set() }))
    switch (event.kind) {
      case 'accept':
      case 'manual':
        if (event.kombo_id === null) break
        state.link = { kombo_id: event.kombo_id, kind: event.kind, event_id: event.id }
        state.noMatch = false
        state.rejected.delete(event.kombo_id)
        break
      case 'none':
        state.link = null
        state.noMatch = true
        break
      case 'reject':
        if (event.kombo_id === null) break
        state.rejected.add(event.kombo_id)
        if (state.link?.kombo_id === event.kombo_id) state.link = null
        break
      default: {
        const exhaustive: never = event.kind
        throw new Error(`unknown decision kind ${String(exhaustive)}`)
      }
    }
  }
  const result = new Map<string, EffectiveDecision>()
  for (const [user_id, state] of byUser) {
    result.set(user_id, { user_id, link: state.link, noMatch: state.noMatch, rejected: [...state.rejected] })
  }
  return result
}

/** The event an undo for this user would cancel: their latest decision not already undone. */
export function latestUndoable(events: readonly DecisionEvent[], userId: string): DecisionEvent | null {
  const undone = new Set<number>()
  for (const event of events) if (event.kind === 'undo' && event.undoes !== null) undone.add(event.undoes)
  let latest: DecisionEvent | null = null
  for (const event of events) {
    if (event.user_id !== userId || event.kind === 'undo' || undone.has(event.id)) continue
    if (!latest || event.id > latest.id) latest = event
  }
  return latest
}
