import { Worker } from 'node:worker_threads'
import type { MatchSummary } from '../../../shared/dto/match'
import { AppFailure, messageOf, type Result } from '../../../shared/result'
import type {
  DecisionRunner,
  DecisionWorkerStart,
  FromDecisionWorker,
  FromMatchWorker,
  MatchJob,
  MatchRunner,
  ToDecisionWorker,
} from './matchProtocol'

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

/**
 * A DecisionRunner on one worker that stays (started with the first call or preparation, started
 * again if it stops): the host's thread only posts the call and the answer comes back when the
 * decision is stored. A worker that stops answers its pending calls with an error; nothing half-done
 * stays, as its transaction is rolled back with its connection.
 */
export function decisionsInWorker(start: Omit<DecisionWorkerStart, 'type'>): DecisionRunner {
  let worker: Worker | null = null
  let nextId = 0
  const pending = new Map<number, (result: Result<unknown>) => void>()
  let waiting: Array<() => void> = []
  const wakeIfSettled = () => {
    if (pending.size > 0) return
    const woken = waiting
    waiting = []
    for (const wake of woken) wake()
  }
  const failAll = (message: string) => {
    for (const answer of pending.values()) {
      answer({ ok: false, error: { code: 'INTERNAL', message: `the decision worker stopped: ${message}` } })
    }
    pending.clear()
    wakeIfSettled()
  }
  const running = (): Worker => {
    if (worker !== null) return worker
    const started = startMatchWorker()
    started.on('message', (reply: FromDecisionWorker) => {
      const answer = pending.get(reply.id)
      pending.delete(reply.id)
      if (pending.size === 0) started.unref()
      answer?.(reply.result)
      wakeIfSettled()
    })
    started.once('error', (error) => {
      if (worker === started) worker = null
      failAll(messageOf(error))
    })
    started.once('exit', (code) => {
      if (worker === started) worker = null
      failAll(`exit ${code}`)
    })
    started.unref()
    const first: DecisionWorkerStart = { type: 'decisions', ...start }
    started.postMessage(first)
    return (worker = started)
  }
  const post = (message: ToDecisionWorker) => running().postMessage(message)
  return {
    call: (name, request, now) =>
      new Promise((resolve) => {
        const id = ++nextId
        // The worker answers with the very Result its handler gave for this call's name.
        pending.set(id, resolve as (result: Result<unknown>) => void)
        const thread = running()
        // A call waiting for its answer keeps the process alive; an idle worker does not.
        thread.ref()
        thread.postMessage({
          type: 'call',
          id,
          name,
          request,
          now: now.toISOString(),
        } satisfies ToDecisionWorker)
      }),
    prepare: (integrationId, now) => post({ type: 'prepare', integrationId, now: now.toISOString() }),
    settled: () => (pending.size === 0 ? Promise.resolve() : new Promise<void>((wake) => waiting.push(wake))),
    close: async () => {
      const stopping = worker
      worker = null
      if (stopping !== null) await stopping.terminate()
    },
  }
}
