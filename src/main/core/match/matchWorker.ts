import { parentPort } from 'node:worker_threads'
import { AppFailure, messageOf } from '../../../shared/result'
import { openDatabase, type Database } from '../store/database'
import { runMatch } from './matchRun'
import type { FromMatchWorker, MatchJob } from './matchProtocol'

/**
 * The match worker thread: opens its own connection to the desk's file, loads the inputs, matches and
 * stores the plan (and the lists resting on it) in its own write transaction, and answers with the
 * summary alone, so neither the work nor the copying of 20,000 results ever holds up the host's event
 * loop (docs/architecture.md, Matching). One worker per match; the host terminates it to cancel, which
 * closes the connection and so rolls back a transaction still open.
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

port.once('message', (job: MatchJob) => {
  send(run(job))
  port.close()
})
