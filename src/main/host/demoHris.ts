import { randomBytes } from 'node:crypto'
import { foldToAscii, generateCompany } from '../core/demo/generateCompany'
import { startStandIn, type StandIn } from '../core/demo/standInServer'

/** A running embedded Kombo stand-in, as the hosts see it. */
export interface DemoHris {
  baseUrl: string
  apiKey: string
  /** Gives an integration id a generated company, so any id connected in demo mode has data. */
  ensureIntegration(integrationId: string): void
  /** Called as a sync starts: the first sync of each integration meets one short rate limit. */
  beforeSync(integrationId: string): void
  close(): Promise<void>
}

/**
 * Big enough for a realistic review afternoon, small enough to sync in a second or two. DESK_DEMO_SIZE
 * overrides it (e.g. 100000 to try the virtualised lists at scale).
 */
export const DEMO_COMPANY_SIZE = 1200
/**
 * Kombo's first full sync usually meets a rate limit on a big tenant; the demo shows one, briefly.
 * DESK_DEMO_RATE_LIMIT_SECONDS lengthens it (the browser tests cancel a sync during the wait).
 */
const DEMO_RATE_LIMIT_SECONDS = 2
const DEMO_RATE_LIMITED_PAGE = 3
/** The page size the sync asks for (docs/architecture.md, Sync). */
const KOMBO_PAGE_SIZE = 250

/** The same id always gets the same company, so a restarted demo syncs the data it synced before. */
function seedFor(integrationId: string): number {
  let hash = 2166136261
  for (const char of integrationId) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619)
  return hash >>> 0
}

/** The demo's rate-limit wait, longer when DESK_DEMO_RATE_LIMIT_SECONDS says so (tests that act mid-sync). */
function demoRateLimitSeconds(): number {
  const fromEnv = Number(process.env.DESK_DEMO_RATE_LIMIT_SECONDS)
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEMO_RATE_LIMIT_SECONDS
}

function demoCompanySize(): number {
  const fromEnv = Number(process.env.DESK_DEMO_SIZE)
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEMO_COMPANY_SIZE
}

/** How many people each kind of change touches per demo sync after the first. */
const DEMO_CHANGES_PER_SYNC = 2

/** Kombo ids are 24 characters of [A-Za-z0-9]; derived from the round so reruns give the same ids. */
function demoKomboId(round: number, index: number): string {
  return `demohire${String(round).padStart(4, '0')}${String(index).padStart(4, '0')}`.padEnd(24, 'x')
}

/**
 * A few deterministic changes to one integration's company: hires (copies of existing records with new
 * ids and swapped names), leavers (deleted upstream) and a married name. Picks rotate with the round.
 */
function evolveCompany(standIn: StandIn, integrationId: string, round: number): void {
  const active = standIn
    .listEmployees(integrationId)
    .filter((record) => record.employment_status === 'ACTIVE' && record.remote_deleted_at === null)
  if (active.length < 4 * DEMO_CHANGES_PER_SYNC) return
  const pick = (slot: number) => active[(round * 7919 + slot * 104_729) % active.length]!
  for (let i = 0; i < DEMO_CHANGES_PER_SYNC; i++) {
    const template = pick(i)
    const namesake = pick(i + DEMO_CHANGES_PER_SYNC)
    const id = demoKomboId(round, i)
    const local = foldToAscii(`${namesake.first_name ?? 'new'}.${template.last_name ?? 'hire'}`)
      .toLowerCase()
      .replace(/[^a-z.-]/g, '')
    const domain = template.work_email?.split('@')[1] ?? 'demo.example'
    standIn.upsertEmployee(integrationId, {
      ...template,
      id,
      remote_id: `9${String(round).padStart(3, '0')}${i}`,
      first_name: namesake.first_name,
      display_full_name: `${namesake.first_name ?? ''} ${template.last_name ?? ''}`.trim(),
      work_email: `${local}@${domain}`,
      personal_email: null,
      employments: [],
      time_off_balances: [],
    })
    standIn.deleteEmployee(integrationId, pick(i + 2 * DEMO_CHANGES_PER_SYNC).id)
  }
  const renamed = pick(3 * DEMO_CHANGES_PER_SYNC)
  standIn.updateEmployee(integrationId, renamed.id, { last_name: `${renamed.last_name ?? ''}-Lindqvist` })
}

/** Starts the Kombo stand-in on loopback; integrations get their companies when first connected. */
export async function startDemoHris(): Promise<DemoHris> {
  const apiKey = `demo_${randomBytes(16).toString('hex')}`
  const standIn: StandIn = await startStandIn({ apiKey })
  const known = new Set<string>()
  const rehearsed = new Set<string>()
  const syncsSeen = new Map<string, number>()
  return {
    baseUrl: standIn.baseUrl,
    apiKey,
    ensureIntegration(integrationId) {
      if (known.has(integrationId)) return
      known.add(integrationId)
      standIn.setIntegration(
        integrationId,
        generateCompany({ seed: seedFor(integrationId), size: demoCompanySize() }),
      )
    },
    beforeSync(integrationId) {
      const seen = syncsSeen.get(integrationId) ?? 0
      syncsSeen.set(integrationId, seen + 1)
      // Between syncs life goes on at the demo company, so later syncs have something to show.
      if (seen > 0) evolveCompany(standIn, integrationId, seen)
      if (rehearsed.has(integrationId)) return
      rehearsed.add(integrationId)
      // A company smaller than the pages before the fault would leave it queued for a later sync.
      if (demoCompanySize() <= KOMBO_PAGE_SIZE * (DEMO_RATE_LIMITED_PAGE - 1)) return
      // The first pages go through, then one 429: the sync screen shows how waits look. Queued as this
      // sync starts, so the fault meets this sync and not another integration's.
      standIn.setFaults([
        ...Array.from({ length: DEMO_RATE_LIMITED_PAGE - 1 }, () => null),
        { kind: 'rate-limited', seconds: demoRateLimitSeconds() },
      ])
    },
    close: () => standIn.close(),
  }
}
