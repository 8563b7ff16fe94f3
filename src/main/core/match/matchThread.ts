import { Worker } from 'node:worker_threads'
import type { MatchSummary } from '../../../shared/dto/match'
import { AppFailure } from '../../../shared/result'
import type { FromMatchWorker, MatchJob, MatchRunner } from './matchProtocol'

/**
 * The worker is a separate module file, like the sync's writer: TypeScript sources under tsx (tests,
 * the web host, development) and a built .js/.mjs next to the bundle that contains this code (the
 * Electron main build).
 */
function startMatchWorker(): Worker {
  const here = import.meta.url
  if (here.endsWith('.ts')) return new Worker(new URL('./matchWorker.dev.mjs', here))
  return new Worker(new URL(`./matchWorker${here.endsWith('.mjs') ? '.mjs' : '.js'}`, here))
}

function cancelled(): AppFailure {
  return new AppFailure({
    code: 'MATCH_CANCELLED',
    message: 'the match was cancelled; the previous results stand',
  })
}

/**
 * Matching in a worker thread of its own, for hosts whose event loop serves other calls meanwhile. Only
 * the job goes in and the summary comes out; the worker reads and writes the database itself. Aborting
 * `signal` terminates the worker, which rolls back a store in progress; the promise settles once it is
 * gone.
 */
export const matchInWorker: MatchRunner = (job: MatchJob, { signal, onPhase } = {}) =>
  new Promise<MatchSummary>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled())
    const worker = startMatchWorker()
    let settled = false
    const settle = (finish: () => void) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      // Settled only once the thread is gone: its connection closed, whatever it had begun undone.
      void worker.terminate().finally(finish)
    }
    const onAbort = () => settle(() => reject(cancelled()))
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (reply: FromMatchWorker) => {
      if (reply.type === 'progress') {
        return onPhase?.(reply.phase, { employees: reply.employees, legacyUsers: reply.legacyUsers })
      }
      settle(() => {
        if (reply.type === 'done') return resolve(reply.summary)
        reject(reply.error ? new AppFailure(reply.error) : new Error(`matching failed: ${reply.message}`))
      })
    })
    worker.once('error', (error) => settle(() => reject(error)))
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the match worker stopped before answering (exit ${code})`))),
    )
    worker.postMessage(job)
  })
