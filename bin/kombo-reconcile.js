#!/usr/bin/env node
// Runs the bundled CLI (built on install and by `npm run build`) when it is at least as new as every
// source file; otherwise the TypeScript sources through tsx, so an edited tree never runs stale code.
// tsx is a development dependency: where it is not installed, the bundle runs as it is.
// CommonJS (bin/package.json): an ES module entry costs Node its module loader and a facade per built-in
// module, about 4% of a `--help`, before any of the CLI runs.
const { existsSync, readFileSync, readdirSync, statSync, writeFileSync } = require('node:fs')
const { createRequire } = require('node:module')
const { dirname, join } = require('node:path')
const { Script } = require('node:vm')

const bundle = join(__dirname, '..', 'out', 'cli', 'kombo-reconcile.cjs')
const sourceDir = join(__dirname, '..', 'src')

function bundleIsFresh() {
  let bundleTime
  try {
    bundleTime = statSync(bundle).mtimeMs
  } catch {
    return false
  }
  // An installed copy without its sources has nothing to be stale against.
  if (!existsSync(sourceDir)) return true
  for (const entry of readdirSync(sourceDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue
    if (statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs > bundleTime) return false
  }
  return true
}

function tsxIsInstalled() {
  try {
    require.resolve('tsx/esm/api')
    return true
  } catch {
    return false
  }
}

/**
 * V8's compiled code for the bundle, recorded by the build (scripts/build-cli.mjs) after a run, so that a
 * start neither parses the bundle nor compiles the functions every command runs. It is kept as
 * "<build id>\n<code>": V8 refuses code from another Node version or other flags itself, and the build id
 * (the bundle's first line) keeps it from ever serving another build of the bundle.
 */
const codeCache = `${bundle}.v8cache`
const buildIdOf = (text) => text.slice(0, text.indexOf('\n'))

function readCodeCache(buildId) {
  try {
    const stored = readFileSync(codeCache)
    const newline = stored.indexOf(10)
    return stored.toString('latin1', 0, newline) === buildId ? stored.subarray(newline + 1) : undefined
  } catch {
    return undefined
  }
}

/** Loads the CommonJS bundle as Node's require would, with its code cache when there is a valid one. */
function loadBundle() {
  // The build writes the bundle as pure ASCII (scripts/build-cli.mjs): read as latin1 it is copied into a
  // one-byte string as it is, without the UTF-8 decoder's pass over a megabyte.
  const source = readFileSync(bundle, 'latin1')
  const buildId = buildIdOf(source)
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData: readCodeCache(buildId),
  })
  const module = { exports: {} }
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle))
  if (process.env.KOMBO_RECONCILE_RECORD_CODE_CACHE) {
    // At exit, so the code of everything the run called is in it, not only the bundle's top level.
    process.once('exit', () => {
      writeFileSync(codeCache, Buffer.concat([Buffer.from(`${buildId}\n`), script.createCachedData()]))
    })
  }
  return module.exports
}

if (existsSync(bundle) && (bundleIsFresh() || !tsxIsInstalled())) {
  loadBundle().runAsProcess()
} else if (tsxIsInstalled()) {
  import('tsx/esm/api')
    .then(({ register }) => {
      register()
      return import('../src/cli/main.ts')
    })
    .then((cli) => cli.runAsProcess())
} else {
  process.stderr.write('error: the CLI is not built; run npm run build (or npm install) first\n')
  process.exit(1)
}
