import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ApiClient, ApiName, ApiRequest, ApiResponses } from '../shared/api'
import type { SyncProgress } from '../shared/dto/sync'
import { SYNC_PROGRESS_EVENT } from '../shared/protocol'
import type { Result } from '../shared/result'

/**
 * The renderer's only door to the main process. Each entry is its own function bound to one fixed IPC
 * channel, so the renderer cannot name a channel, and ipcRenderer itself never crosses the bridge.
 * Only types (and the zod-free protocol names) come from the contract: the sandboxed preload can
 * require nothing but electron.
 */
function invoke<N extends ApiName>(channel: N, request: ApiRequest<N>): Promise<Result<ApiResponses[N]>> {
  return ipcRenderer.invoke(channel, request) as Promise<Result<ApiResponses[N]>>
}

// Typed as ApiClient: an entry missing from this object (or a misspelled channel) does not compile.
const api: ApiClient = {
  'app:info': (request) => invoke('app:info', request),
  'secrets:set-api-key': (request) => invoke('secrets:set-api-key', request),
  'integrations:list': (request) => invoke('integrations:list', request),
  'integrations:connect': (request) => invoke('integrations:connect', request),
  'sync:run': (request) => invoke('sync:run', request),
  'sync:cancel': (request) => invoke('sync:cancel', request),
  'sync:runs': (request) => invoke('sync:runs', request),
  'sync:active': (request) => invoke('sync:active', request),
  'sync:import-webhook': (request) => invoke('sync:import-webhook', request),
  'employees:list': (request) => invoke('employees:list', request),
  'employees:table': (request) => invoke('employees:table', request),
  'legacy:import': (request) => invoke('legacy:import', request),
  'legacy:list': (request) => invoke('legacy:list', request),
  'match:run': (request) => invoke('match:run', request),
  'match:results': (request) => invoke('match:results', request),
  'match:first-rows': (request) => invoke('match:first-rows', request),
  'match:outcome': (request) => invoke('match:outcome', request),
  'match:decide': (request) => invoke('match:decide', request),
  'match:undo': (request) => invoke('match:undo', request),
  'match:accept-domain': (request) => invoke('match:accept-domain', request),
  'match:decisions': (request) => invoke('match:decisions', request),
  'match:accept-bulk': (request) => invoke('match:accept-bulk', request),
  'match:undo-batch': (request) => invoke('match:undo-batch', request),
  'diff:get': (request) => invoke('diff:get', request),
  'diff:confirm-removals': (request) => invoke('diff:confirm-removals', request),
  'diff:set-guard': (request) => invoke('diff:set-guard', request),
  'diff:drift': (request) => invoke('diff:drift', request),
  'export:mapping': (request) => invoke('export:mapping', request),
  'export:list': (request) => invoke('export:list', request),
}

/** Subscribes to sync progress; returns the unsubscribe function. The IPC event object is not passed on. */
function onSyncProgress(listener: (progress: SyncProgress) => void): () => void {
  const relay = (_event: IpcRendererEvent, progress: SyncProgress) => listener(progress)
  ipcRenderer.on(SYNC_PROGRESS_EVENT, relay)
  return () => {
    ipcRenderer.removeListener(SYNC_PROGRESS_EVENT, relay)
  }
}

contextBridge.exposeInMainWorld('api', { ...api, onSyncProgress })
