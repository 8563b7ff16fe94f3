import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { CONTENT_SECURITY_POLICY } from './src/main/host/csp'

/**
 * The built renderer also carries its CSP as a meta tag, so the policy holds wherever the file is
 * opened, not only where a host sends it as a header (the app:// handler and the web host both do).
 * Dev mode (Vite's inline HMR preamble, ws:) is left to the header the Electron host sets for the dev
 * server only.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'desk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  }
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The sync's writer thread, the match worker and matching's blocking and store threads are loaded by
        // file name next to the main bundle (writerThread.ts, matchThread.ts, parallelBlocking.ts,
        // matchStoreThread.ts).
        input: {
          index: 'src/main/index.ts',
          writerWorker: 'src/main/core/sync/writerWorker.ts',
          matchWorker: 'src/main/core/match/matchWorker.ts',
          blockingWorker: 'src/main/core/match/blockingWorker.ts',
          matchStoreWorker: 'src/main/core/match/matchStoreWorker.ts',
        },
        // Native and network modules load from node_modules at run time (the Electron-ABI sqlite binding
        // is picked by path), so they must never be bundled.
        external: ['better-sqlite3', 'undici'],
      },
    },
  },
  preload: {
    build: {
      // package.json says "type": "module", which would make the preload ESM; a sandboxed preload must be
      // CommonJS (Electron loads only CommonJS preloads into a sandbox). It imports only electron and types, so nothing is externalised.
      rollupOptions: {
        input: { index: 'src/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    plugins: [react(), contentSecurityPolicyMeta()],
    // electron-vite leaves bundles unminified by default; the renderer is parsed on every window open
    // (and served over loopback by the web host), so its production build is minified.
    build: { minify: true },
  },
})
