// Bundles the CLI into one ES module so `kombo-reconcile` starts without compiling TypeScript on every
// run (through tsx, startup cost about a second, which dominates short commands and the sync budget).
// Dependencies stay external and load from node_modules; runs on `npm install` (prepare) and `npm run build`.
import { build } from 'esbuild'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

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

await build({
  // The sync's writer thread and matching's blocking thread are module files of their own, found next
  // to the bundle at run time.
  entryPoints: {
    'kombo-reconcile': 'src/cli/main.ts',
    writerWorker: 'src/main/core/sync/writerWorker.ts',
    blockingWorker: 'src/main/core/match/blockingWorker.ts',
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Modules loaded on first use (undici, by the first request to Kombo) become chunks of their own, so a
  // command that never needs them does not load them at start-up.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies are bundled too: resolving and loading zod and undici file by file took about 0.2 s of
  // every start. Only the native sqlite addon loads from node_modules, and write-file-atomic, which
  // names its own file through CommonJS's __filename (undefined inside an ES module bundle).
  external: ['better-sqlite3', 'write-file-atomic'],
  // Bundled CommonJS (undici) requires Node built-ins, which an ES module can only reach through this.
  banner: {
    js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);",
  },
  plugins: [englishZodMessagesOnly],
  sourcemap: 'linked',
  logLevel: 'warning',
})
