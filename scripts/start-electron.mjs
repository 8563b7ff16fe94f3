#!/usr/bin/env node
/**
 * `npm start`: runs the desktop app, first fetching what `npm install` does not:
 *
 * 1. The Electron binary. Electron 45 downloads it lazily, and electron-vite does not trigger that (it
 *    reads node_modules/electron/path.txt and stops with "Electron uninstall"), so this runs electron's
 *    own install-electron step when the binary is missing.
 * 2. A better-sqlite3 addon built for Electron's ABI. The one npm built targets the Node that ran npm;
 *    rebuilding it in place would break the CLI and the tests, so an Electron copy is fetched with
 *    prebuild-install into node_modules/.cache and handed to the app in DESK_SQLITE_BINDING (the
 *    Electron host opens the database with better-sqlite3's nativeBinding option).
 * 3. electron-vite: `preview` (build, then run the built app) by default, `dev` with --dev.
 *
 * When a download is impossible it prints one line saying so and suggests `npm run web`, which runs the
 * same app in a browser with no download at all.
 */
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

const projectRoot = resolve(import.meta.dirname, '..')
const require = createRequire(join(projectRoot, 'package.json'))
/** The Electron zip is ~100 MB; a slow line gets ten minutes before the start is given up. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60 * 1000
const WEB_HINT = 'run `npm run web` to use the desk in a browser instead'

function fail(message) {
  process.stderr.write(`error: ${message}\n`)
  process.exit(1)
}

/** The first line of what a failed child printed, as the reason in our one-line message. */
function reasonOf(result) {
  if (result.error) return result.error.code === 'ETIMEDOUT' ? 'download timed out' : result.error.message
  const line = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text !== '' && !text.startsWith('at ') && !/^prebuild-install (info|http)/.test(text))
  return (line ?? `exit code ${result.status}`)
    .replace(/^prebuild-install (warn|WARN|ERR!) \S+ /, '')
    .slice(0, 160)
}

// Resolving package.json files only: requiring 'electron' itself would start its own download.
const electronDir = dirname(require.resolve('electron/package.json'))
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
const electronAbi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim()

function electronBinaryPresent() {
  if (process.env.ELECTRON_EXEC_PATH) return existsSync(process.env.ELECTRON_EXEC_PATH)
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return false
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist')
  return existsSync(join(distDir, readFileSync(pathFile, 'utf8')))
}

function ensureElectronBinary() {
  if (electronBinaryPresent()) return
  process.stdout.write(`Downloading Electron ${electronVersion} (first start only)…\n`)
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: DOWNLOAD_TIMEOUT_MS,
  })
  if (result.status !== 0 || !electronBinaryPresent()) {
    fail(`cannot download the Electron ${electronVersion} binary (${reasonOf(result)}); ${WEB_HINT}`)
  }
}

/**
 * Same path as src/main/platform/sqliteBinding.ts looks in (the app is also told it explicitly).
 * DESK_NATIVE_CACHE_DIR moves it, for tests that must not touch a developer's real copy.
 */
function electronSqliteDir() {
  const cacheRoot =
    process.env.DESK_NATIVE_CACHE_DIR ?? join(projectRoot, 'node_modules', '.cache', 'hris-desk')
  return join(cacheRoot, `better-sqlite3-electron-abi${electronAbi}`)
}

function ensureElectronSqlite() {
  const dir = electronSqliteDir()
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node')
  if (existsSync(binding)) return binding
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'))
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version
  let prebuildBin
  try {
    prebuildBin = createRequire(join(sqliteDir, 'package.json')).resolve('prebuild-install/bin.js')
  } catch {
    fail(`prebuild-install is missing (it comes with better-sqlite3); run npm install, or ${WEB_HINT}`)
  }
  process.stdout.write(
    `Fetching better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${electronAbi})…\n`,
  )
  // prebuild-install reads the package's name, version and repository from the working directory and
  // unpacks build/Release there, so it runs in its own directory with a copy of the manifest.
  mkdirSync(dir, { recursive: true })
  copyFileSync(join(sqliteDir, 'package.json'), join(dir, 'package.json'))
  const env = { ...process.env }
  // npm start exports npm_config_* for this project; none of them is meant for the addon download.
  for (const key of Object.keys(env))
    if (key.startsWith('npm_config_build_from_source') || key === 'npm_package_from') delete env[key]
  const result = spawnSync(
    process.execPath,
    [
      prebuildBin,
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      process.arch,
      '--platform',
      process.platform,
    ],
    { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: DOWNLOAD_TIMEOUT_MS },
  )
  if (result.status !== 0 || !existsSync(binding)) {
    rmSync(dir, { recursive: true, force: true })
    fail(
      `cannot fetch better-sqlite3 ${sqliteVersion} built for Electron ${electronVersion} (${reasonOf(result)}); ` +
        `with network access run npm start again, or ${WEB_HINT}`,
    )
  }
  return binding
}

function startElectronVite(binding) {
  const dev = process.argv.includes('--dev')
  const electronViteDir = dirname(require.resolve('electron-vite/package.json'))
  const bin = join(
    electronViteDir,
    JSON.parse(readFileSync(join(electronViteDir, 'package.json'), 'utf8')).bin['electron-vite'],
  )
  const child = spawn(process.execPath, [bin, dev ? 'dev' : 'preview'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, DESK_SQLITE_BINDING: binding },
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
}

ensureElectronBinary()
startElectronVite(ensureElectronSqlite())
