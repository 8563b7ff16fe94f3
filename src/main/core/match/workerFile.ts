import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Where the worker module `name` is for code at `callerUrl` (its import.meta.url): under tsx (tests,
 * development) the `.dev.mjs` shim beside the TypeScript source; in a build, the built file beside the
 * bundle's entry files, which is the caller's folder or, when the bundler put the caller in a shared
 * chunk (the Electron main build), the folder above. The Electron main build is .js beside `name`.js; the
 * CLI's CommonJS bundle (.cjs) sits beside `name`.mjs. Null when the build has none: the caller then does
 * the work in its own thread.
 */
export function workerFileUrl(callerUrl: string, name: string): URL | null {
  if (callerUrl.endsWith('.ts')) return new URL(`./${name}.dev.mjs`, callerUrl)
  const file = `${name}${callerUrl.endsWith('.js') ? '.js' : '.mjs'}`
  for (const url of [new URL(`./${file}`, callerUrl), new URL(`../${file}`, callerUrl)]) {
    if (url.protocol !== 'file:' || existsSync(fileURLToPath(url))) return url
  }
  return null
}
