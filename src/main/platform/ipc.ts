import { ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron'
import { apiNames, type CallContext } from '../../shared/api'
import type { SyncProgress } from '../../shared/dto/sync'
import type { MatchProgress } from '../../shared/dto/match'
import { MATCH_PROGRESS_EVENT, SYNC_PROGRESS_EVENT } from '../../shared/protocol'
import type { Result } from '../../shared/result'
import type { ApiCaller } from '../host/apiCaller'
import { createCallTracker } from '../host/callTracker'

/**
 * A message is trusted only when it comes from the top frame of an app window showing the app's own
 * page. A sub-frame, or a window navigated elsewhere, gets an error value and never reaches the core.
 */
export function isTrustedSender(frame: WebFrameMain | null, isAppUrl: (url: string) => boolean): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url)
}

export interface RegisteredHandlers {
  unregister(): void
  /** Resolves when every call under way has answered, or after maxWaitMs. */
  whenIdle(maxWaitMs: number): Promise<void>
}

/** Registers one ipcMain handler per API name; each checks the sender and parses through dispatch. */
export function registerApiHandlers(
  call: ApiCaller,
  isAppUrl: (url: string) => boolean,
  /** Aborted when the app quits, so a running sync stops before the database closes. */
  signal?: AbortSignal,
): RegisteredHandlers {
  const calls = createCallTracker()
  for (const name of apiNames) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame, isAppUrl)) {
        return {
          ok: false,
          error: {
            code: 'INPUT_INVALID',
            message: `${name}: refused, the request did not come from the app window`,
          },
        } satisfies Result<never>
      }
      const sender = event.sender
      const context: CallContext = {
        ...(signal ? { signal } : {}),
        onProgress: (progress: SyncProgress) => {
          if (!sender.isDestroyed()) sender.send(SYNC_PROGRESS_EVENT, progress)
        },
        onMatchProgress: (progress: MatchProgress) => {
          if (!sender.isDestroyed()) sender.send(MATCH_PROGRESS_EVENT, progress)
        },
      }
      return calls.track(call(name, payload, context))
    })
  }
  return {
    unregister() {
      for (const name of apiNames) ipcMain.removeHandler(name)
    },
    whenIdle: (maxWaitMs) => calls.whenIdle(maxWaitMs),
  }
}
