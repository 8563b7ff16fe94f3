import type { ParseArgsConfig } from 'node:util'
import type { ApiName, ApiRequest, ApiResponses, CallContext } from '../shared/api'
import { AppFailure } from '../shared/result'
import { APP_VERSION } from '../shared/version'
import { openDatabase } from '../main/core/store/database'
import { createHostApp } from '../main/host/hostApp'

export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>

export interface CliIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
}

export interface CliCommand {
  name: string
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  run(values: CliValues, io: CliIO): Promise<number>
}

/** Exit codes (sysexits.h where one fits). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 64,
  /** EX_TEMPFAIL: try again later (Kombo's first sync is still running). */
  tempfail: 75,
} as const

export class UsageError extends Error {}

export function requireString(values: CliValues, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`)
  return value
}

export function optionalString(values: CliValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

export interface CliApp {
  call<N extends ApiName>(name: N, request: ApiRequest<N>, context?: CallContext): Promise<ApiResponses[N]>
  close(): Promise<void>
}

/**
 * Opens the database and the use-cases for one CLI invocation: the same HostApp the desktop and web
 * hosts run, without the demo HRIS (the CLI reads Kombo, or says the key is missing). Failures come
 * back as AppFailure for runCli to print as one line.
 */
export async function openCliApp(
  dbPath: string,
  io: CliIO,
  options: { defaultBaseUrl?: string } = {},
): Promise<CliApp> {
  const apiKey = io.env.KOMBO_API_KEY?.trim() || null
  const host = await createHostApp({
    db: openDatabase(dbPath),
    secrets: { getApiKey: () => apiKey },
    version: APP_VERSION,
    demo: 'off',
    ...(options.defaultBaseUrl ? { defaultBaseUrl: options.defaultBaseUrl } : {}),
  })
  return {
    async call(name, request, context = {}) {
      const result = await host.call(name, request, context)
      if (!result.ok) throw new AppFailure(result.error)
      return result.value
    },
    close: () => host.close(),
  }
}

/** Runs one command body with the app open, closing the database whatever happens. */
export async function withCliApp<T>(
  dbPath: string,
  io: CliIO,
  body: (app: CliApp) => Promise<T>,
): Promise<T> {
  const app = await openCliApp(dbPath, io)
  try {
    return await body(app)
  } finally {
    await app.close()
  }
}

export function printJson(io: CliIO, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n')
}
