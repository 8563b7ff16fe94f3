import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The better-sqlite3 addon that npm built targets the Node that ran npm, not Electron's ABI. In a
 * checkout, the start script fetches an Electron-ABI copy beside it (scripts/start-electron.mjs writes
 * the same path and passes it in DESK_SQLITE_BINDING); the database is opened with it through
 * better-sqlite3's `nativeBinding` option. Returns undefined to use the default addon, which is what a
 * packaged app always does: electron-builder rebuilt it for Electron and unpacked it from the asar.
 */
export function electronSqliteBinding(
  appPath: string,
  options: {
    isPackaged: boolean
    /** DESK_SQLITE_BINDING, already dropped by developmentSwitches() in a packaged app. */
    fromEnv: string | undefined
    abi?: string
  },
): string | undefined {
  if (options.isPackaged) return undefined
  if (options.fromEnv && existsSync(options.fromEnv)) return options.fromEnv
  const beside = join(
    appPath,
    'node_modules',
    '.cache',
    'hris-desk',
    `better-sqlite3-electron-abi${options.abi ?? process.versions.modules}`,
    'build',
    'Release',
    'better_sqlite3.node',
  )
  return existsSync(beside) ? beside : undefined
}
