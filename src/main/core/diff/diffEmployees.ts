import type {
  ActionPlan,
  AddAction,
  FieldChange,
  PendingReview,
  RemoveAction,
  RemoveReason,
  UpdateAction,
} from '../../../shared/dto/diff'
import { applyDeletionGuard } from './deletionGuard'
import { departureOf } from './departure'
import { usersDecidedNoMatch } from './decisions'
import type {
  DiffEmployee,
  DiffLegacyUser,
  DiffLink,
  DiffMatch,
  DiffState,
  DiffTombstone,
  Lookup,
} from './diffState'
import {
  displayValue,
  hrisAccessStatus,
  normaliseEmail,
  productAccessStatus,
  type AccessStatus,
} from './normalise'
import { RehireIndex } from './rehire'

/** How many unrecognised product status words a notice quotes before it says "and more". */
const UNKNOWN_STATUS_EXAMPLES = 5

/**
 * The plan: who the product must add, update and remove, computed from stored state alone.
 *
 * - add: employees still there whom no legacy user is linked to and no pending suggestion names;
 *   `rehire_of` when a departed, previously linked person returns under a new record.
 * - update: linked pairs whose email, names or access status differ (from = product, to = HRIS).
 * - remove: legacy users without an employee after review, and linked users whose employee left.
 * - pendingReview: suggestions awaiting the specialist; their users and candidates are left alone.
 * The deletion guard then decides which departure removals go out now.
 */
export function diffEmployees(state: DiffState): ActionPlan {
  return computeDiff(state, null).plan
}

/**
 * What a whole diff leaves behind for a decision's patch (planPatch.ts) to start from: each user's
 * outcome in file order, the lookups, the re-hire index and the departures the guard weighed.
 */
export interface DiffParts {
  today: string
  index: StateIndex
  outcomes: UserOutcome[]
  rehires: RehireIndex
  departuresToGuard: RemoveAction[]
  linked: number
}

/** The plan and the parts it was computed from. */
export function diffEmployeesWithParts(state: DiffState): { plan: ActionPlan; parts: DiffParts } {
  const outcomes: UserOutcome[] = []
  const { plan, parts } = computeDiff(state, outcomes)
  return { plan, parts: { ...parts, outcomes } }
}

function computeDiff(
  state: DiffState,
  outcomes: UserOutcome[] | null,
): { plan: ActionPlan; parts: Omit<DiffParts, 'outcomes'> } {
  const today = state.generatedAt.slice(0, 10)
  const index = indexState(state)
  const walk = walkLegacyUsers(state, index, today, outcomes ?? undefined)
  const { add, rehiredUsers, rehires } = plannedAdds(state, index, walk, today)

  // A returning person keeps their account: the add (with rehire_of) re-attaches it to the new record,
  // so removing it as well would only churn their access.
  const departuresToGuard = walk.departures.filter((r) => !rehiredUsers.has(r.user_id))
  const noBasis = state.basisRunId === null
  const guarded = applyDeletionGuard(noBasis ? [] : departuresToGuard, walk.linked, state.guard)
  const goingOut = new Set(guarded.released)
  const remove = noBasis
    ? []
    : walk.removals.filter(
        (r) => r.reason === 'no_employee' || r.reason === 'no_match_decided' || goingOut.has(r),
      )

  const plan: ActionPlan = {
    integrationId: state.integrationId,
    basisRunId: state.basisRunId,
    generatedAt: state.generatedAt,
    add,
    update: walk.update,
    remove,
    withheldRemovals: guarded.withheld,
    pendingReview: walk.pendingReview,
    guard: guarded.guard,
    stale: null,
    notices: planNotices({
      noBasis,
      neverMatched: walk.neverMatched,
      unknownStatuses: walk.unknownStatuses,
      removalsHeld: walk.removals.length,
    }),
  }
  return { plan, parts: { today, index, rehires, departuresToGuard, linked: walk.linked } }
}

/** The stored state looked up by id. */
export interface StateIndex {
  employeesById: Map<string, DiffEmployee>
  tombstonesById: Map<string, DiffTombstone>
  matchByUser: Map<string, DiffMatch>
}

function indexState(state: DiffState): StateIndex {
  const employeesById = new Map<string, DiffEmployee>()
  for (const employee of state.employees) employeesById.set(employee.id, employee)
  const tombstonesById = new Map<string, DiffTombstone>()
  for (const tombstone of state.tombstones) tombstonesById.set(tombstone.kombo_id, tombstone)
  const matchByUser = new Map<string, DiffMatch>()
  for (const match of state.matches) matchByUser.set(match.user_id, match)
  return { employeesById, tombstonesById, matchByUser }
}

/** What one pass over the legacy users finds: updates, removals, pending reviews and who is linked. */
interface UserWalk {
  update: UpdateAction[]
  pendingReview: PendingReview[]
  /** Every removal in legacy-file order; departures are filtered by the guard afterwards. */
  removals: RemoveAction[]
  departures: RemoveAction[]
  /** Links of current matches to departed employees (link_history normally holds them too). */
  currentLinks: DiffLink[]
  /** Users not linked to anyone still there: only they can be the person a re-hire returns as. */
  absentUsers: Map<string, DiffLegacyUser>
  presentUsers: Set<string>
  linkedEmployees: Set<string>
  reviewedCandidates: Set<string>
  unknownStatuses: Set<string>
  linked: number
  neverMatched: number
}

/** What the per-user walk needs to look up, shared by the whole diff and a decision's patch (planPatch.ts). */
export interface UserLookups {
  employeesById: Lookup<DiffEmployee>
  tombstonesById: Lookup<DiffTombstone>
  matchByUser: Lookup<DiffMatch>
  decidedNoMatch: ReadonlySet<string>
  /** The user's latest link in link_history; read only for unmatched users. */
  latestLinkOf: (userId: string) => DiffLink | undefined
  accessStatusOf: (status: string) => AccessStatus | null
  today: string
}

/** One legacy user's share of the plan: the list entry it gives, if any, and what it counts for. */
export type UserOutcome =
  | { kind: 'decidedNoMatch'; removal: RemoveAction }
  | { kind: 'neverMatched' }
  | { kind: 'suggested'; pending: PendingReview }
  | { kind: 'linkedToLeaver'; komboId: string; removal: RemoveAction }
  | { kind: 'present'; komboId: string; update: UpdateAction | null; unknownStatuses: Set<string> }
  | { kind: 'unmatched'; removal: RemoveAction; linked: boolean }

const DEPARTURE_REASONS: ReadonlySet<RemoveReason> = new Set(['deleted', 'vanished', 'terminated'])

export function isDeparture(removal: RemoveAction): boolean {
  return DEPARTURE_REASONS.has(removal.reason)
}

/** Why an employee is gone, or null while they are still there or nothing is known about them. */
function knownDepartureOf(lookups: UserLookups, komboId: string): RemoveAction['reason'] | null {
  const employee = lookups.employeesById.get(komboId)
  if (employee !== undefined) return departureOf(employee, lookups.today)
  return lookups.tombstonesById.get(komboId)?.reason ?? null
}

export function userOutcome(user: DiffLegacyUser, lookups: UserLookups): UserOutcome {
  const userId = user.user_id
  if (lookups.decidedNoMatch.has(userId)) {
    return {
      kind: 'decidedNoMatch',
      removal: { user_id: userId, kombo_id: null, reason: 'no_match_decided' },
    }
  }
  const match = lookups.matchByUser.get(userId)
  if (match === undefined) return { kind: 'neverMatched' }
  if (match.status === 'suggested') {
    const candidates = uniqueIds(match.kombo_id, match.candidates)
    return {
      kind: 'suggested',
      pending: { user_id: userId, kombo_id: match.kombo_id, score: match.score, candidates },
    }
  }
  if (match.status === 'matched' && match.kombo_id !== null) {
    const komboId = match.kombo_id
    const employee = lookups.employeesById.get(komboId)
    // A match to a record the store does not hold: gone, as far as the HRIS can tell.
    if (employee === undefined) {
      const reason = lookups.tombstonesById.get(komboId)?.reason ?? 'vanished'
      return { kind: 'linkedToLeaver', komboId, removal: { user_id: userId, kombo_id: komboId, reason } }
    }
    const departure = departureOf(employee, lookups.today)
    if (departure !== null) {
      const removal = { user_id: userId, kombo_id: komboId, reason: departure }
      return { kind: 'linkedToLeaver', komboId, removal }
    }
    const unknownStatuses = new Set<string>()
    const changes = compareLinkedPair(user, employee, unknownStatuses, lookups.accessStatusOf)
    const update = changes.length > 0 ? { user_id: userId, kombo_id: employee.id, changes } : null
    return { kind: 'present', komboId, update, unknownStatuses }
  }
  // Unmatched. If the user's latest link was to an employee who has since left (a rematch no longer
  // pairs people with departed records), the removal is that departure, and the user counts as linked.
  const previous = lookups.latestLinkOf(userId)
  const previousDeparture = previous === undefined ? null : knownDepartureOf(lookups, previous.kombo_id)
  if (previous !== undefined && previousDeparture !== null) {
    return {
      kind: 'unmatched',
      removal: { user_id: userId, kombo_id: previous.kombo_id, reason: previousDeparture },
      linked: true,
    }
  }
  return {
    kind: 'unmatched',
    removal: { user_id: userId, kombo_id: null, reason: 'no_employee' },
    linked: false,
  }
}

function walkLegacyUsers(
  state: DiffState,
  index: StateIndex,
  today: string,
  outcomes?: UserOutcome[],
): UserWalk {
  // Only unmatched users need their link history; most runs have few, so it is indexed on first use.
  let latestLinkByUser: Map<string, DiffLink> | null = null
  const lookups: UserLookups = {
    ...index,
    decidedNoMatch: usersDecidedNoMatch(state.decisions),
    latestLinkOf: (userId) => (latestLinkByUser ??= latestLinks(state.links)).get(userId),
    accessStatusOf: cachedProductAccessStatus(),
    today,
  }
  const walk: UserWalk = {
    update: [],
    pendingReview: [],
    removals: [],
    departures: [],
    currentLinks: [],
    absentUsers: new Map(),
    presentUsers: new Set(),
    linkedEmployees: new Set(),
    reviewedCandidates: new Set(),
    unknownStatuses: new Set(),
    linked: state.settledLinks,
    neverMatched: 0,
  }
  const addRemoval = (removal: RemoveAction): void => {
    walk.removals.push(removal)
    if (isDeparture(removal)) walk.departures.push(removal)
  }
  for (const user of state.legacyUsers) {
    const outcome = userOutcome(user, lookups)
    outcomes?.push(outcome)
    switch (outcome.kind) {
      case 'decidedNoMatch':
        walk.absentUsers.set(user.user_id, user)
        addRemoval(outcome.removal)
        break
      case 'neverMatched':
        walk.neverMatched++
        break
      case 'suggested':
        for (const id of outcome.pending.candidates) walk.reviewedCandidates.add(id)
        walk.pendingReview.push(outcome.pending)
        break
      case 'linkedToLeaver':
        walk.linked++
        walk.linkedEmployees.add(outcome.komboId)
        walk.absentUsers.set(user.user_id, user)
        walk.currentLinks.push({
          user_id: user.user_id,
          kombo_id: outcome.komboId,
          remote_id: null,
          last_linked_at: '',
        })
        addRemoval(outcome.removal)
        break
      case 'present':
        walk.linked++
        walk.linkedEmployees.add(outcome.komboId)
        walk.presentUsers.add(user.user_id)
        for (const word of outcome.unknownStatuses) walk.unknownStatuses.add(word)
        if (outcome.update !== null) walk.update.push(outcome.update)
        break
      case 'unmatched':
        walk.absentUsers.set(user.user_id, user)
        if (outcome.linked) walk.linked++
        addRemoval(outcome.removal)
        break
    }
  }
  return walk
}

/** Employees still there whom no one is linked to or reviewing, each with the account a re-hire returns to. */
function plannedAdds(
  state: DiffState,
  index: StateIndex,
  walk: UserWalk,
  today: string,
): { add: AddAction[]; rehiredUsers: Set<string>; rehires: RehireIndex } {
  const rehires = new RehireIndex({
    employeesById: index.employeesById,
    tombstonesById: index.tombstonesById,
    legacyUsersById: walk.absentUsers,
    links: walk.currentLinks.length === 0 ? state.links : [...state.links, ...walk.currentLinks],
    isDeparted: (employee) => departureOf(employee, today) !== null,
    presentUsers: walk.presentUsers,
  })
  const add: AddAction[] = []
  const rehiredUsers = new Set<string>()
  for (const employee of state.employees) {
    if (walk.linkedEmployees.has(employee.id) || walk.reviewedCandidates.has(employee.id)) continue
    if (departureOf(employee, today) !== null) continue
    const action = addAction(employee, rehires)
    if (action.rehire_of !== null) rehiredUsers.add(action.rehire_of)
    add.push(action)
  }
  return { add, rehiredUsers, rehires }
}

/** The add of an employee nobody is linked to or reviewing, with the account a re-hire returns to. */
export function addAction(employee: DiffEmployee, rehires: RehireIndex): AddAction {
  const rehire = rehires.find(employee)
  return {
    kombo_id: employee.id,
    remote_id: employee.remote_id,
    work_email: employee.work_email,
    first_name: employee.first_name,
    last_name: employee.last_name,
    employment_status: employee.employment_status,
    rehire_of: rehire?.userId ?? null,
    rehire_evidence: rehire?.evidence ?? null,
  }
}

/** Reads a product status word through a per-diff cache: a file has a handful of distinct words. */
export function cachedProductAccessStatus(): (status: string) => AccessStatus | null {
  const cache = new Map<string, AccessStatus | null>()
  return (status) => {
    let mapped = cache.get(status)
    if (mapped === undefined) {
      mapped = productAccessStatus(status)
      cache.set(status, mapped)
    }
    return mapped
  }
}

/**
 * Email, names and access status of a linked pair; `from` is the product's value, `to` the HRIS's.
 * Identical raw values are equal without normalising: that is nearly every field of nearly every pair.
 */
export function compareLinkedPair(
  user: DiffLegacyUser,
  employee: DiffEmployee,
  unknownStatuses: Set<string>,
  accessStatusOf: (status: string) => AccessStatus | null = productAccessStatus,
): FieldChange[] {
  const changes: FieldChange[] = []
  // An HRIS value Kombo left empty (it nulls invalid emails) is unknown, not an instruction to blank it.
  if (user.email !== employee.work_email) {
    const hrisEmail = displayValue(employee.work_email)
    if (hrisEmail !== null && normaliseEmail(user.email) !== normaliseEmail(hrisEmail)) {
      changes.push({ field: 'email', from: user.email, to: hrisEmail })
    }
  }
  if (user.first_name !== null || user.last_name !== null) {
    if (user.first_name !== employee.first_name) {
      const hrisFirst = displayValue(employee.first_name)
      if (hrisFirst !== null && displayValue(user.first_name) !== hrisFirst) {
        changes.push({ field: 'first_name', from: user.first_name, to: hrisFirst })
      }
    }
    if (user.last_name !== employee.last_name) {
      const hrisLast = displayValue(employee.last_name)
      if (hrisLast !== null && displayValue(user.last_name) !== hrisLast) {
        changes.push({ field: 'last_name', from: user.last_name, to: hrisLast })
      }
    }
  } else if (user.full_name !== null) {
    const hrisFull = displayValue(`${employee.first_name ?? ''} ${employee.last_name ?? ''}`)
    if (hrisFull !== null && nameWords(user.full_name) !== nameWords(hrisFull)) {
      changes.push({ field: 'full_name', from: user.full_name, to: hrisFull })
    }
  }
  if (user.status !== null) {
    const productStatus = accessStatusOf(user.status)
    if (productStatus === null && user.status.trim() !== '') unknownStatuses.add(user.status.trim())
    const hrisStatus = hrisAccessStatus(employee.employment_status)
    if (productStatus !== null && hrisStatus !== null && productStatus !== hrisStatus) {
      changes.push({ field: 'employment_status', from: user.status, to: hrisStatus })
    }
  }
  return changes
}

/** A full name's words in order-free form, so "Müller, Anna" and "Anna Müller" agree; case still counts. */
function nameWords(name: string): string {
  return (displayValue(name.replace(/,/g, ' ')) ?? '').split(' ').sort().join(' ')
}

function uniqueIds(first: string | null, rest: readonly string[]): string[] {
  const ids: string[] = []
  for (const id of first === null ? rest : [first, ...rest]) if (!ids.includes(id)) ids.push(id)
  return ids
}

/** Each user's most recent link (ties: the later row wins, as rows come in insertion order). */
export function latestLinks(links: readonly DiffLink[]): Map<string, DiffLink> {
  const latest = new Map<string, DiffLink>()
  for (const link of links) {
    const current = latest.get(link.user_id)
    if (current === undefined || current.last_linked_at <= link.last_linked_at) latest.set(link.user_id, link)
  }
  return latest
}

export function planNotices(facts: {
  noBasis: boolean
  neverMatched: number
  unknownStatuses: ReadonlySet<string>
  removalsHeld: number
}): string[] {
  const notices: string[] = []
  if (facts.noBasis) {
    notices.push(
      facts.removalsHeld > 0
        ? `No successful sync yet, so none of the ${facts.removalsHeld} possible removals is proposed; run a sync first.`
        : 'No successful sync yet: removals are only proposed from a successful sync; run a sync first.',
    )
  }
  if (facts.neverMatched > 0) {
    notices.push(
      `${facts.neverMatched} legacy users have no match result yet and are neither updated nor removed; run match first.`,
    )
  }
  if (facts.unknownStatuses.size > 0) {
    const examples = [...facts.unknownStatuses].slice(0, UNKNOWN_STATUS_EXAMPLES).map((s) => `"${s}"`)
    const more = facts.unknownStatuses.size > UNKNOWN_STATUS_EXAMPLES ? ' and more' : ''
    notices.push(
      `The product status ${examples.join(', ')}${more} is not recognised as active or inactive, so those users' status is not compared.`,
    )
  }
  return notices
}
