// Bundles the CLI into one ES module so `kombo-reconcile` starts without compiling TypeScript on every
// run (through tsx, startup cost about a second, which dominates short commands and the sync budget).
// Dependencies stay external and load from node_modules; runs on `npm install` (prepare) and `npm run build`.
import { build } from 'esbuild'

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'out/cli/kombo-reconcile.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
})
