import type { SyncProgress } from '../../shared/dto/sync'
import { KOMBO_EU_BASE_URL } from '../../main/core/app/context'
import { checkBaseUrl } from '../../main/core/kombo/keyDestination'
import {
  EXIT,
  UsageError,
  openCliApp,
  optionalString,
  printJson,
  type CliCommand,
  INTEGRATION_OPTIONS,
  integrationTarget,
} from '../cli'

/** A progress line every this many pages keeps logs readable for 200-page companies. */
const PAGES_PER_PROGRESS_LINE = 20

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: 'sync --db F --integration ID [--base-url URL] [--full] [--no-wait] [--json]',
  options: {
    ...INTEGRATION_OPTIONS,
    'base-url': { type: 'string' },
    full: { type: 'boolean' },
    'no-wait': { type: 'boolean' },
  },
  async run(values, io) {
    const { dbPath, integrationId } = integrationTarget(values)
    const baseUrl = optionalString(values, 'base-url')
    const typed = baseUrl === undefined ? null : checkBaseUrl(baseUrl)
    if (typed !== null && !typed.ok) {
      throw new UsageError(
        `--base-url must be Kombo's API root with /v1, e.g. ${KOMBO_EU_BASE_URL} (${typed.reason})`,
      )
    }
    if (typed?.ok && typed.loopbackStandIn) {
      io.stderr(`note: ${typed.origin} is plain http on this machine: a demo or test stand-in, not Kombo\n`)
    }
    // The key goes to the base URL typed in this command, never to one merely read from the database.
    const app = await openCliApp(dbPath, io, typed?.ok ? { keyOrigin: typed.origin } : {})
    const abort = new AbortController()
    const onSignal = () => abort.abort()
    process.once('SIGINT', onSignal)
    try {
      await app.call('integrations:connect', { integrationId, ...(baseUrl ? { baseUrl } : {}) })
      let lastWait: string | null = null
      // The run reports its last page again as it finishes: that page's line is printed once.
      let printedPages = 0
      const onProgress = (progress: SyncProgress) => {
        if (progress.waiting) {
          const { message, ms, attempt } = progress.waiting
          lastWait = `${message}; retrying in ${formatMs(ms)} (attempt ${attempt})`
          io.stderr(`${lastWait}\n`)
        } else if (progress.pages > printedPages && progress.pages % PAGES_PER_PROGRESS_LINE === 0) {
          printedPages = progress.pages
          io.stderr(`${progress.pages} pages, ${progress.records} employees\n`)
        }
      }
      const run = await app.call(
        'sync:run',
        { integrationId, full: values.full === true, noWait: values['no-wait'] === true },
        { onProgress, signal: abort.signal },
      )
      if (values.json) {
        printJson(io, run)
      } else {
        const skipped = run.skippedRecords > 0 ? `, ${run.skippedRecords} malformed records skipped` : ''
        io.stdout(
          `${run.outcome}: ${run.mode} sync of ${integrationId}: ${run.records} employees in ${run.pages} pages ` +
            `(${run.inserted} new, ${run.updated} updated, ${run.deleted} deleted, ${run.vanished} vanished${skipped})\n`,
        )
      }
      return EXIT.ok
    } finally {
      process.off('SIGINT', onSignal)
      await app.close()
    }
  },
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
}
