import { availableParallelism } from 'node:os'
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import { answerJob, BLOCKING_SIGNAL, type BlockingAnswer, type BlockingJob } from './blockingJobs'
import { CandidateIndex } from './candidateIndex'
import { FIELD_COUNT } from './linkageModel'
import { compareIntoArrays, PairStore } from './pairs'
import { PostingReader, type PostingArrays } from './postingIndex'
import { employeeKeys, legacyKeys, type Context, type LegacyEntry } from './prepared'
import { workerFileUrl } from './workerFile'

/**
 * Blocking and comparing on both cores (docs/architecture.md, "Matching"). The legacy users, in order of
 * their names (namesakesTogether), are cut into runs; this thread turns each run's keys into key ids and
 * either answers the run's queries itself or hands them to a second thread, which reads the same posting
 * arrays in shared memory (nothing of the index is copied). This thread compares every run's pools as
 * they come back. A user's pool depends only on the index and its own keys, so the pools, and everything
 * after them, are the same whichever thread answered, in whatever order.
 */

/**
 * Blocking is everything of a match its second thread can do without the parsed names: answering a
 * query reads only numbers. Comparing reads the names, which stay on this thread (a copy of them would
 * not fit the memory budget at 100,000 employees).
 */

/** Users per run: small enough that the threads share the work evenly, large enough that messages are few. */
const RUN_USERS = 500
/** Runs the second thread holds at once, so it still has work while this one compares. */
const RUNS_IN_FLIGHT = 4
/**
 * From this many legacy users a second thread pays for its start (tens of milliseconds for the bundled
 * module, about a second under tsx in development).
 */
const PARALLEL_FROM_USERS = 10_000
/** With no answer for this long the second thread is taken to be lost, and this thread answers its runs. */
const STALL_MS = 30_000

/** One run's pools and their comparisons, laid out like the store's arrays from the run's first pair on. */
interface ComparedRun extends BlockingAnswer {
  levels: Uint8Array
  arrangement: Uint8Array
  nameSimilarity: Float64Array
}

export interface ComparePoolsOptions {
  /** Whether a second thread answers queries; by default when the file is large and a second core exists. */
  parallel?: boolean
}

/**
 * Blocking and comparing: each user's pool of employees (`poolSize` of them at most), compared field by
 * field. The index and the runs are garbage once it returns, before the results are built.
 */
export function comparePools(
  context: Context,
  legacy: readonly LegacyEntry[],
  poolSize: (entry: LegacyEntry) => number,
  options: ComparePoolsOptions = {},
): PairStore {
  // Two steps, so that nothing holds the index (its key dictionary and posting arrays) while the runs
  // are copied into the store: at 500,000 people the three together were the peak of comparing.
  return storeOf(compareRuns(context, legacy, poolSize, options))
}

/** Every run's pools and their comparisons, with the order of the users they were answered in. */
function compareRuns(
  context: Context,
  legacy: readonly LegacyEntry[],
  poolSize: (entry: LegacyEntry) => number,
  options: ComparePoolsOptions,
): { runs: (ComparedRun | undefined)[]; order: Int32Array } {
  // Keys are made employee by employee as the index reads them: all of them at once weigh more than the index.
  const index = new CandidateIndex(
    (function* () {
      for (const entry of context.employees) yield employeeKeys(entry)
    })(),
  )
  const parallel = options.parallel ?? (legacy.length >= PARALLEL_FROM_USERS && availableParallelism() > 1)
  const helper = parallel ? BlockingThread.start(index.arrays) : null
  const reader = new PostingReader(index.arrays)
  const order = namesakesTogether(legacy)
  const runCount = Math.ceil(legacy.length / RUN_USERS)
  const runs: (ComparedRun | undefined)[] = new Array<ComparedRun | undefined>(runCount)
  const withHelper = new Set<number>()
  const encode = (run: number) => encodeRun(index, legacy, usersOfRun(order, run), poolSize, run)
  const finish = (answer: BlockingAnswer) => {
    runs[answer.run] = compareRun(context, legacy, usersOfRun(order, answer.run), answer)
    withHelper.delete(answer.run)
  }
  try {
    let next = 0
    while (next < runCount) {
      let compared = 0
      if (helper?.usable()) {
        compared = helper.collect(finish)
        for (; withHelper.size < RUNS_IN_FLIGHT && next < runCount; next++) {
          helper.send(encode(next))
          withHelper.add(next)
        }
      }
      // Comparing is this thread's alone, so it answers a run itself only when the second thread has
      // nothing back for it to compare.
      if (compared === 0 && next < runCount) finish(answerJob(reader, encode(next++)))
    }
    helper?.awaitAll(withHelper, finish)
    // A lost or failed second thread: the same answers, from this thread.
    for (const run of [...withHelper]) finish(answerJob(reader, encode(run)))
  } finally {
    helper?.stop()
  }
  return { runs, order }
}

/**
 * The users in the order their queries are answered and their pools compared: by family name, then given
 * name (by the words' ids, as names share their words), so that the users one after the other read the
 * same employees' keys and names. At 500,000 employees those reads, scattered over the whole company in
 * file order, were most of what blocking and comparing cost. A user's pool and its comparisons do not
 * depend on which users came before, so the order changes nothing but the time.
 */
function namesakesTogether(legacy: readonly LegacyEntry[]): Int32Array {
  const family = new Float64Array(legacy.length)
  const given = new Float64Array(legacy.length)
  for (let user = 0; user < legacy.length; user++) {
    const { parts } = legacy[user]!.name
    family[user] = parts.family.content[0]?.id ?? -1
    given[user] = parts.given.content[0]?.id ?? -1
  }
  const order = new Int32Array(legacy.length)
  for (let user = 0; user < order.length; user++) order[user] = user
  return order.sort((a, b) => family[a]! - family[b]! || given[a]! - given[b]! || a - b)
}

/** The users of a run, in the order they are answered. */
function usersOfRun(order: Int32Array, run: number): Int32Array {
  return order.subarray(run * RUN_USERS, Math.min(order.length, (run + 1) * RUN_USERS))
}

/** A run's queries as key ids (the pool sizes, and the keys each query's groups know). */
function encodeRun(
  index: CandidateIndex,
  legacy: readonly LegacyEntry[],
  users: Int32Array,
  poolSize: (entry: LegacyEntry) => number,
  run: number,
): BlockingJob {
  const keyStart = new Int32Array(users.length + 1)
  const sizes = new Uint8Array(users.length)
  const ids: number[] = []
  const groups: number[] = []
  for (let at = 0; at < users.length; at++) {
    const entry = legacy[users[at]!]!
    index.encode(legacyKeys(entry), ids, groups)
    keyStart[at + 1] = ids.length
    sizes[at] = poolSize(entry)
  }
  return { run, keyStart, ids: Int32Array.from(ids), groups: Uint8Array.from(groups), poolSize: sizes }
}

function compareRun(
  context: Context,
  legacy: readonly LegacyEntry[],
  users: Int32Array,
  answer: BlockingAnswer,
): ComparedRun {
  const { poolStart, pools } = answer
  const pairs = poolStart[users.length]!
  const compared = {
    ...answer,
    levels: new Uint8Array(pairs * FIELD_COUNT),
    arrangement: new Uint8Array(pairs),
    nameSimilarity: new Float64Array(pairs),
  }
  for (let at = 0; at < users.length; at++) {
    const entry = legacy[users[at]!]!
    for (let pair = poolStart[at]!; pair < poolStart[at + 1]!; pair++) {
      compareIntoArrays(context, entry, context.employees[pools[pair]!]!, compared, pair)
    }
  }
  return compared
}

/**
 * The store of all runs, its users in file order whatever order they were answered in; each run is let
 * go once copied.
 */
function storeOf({ runs, order }: { runs: (ComparedRun | undefined)[]; order: Int32Array }): PairStore {
  const userStart = new Int32Array(order.length + 1)
  runs.forEach((run, at) => {
    const { poolStart } = run!
    const users = usersOfRun(order, at)
    for (let user = 0; user < users.length; user++)
      userStart[users[user]! + 1] = poolStart[user + 1]! - poolStart[user]!
  })
  for (let user = 0; user < order.length; user++)
    userStart[user + 1] = userStart[user + 1]! + userStart[user]!
  const store = new PairStore(userStart)
  runs.forEach((run, at) => {
    const { levels, arrangement, nameSimilarity, poolStart, pools } = run!
    const users = usersOfRun(order, at)
    for (let user = 0; user < users.length; user++) {
      // Copied pair by pair: a user's few pairs are not worth a view of each array.
      let to = userStart[users[user]!]!
      for (let from = poolStart[user]!; from < poolStart[user + 1]!; from++, to++) {
        store.employee[to] = pools[from]!
        store.arrangement[to] = arrangement[from]!
        store.nameSimilarity[to] = nameSimilarity[from]!
        for (let field = 0; field < FIELD_COUNT; field++)
          store.levels[to * FIELD_COUNT + field] = levels[from * FIELD_COUNT + field]!
      }
    }
    runs[at] = undefined
  })
  return store
}

/**
 * The second thread, driven synchronously: the match is one synchronous computation, so answers are
 * taken off the port directly (receiveMessageOnPort) and waited for on a shared counter, not on the event
 * loop.
 */
class BlockingThread {
  private failed = false
  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
  ) {}

  /** The thread, or null where its module is missing. */
  static start(arrays: PostingArrays): BlockingThread | null {
    const url = workerUrl()
    if (url === null) return null
    const signal = new Int32Array(
      new SharedArrayBuffer(BLOCKING_SIGNAL.length * Int32Array.BYTES_PER_ELEMENT),
    )
    const { port1, port2 } = new MessageChannel()
    let worker: Worker
    try {
      worker = new Worker(url, { workerData: { arrays, signal, port: port2 }, transferList: [port2] })
    } catch {
      // No thread to be had (resources): the same pools from this thread alone.
      port1.close()
      return null
    }
    worker.unref()
    const thread = new BlockingThread(worker, port1, signal)
    // Seen only once this thread's event loop runs again; the signal's stall limit covers the meantime.
    worker.on('error', () => (thread.failed = true))
    return thread
  }

  usable(): boolean {
    return !this.failed && Atomics.load(this.signal, BLOCKING_SIGNAL.failed) === 0
  }

  send(job: BlockingJob): void {
    const buffers = [job.keyStart.buffer, job.ids.buffer, job.groups.buffer, job.poolSize.buffer]
    this.port.postMessage(job, buffers)
  }

  /** Hands every answer that has arrived to `finish`; how many there were. */
  collect(finish: (answer: BlockingAnswer) => void): number {
    let answers = 0
    for (let message = receiveMessageOnPort(this.port); message; message = receiveMessageOnPort(this.port)) {
      finish(message.message as BlockingAnswer)
      answers++
    }
    return answers
  }

  /** Waits until `pending` is empty (finish removes runs from it), or the thread fails or stalls. */
  awaitAll(pending: ReadonlySet<number>, finish: (answer: BlockingAnswer) => void): void {
    while (pending.size > 0 && this.usable()) {
      // Read before collecting: an answer posted after the read moves the counter, so the wait returns at once.
      const seen = Atomics.load(this.signal, BLOCKING_SIGNAL.answers)
      this.collect(finish)
      if (pending.size === 0) return
      if (Atomics.wait(this.signal, BLOCKING_SIGNAL.answers, seen, STALL_MS) === 'timed-out')
        this.failed = true
    }
  }

  stop(): void {
    this.port.close()
    void this.worker.terminate()
  }
}

/** The worker's module file (see workerFile.ts). */
function workerUrl(): URL | null {
  return workerFileUrl(import.meta.url, 'blockingWorker')
}
