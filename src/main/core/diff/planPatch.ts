import type { ActionPlan } from '../../../shared/dto/diff'
import { usersDecidedNoMatch } from './decisions'
import { freshDepartures, guardOf } from './deletionGuard'
import { departureOf } from './departure'
import {
  addAction,
  cachedProductAccessStatus,
  isDeparture,
  latestLinks,
  userOutcome,
  type DiffParts,
  type UserLookups,
  type UserOutcome,
} from './diffEmployees'
import type { DiffEmployee, DiffLegacyUser, DiffLink, DiffMatch, DiffState } from './diffState'
import type { MatchedRows } from './loadDiffState'
import { entryKey, type PlanListEdit, type PlanPatch } from './planEdits'
import { RehireIndex } from './rehire'

/**
 * The lists after a decision, patched rather than computed again (docs/architecture.md, "Decisions").
 *
 * A whole diff at 100,000 people takes over a second and writing its lists half a second more. A
 * decision moves a handful of users' results, and each user's share of the plan depends only on their
 * own result, decisions and link history (diffEmployees.ts, userOutcome), so only those users' entries
 * and the adds of the employees they name or named are computed again. What reaches across users is
 * kept from the whole diff (the re-hire index, the departures the deletion guard weighs). A user whose
 * claims on returning people change (a link to a departed employee accepted or undone) is checked
 * against every add: the patch goes on when no add is, or would become, that user's re-hire, and their
 * departure removal then goes out with the others. It gives up, leaving the caller to compute the whole
 * diff, when a moved user reaches further: a re-hire, a user never matched or unmatched from a leaver,
 * a status word the diff does not know, a guard that holds removals back or would start or stop to.
 */
export interface KeptLists {
  basisRunId: number
  /** The day the diff counted termination dates from. */
  today: string
  planId: number
  /** What the stored plan rests on (planInputs) after this connection last wrote it. */
  inputs: string
  /** The integration's generation (migration 3) right after that write. */
  generation: number | null
  /** The plan as stored, patches applied. */
  plan: ActionPlan
  guardSettings: DiffState['guard']
  lookups: Pick<UserLookups, 'employeesById' | 'tombstonesById' | 'accessStatusOf'>
  legacyById: Map<string, DiffLegacyUser>
  userOrdinal: Map<string, number>
  employeeOrdinal: Map<string, number>
  matchByUser: Map<string, DiffMatch>
  decidedNoMatch: Set<string>
  latestLinkByUser: Map<string, DiffLink>
  /** How many users are linked to or reviewing each employee: an employee with none is an add. */
  references: Map<string, number>
  /**
   * Users with links to departed (or unknown) records, each with those links: they may be the person a
   * re-hire returns as, and the re-hire index holds their claims.
   */
  rehireUsers: Map<string, string>
  rehires: RehireIndex
  /**
   * Users whose claims changed since `rehires` was built, each with their claims as they now are: the
   * kept index is out of date for them, so an add that either names is left to the whole diff.
   */
  movedClaims: Map<string, RehireIndex>
  /** How many of the departures the guard weighs are new with this sync (a link to a leaver adds one). */
  freshDepartures: number
  linked: number
}

/** The employees a user's outcome keeps out of the adds: their link, or a suggestion's candidates. */
function referencedBy(outcome: UserOutcome): readonly string[] {
  if (outcome.kind === 'present' || outcome.kind === 'linkedToLeaver') return [outcome.komboId]
  if (outcome.kind === 'suggested') return outcome.pending.candidates
  return []
}

/** Whether a user counts as linked for the deletion guard (diffEmployees.ts, the walk). */
function countsAsLinked(outcome: UserOutcome): boolean {
  return (
    outcome.kind === 'present' ||
    outcome.kind === 'linkedToLeaver' ||
    (outcome.kind === 'unmatched' && outcome.linked)
  )
}

/** Whether a link points at a record that has left, or that the store does not hold. */
function departedLink(lookups: KeptLists['lookups'], link: DiffLink, today: string): boolean {
  if (lookups.tombstonesById.has(link.kombo_id)) return true
  const employee = lookups.employeesById.get(link.kombo_id)
  return employee === undefined || departureOf(employee, today) !== null
}

/** A user's links to departed records, as one string ('' for none): what their re-hire claims rest on. */
function departedLinks(lookups: KeptLists['lookups'], links: readonly DiffLink[], today: string): string {
  return links
    .filter((link) => departedLink(lookups, link, today))
    .map((link) => `${link.kombo_id}\u0000${link.remote_id ?? ''}\u0000${link.last_linked_at}`)
    .sort()
    .join('\u0001')
}

/**
 * How the re-hire index sees a user: a present user claims nothing, an absent one (no match decided,
 * unmatched) claims by their departed links and their own name and private email, and a user under
 * review by their departed links only.
 */
function claimState(outcome: UserOutcome): 'present' | 'absent' | 'neither' {
  if (outcome.kind === 'present') return 'present'
  if (outcome.kind === 'suggested' || outcome.kind === 'neverMatched') return 'neither'
  return 'absent'
}

/** The kept lists of a whole diff, computed from `state` and stored as plan `planId`. */
export function keepLists(
  state: DiffState,
  plan: ActionPlan,
  parts: DiffParts,
  planId: number,
  inputs: string,
): KeptLists {
  const lookups = {
    employeesById: parts.index.employeesById,
    tombstonesById: parts.index.tombstonesById,
    accessStatusOf: cachedProductAccessStatus(),
  }
  const references = new Map<string, number>()
  for (const outcome of parts.outcomes) {
    for (const id of referencedBy(outcome)) references.set(id, (references.get(id) ?? 0) + 1)
  }
  const linksByUser = new Map<string, DiffLink[]>()
  for (const link of state.links) {
    const links = linksByUser.get(link.user_id)
    if (links === undefined) linksByUser.set(link.user_id, [link])
    else links.push(link)
  }
  const rehireUsers = new Map<string, string>()
  for (const [userId, links] of linksByUser) {
    const departed = departedLinks(lookups, links, parts.today)
    if (departed !== '') rehireUsers.set(userId, departed)
  }
  return {
    basisRunId: plan.basisRunId ?? -1,
    today: parts.today,
    planId,
    inputs,
    generation: null,
    plan,
    guardSettings: state.guard,
    lookups,
    legacyById: new Map(state.legacyUsers.map((user) => [user.user_id, user])),
    userOrdinal: new Map(state.legacyUsers.map((user, at) => [user.user_id, at])),
    employeeOrdinal: new Map(state.employees.map((employee, at) => [employee.id, at])),
    matchByUser: parts.index.matchByUser,
    decidedNoMatch: usersDecidedNoMatch(state.decisions),
    latestLinkByUser: latestLinks(state.links),
    references,
    rehireUsers,
    rehires: parts.rehires,
    movedClaims: new Map(),
    freshDepartures: freshDepartures(parts.departuresToGuard, state.guard).length,
    linked: parts.linked,
  }
}

/** What a decision changed, as the rematch hands it over. */
export interface DecidedChange {
  rows: MatchedRows
  /** The users whose results the rematch wrote, as the lists read them. */
  moved: readonly DiffMatch[]
  /** Every user the decisions name. */
  decidedUsers: readonly string[]
}

type UserEntry = PlanListEdit['item']

/** A user's entry in each list the walk fills (the adds are the employees'). */
function entriesOf(outcome: UserOutcome): Record<'update' | 'pendingReview' | 'remove', UserEntry> {
  return {
    update: outcome.kind === 'present' ? outcome.update : null,
    pendingReview: outcome.kind === 'suggested' ? outcome.pending : null,
    remove:
      outcome.kind === 'decidedNoMatch' || outcome.kind === 'unmatched' || outcome.kind === 'linkedToLeaver'
        ? outcome.removal
        : null,
  }
}

/** A departure removal this sync causes (no earlier plan released it): what the guard counts. */
function freshDeparture(outcome: UserOutcome, settings: KeptLists['guardSettings']): boolean {
  const removal = entriesOf(outcome).remove
  if (removal === null || !('reason' in removal) || !isDeparture(removal)) return false
  return settings.previouslyReleased === null || !settings.previouslyReleased.has(removal.user_id)
}

/** Outcomes whose effects reach beyond the user's own entries: the whole diff handles them. */
function reachesAcross(outcome: UserOutcome): boolean {
  return outcome.kind === 'neverMatched' || (outcome.kind === 'unmatched' && outcome.linked)
}

/** An outcome as text, to tell whether a rewritten result moved anything in the lists. */
function outcomeText(outcome: UserOutcome): string {
  return JSON.stringify(outcome, (_key, value: unknown) =>
    value instanceof Set ? [...(value as Set<string>)].sort() : value,
  )
}

function unknownWords(outcome: UserOutcome): string {
  return outcome.kind === 'present' ? [...outcome.unknownStatuses].sort().join('\u0000') : ''
}

/**
 * Patches the kept lists for a decision and returns the patch to store, or null when the decision
 * reaches across users (see above). After null the kept lists are spent: the caller computes the whole
 * diff and keeps that instead.
 */
export function patchKeptLists(
  kept: KeptLists,
  change: DecidedChange,
  linksOf: (userId: string) => DiffLink[],
  generatedAt: string,
): PlanPatch | null {
  const newMatches = new Map(change.moved.map((match) => [match.user_id, match]))
  const users = [...new Set([...newMatches.keys(), ...change.decidedUsers])]
  const decidedNoMatch = usersDecidedNoMatch(change.rows.decisions)
  const newLinks = new Map(users.map((userId) => [userId, linksOf(userId)]))
  const before: UserLookups = {
    ...kept.lookups,
    matchByUser: kept.matchByUser,
    decidedNoMatch: kept.decidedNoMatch,
    latestLinkOf: (userId) => kept.latestLinkByUser.get(userId),
    today: kept.today,
  }
  const after: UserLookups = {
    ...kept.lookups,
    matchByUser: new Map(
      users.flatMap((userId) => {
        const match = newMatches.get(userId) ?? kept.matchByUser.get(userId)
        return match === undefined ? [] : [[userId, match] as const]
      }),
    ),
    decidedNoMatch,
    latestLinkOf: (userId) => latestLinks(newLinks.get(userId) ?? []).get(userId),
    today: kept.today,
  }
  const edits: PlanListEdit[] = []
  const touched = new Set<string>()
  let linked = kept.linked
  let fresh = kept.freshDepartures
  let departuresMoved = false
  for (const userId of users) {
    const user = kept.legacyById.get(userId)
    if (user === undefined) return null
    const old = userOutcome(user, before)
    const now = userOutcome(user, after)
    // A rewritten row with the same outcome (a leaver's link found again, say) changes nothing here.
    if (outcomeText(old) === outcomeText(now)) continue
    if (reachesAcross(old) || reachesAcross(now) || unknownWords(old) !== unknownWords(now)) return null
    if (!moveClaims(kept, user, old, now, newLinks.get(userId) ?? [])) return null
    const oldEntries = entriesOf(old)
    const newEntries = entriesOf(now)
    for (const list of ['update', 'pendingReview', 'remove'] as const) {
      if (JSON.stringify(oldEntries[list]) === JSON.stringify(newEntries[list])) continue
      edits.push(placeUserEntry(kept, list, userId, newEntries[list]))
    }
    linked += (countsAsLinked(now) ? 1 : 0) - (countsAsLinked(old) ? 1 : 0)
    fresh +=
      (freshDeparture(now, kept.guardSettings) ? 1 : 0) - (freshDeparture(old, kept.guardSettings) ? 1 : 0)
    departuresMoved ||= departs(old) || departs(now)
    for (const id of referencedBy(old)) {
      kept.references.set(id, kept.references.get(id)! - 1)
      touched.add(id)
    }
    for (const id of referencedBy(now)) {
      kept.references.set(id, (kept.references.get(id) ?? 0) + 1)
      touched.add(id)
    }
  }
  for (const komboId of touched) {
    const edit = addEdit(kept, komboId)
    if (edit === 'gives up') return null
    if (edit !== null) edits.push(edit)
  }
  const guard = guardOf(fresh, linked, kept.guardSettings)
  const holdsBack = (verdict: ActionPlan['guard']) => verdict.tripped && !verdict.confirmed
  if (holdsBack(guard) !== holdsBack(kept.plan.guard)) return null
  // Held back, a departure goes out or waits by whether an earlier plan released it: the whole diff's.
  if (departuresMoved && holdsBack(guard)) return null

  for (const userId of users) {
    const match = newMatches.get(userId)
    if (match !== undefined) kept.matchByUser.set(userId, match)
    const latest = after.latestLinkOf(userId)
    if (latest === undefined) kept.latestLinkByUser.delete(userId)
    else kept.latestLinkByUser.set(userId, latest)
  }
  kept.decidedNoMatch = decidedNoMatch
  kept.linked = linked
  kept.freshDepartures = fresh
  kept.plan.guard = guard
  kept.plan.generatedAt = generatedAt
  return { generatedAt, guard, edits }
}

/** Whether the user's removal is a departure (their employee left): the deletion guard weighs it. */
function departs(outcome: UserOutcome): boolean {
  const removal = entriesOf(outcome).remove
  return removal !== null && 'reason' in removal && isDeparture(removal)
}

/**
 * What a user claims on returning people, as the whole diff's re-hire index sees them: their links to
 * departed records (with a current link to a leaver) and, once they are gone themselves, their name
 * and private email. '' when they claim nothing.
 */
function claimsKey(outcome: UserOutcome, departed: string): string {
  if (outcome.kind === 'present') return ''
  if (outcome.kind === 'linkedToLeaver') return `${claimState(outcome)}|${departed}|${outcome.komboId}`
  return departed === '' ? '' : `${claimState(outcome)}|${departed}`
}

/** The user's claims alone, as an index of their own. */
function claimsOf(
  kept: KeptLists,
  user: DiffLegacyUser,
  outcome: UserOutcome,
  links: DiffLink[],
): RehireIndex {
  const userId = user.user_id
  const current: DiffLink[] =
    outcome.kind === 'linkedToLeaver'
      ? [{ user_id: userId, kombo_id: outcome.komboId, remote_id: null, last_linked_at: '' }]
      : []
  return new RehireIndex({
    employeesById: kept.lookups.employeesById,
    tombstonesById: kept.lookups.tombstonesById,
    legacyUsersById: claimState(outcome) === 'absent' ? new Map([[userId, user]]) : new Map(),
    links: [...links, ...current],
    isDeparted: (employee) => departureOf(employee, kept.today) !== null,
    presentUsers: outcome.kind === 'present' ? new Set([userId]) : new Set(),
  })
}

/**
 * Brings the user's claims to their new state; false (the patch gives up) when an add is their re-hire
 * now or would be with the new claims. Later adds are checked against the claims kept here (addEdit).
 */
function moveClaims(
  kept: KeptLists,
  user: DiffLegacyUser,
  old: UserOutcome,
  now: UserOutcome,
  links: DiffLink[],
): boolean {
  const userId = user.user_id
  const departed = departedLinks(kept.lookups, links, kept.today)
  if (claimsKey(old, kept.rehireUsers.get(userId) ?? '') === claimsKey(now, departed)) return true
  if (kept.plan.add.some((add) => add.rehire_of === userId)) return false
  const claims = claimsOf(kept, user, now, links)
  if (!claims.isEmpty) {
    for (const add of kept.plan.add) {
      const employee = kept.lookups.employeesById.get(add.kombo_id)
      if (employee !== undefined && claims.find(employee) !== null) return false
    }
  }
  kept.movedClaims.set(userId, claims)
  if (departed === '') kept.rehireUsers.delete(userId)
  else kept.rehireUsers.set(userId, departed)
  return true
}

/** Moves a user's entry of one list to its new state, in file order; returns the edit that says so. */
function placeUserEntry(
  kept: KeptLists,
  list: 'update' | 'pendingReview' | 'remove',
  userId: string,
  item: UserEntry,
): PlanListEdit {
  const items: Array<{ user_id: string }> = kept.plan[list]
  const ordinal = kept.userOrdinal.get(userId)!
  const ordinalOf = (entry: { user_id: string }) => kept.userOrdinal.get(entry.user_id)!
  // The list is in file order, one entry per user: the user's entry, if any, is just before the next.
  const at = firstAfter(items, ordinalOf, ordinal) - 1
  if (at >= 0 && items[at]!.user_id === userId) items.splice(at, 1)
  if (item === null) return { list, key: userId, item: null, after: null } as PlanListEdit
  const next = firstAfter(items, ordinalOf, ordinal)
  const after = next === 0 ? null : items[next - 1]!.user_id
  ;(items as UserEntry[]).splice(next, 0, item)
  return { list, key: userId, item, after } as PlanListEdit
}

/** The add of an employee whose references moved, brought to its new state; null when it stays. */
function addEdit(kept: KeptLists, komboId: string): PlanListEdit | null | 'gives up' {
  const employee: DiffEmployee | undefined = kept.lookups.employeesById.get(komboId)
  const wanted =
    employee !== undefined &&
    (kept.references.get(komboId) ?? 0) === 0 &&
    departureOf(employee, kept.today) === null
  const adds = kept.plan.add
  const at = adds.findIndex((entry) => entry.kombo_id === komboId)
  if (wanted === at >= 0) return null
  if (employee === undefined || !wanted) {
    // A re-hire's add keeps its user's removal out of the guard: taking it away reaches across users.
    if (adds[at]!.rehire_of !== null) return 'gives up'
    adds.splice(at, 1)
    return { list: 'add', key: komboId, item: null, after: null }
  }
  // A user whose claims moved since the re-hire index was built may be this employee's returning self.
  for (const claims of kept.movedClaims.values()) if (claims.find(employee) !== null) return 'gives up'
  const action = addAction(employee, kept.rehires)
  if (action.rehire_of !== null) return 'gives up'
  const ordinal = kept.employeeOrdinal.get(komboId)!
  const next = firstAfter(adds, (entry) => kept.employeeOrdinal.get(entry.kombo_id)!, ordinal)
  const after = next === 0 ? null : entryKey(adds[next - 1]!)
  adds.splice(next, 0, action)
  return { list: 'add', key: komboId, item: action, after }
}

/** The index of the first item whose ordinal is above `ordinal`, in a list sorted by ordinal. */
function firstAfter<T>(items: readonly T[], ordinalOf: (item: T) => number, ordinal: number): number {
  let low = 0
  let high = items.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (ordinalOf(items[middle]!) <= ordinal) low = middle + 1
    else high = middle
  }
  return low
}
