import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * `npm start` where nothing can be downloaded: every download points at a closed loopback port, so the
 * outcome is the same with or without internet, and nothing of a developer's real setup is touched.
 */
const UNREACHABLE = 'http://127.0.0.1:9/'
const script = join(import.meta.dirname, '..', '..', '..', 'scripts', 'start-electron.mjs')

function runStart(extraEnv: Record<string, string>) {
  const scratch = mkdtempSync(join(tmpdir(), 'desk-start-'))
  const result = spawnSync(process.execPath, [script], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: scratch,
      ELECTRON_MIRROR: UNREACHABLE,
      electron_config_cache: join(scratch, 'electron-cache'),
      npm_config_better_sqlite3_binary_host: UNREACHABLE,
      npm_config_cache: join(scratch, 'npm-cache'),
      DESK_NATIVE_CACHE_DIR: join(scratch, 'native'),
      ...extraEnv,
    },
  })
  return { ...result, scratch }
}

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '')
}

describe('npm start without a way to download', () => {
  it('stops with one line when the Electron binary cannot be fetched', () => {
    // An empty dist folder counts as "no binary" even where Electron was installed for real.
    const result = runStart({ ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'desk-no-electron-')) })
    expect(result.status).toBe(1)
    const lines = errorLines(result.stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^error: cannot download the Electron \d+\.\d+\.\d+ binary \(.+\); run `npm run web`/,
    )
  })

  it('stops with one line when the Electron-ABI sqlite addon cannot be fetched, leaving nothing behind', () => {
    // An existing "Electron" skips the first download, so the addon step is what fails.
    const result = runStart({ ELECTRON_EXEC_PATH: process.execPath })
    expect(result.status).toBe(1)
    const lines = errorLines(result.stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^error: cannot fetch better-sqlite3 \S+ built for Electron \S+ \(.+\);.*`npm run web`/,
    )
    const native = join(result.scratch, 'native')
    expect(existsSync(native) ? readdirSync(native) : []).toEqual([])
  })
})
