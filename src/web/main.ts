import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { messageOf } from '../shared/result'
import { APP_VERSION } from '../shared/version'
import { openDatabase } from '../main/core/store/database'
import { createHostApp, memorySecrets, type HostApp } from '../main/host/hostApp'
import { startWebHost, type WebHost } from './server'

export { startWebHost, type WebHost, type WebHostOptions } from './server'
export { TOKEN_HEADER } from '../shared/protocol'

const USAGE = `usage: npm run web -- [--db FILE] [--port N] [--demo] [--token T]

  --db FILE    the SQLite file to work in (default ./reconciliation.db)
  --port N     port on 127.0.0.1 (default: a free one)
  --demo       use the embedded demo HRIS even when KOMBO_API_KEY is set
  --token T    a fixed access token (tests); by default a random one per run

KOMBO_API_KEY, when set, is kept in this process's memory only.`

const projectRoot = resolve(import.meta.dirname, '..', '..')

export interface WebMainOptions {
  db: string
  port: number
  demo: boolean
  token?: string
  rendererDir?: string
  apiKey?: string | null
}

export interface RunningWebDesk {
  host: WebHost
  app: HostApp
  close(): Promise<void>
}

/** Opens the database, the use-cases (with the demo HRIS when wanted) and the loopback server. */
export async function startWebDesk(options: WebMainOptions): Promise<RunningWebDesk> {
  const db = openDatabase(options.db)
  const apiKey = options.demo ? null : (options.apiKey ?? null)
  const app = await createHostApp({
    db,
    secrets: memorySecrets(apiKey),
    version: APP_VERSION,
    demo: options.demo ? 'force' : 'auto',
    matchOffThread: true,
  })
  try {
    const host = await startWebHost({
      call: app.call,
      rendererDir: options.rendererDir ?? join(projectRoot, 'out', 'renderer'),
      port: options.port,
      ...(options.token ? { token: options.token } : {}),
    })
    return {
      host,
      app,
      async close() {
        await host.close()
        await app.close()
      },
    }
  } catch (cause) {
    await app.close()
    throw cause
  }
}

function parseCommandLine(argv: string[]): WebMainOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  })
  if (values.help) return 'help'
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`)
  if (values.token !== undefined && values.token.length < 16)
    throw new Error('--token must be at least 16 characters')
  return {
    db: resolve(values.db ?? 'reconciliation.db'),
    port,
    demo: values.demo ?? false,
    ...(values.token ? { token: values.token } : {}),
    apiKey: process.env.KOMBO_API_KEY?.trim() || null,
  }
}

async function main(argv: string[]): Promise<void> {
  let options: WebMainOptions | 'help'
  try {
    options = parseCommandLine(argv)
  } catch (cause) {
    process.stderr.write(`error: ${messageOf(cause)}\n${USAGE}\n`)
    process.exitCode = 64
    return
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const desk = await startWebDesk(options)
  const mode = desk.app.context.demo ? 'demo HRIS (no API key)' : 'Kombo'
  if (desk.app.demoProblem) process.stderr.write(`warning: demo HRIS unavailable: ${desk.app.demoProblem}\n`)
  process.stdout.write(`HRIS reconciliation desk (${mode}), database ${options.db}\nopen ${desk.host.url}\n`)
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    desk.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

const isEntryPoint =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href
if (isEntryPoint) {
  main(process.argv.slice(2)).catch((cause: unknown) => {
    process.stderr.write(`error: ${messageOf(cause)}\n`)
    process.exitCode = 1
  })
}
