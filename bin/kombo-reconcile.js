#!/usr/bin/env node
// Runs the bundled CLI (built on install and by `npm run build`) when it is at least as new as every
// source file; otherwise the TypeScript sources through tsx, so an edited tree never runs stale code.
import { readdirSync, statSync } from 'node:fs'
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

let cli
if (bundleIsFresh()) {
  cli = await import(bundle.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  cli = await import('../src/cli/main.ts')
}
cli.runAsProcess()
