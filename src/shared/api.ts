import { z } from 'zod'
import type { Result } from './result'
import type { EmployeeTable, StoredEmployee } from './dto/employees'
import type { IntegrationSummary, SyncProgress, SyncRunSummary } from './dto/sync'
import { LEGACY_ROLES, type LegacyImportSummary, type LegacyRole, type LegacyUser } from './dto/legacy'
import {
  BULK_ACCEPT_METHODS,
  type BatchUndoOutcome,
  type BulkAcceptOutcome,
  type DecisionEvent,
  type MatchOutput,
  type MatchProgress,
  type MatchOutcomeCounts,
  type MatchRunOutcome,
  type MatchResult,
  type ReviewFirstRows,
} from './dto/match'
import type { ActionPlan, StreamedPlanField } from './dto/diff'
import type { DriftReport, OutcomeGuidance } from './dto/outcome'
import type { SYNC_PROGRESS_EVENT } from './protocol'

/**
 * The single contract between the UI and the core. Every host (Electron IPC, the loopback web host,
 * the CLI) is an adapter over this map: requests are parsed with these schemas at the boundary, and a
 * use-case missing here does not compile anywhere. Each schema is built when its call is first parsed
 * (requestSchema below): a CLI process makes one call, and building all of them cost its start-up more
 * than the call's own parse.
 */
const integrationId = () => z.string().trim().min(1, 'integration id is required').max(200)
const apiKey = () => z.string().trim().min(8, 'the API key looks too short').max(500)
/** role -> header name, overriding the detected header roles of a legacy CSV. */
const legacyRoleMap = () => z.partialRecord(z.enum(LEGACY_ROLES as [LegacyRole, ...LegacyRole[]]), z.string())

/**
 * The id of the latest decision event about the user that the caller's view rests on (null: none yet).
 * When given, a decision made meanwhile elsewhere makes the call fail with CONFLICT instead of overriding it.
 */
const decisionBasis = () => z.number().int().positive().nullable().optional()

const requestSchemas = {
  'app:info': () => z.object({}),
  'secrets:set-api-key': () => z.object({ apiKey: apiKey() }),
  'integrations:list': () => z.object({}),
  'integrations:connect': () =>
    z.object({
      integrationId: integrationId(),
      customerId: z.string().trim().max(200).optional(),
      baseUrl: z.url().optional(),
      /** Required with a base URL that is not Kombo's: the key is then bound to that origin. */
      apiKey: apiKey().optional(),
    }),
  'sync:run': () =>
    z.object({
      integrationId: integrationId(),
      full: z.boolean().optional(),
      noWait: z.boolean().optional(),
    }),
  'sync:cancel': () => z.object({ integrationId: integrationId() }),
  /** The syncs running in this desk right now, with their latest progress (a reload finds them again). */
  'sync:active': () => z.object({}),
  'sync:runs': () => z.object({ integrationId: integrationId() }),
  'sync:import-webhook': () => z.object({ integrationId: integrationId().optional(), payload: z.unknown() }),
  'employees:list': () => z.object({ integrationId: integrationId() }),
  /** The same employees as `employees:list`, as a table (one array of values per employee). */
  'employees:table': () => z.object({ integrationId: integrationId() }),
  'legacy:import': () =>
    z.object({
      integrationId: integrationId(),
      fileName: z.string().min(1).max(500),
      /**
       * The file's bytes, base64-encoded (encodings are sniffed from the bytes, not assumed). A host that
       * reads the file itself (the CLI, from disk) passes it as the call's `legacyFile` instead.
       */
      contentBase64: z.string().optional(),
      map: legacyRoleMap().optional(),
      /**
       * Go ahead although users with review decisions are missing from the file. Their decisions are set
       * aside by user id, never deleted, and apply again when those users return in a later import.
       */
      dropDecisions: z.boolean().optional(),
      /** Go ahead although the file leaves out more than 5% of the previous import's users. */
      allowShrink: z.boolean().optional(),
    }),
  'legacy:list': () => z.object({ integrationId: integrationId() }),
  'match:run': () => z.object({ integrationId: integrationId() }),
  /** The stored match results while their inputs are unchanged (matching runs only when they moved). */
  'match:results': () =>
    z.object({
      integrationId: integrationId(),
      /** Only these users' results (after a decision, the rows it changed); the summary is always whole. */
      userIds: z.array(z.string().min(1)).max(10_000).optional(),
      /**
       * 'list': what the review list shows, without candidates and reasons (their count is given), for
       * opening Review on a large file; 'full' (the default) includes them.
       */
      view: z.enum(['full', 'list']).optional(),
    }),
  /**
   * The first rows of Review's list in file order, each with its candidates, and the legacy users and
   * employees they name: what Review paints first, in the same time for 1,000 users as for 100,000,
   * while the whole list follows (match:results in its list view). 'auto' shows the suggestions when
   * there are any, else every user.
   */
  'match:first-rows': () =>
    z.object({
      integrationId: integrationId(),
      filter: z.enum(['auto', 'all', 'matched', 'suggested', 'unmatched']),
      limit: z.number().int().min(1).max(1000),
    }),
  /** The stored results counted by status and by what linked them (matching runs if its inputs moved). */
  'match:outcome': () => z.object({ integrationId: integrationId() }),
  'match:decide': () =>
    z.object({
      integrationId: integrationId(),
      userId: z.string().min(1),
      kind: z.enum(['accept', 'reject', 'manual', 'none']),
      komboId: z.string().min(1).optional(),
      basedOn: decisionBasis(),
      /** Take the employee from the user it is linked to now (that pair is rejected in the same step). */
      moveLink: z.boolean().optional(),
    }),
  'match:undo': () =>
    z.object({
      integrationId: integrationId(),
      userId: z.string().min(1),
      basedOn: decisionBasis(),
      /** The decision to undo; by default the user's latest one not undone yet. */
      eventId: z.number().int().positive().optional(),
    }),
  'match:accept-domain': () =>
    z.object({ integrationId: integrationId(), from: z.string().min(1), to: z.string().min(1) }),
  'match:decisions': () => z.object({ integrationId: integrationId() }),
  /**
   * Accepts every current suggestion of a method and/or at or above a score, as one batch in one
   * transaction (at least one criterion is required). `dryRun` only lists the pairs; `expected` (the
   * pairs a preview listed) makes applying refuse with CONFLICT when the suggestions changed since.
   */
  'match:accept-bulk': () =>
    z
      .object({
        integrationId: integrationId(),
        method: z.enum(BULK_ACCEPT_METHODS).optional(),
        minScore: z.number().min(0).max(1).optional(),
        dryRun: z.boolean().optional(),
        expected: z
          .array(z.object({ userId: z.string().min(1), komboId: z.string().min(1) }))
          .max(200_000)
          .optional(),
      })
      .refine((request) => request.method !== undefined || request.minScore !== undefined, {
        message: 'name a method or a minimum score: accepting every suggestion at once is not offered',
      }),
  /** Undoes every decision of a batch still in force, as one new batch. */
  'match:undo-batch': () => z.object({ integrationId: integrationId(), batch: z.number().int().positive() }),
  'diff:get': () => z.object({ integrationId: integrationId() }),
  'diff:confirm-removals': () => z.object({ integrationId: integrationId() }),
  'diff:set-guard': () => z.object({ integrationId: integrationId(), threshold: z.number().min(0).max(1) }),
  'diff:drift': () =>
    z.object({
      integrationId: integrationId(),
      fromRunId: z.number().int().optional(),
      toRunId: z.number().int().optional(),
    }),
  'export:mapping': () => z.object({ integrationId: integrationId(), format: z.enum(['csv', 'json']) }),
  'export:list': () =>
    z.object({
      integrationId: integrationId(),
      list: z.enum(['add', 'update', 'remove']),
      format: z.enum(['csv', 'json']),
    }),
} as const

export type ApiName = keyof typeof requestSchemas
/** Each call's request schema, as its entry in requestSchemas builds it. */
type RequestSchemas = { [N in ApiName]: ReturnType<(typeof requestSchemas)[N]> }
export type ApiRequest<N extends ApiName> = z.input<RequestSchemas[N]>

export interface AppInfo {
  version: string
  /** True when no API key is set and the embedded demo HRIS answers instead of Kombo. */
  demo: boolean
  hasApiKey: boolean
}

export interface ExportFile {
  fileName: string
  mimeType: string
  content: string
  rows: number
  /** CSV cells that began like a spreadsheet formula and were prefixed with ' (JSON carries values exactly). */
  cellsNeutralised: number
}

export interface ApiResponses {
  'app:info': AppInfo
  'secrets:set-api-key': { stored: true }
  'integrations:list': IntegrationSummary[]
  'integrations:connect': IntegrationSummary
  'sync:run': SyncRunSummary
  'sync:cancel': { cancelled: boolean }
  'sync:active': SyncProgress[]
  'sync:runs': SyncRunSummary[]
  'sync:import-webhook': { run: SyncRunSummary; guidance: OutcomeGuidance }
  'employees:list': StoredEmployee[]
  'employees:table': EmployeeTable
  'legacy:import': LegacyImportSummary
  'legacy:list': LegacyUser[]
  'match:run': MatchRunOutcome
  'match:results': MatchOutput
  'match:first-rows': ReviewFirstRows
  'match:outcome': MatchOutcomeCounts
  'match:decide': DecisionEvent
  'match:undo': DecisionEvent
  /** `batch`: the step's number, for undoing the whole domain at once (null when nothing was linked). */
  'match:accept-domain': { accepted: number; batch: number | null }
  'match:decisions': DecisionEvent[]
  'match:accept-bulk': BulkAcceptOutcome
  'match:undo-batch': BatchUndoOutcome
  'diff:get': ActionPlan
  'diff:confirm-removals': ActionPlan
  'diff:set-guard': { threshold: number }
  'diff:drift': DriftReport
  'export:mapping': ExportFile
  'export:list': ExportFile
}

// Compile-time check that every request has a response and vice versa.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const contractIsComplete: Exact<ApiName, keyof ApiResponses> = true
void contractIsComplete

/** Events pushed from the core to the UI while a call runs. */
export interface ApiEvents {
  [SYNC_PROGRESS_EVENT]: SyncProgress
}

export interface CallContext {
  onProgress?: (progress: SyncProgress) => void
  /** Progress of a match run off the host's main thread (web host, Electron main). */
  onMatchProgress?: (progress: MatchProgress) => void
  signal?: AbortSignal
  /**
   * `match:run` hands each result here as it is stored, so a host that prints a large plan (the CLI)
   * never holds all of it; the response carries the summary alone. Asking for the results keeps the
   * match in the calling thread.
   */
  onMatchResult?: (result: MatchResult) => void
  /**
   * `legacy:import` only: the file's bytes, readable from the start more than once, for a host that
   * streams a file from disk rather than sending it base64-encoded. Set by a host, never by a payload.
   */
  legacyFile?: { chunks(): Iterable<Uint8Array> }
  /**
   * `diff:get` only: when the lists are read back as stored (nothing they rest on changed), the plan's
   * fields are handed here in order, each list element as its stored JSON text, so a host that prints a
   * large plan (the CLI) neither parses nor holds it. The response then carries the plan with its lists
   * empty. Not called when the lists are computed: the response carries them whole.
   */
  onPlanField?: (field: StreamedPlanField) => void
}

export type ApiHandler<N extends ApiName> = (
  request: z.output<RequestSchemas[N]>,
  context: CallContext,
) => Promise<Result<ApiResponses[N]>>

export type ApiHandlers = { [N in ApiName]: ApiHandler<N> }

/** What the renderer sees: every entry takes a plain request object and resolves to a Result. */
export type ApiClient = { [N in ApiName]: (request: ApiRequest<N>) => Promise<Result<ApiResponses[N]>> }

export const apiNames = Object.keys(requestSchemas) as ApiName[]

const builtSchemas = new Map<ApiName, RequestSchemas[ApiName]>()

/** The request schema of one call, built on its first use and kept. */
function requestSchema<N extends ApiName>(name: N): RequestSchemas[N] {
  let schema = builtSchemas.get(name)
  if (schema === undefined) builtSchemas.set(name, (schema = requestSchemas[name]()))
  return schema as RequestSchemas[N]
}

/** Parses an untrusted request at a host boundary. */
export function parseRequest<N extends ApiName>(
  name: N,
  payload: unknown,
): Result<z.output<RequestSchemas[N]>> {
  const parsed = requestSchema(name).safeParse(payload ?? {})
  if (parsed.success) return { ok: true, value: parsed.data as z.output<RequestSchemas[N]> }
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  return {
    ok: false,
    error: { code: 'INPUT_INVALID', message: `${name}: ${where}${issue?.message ?? 'invalid request'}` },
  }
}
