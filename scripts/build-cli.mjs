// Bundles the CLI into one ES module so `kombo-reconcile` starts without compiling TypeScript on every
// run (through tsx, startup cost about a second, which dominates short commands and the sync budget).
// Dependencies stay external and load from node_modules; runs on `npm install` (prepare) and `npm run build`.
import { build } from 'esbuild'

await build({
  // The sync's writer thread is its own module file, found next to the bundle at run time.
  entryPoints: {
    'kombo-reconcile': 'src/cli/main.ts',
    writerWorker: 'src/main/core/sync/writerWorker.ts',
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
})
