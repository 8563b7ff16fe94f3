import { availableParallelism } from 'node:os'
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'
import type { MatchRunContext } from '../diff/loadDiffState'
import type { StoredPlan } from '../diff/planStore'
import type { MatchResult, MatchSummary } from '../../../shared/dto/match'
import { fail } from '../../../shared/result'
import { siblingOptions, type Database } from '../store/database'
import {
  decodeLinks,
  STORE_SIGNAL,
  StoredRowEncoder,
  type FromMatchStore,
  type ToMatchStore,
} from './matchStoreProtocol'
import { workerFileUrl } from './workerFile'

/**
 * The run's handle on the thread that stores its plan (matchStoreWorker.ts): rows go over in batches
 * while the run builds and prints the next results, and the lists are computed and kept there too, so
 * SQLite's work runs on the second core. Driven synchronously, like the blocking thread: a match is one
 * synchronous computation, so answers are taken off the port directly and waited for on a shared counter.
 */

/**
 * From how many legacy users a run stores through the thread: below it the thread's start costs more.
 * Measured at 2,000 (bench:match's file, CLI `match --json`, 6 runs each, CPU time): storing in this
 * thread 1.42 s CPU; through the thread 1.61 s started after matching and 1.71 s started before loading
 * (to hide its start behind the matching), 22 MB more peak, and no shorter wall time. The thread's start
 * (Node's worker set-up, compiling and running its 0.8 MB module, opening the database) is several
 * times the 60-70 ms of inserts it takes off this thread at that size.
 */
export const STORE_THREAD_FROM_USERS = 20_000
/** Rows per message: few enough messages, and a batch is small next to what is being built. */
const ROWS_PER_BATCH = 500
/**
 * Batches handed over but not yet stored (about 0.6 MB each at 100,000): enough to cover the thread's
 * start and the deletion of the old rows; beyond it a slow disk makes the run wait, not the heap grow.
 */
const BATCHES_IN_FLIGHT = 48
/**
 * Batches waiting in the store thread beyond which the next batch's rows are made in the run's thread.
 * The store thread makes a row's JSON texts from the result's fields while it keeps up (a second of the
 * run's thread at 100,000 results), but it also inserts every row: given all the JSON it fell behind and
 * the run waited for it, so the work goes to whichever thread has room. The rows are the same either way.
 */
const BATCHES_AHEAD = 2
/** A thread that has handled nothing for this long is taken as lost (a commit at 500,000 takes seconds). */
const STALL_MS = 120_000

export class MatchStoreThread {
  private readonly encoder = new StoredRowEncoder()
  private sent = 0
  private done = false
  /** Whether the next batch's rows are made here (see BATCHES_AHEAD). */
  private rowsMadeHere = false

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
  ) {}

  /**
   * The thread for a run of `users` legacy users on this connection, or null when the run stores in its
   * own thread: a small file, one core, a caller's transaction to join, a copy in memory, or no thread.
   */
  static startFor(db: Database, users: number, wanted?: boolean): MatchStoreThread | null {
    if (db.inTransaction || db.memory || db.readonly) return null
    if (!(wanted ?? (users >= STORE_THREAD_FROM_USERS && availableParallelism() > 1))) return null
    const url = workerUrl()
    if (url === null) return null
    const signal = new Int32Array(new SharedArrayBuffer(STORE_SIGNAL.length * Int32Array.BYTES_PER_ELEMENT))
    const { port1, port2 } = new MessageChannel()
    let worker: Worker
    try {
      const workerData = { dbPath: db.name, options: siblingOptions(db), signal, port: port2 }
      worker = new Worker(url, { workerData, transferList: [port2] })
    } catch {
      port1.close()
      return null
    }
    worker.unref()
    return new MatchStoreThread(worker, port1, signal)
  }

  /**
   * Has the thread take the write lock and check the stamp, without waiting: the first rows are built
   * while it does, and finish tells whether the inputs moved meanwhile.
   */
  begin(message: Extract<ToMatchStore, { type: 'begin' }>): void {
    this.post(message)
  }

  /** Hands a result over to be stored, its link with the remote_id `remoteIdOf` gives. */
  write(result: MatchResult, remoteIdOf: (komboId: string) => string | null): void {
    this.encoder.add(result, remoteIdOf, this.rowsMadeHere)
    if (this.encoder.rows >= ROWS_PER_BATCH) this.flush()
  }

  /** Has the thread store the rest and record the summary, without waiting: lists() waits for it. */
  finish(summary: MatchSummary): void {
    this.flush()
    this.post({ type: 'finish', summary })
  }

  /**
   * Once finish has been asked for: what the lists read from the store in the transaction, or 'moved'
   * when the inputs moved since the run loaded them (nothing was stored, the lock is let go).
   */
  lists(): { basisRunId: number | null; context: MatchRunContext | null } | 'moved' {
    const answers = this.answers()
    if (answers.some((answer) => answer.type === 'moved')) {
      this.done = true
      return 'moved'
    }
    const answer = answers.at(-1)!
    if (answer.type !== 'lists') throw unexpected(answer)
    const { basisRunId, context } = answer
    return {
      basisRunId,
      context: context === null ? null : { ...context, links: decodeLinks(context.links) },
    }
  }

  /** Keeps the lists (null before the first sync) and commits; their entries cross as bytes, not objects. */
  commit(plan: StoredPlan | null): void {
    this.post({ type: 'commit', plan }, plan === null ? [] : [plan.items.buffer])
    const answer = this.answers().at(-1)!
    if (answer.type !== 'committed') throw unexpected(answer)
    this.done = true
  }

  /** Rolls back whatever was not committed and ends the thread. */
  stop(): void {
    if (!this.done) this.port.postMessage({ type: 'rollback' } satisfies ToMatchStore)
    this.port.close()
    // The rollback is the thread's next message; terminating also closes its connection, which rolls back.
    void this.worker.terminate()
  }

  private flush(): void {
    if (this.encoder.rows === 0) return
    const bytes = this.encoder.take()
    this.port.postMessage({ type: 'rows', bytes } satisfies ToMatchStore, [bytes.buffer])
    this.sent++
    for (;;) {
      const handled = Atomics.load(this.signal, STORE_SIGNAL.handled)
      if (this.sent - handled <= BATCHES_IN_FLIGHT || this.failed()) {
        this.rowsMadeHere = this.sent - handled > BATCHES_AHEAD
        return
      }
      this.waitPast(handled)
    }
  }

  private post(message: ToMatchStore, transfer: ArrayBuffer[] = []): void {
    this.port.postMessage(message, transfer)
    this.sent++
  }

  private failed(): boolean {
    return Atomics.load(this.signal, STORE_SIGNAL.failed) !== 0
  }

  /** The answers since the last call, once every message sent has been handled; throws a failure. */
  private answers(): FromMatchStore[] {
    for (;;) {
      const handled = Atomics.load(this.signal, STORE_SIGNAL.handled)
      if (handled >= this.sent || this.failed()) break
      this.waitPast(handled)
    }
    const answers: FromMatchStore[] = []
    for (let got = receiveMessageOnPort(this.port); got; got = receiveMessageOnPort(this.port)) {
      answers.push(got.message as FromMatchStore)
    }
    const failure = answers.find((answer) => answer.type === 'failed')
    if (failure !== undefined) {
      this.done = true
      if (failure.busy) {
        fail(
          'SYNC_IN_PROGRESS',
          'a sync is writing to this database right now; try again when it has finished',
        )
      }
      throw new Error(`storing the match failed: ${failure.message}`)
    }
    if (answers.length === 0) throw new Error('the match store thread did not answer')
    return answers
  }

  private waitPast(handled: number): void {
    if (Atomics.wait(this.signal, STORE_SIGNAL.handled, handled, STALL_MS) === 'timed-out') {
      throw new Error('the match store thread stopped answering')
    }
  }
}

function unexpected(answer: FromMatchStore): Error {
  return new Error(`unexpected answer from the match store thread: ${answer.type}`)
}

/** The worker's module file (see workerFile.ts). */
function workerUrl(): URL | null {
  return workerFileUrl(import.meta.url, 'matchStoreWorker')
}
