import type { LegacyRole, LegacyUser } from '../../../shared/dto/legacy'
import { bytesSource } from './byteSource'
import type { RefusalProblem } from './csvProblems'
import { readLegacyFile, type LegacyFileShape } from './legacyFileReader'
import type { FirstOfUser, LegacyUserSink } from './legacyRows'

export type { CsvRecord } from './legacyRows'

export interface ParsedLegacyFile extends Omit<LegacyFileShape, 'userCount'> {
  /** In file order. */
  users: LegacyUser[]
}

export type LegacyParseOutcome =
  | { ok: true; file: ParsedLegacyFile }
  /** Every problem found, in file order; never empty. */
  | { ok: false; problems: RefusalProblem[] }

/** Keeps the users in memory, in file order. */
function memorySink(): LegacyUserSink & { users: LegacyUser[] } {
  const users: LegacyUser[] = []
  const firstOf = new Map<string, FirstOfUser>()
  return {
    users,
    first: (userId) => firstOf.get(userId),
    add(user, identity) {
      users.push(user)
      firstOf.set(user.user_id, { line: user.line, identity, extra: user.extra })
    },
    // The stored user shares its extra object with firstOf, so folded values are already in place.
    setExtra: () => undefined,
  }
}

/**
 * Reads a legacy user export into users, or into the complete list of reasons to refuse it. Pure: no
 * database, no file system; the users are held in memory (an import streams them into SQLite instead,
 * see legacyFileReader). `map` overrides header detection per role (role -> header name).
 */
export function parseLegacyCsv(
  bytes: Uint8Array,
  map: Partial<Record<LegacyRole, string>> = {},
): LegacyParseOutcome {
  const sink = memorySink()
  const outcome = readLegacyFile(bytesSource(bytes), map, sink)
  if (!outcome.ok) return outcome
  const { userCount: _count, ...shape } = outcome.file
  return { ok: true, file: { ...shape, users: sink.users } }
}
