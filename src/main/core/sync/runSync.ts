import { createHash } from 'node:crypto'
import type { SyncMode, SyncOutcome, SyncProgress } from '../../../shared/dto/sync'
import { AppFailure, type AppError } from '../../../shared/result'
import { requireIntegration } from '../app/integrations'
import { KomboClient, MAX_PAGE_SIZE, type EmployeesPage } from '../kombo/client'
import { KomboError } from '../kombo/errors'
import { siblingOptions, type Database } from '../store/database'
import type { Clock } from '../time'
import { RetriesExhausted, defaultRetryPolicy, withRetries, type RetryPolicy } from './retryPolicy'
import { finishRun, interruptStaleRuns, startRun, type RunTotals } from './syncRuns'
import { defaultSyncLimits, type SyncLimits } from './syncLimits'
import { WriterThread } from './writerThread'

export interface SyncOptions {
  /** The app's database; the sync writes through its own connection to the same file. */
  db: Database
  clock: Clock
  integrationId: string
  baseUrl: string
  apiKey: string
  full?: boolean
  policy?: Partial<RetryPolicy>
  limits?: Partial<SyncLimits>
  onProgress?: (progress: SyncProgress) => void
  signal?: AbortSignal
}

export interface SyncResult {
  runId: number
  outcome: SyncOutcome
}

/**
 * The run's deadline (see SyncLimits): a base plus a budget per page fetched, plus the time spent
 * waiting for Kombo's first sync. When it passes, `onPassed` aborts the request or wait in flight.
 */
class RunDeadline {
  passed = false
  private readonly startedAtMs = Date.now()
  private firstSyncWaitedMs = 0
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly limits: SyncLimits,
    private readonly onPassed: () => void,
  ) {}

  waitedForFirstSync(ms: number): void {
    this.firstSyncWaitedMs += ms
  }

  arm(pages: number): void {
    clearTimeout(this.timer)
    const budget = this.limits.runBaseMs + this.limits.runPerPageMs * pages + this.firstSyncWaitedMs
    this.timer = setTimeout(
      () => {
        this.passed = true
        this.onPassed()
      },
      Math.max(0, this.startedAtMs + budget - Date.now()),
    )
  }

  elapsedSeconds(): number {
    return Math.round((Date.now() - this.startedAtMs) / 1000)
  }

  clear(): void {
    clearTimeout(this.timer)
  }
}

/** Commits the run's transaction with its watermark and totals; the outcome says whether records were skipped. */
async function commitRun(
  writer: WriterThread,
  run: {
    runId: number
    integrationId: string
    mode: SyncMode
    totals: RunTotals
    fetchStartedAt: string | null
    finishedAt: string
  },
): Promise<SyncOutcome> {
  const { totals } = run
  const outcome: SyncOutcome = totals.skippedRecords > 0 ? 'PARTIALLY_FAILED' : 'SUCCEEDED'
  await writer.commit({
    type: 'commit',
    markVanished: run.mode === 'full',
    watermark: run.fetchStartedAt,
    end: {
      ...totals,
      runId: run.runId,
      integrationId: run.integrationId,
      fetchStartedAt: run.fetchStartedAt,
      finishedAt: run.finishedAt,
      outcome,
      error:
        totals.skippedRecords > 0
          ? {
              code: 'RECORDS_SKIPPED',
              message: `${totals.skippedRecords} records without an id were skipped`,
            }
          : null,
    },
  })
  await writer.terminate()
  return outcome
}

/** A failed, cancelled or refused run: its row records the outcome; nothing it fetched was kept. */
function recordFailedRun(
  db: Database,
  runId: number,
  totals: RunTotals,
  fetchStartedAt: string | null,
  finishedAt: string,
  error: AppError,
): void {
  finishRun(db, runId, {
    ...totals,
    inserted: 0,
    updated: 0,
    deleted: 0,
    vanished: 0,
    fetchStartedAt,
    finishedAt,
    outcome: outcomeFor(error),
    error: { code: error.komboCode ?? error.code, message: error.message, logUrl: error.logUrl ?? null },
  })
}

const progressCounts = ({ pages, records, skippedRecords }: RunTotals) => ({ pages, records, skippedRecords })

/**
 * One sync run (docs/architecture.md, Sync). Pages are fetched with cursor pagination (250, include_deleted) and
 * written by a writer thread inside a single transaction on its own connection that commits only after
 * the last page: a failed, cancelled or killed run leaves the previous employees and watermark
 * untouched (SQLite discards an uncommitted WAL transaction). While the writer stores one page on the
 * second core, this thread downloads and parses the next.
 */
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const { db, clock, integrationId } = options
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.policy }
  const limits: SyncLimits = { ...defaultSyncLimits, ...options.limits }
  interruptStaleRuns(db, integrationId, clock.now().toISOString())
  const { last_sync_started_at: stored } = requireIntegration(db, integrationId)
  const mode: SyncMode = options.full || stored === null ? 'full' : 'incremental'
  const watermark = mode === 'incremental' ? stored : null
  const runId = startRun(db, integrationId, mode, watermark, clock.now().toISOString())

  const totals: RunTotals = { pages: 0, records: 0, skippedRecords: 0, retries: 0, waitedMs: 0 }
  const progress = (waiting: SyncProgress['waiting']) =>
    options.onProgress?.({ integrationId, runId, mode, ...progressCounts(totals), waiting })
  const client = new KomboClient({ baseUrl: options.baseUrl, apiKey: options.apiKey, integrationId, limits })
  let writer: WriterThread | null = null
  // Started now, so that the thread and its connection are ready by the time the first page arrives;
  // no lock is taken before then (the first request may wait minutes for Kombo's first sync).
  const openingWriter = WriterThread.open({ type: 'open', dbPath: db.name, ...siblingOptions(db) })
  openingWriter.catch(() => undefined) // awaited below; avoid an unhandled rejection meanwhile
  // Aborts the page download still in flight when the run ends early, whoever ends it.
  const inFlight = new AbortController()
  const onAbort = () => inFlight.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', onAbort, { once: true })
  let fetchStartedAt: string | null = null
  const deadline = new RunDeadline(limits, () => inFlight.abort())
  const armDeadline = () => deadline.arm(totals.pages)
  // Hashes, not the cursors: a hostile server's cursors could be large.
  const seenCursors = new Set<string>()
  try {
    armDeadline()
    progress(null)
    const fetchPage = async (cursor: string | null): Promise<EmployeesPage> => {
      const outcome = await withRetries(
        () => {
          // The watermark is taken before the first page request that succeeds: after any waiting
          // for the first sync, so that waiting can't hide changes made while Kombo was syncing.
          if (cursor === null) fetchStartedAt = clock.now().toISOString()
          return client.getEmployeesPage(
            { cursor, updatedAfter: watermark, pageSize: MAX_PAGE_SIZE, includeDeleted: true },
            inFlight.signal,
          )
        },
        policy,
        (wait) => {
          if (wait.reason === 'first_sync_pending') {
            deadline.waitedForFirstSync(wait.ms)
            armDeadline()
          }
          progress(wait)
        },
        inFlight.signal,
      )
      totals.retries += outcome.retries
      totals.waitedMs += outcome.waitedMs
      return outcome.value
    }

    let pending: Promise<EmployeesPage> | null = fetchPage(null)
    while (pending !== null) {
      const page: EmployeesPage = await pending
      if (page.next !== null) refuseLoopingCursor(page.next, totals.pages + 1, seenCursors, limits)
      // Start downloading the next page before this one is handed to the writer.
      pending = page.next !== null ? fetchPage(page.next) : null
      pending?.catch(() => undefined) // handled when awaited; avoid an unhandled rejection meanwhile
      if (writer === null) {
        writer = await openingWriter
        await writer.begin({
          type: 'begin',
          integrationId,
          runId,
          now: clock.now().toISOString(),
          maxJsonDepth: limits.maxJsonDepth,
        })
      }
      await writer.write(page)
      totals.pages += 1
      totals.records += page.employees.length
      totals.skippedRecords += page.skipped.length
      armDeadline()
      progress(null)
    }
    if (writer === null) throw new Error('no page was fetched')

    const outcome = await commitRun(writer, {
      runId,
      integrationId,
      mode,
      totals,
      fetchStartedAt,
      finishedAt: clock.now().toISOString(),
    })
    return { runId, outcome }
  } catch (cause) {
    await (writer ?? (await openingWriter.catch(() => null)))?.rollback()
    const error: AppError = deadline.passed
      ? {
          code: 'SYNC_DEADLINE_PASSED',
          message: `the sync of ${integrationId} ran past its deadline (${deadline.elapsedSeconds()} s for ${totals.pages} pages) because ${options.baseUrl} answers too slowly; try again later, ${KEEP}`,
        }
      : explainFailure(cause, integrationId, options.baseUrl, options.signal)
    recordFailedRun(db, runId, totals, fetchStartedAt, clock.now().toISOString(), error)
    throw new AppFailure(error)
  } finally {
    deadline.clear()
    inFlight.abort()
    options.signal?.removeEventListener('abort', onAbort)
    await client.close()
  }
}

/**
 * Stops a run whose server hands out a cursor it gave before (it would page forever), a cursor no URL
 * can carry, or more pages than any company has.
 */
function refuseLoopingCursor(next: string, pagesSoFar: number, seen: Set<string>, limits: SyncLimits): void {
  const stop = (why: string): never => {
    throw new AppFailure({
      code: 'KOMBO_PAGINATION_BROKEN',
      message: `Kombo's pagination did not end: ${why}; the run stopped, ${KEEP}. Try again later, and report it to Kombo if it persists`,
    })
  }
  if (next.length > limits.maxCursorChars) {
    stop(`page ${pagesSoFar} returned a cursor of ${next.length} characters`)
  }
  if (pagesSoFar >= limits.maxPages) {
    stop(`more than ${limits.maxPages} pages of employees`)
  }
  const key = createHash('sha256').update(next).digest('base64')
  if (seen.has(key)) {
    stop(`page ${pagesSoFar} returned a cursor already used in this run`)
  }
  seen.add(key)
}

function outcomeFor(error: AppError): SyncOutcome {
  switch (error.code) {
    case 'KOMBO_AUTH_INVALID':
      return 'AUTHENTICATION_FAILED'
    case 'KOMBO_FIRST_SYNC_PENDING':
      return 'FIRST_SYNC_PENDING'
    case 'SYNC_CANCELLED':
      return 'CANCELLED'
    default:
      return 'FAILED'
  }
}

const KEEP = 'nothing stored was changed'

/** One sentence naming the cause and the fix, for every way a sync can end badly. */
export function explainFailure(
  cause: unknown,
  integrationId: string,
  baseUrl: string,
  signal?: AbortSignal,
): AppError {
  if (signal?.aborted)
    return { code: 'SYNC_CANCELLED', message: `sync of ${integrationId} was cancelled; ${KEEP}` }
  if (cause instanceof AppFailure) return cause.error
  if (cause instanceof RetriesExhausted) {
    const last = cause.last
    if (last.kind === 'timeout') {
      return {
        code: 'KOMBO_TIMEOUT',
        message: `${last.message}, ${cause.attempts} times; check the network and the base URL, then try again later, ${KEEP}`,
      }
    }
    return {
      code: 'KOMBO_RETRIES_EXHAUSTED',
      message: `Kombo kept failing after ${cause.attempts} attempts (last: ${last.message}); try again later, ${KEEP}`,
      komboCode: last.komboCode,
      logUrl: last.logUrl,
    }
  }
  if (cause instanceof KomboError) {
    const where = cause.komboCode ? `HTTP ${cause.status} ${cause.komboCode}` : `HTTP ${cause.status}`
    const extra = { komboCode: cause.komboCode, logUrl: cause.logUrl }
    switch (cause.kind) {
      case 'auth':
        return {
          code: 'KOMBO_AUTH_INVALID',
          message: `Kombo rejected the API key (${where}); set a valid key from the Secrets page of the Kombo dashboard (KOMBO_API_KEY for the CLI)`,
          ...extra,
        }
      case 'not_found':
        return {
          code: 'KOMBO_INTEGRATION_NOT_FOUND',
          message: `Kombo does not know integration ${integrationId} at ${baseUrl} (${where}); check the integration id in the Kombo dashboard and the region (EU https://api.kombo.dev/v1, US https://api.us.kombo.dev/v1)`,
          ...extra,
        }
      case 'permission':
        return {
          code: 'KOMBO_PERMISSION_MISSING',
          message: `Kombo may not read employees of ${integrationId} (${where}: ${cause.message}); ask the customer to grant the missing permission, then sync again`,
          ...extra,
        }
      case 'first_sync_pending':
        return {
          code: 'KOMBO_FIRST_SYNC_PENDING',
          message: `Kombo's first sync of ${integrationId} has not finished yet; run the sync again later, or without --no-wait to wait for it`,
          ...extra,
        }
      case 'not_ready':
        return {
          code: 'KOMBO_INTEGRATION_NOT_READY',
          message: `integration ${integrationId} is not ready (${where}: ${cause.message}); finish its setup in the Kombo dashboard, then sync again`,
          ...extra,
        }
      case 'unreachable':
        return {
          code: 'KOMBO_UNREACHABLE',
          message: `cannot reach Kombo at ${baseUrl} (${cause.message}); check the network connection and the base URL`,
        }
      case 'input_invalid':
        return {
          code: 'KOMBO_INPUT_INVALID',
          message: `Kombo refused the request as invalid (${where}: ${cause.message}); run a full sync, and report it with the log URL if it persists`,
          ...extra,
        }
      case 'refused':
        return {
          code: 'KOMBO_RESPONSE_REFUSED',
          message: `${baseUrl} sent ${cause.message}; the sync stopped, ${KEEP}. Check that the base URL is Kombo's API`,
          ...extra,
        }
      case 'rate_limited':
      case 'server':
      case 'transport':
      case 'timeout':
      case 'other':
        return {
          code: 'KOMBO_ERROR',
          message: `Kombo answered ${where}: ${cause.message}; try again later, ${KEEP}`,
          ...extra,
        }
    }
  }
  const message = cause instanceof Error ? cause.message : String(cause)
  if (/SQLITE_BUSY|database is locked/i.test(message)) {
    return {
      code: 'SYNC_IN_PROGRESS',
      message: `another sync is writing to this database; wait for it to finish, ${KEEP}`,
    }
  }
  return { code: 'INTERNAL', message: `sync failed unexpectedly (${message}); ${KEEP}` }
}
