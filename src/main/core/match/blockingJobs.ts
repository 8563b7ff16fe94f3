import type { MessagePort } from 'node:worker_threads'
import type { PostingArrays, PostingReader } from './postingIndex'

/**
 * A run of consecutive legacy users' queries as plain numbers, so either thread can answer it with its own
 * PostingReader on the shared posting arrays (parallelBlocking.ts). Users are independent of each other,
 * so who answers which run never changes a pool.
 */
export interface BlockingJob {
  /** The run's position among the runs of the file. */
  run: number
  /** User i's key ids are ids[keyStart[i] .. keyStart[i + 1]), each with its group in `groups`. */
  keyStart: Int32Array<ArrayBuffer>
  ids: Int32Array<ArrayBuffer>
  groups: Uint8Array<ArrayBuffer>
  /** Each user's pool size. */
  poolSize: Uint8Array<ArrayBuffer>
}

/** A run's pools: user i's are pools[poolStart[i] .. poolStart[i + 1]), best first. */
export interface BlockingAnswer {
  run: number
  /** Plain buffers, moved to the thread that asked rather than copied. */
  poolStart: Int32Array<ArrayBuffer>
  pools: Int32Array<ArrayBuffer>
}

/** What the blocking thread starts with; every typed array is over shared memory. */
export interface BlockingWorkerData {
  arrays: PostingArrays
  /** Cells of BLOCKING_SIGNAL: the worker's answer count and whether it failed. */
  signal: Int32Array
  port: MessagePort
}

/** The cells of the shared signal array. */
export const BLOCKING_SIGNAL = { answers: 0, failed: 1, length: 2 } as const

export function answerJob(reader: PostingReader, job: BlockingJob): BlockingAnswer {
  const users = job.poolSize.length
  const poolStart = new Int32Array(users + 1)
  let capacity = 0
  for (let user = 0; user < users; user++) capacity += job.poolSize[user]!
  const pools = new Int32Array(capacity)
  for (let user = 0; user < users; user++) {
    const pool = reader.query(
      job.ids,
      job.groups,
      job.keyStart[user]!,
      job.keyStart[user + 1]!,
      job.poolSize[user]!,
    )
    pools.set(pool, poolStart[user]!)
    poolStart[user + 1] = poolStart[user]! + pool.length
  }
  // Pools are room for the largest each user may get; most get fewer (a settled user three), and the
  // runs are held until all are compared, so each keeps only what it found.
  return { run: job.run, poolStart, pools: pools.slice(0, poolStart[users]) }
}
