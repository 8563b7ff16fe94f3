#!/usr/bin/env node
// Runs the bundled CLI (built on install and by `npm run build`) when it is at least as new as every
// source file; otherwise the TypeScript sources through tsx, so an edited tree never runs stale code.
// tsx is a development dependency: where it is not installed, the bundle runs as it is.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const bundle = new URL('../out/cli/kombo-reconcile.mjs', import.meta.url)
const sourceDir = fileURLToPath(new URL('../src/', import.meta.url))

function bundleIsFresh() {
  let bundleTime
  try {
    bundleTime = statSync(bundle).mtimeMs
  } catch {
    return false
  }
  for (const entry of readdirSync(sourceDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue
    if (statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs > bundleTime) return false
  }
  return true
}

function tsxIsInstalled() {
  try {
    import.meta.resolve('tsx/esm/api')
    return true
  } catch {
    return false
  }
}

let cli
if (existsSync(bundle) && (bundleIsFresh() || !tsxIsInstalled())) {
  cli = await import(bundle.href)
} else if (tsxIsInstalled()) {
  const { register } = await import('tsx/esm/api')
  register()
  cli = await import('../src/cli/main.ts')
} else {
  process.stderr.write('error: the CLI is not built; run npm run build (or npm install) first\n')
  process.exit(1)
}
cli.runAsProcess()
