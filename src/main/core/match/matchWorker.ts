import { parentPort } from 'node:worker_threads'
import { messageOf } from '../../../shared/result'
import { matchLegacyToEmployees } from './matchLegacyToEmployees'
import type { FromMatchWorker, MatchInput } from './matchProtocol'

/**
 * The match worker thread: runs one match and answers with its output, so the host's event loop stays
 * free while a large company is matched (docs/architecture.md, Matching). One worker per match; the
 * host terminates it to cancel.
 */
if (!parentPort) throw new Error('matchWorker must run as a worker thread')
const port = parentPort

port.once('message', (input: MatchInput) => {
  let reply: FromMatchWorker
  try {
    reply = { type: 'done', output: matchLegacyToEmployees(input.employees, input.legacy, input.decisions) }
  } catch (cause) {
    reply = { type: 'failed', message: messageOf(cause) }
  }
  port.postMessage(reply)
})
