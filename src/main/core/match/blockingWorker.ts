import { workerData } from 'node:worker_threads'
import { answerJob, BLOCKING_SIGNAL, type BlockingJob, type BlockingWorkerData } from './blockingJobs'
import { PostingReader } from './postingIndex'

/**
 * The second thread of blocking (parallelBlocking.ts): answers runs of queries on the posting arrays it
 * shares with the matching thread, which waits on the shared signal rather than on its event loop (the
 * match is one synchronous computation).
 */
const { arrays, signal, port } = workerData as BlockingWorkerData
const reader = new PostingReader(arrays)

port.on('message', (job: BlockingJob) => {
  try {
    const answer = answerJob(reader, job)
    port.postMessage(answer, [answer.poolStart.buffer, answer.pools.buffer])
  } catch {
    // The matching thread answers the runs itself: the same pools, one core.
    Atomics.store(signal, BLOCKING_SIGNAL.failed, 1)
  }
  Atomics.add(signal, BLOCKING_SIGNAL.answers, 1)
  Atomics.notify(signal, BLOCKING_SIGNAL.answers)
})
