/**
 * The baseline the matching budget is measured against: Kombo's cascade as a typical integrator writes it.
 * Maps for the HRIS id, the work email and its local part answer rules 1-3; one fuse.js index, built once,
 * ranks candidates for the rows those rules leave open (or, with --every-row, for every row, so each result
 * has a runner-up like the engine's). Run directly it is a whole process like the CLI: read the db, match,
 * store, print. The benchmark bundles it with esbuild, as the CLI is, so neither pays for compiling
 * TypeScript at start.
 *
 *   node --import tsx bench/naiveFuse.ts <db> <integration> [--every-row]
 */
import Fuse from 'fuse.js'
import { openDatabase } from '../src/main/core/store/database'
import type { StoredEmployee } from '../src/shared/dto/employees'
import type { LegacyUser } from '../src/shared/dto/legacy'
import type { MatchCandidate, MatchOutput, MatchResult } from '../src/shared/dto/match'

/** fuse.js's default threshold; the naive version takes the library as it comes. */
const FUSE_THRESHOLD = 0.6
const CANDIDATES_SHOWN = 5

const normalise = (email: string | null | undefined) => email?.trim().toLowerCase() ?? ''
const localPart = (email: string) => email.slice(0, email.lastIndexOf('@'))

export interface NaiveOptions {
  /**
   * True (the baseline the budget names): every row is searched over every employee, so each result has
   * ranked candidates and a runner-up like the engine's. False: only rows rules 1-3 leave open are
   * searched, a cheaper variant reported alongside for transparency.
   */
  searchEveryRow: boolean
}

export function naiveCascade(
  employees: readonly StoredEmployee[],
  legacy: readonly LegacyUser[],
  options: NaiveOptions = { searchEveryRow: true },
): MatchOutput {
  const searchable = employees.map((employee) => ({
    employee,
    name: `${employee.first_name ?? ''} ${employee.last_name ?? ''}`.trim(),
    personal: normalise(employee.personal_email),
  }))
  const fuse = new Fuse(searchable, {
    keys: ['name', 'personal'],
    includeScore: true,
    threshold: FUSE_THRESHOLD,
  })
  const byRemoteId = new Map<string, StoredEmployee[]>()
  const byEmail = new Map<string, StoredEmployee[]>()
  const byLocal = new Map<string, StoredEmployee[]>()
  const add = (map: Map<string, StoredEmployee[]>, key: string, employee: StoredEmployee) => {
    if (key === '') return
    const list = map.get(key)
    if (list) list.push(employee)
    else map.set(key, [employee])
  }
  for (const employee of employees) {
    add(byRemoteId, employee.remote_id, employee)
    const work = normalise(employee.work_email)
    add(byEmail, work, employee)
    if (work !== '') add(byLocal, localPart(work), employee)
  }
  const results: MatchResult[] = legacy.map((user) => {
    const base = { user_id: user.user_id, conflicts: [] as string[] }
    const name = user.full_name ?? `${user.first_name ?? ''} ${user.last_name ?? ''}`.trim()
    const query = name || normalise(user.private_email) || normalise(user.email)
    const search = (): MatchCandidate[] =>
      (query ? fuse.search(query, { limit: CANDIDATES_SHOWN }) : []).map((hit) => ({
        kombo_id: hit.item.employee.id,
        score: 1 - (hit.score ?? 1),
        method: 'fuzzy',
        reasons: [],
      }))
    const searchedFirst = options.searchEveryRow ? search() : null
    const candidates = () => searchedFirst ?? []
    const hris = user.hris_id?.trim()
    if (hris) {
      const found = byRemoteId.get(hris) ?? []
      if (found.length === 1) return linked(base, found[0]!.id, 'remote_id', candidates())
    }
    const email = normalise(user.email)
    if (email) {
      const found = byEmail.get(email) ?? []
      if (found.length === 1) return linked(base, found[0]!.id, 'work_email', candidates())
      const local = localPart(email)
      const sameLocal = (byLocal.get(local) ?? []).filter(
        (employee) => normalise(employee.work_email) !== email,
      )
      if (sameLocal.length === 1) {
        const candidate: MatchCandidate = {
          kombo_id: sameLocal[0]!.id,
          score: 0.9,
          method: 'email_domain_change',
          reasons: [],
        }
        const rest = candidates().filter((other) => other.kombo_id !== candidate.kombo_id)
        return {
          ...base,
          status: 'suggested',
          method: 'email_domain_change',
          kombo_id: candidate.kombo_id,
          score: 0.9,
          reasons: [],
          candidates: [candidate, ...rest],
        }
      }
    }
    const ranked = searchedFirst ?? search()
    const best = ranked[0]
    return best
      ? {
          ...base,
          status: 'suggested',
          method: 'fuzzy',
          kombo_id: best.kombo_id,
          score: best.score,
          reasons: [],
          candidates: ranked,
        }
      : {
          ...base,
          status: 'unmatched',
          method: 'none',
          kombo_id: null,
          score: 0,
          reasons: [],
          candidates: [],
        }
  })
  const count = (status: string) => results.filter((result) => result.status === status).length
  return {
    results,
    summary: {
      legacyUsers: legacy.length,
      employees: employees.length,
      matched: count('matched'),
      suggested: count('suggested'),
      unmatched: count('unmatched'),
      byMethod: {},
      conflicts: 0,
      domainMappings: [],
    },
  }
}

function linked(
  base: { user_id: string; conflicts: string[] },
  komboId: string,
  method: 'remote_id' | 'work_email',
  searched: MatchCandidate[],
): MatchResult {
  const rest = searched.filter((candidate) => candidate.kombo_id !== komboId)
  return {
    ...base,
    status: 'matched',
    method,
    kombo_id: komboId,
    score: 1,
    reasons: [],
    candidates: [{ kombo_id: komboId, score: 1, method, reasons: [] }, ...rest],
  }
}

function main(dbPath: string, integrationId: string, options: NaiveOptions): void {
  const db = openDatabase(dbPath)
  const employees = db
    .prepare('SELECT * FROM employees WHERE integration_id = ?')
    .all(integrationId) as StoredEmployee[]
  const legacy = (
    db.prepare('SELECT * FROM legacy_users WHERE integration_id = ?').all(integrationId) as Omit<
      LegacyUser,
      'extra'
    >[]
  ).map((user) => ({ ...user, extra: {} }))
  const output = naiveCascade(employees, legacy, options)
  const insert = db.prepare(
    `INSERT INTO match_results (integration_id, user_id, status, method, kombo_id, score, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  db.transaction(() => {
    db.prepare('DELETE FROM match_results WHERE integration_id = ?').run(integrationId)
    for (const result of output.results) {
      insert.run(
        integrationId,
        result.user_id,
        result.status,
        result.method,
        result.kombo_id,
        result.score,
        JSON.stringify({ candidates: result.candidates }),
      )
    }
  })()
  db.close()
  process.stdout.write(JSON.stringify(output) + '\n')
}

if (/naiveFuse\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  const [dbPath, integrationId, flag] = process.argv.slice(2)
  if (!dbPath || !integrationId) {
    process.stderr.write('usage: node --import tsx bench/naiveFuse.ts <db> <integration> [--every-row]\n')
    process.exitCode = 64
  } else main(dbPath, integrationId, { searchEveryRow: flag === '--every-row' })
}
