// Bundles the CLI into one CommonJS file so `kombo-reconcile` starts without compiling TypeScript on every
// run (through tsx, startup cost about a second, which dominates short commands and the sync budget), and
// records V8's compiled code for it beside it, so a start need not compile the bundle either (bin/).
// Dependencies stay external and load from node_modules; runs on `npm install` (prepare) and `npm run build`.
import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const OUT = 'out/cli'
const BUNDLE = join(OUT, 'kombo-reconcile.cjs')

// zod re-exports the messages of every language it speaks (about 370 KB, a third of the bundle) through
// `z.locales`, which nothing here reads: the bundle keeps English, the one zod installs as its default.
const zodLocales = join(dirname(createRequire(import.meta.url).resolve('zod')), 'v4', 'locales')
const englishZodMessagesOnly = {
  name: 'english-zod-messages-only',
  setup(plugin) {
    plugin.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.resolveDir.startsWith(dirname(zodLocales))
        ? { path: 'zod-locales', namespace: 'zod-locales' }
        : undefined,
    )
    plugin.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: "export { default as en } from './en.js'",
      resolveDir: zodLocales,
      loader: 'js',
    }))
  },
}

// undici (1 MB) is loaded on the first request to Kombo (kombo/client.ts): a file of its own, required
// then, so a command that never syncs neither loads nor compiles it.
const undiciInItsOwnFile = {
  name: 'undici-in-its-own-file',
  setup(plugin) {
    plugin.onResolve({ filter: /^undici$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './undici.cjs', external: true } : undefined,
    )
  },
}

// Modules a command may never use, whose loading showed in every start (write-file-atomic about 30
// million instructions, the others 5-12 million each; `node -e 0` is about 500 million): each becomes an
// object with a getter per export that requires the module on first use. A getter hands out the real
// function or class, so calls, `new` and instanceof behave as before. The CSV parser and writer are read
// from node_modules (one CommonJS file each) when an import or an export first needs them: bundled, the
// parser's stream class made every start load Node's `stream` module (about 20 million instructions of a
// `match`), and both took 85 KB of the bundle.
const LOADED_ON_FIRST_USE = [
  'write-file-atomic',
  'node:v8',
  'node:http',
  'node:worker_threads',
  'node:crypto',
  'csv-parse',
  'csv-stringify/sync',
]
const loadedOnFirstUse = {
  name: 'loaded-on-first-use',
  setup(plugin) {
    const names = new RegExp(`^(${LOADED_ON_FIRST_USE.join('|').replaceAll('/', '\\/')})$`)
    plugin.onResolve({ filter: names }, (args) =>
      args.namespace === 'first-use'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'first-use' },
    )
    plugin.onLoad({ filter: /.*/, namespace: 'first-use' }, (args) => {
      const keys = Object.keys(createRequire(import.meta.url)(args.path))
      const getters = keys.map(
        (key) => `get ${JSON.stringify(key)}() { return load()[${JSON.stringify(key)}] },`,
      )
      return {
        contents: `let loaded
const load = () => (loaded ??= require(${JSON.stringify(args.path)}))
module.exports = { ${getters.join('\n')} }`,
        resolveDir: '.',
        loader: 'js',
      }
    })
  },
}

// The sqlite addon (with its JavaScript, about a quarter of the bundle's top-level run) is loaded when the
// first database opens: `--help` and a mistyped command never need it. better-sqlite3 exports its class as
// module.exports, so the stand-in is a function that constructs the real class, which a `new` returns.
const sqliteOnFirstOpen = {
  name: 'sqlite-on-first-open',
  setup(plugin) {
    plugin.onResolve({ filter: /^better-sqlite3$/ }, (args) =>
      args.namespace === 'sqlite-on-first-open'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'sqlite-on-first-open' },
    )
    plugin.onLoad({ filter: /.*/, namespace: 'sqlite-on-first-open' }, () => ({
      contents: `let loaded
module.exports = function Database(...args) {
  return new (loaded ??= require('better-sqlite3'))(...args)
}`,
      resolveDir: '.',
      loader: 'js',
    }))
  },
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
}

rmSync(OUT, { recursive: true, force: true })
await build({
  ...common,
  entryPoints: { 'kombo-reconcile': 'src/cli/main.ts' },
  outdir: OUT,
  outExtension: { '.js': '.cjs' },
  // Dependencies are bundled too: resolving and loading zod file by file took about 0.2 s of every start.
  // Only the native sqlite addon loads from node_modules, write-file-atomic, which names its own file
  // through __filename, and the modules loaded on first use above.
  external: ['better-sqlite3', ...LOADED_ON_FIRST_USE.filter((name) => !name.startsWith('node:'))],
  // CommonJS has no import.meta: the bundle's own URL, which modules use to find files beside it.
  define: { 'import.meta.url': '__cliBundleUrl' },
  // The first line names this build: its code cache is used with it and no other (bin/).
  banner: {
    js: `// kombo-reconcile build ${randomUUID()}\nconst __cliBundleUrl = require('node:url').pathToFileURL(__filename).href;`,
  },
  // import() of undici becomes a require, so the bundle runs as a plain script (see bin/).
  supported: { 'dynamic-import': false },
  plugins: [englishZodMessagesOnly, undiciInItsOwnFile, loadedOnFirstUse, sqliteOnFirstOpen],
})
await build({
  ...common,
  stdin: { contents: "module.exports = require('undici')", resolveDir: '.', sourcefile: 'undici.cjs' },
  outfile: join(OUT, 'undici.cjs'),
})
// The sync's writer thread and matching's blocking and store threads are ES module files of their own, found next
// to the bundle at run time.
await build({
  ...common,
  format: 'esm',
  entryPoints: {
    writerWorker: 'src/main/core/sync/writerWorker.ts',
    blockingWorker: 'src/main/core/match/blockingWorker.ts',
    matchStoreWorker: 'src/main/core/match/matchStoreWorker.ts',
  },
  outdir: OUT,
  outExtension: { '.js': '.mjs' },
  external: ['better-sqlite3'],
})

// esbuild leaves a few non-ASCII characters in regular expressions and comments; one of them makes Node
// read the whole bundle as a two-byte string, slower to decode and to scan. A \u escape means the same.
const source = readFileSync(BUNDLE, 'utf8')
writeFileSync(
  BUNDLE,
  source.replace(/[^\0-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
)

// Run the CLI once with the code cache recorded at its end: the functions a start runs are then compiled
// already when the next process loads the bundle (bin/kombo-reconcile.js, KOMBO_RECONCILE_RECORD_CODE_CACHE).
// Without a cache the CLI works as well, only starts slower: a failure here is a warning, not a failed build.
try {
  execFileSync(process.execPath, ['bin/kombo-reconcile.js', '--help'], {
    env: { ...process.env, KOMBO_RECONCILE_RECORD_CODE_CACHE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
} catch (cause) {
  console.warn(`warning: the CLI's code cache was not recorded (${String(cause.stderr ?? cause).trim()})`)
}
