import type { RehireEvidence } from '../../../shared/dto/diff'
import type { DiffEmployee, DiffLegacyUser, DiffLink, DiffTombstone, Lookup } from './diffState'
import { identityName, normaliseEmail, utcDay, workEmailHash } from './normalise'

export interface RehireMatch {
  userId: string
  evidence: RehireEvidence
}

interface Claim {
  userId: string
  lastLinkedAt: string
}

/** The identity keys of departed, previously linked people, one map per kind of evidence. */
interface IdentityMaps {
  byRemoteId: Map<string, Claim[]>
  byEmailHash: Map<string, Claim[]>
  byNameAndPrivateEmail: Map<string, Claim[]>
  byNameAndBirthDate: Map<string, Claim[]>
}

export interface RehireInputs {
  employeesById: Lookup<DiffEmployee>
  tombstonesById: Lookup<DiffTombstone>
  legacyUsersById: Lookup<DiffLegacyUser>
  links: readonly DiffLink[]
  /** Whether an employee has left (deleted, vanished or terminated). */
  isDeparted: (employee: DiffEmployee) => boolean
  /** Users currently linked to an employee who is still there: they have not left, so cannot return. */
  presentUsers: ReadonlySet<string>
}

/**
 * Recognises a returning person: a new (or returned) employee record that carries the identity of a
 * departed employee some legacy user was once linked to. Works after Kombo blanks the departed record,
 * because the remote id survives in link_history and the tombstone, and the work email survives as the
 * tombstone's hash. Name-based evidence needs the departed record intact, or the legacy user's own name
 * and private email.
 */
export class RehireIndex {
  private readonly maps: IdentityMaps = {
    byRemoteId: new Map(),
    byEmailHash: new Map(),
    byNameAndPrivateEmail: new Map(),
    byNameAndBirthDate: new Map(),
  }

  constructor(inputs: RehireInputs) {
    for (const link of inputs.links) {
      if (inputs.presentUsers.has(link.user_id)) continue
      const employee = inputs.employeesById.get(link.kombo_id)
      const tombstone = inputs.tombstonesById.get(link.kombo_id)
      const departed = tombstone !== undefined || (employee !== undefined && inputs.isDeparted(employee))
      if (!departed) continue
      const claim: Claim = { userId: link.user_id, lastLinkedAt: link.last_linked_at }
      for (const remoteId of [link.remote_id, tombstone?.remote_id, employee?.remote_id]) {
        if (remoteId) addClaim(this.maps.byRemoteId, remoteId, claim)
      }
      const hashes = [tombstone?.work_email_hash ?? null, workEmailHash(employee?.work_email)]
      for (const hash of hashes) if (hash !== null) addClaim(this.maps.byEmailHash, hash, claim)
      if (employee !== undefined) {
        const name = identityName(employee.first_name, employee.last_name)
        addPairClaim(this.maps.byNameAndPrivateEmail, name, normaliseEmail(employee.personal_email), claim)
        addPairClaim(this.maps.byNameAndBirthDate, name, utcDay(employee.date_of_birth), claim)
      }
      const user = inputs.legacyUsersById.get(link.user_id)
      if (user !== undefined) {
        const name = legacyIdentityName(user)
        addPairClaim(this.maps.byNameAndPrivateEmail, name, normaliseEmail(user.private_email), claim)
      }
    }
  }

  get isEmpty(): boolean {
    return (
      this.maps.byRemoteId.size === 0 &&
      this.maps.byEmailHash.size === 0 &&
      this.maps.byNameAndPrivateEmail.size === 0 &&
      this.maps.byNameAndBirthDate.size === 0
    )
  }

  /** The strongest evidence that `employee` is a departed user returning; null when there is none. */
  find(employee: DiffEmployee): RehireMatch | null {
    if (this.isEmpty) return null
    const byRemoteId = this.maps.byRemoteId.get(employee.remote_id)
    if (byRemoteId) return pick(byRemoteId, 'remote_id')
    const hash = this.maps.byEmailHash.size > 0 ? workEmailHash(employee.work_email) : null
    const byEmail = hash === null ? undefined : this.maps.byEmailHash.get(hash)
    if (byEmail) return pick(byEmail, 'work_email')
    const name = identityName(employee.first_name, employee.last_name)
    if (name === null) return null
    const privateEmail = normaliseEmail(employee.personal_email)
    const byPrivate =
      privateEmail === null ? undefined : this.maps.byNameAndPrivateEmail.get(pairKey(name, privateEmail))
    if (byPrivate) return pick(byPrivate, 'name_and_private_email')
    const birthDay = utcDay(employee.date_of_birth)
    const byBirth = birthDay === null ? undefined : this.maps.byNameAndBirthDate.get(pairKey(name, birthDay))
    if (byBirth) return pick(byBirth, 'name_and_birth_date')
    return null
  }
}

function legacyIdentityName(user: DiffLegacyUser): string | null {
  if (user.first_name !== null || user.last_name !== null)
    return identityName(user.first_name, user.last_name)
  return identityName(user.full_name, null)
}

function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`
}

function addPairClaim(map: Map<string, Claim[]>, a: string | null, b: string | null, claim: Claim): void {
  if (a !== null && b !== null) addClaim(map, pairKey(a, b), claim)
}

function addClaim(map: Map<string, Claim[]>, key: string, claim: Claim): void {
  const claims = map.get(key)
  if (claims === undefined) {
    map.set(key, [{ ...claim }])
    return
  }
  const same = claims.find((c) => c.userId === claim.userId)
  if (same === undefined) claims.push({ ...claim })
  else if (same.lastLinkedAt < claim.lastLinkedAt) same.lastLinkedAt = claim.lastLinkedAt
}

/** Several users behind one key (rare: a shared mailbox, two spells of employment): the latest link wins. */
function pick(claims: readonly Claim[], evidence: RehireEvidence): RehireMatch | null {
  let best: Claim | undefined
  for (const claim of claims) {
    if (
      best === undefined ||
      claim.lastLinkedAt > best.lastLinkedAt ||
      (claim.lastLinkedAt === best.lastLinkedAt && claim.userId < best.userId)
    ) {
      best = claim
    }
  }
  return best === undefined ? null : { userId: best.userId, evidence }
}
