import { app } from 'electron'
import { join } from 'node:path'

/** Where the desktop app keeps its files: Electron's per-user data directory. */
export interface DeskPaths {
  userData: string
  database: string
  /** The Kombo API key, encrypted with safeStorage (never plain text). */
  encryptedApiKey: string
}

export function deskPaths(): DeskPaths {
  const userData = app.getPath('userData')
  return {
    userData,
    database: join(userData, 'reconciliation.db'),
    encryptedApiKey: join(userData, 'kombo-api-key.bin'),
  }
}
