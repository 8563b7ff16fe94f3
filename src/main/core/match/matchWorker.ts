import { parentPort } from 'node:worker_threads'
import { AppFailure, messageOf } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { dispatch } from '../app/dispatch'
import { openDatabase, type Database } from '../store/database'
import { matchHandlers } from './handlers'
import { prepareRematch } from './incrementalRematch'
import { runMatch } from './matchRun'
import type {
  DecisionWorkerStart,
  FromDecisionWorker,
  FromMatchWorker,
  MatchJob,
  ToDecisionWorker,
} from './matchProtocol'

/**
 * The match worker thread: opens its own connection to the desk's file, loads the inputs, matches and
 * stores the plan (and the lists resting on it) in its own write transaction, and answers with the
 * summary alone, so neither the work nor the copying of 20,000 results ever holds up the host's event
 * loop (docs/architecture.md, Matching). One worker per match; the host terminates it to cancel, which
 * closes the connection and so rolls back a transaction still open.
 *
 * Started with a DecisionWorkerStart instead, it stays: it records the host's decisions with the same
 * handlers the CLI runs in its own thread, keeping the plan's basis and the lists between them.
 */
if (!parentPort) throw new Error('matchWorker must run as a worker thread')
const port = parentPort
const send = (message: FromMatchWorker) => port.postMessage(message)

function run(job: MatchJob): FromMatchWorker {
  let db: Database | null = null
  try {
    db = openDatabase(job.dbPath, job.nativeBinding ? { nativeBinding: job.nativeBinding } : {})
    const target = { db, version: job.version, now: new Date(job.now) }
    const { summary, stored } = runMatch(target, job.integrationId, {
      // Nobody holds the results in this thread: they are in the database, read through match:results.
      onResult: () => {},
      onPhase: (phase, counts) => {
        if (phase !== 'done') send({ type: 'progress', phase, ...counts })
      },
    })
    return { type: 'done', summary, stored }
  } catch (cause) {
    return {
      type: 'failed',
      error: cause instanceof AppFailure ? cause.error : null,
      message: messageOf(cause),
    }
  } finally {
    db?.close()
  }
}

function serveDecisions(start: DecisionWorkerStart): void {
  const db = openDatabase(start.dbPath, start.nativeBinding ? { nativeBinding: start.nativeBinding } : {})
  // Each call carries the host clock's time: the decision's time, and the lists' day.
  let now = new Date()
  const ctx: AppContext = {
    db,
    clock: { now: () => now },
    secrets: { getApiKey: () => null },
    defaultBaseUrl: '',
    version: start.version,
  }
  const handlers = matchHandlers(ctx)
  port.on('message', (message: ToDecisionWorker) => {
    now = new Date(message.now)
    if (message.type === 'prepare') {
      // Ahead of time only: a failure here is met again, and reported, by the decision itself.
      try {
        prepareRematch({ db, version: start.version, now }, message.integrationId)
      } catch {
        // nothing kept; the first decision builds it
      }
      return
    }
    const { id, name, request } = message
    // Only the decision calls reach this worker, and only their handlers are made here.
    void dispatch(handlers as Parameters<typeof dispatch>[0], name, request).then((result) => {
      const answer: FromDecisionWorker = { type: 'answer', id, result }
      port.postMessage(answer)
    })
  })
}

port.once('message', (first: MatchJob | DecisionWorkerStart) => {
  if ('type' in first) return serveDecisions(first)
  send(run(first))
  port.close()
})
