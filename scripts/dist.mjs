#!/usr/bin/env node
/**
 * `npm run dist` (after `npm run build`): packages the desktop app with electron-builder for this
 * platform, or for the targets given after `--` (e.g. `npm run dist -- --linux AppImage`).
 *
 * electron-builder rebuilds better-sqlite3 for Electron's ABI in place, in node_modules. That addon
 * no longer loads in Node, which the CLI, the web host and the tests run on, so the Node build is set
 * aside first and put back afterwards, whether packaging worked or not.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const projectRoot = resolve(import.meta.dirname, '..')
const require = createRequire(join(projectRoot, 'package.json'))

function fail(message) {
  process.stderr.write(`error: ${message}\n`)
  process.exit(1)
}

if (!existsSync(join(projectRoot, 'out', 'main', 'index.js')))
  fail('the app is not built (out/main/index.js is missing): run npm run build first, or use npm run dist')

const addonDir = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release')
const saved = mkdtempSync(join(tmpdir(), 'desk-node-sqlite-'))
const hadAddon = existsSync(addonDir)
if (hadAddon) cpSync(addonDir, saved, { recursive: true })

const builderPackage = require.resolve('electron-builder/package.json')
const builderCli = join(dirname(builderPackage), require(builderPackage).bin['electron-builder'])
// Ctrl-C reaches electron-builder too; this process waits for it to stop and then restores the addon.
process.on('SIGINT', () => undefined)
let result
try {
  result = spawnSync(process.execPath, [builderCli, ...process.argv.slice(2)], {
    cwd: projectRoot,
    stdio: 'inherit',
  })
} finally {
  if (hadAddon) {
    rmSync(addonDir, { recursive: true, force: true })
    cpSync(saved, addonDir, { recursive: true })
  }
  rmSync(saved, { recursive: true, force: true })
}
if (result.error) fail(`electron-builder did not run (${result.error.message})`)
if (result.status !== 0) {
  fail(
    'packaging failed (see electron-builder above); its first run needs network access to download ' +
      'Electron and the better-sqlite3 build for it',
  )
}
process.stdout.write(`Packages are in ${join(projectRoot, 'dist')}\n`)
