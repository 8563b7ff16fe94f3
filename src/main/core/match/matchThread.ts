import { Worker } from 'node:worker_threads'
import type { MatchOutput } from '../../../shared/dto/match'
import { AppFailure } from '../../../shared/result'
import { matchLegacyToEmployees } from './matchLegacyToEmployees'
import type { FromMatchWorker, MatchInput, MatchRunner } from './matchProtocol'

/**
 * The worker is a separate module file, like the sync's writer: TypeScript sources under tsx (tests,
 * development) and a built .js/.mjs next to the bundle that contains this code (the Electron main build).
 */
function startMatchWorker(): Worker {
  const here = import.meta.url
  if (here.endsWith('.ts')) return new Worker(new URL('./matchWorker.dev.mjs', here))
  return new Worker(new URL(`./matchWorker${here.endsWith('.mjs') ? '.mjs' : '.js'}`, here))
}

function cancelled(): AppFailure {
  return new AppFailure({ code: 'MATCH_CANCELLED', message: 'the match was cancelled; nothing was stored' })
}

/** Matching in this thread: the CLI (nothing else waits on its event loop) and tests. */
export const matchInThread: MatchRunner = async (input, signal) => {
  if (signal?.aborted) throw cancelled()
  return matchLegacyToEmployees(input.employees, input.legacy, input.decisions)
}

/**
 * Matching in a worker thread of its own, for hosts whose event loop serves other calls meanwhile. The
 * inputs are copied to the worker (structured clone keeps the decisions' Map) and the output copied back.
 * Aborting `signal` terminates the worker at once.
 */
export const matchInWorker: MatchRunner = (input: MatchInput, signal?: AbortSignal) =>
  new Promise<MatchOutput>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled())
    const worker = startMatchWorker()
    let settled = false
    const settle = (finish: () => void) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      finish()
      void worker.terminate()
    }
    const onAbort = () => settle(() => reject(cancelled()))
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.once('message', (reply: FromMatchWorker) =>
      settle(() =>
        reply.type === 'done'
          ? resolve(reply.output)
          : reject(new Error(`matching failed in its worker thread: ${reply.message}`)),
      ),
    )
    worker.once('error', (error) => settle(() => reject(error)))
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the match worker stopped before answering (exit ${code})`))),
    )
    worker.postMessage(input)
  })
