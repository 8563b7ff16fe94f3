import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The better-sqlite3 addon that npm built targets the Node that ran npm, not Electron's ABI. The start
 * script fetches an Electron-ABI copy beside it (scripts/start-electron.mjs writes the same path and
 * passes it in DESK_SQLITE_BINDING); the database is opened with it through better-sqlite3's
 * `nativeBinding` option. Returns undefined to use the default addon (a packaged, rebuilt app).
 */
export function electronSqliteBinding(
  appPath: string,
  abi: string = process.versions.modules,
): string | undefined {
  const fromEnv = process.env.DESK_SQLITE_BINDING
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  const beside = join(
    appPath,
    'node_modules',
    '.cache',
    'hris-desk',
    `better-sqlite3-electron-abi${abi}`,
    'build',
    'Release',
    'better_sqlite3.node',
  )
  return existsSync(beside) ? beside : undefined
}
