import type { ParseArgsConfig } from 'node:util'
import type { ApiName, ApiRequest, ApiResponses, ApiHandlers, CallContext } from '../shared/api'
import { dispatch } from '../main/core/app/dispatch'
import { AppFailure } from '../shared/result'
import { APP_VERSION } from '../shared/version'
import { createApp } from '../main/core/app'
import { openDatabase, type Database } from '../main/core/store/database'
import { systemClock } from '../main/core/time'
import { KOMBO_EU_BASE_URL } from '../main/core/app/context'

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
  db: Database
  call<N extends ApiName>(name: N, request: ApiRequest<N>, context?: CallContext): Promise<ApiResponses[N]>
  close(): void
}

/** Opens the database and the use-cases for one CLI invocation; failures become AppFailure. */
export function openCliApp(dbPath: string, io: CliIO, options: { defaultBaseUrl?: string } = {}): CliApp {
  const db = openDatabase(dbPath)
  const apiKey = io.env.KOMBO_API_KEY?.trim() || null
  const handlers: ApiHandlers = createApp({
    db,
    clock: systemClock,
    secrets: { getApiKey: () => apiKey },
    defaultBaseUrl: options.defaultBaseUrl ?? KOMBO_EU_BASE_URL,
    version: APP_VERSION,
  })
  return {
    db,
    async call(name, request, context = {}) {
      const result = await dispatch(handlers, name, request, context)
      if (!result.ok) throw new AppFailure(result.error)
      return result.value
    },
    close: () => db.close(),
  }
}

/** Runs one command body with the app open, closing the database whatever happens. */
export async function withCliApp<T>(
  dbPath: string,
  io: CliIO,
  body: (app: CliApp) => Promise<T>,
): Promise<T> {
  const app = openCliApp(dbPath, io)
  try {
    return await body(app)
  } finally {
    app.close()
  }
}

export function printJson(io: CliIO, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n')
}
