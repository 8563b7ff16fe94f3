import { safeStorage } from 'electron'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import type { ApiKeyBinding, SecretSource } from '../core/app/context'

export interface SafeStorageSecrets extends SecretSource {
  /** False when the OS offers no keychain: the key is then kept for this session only, never on disk. */
  persistent: boolean
}

/**
 * The stored plaintext: JSON with the key and the origin it is bound to. A file written before keys were
 * bound holds the bare key, which is then for Kombo's own hosts only.
 */
function readBinding(plaintext: string): ApiKeyBinding | null {
  try {
    const parsed = JSON.parse(plaintext) as Partial<ApiKeyBinding> | null
    if (parsed && typeof parsed.apiKey === 'string' && parsed.apiKey !== '') {
      return { apiKey: parsed.apiKey, origin: typeof parsed.origin === 'string' ? parsed.origin : null }
    }
  } catch {
    // not JSON: a bare key
  }
  return plaintext ? { apiKey: plaintext, origin: null } : null
}

/**
 * The Kombo API key, encrypted at rest with the OS keychain (safeStorage) in the user data directory.
 * It lives only in the main process: the renderer can set it through 'secrets:set-api-key' but no API
 * entry returns it.
 */
export function createSafeStorageSecrets(filePath: string, log: (line: string) => void): SafeStorageSecrets {
  // On Linux without a keyring Electron falls back to a hard-coded password ('basic_text'); that is not
  // encryption, so the key is then not written at all.
  const persistent =
    safeStorage.isEncryptionAvailable() &&
    !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
  let cached: ApiKeyBinding | null = null
  let loaded = false

  function load(): ApiKeyBinding | null {
    if (!persistent || !existsSync(filePath)) return null
    try {
      return readBinding(safeStorage.decryptString(readFileSync(filePath)))
    } catch {
      // A key encrypted under another OS account or keychain cannot be read; ask for it again.
      log('the stored API key could not be decrypted; set it again')
      return null
    }
  }

  return {
    persistent,
    getApiKey() {
      if (!loaded) {
        cached = load()
        loaded = true
      }
      return cached
    },
    setApiKey(apiKey: string, origin: string | null) {
      cached = apiKey.trim() ? { apiKey: apiKey.trim(), origin } : null
      loaded = true
      if (!persistent) {
        log('no OS keychain available: the API key is kept for this session only')
        return
      }
      if (cached === null) {
        rmSync(filePath, { force: true })
        return
      }
      // Write then rename, so a crash never leaves half a key behind.
      const staging = `${filePath}.tmp`
      writeFileSync(staging, safeStorage.encryptString(JSON.stringify(cached)), { mode: 0o600 })
      renameSync(staging, filePath)
    },
  }
}
