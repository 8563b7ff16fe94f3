/**
 * Names the hosts and the renderer must agree on byte for byte, written once. The sandboxed preload
 * loads this file at run time, so it imports nothing (docs/architecture.md, Layers and what each may
 * import).
 */

/** The IPC channel (Electron) and the Server-Sent Events event name (web host) carrying SyncProgress. */
export const SYNC_PROGRESS_EVENT = 'sync:progress'
/** Server-Sent Event / IPC channel name for MatchProgress of a match running off the main thread. */
export const MATCH_PROGRESS_EVENT = 'match:progress'

/** The header carrying the web host's per-run access token on every API and event-stream request. */
export const TOKEN_HEADER = 'x-desk-token'
