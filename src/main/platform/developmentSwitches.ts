/**
 * Environment variables that change how the desktop app loads, meant for a developer's checkout only:
 *
 * - ELECTRON_RENDERER_URL: electron-vite's dev server. The window then loads that URL and the CSP is
 *   relaxed for Vite's inline preamble and HMR socket.
 * - DESK_SQLITE_BINDING: the better-sqlite3 addon built for Electron that `npm start` fetched (the
 *   one npm built targets Node). It names a native `.node` file the main process loads.
 *
 * An installed app honours neither: anyone able to set a user's environment could otherwise point the
 * app at a page of their choosing or have it load their own native code. A packaged build ships its
 * renderer in the asar and its addon rebuilt for Electron.
 */
export interface DevelopmentSwitches {
  rendererUrl: string | undefined
  sqliteBinding: string | undefined
}

export function developmentSwitches(env: NodeJS.ProcessEnv, isPackaged: boolean): DevelopmentSwitches {
  if (isPackaged) return { rendererUrl: undefined, sqliteBinding: undefined }
  return {
    rendererUrl: env.ELECTRON_RENDERER_URL || undefined,
    sqliteBinding: env.DESK_SQLITE_BINDING || undefined,
  }
}
