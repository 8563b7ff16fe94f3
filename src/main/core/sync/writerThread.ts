import { Worker } from 'node:worker_threads'
import type { ParsedEmployee } from '../kombo/employeeRecord'
import { KomboError } from '../kombo/errors'
import type { WriteCounts } from './employeeWriter'
import type { FromWriter, ToWriter } from './writerProtocol'

/**
 * Pages handed to the writer but not yet written. A few absorb jitter between the two threads, and the
 * bound keeps memory flat (about 1.5 MB a page): a slow disk makes the download wait, not the heap grow.
 */
const MAX_PAGES_IN_FLIGHT = 4

/**
 * The worker is a separate module file: TypeScript sources under tsx (tests, development) and a built
 * .js/.mjs next to the bundle that contains this code (the Electron main build and the CLI).
 */
function startWriterWorker(): Worker {
  const here = import.meta.url
  if (here.endsWith('.ts')) return new Worker(new URL('./writerWorker.dev.mjs', here))
  // The Electron main build is index.js beside writerWorker.js; the CLI's bundle is CommonJS (.cjs) beside
  // an ES module worker (.mjs).
  return new Worker(new URL(`./writerWorker${here.endsWith('.js') ? '.js' : '.mjs'}`, here))
}

type Waiter = {
  accept: (message: FromWriter) => boolean
  resolve: (m: FromWriter) => void
  reject: (e: Error) => void
}

/** The sync thread's handle on its writer thread; every method rejects once the writer has failed. */
export class WriterThread {
  private readonly worker: Worker
  private readonly waiters: Waiter[] = []
  private failure: Error | null = null
  private nextSeq = 0
  private written = 0

  private constructor() {
    this.worker = startWriterWorker()
    this.worker.on('message', (message: FromWriter) => {
      if (message.type === 'written') this.written += 1
      if (message.type === 'failed') {
        return this.fail(
          message.refused
            ? new KomboError('refused', message.message)
            : new Error(`writing the sync failed: ${message.message}`),
        )
      }
      const index = this.waiters.findIndex((w) => w.accept(message))
      if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(message)
    })
    this.worker.on('error', (error) => this.fail(error))
    this.worker.on('exit', (code) => {
      if (this.waiters.length > 0) this.fail(new Error(`the sync writer stopped (exit ${code})`))
    })
  }

  /**
   * Starts the thread and opens its connection, without taking any lock: a sync calls this before its
   * first request so that starting a thread and loading SQLite overlap the first download.
   */
  static async open(message: Extract<ToWriter, { type: 'open' }>): Promise<WriterThread> {
    const thread = new WriterThread()
    try {
      await thread.request(message, (m) => m.type === 'opened')
    } catch (error) {
      await thread.terminate()
      throw error
    }
    return thread
  }

  /** Opens the run's transaction; called once the first page is in hand. */
  async begin(message: Extract<ToWriter, { type: 'begin' }>): Promise<void> {
    await this.request(message, (m) => m.type === 'ready')
  }

  /** Queues a page; resolves as soon as the writer has room for another. */
  async write(page: { body: Uint8Array; resultCount: number; employees: ParsedEmployee[] }): Promise<void> {
    const seq = this.nextSeq++
    const { body } = page
    // Hand the page's bytes over instead of copying them, when they own their whole buffer (a slice of
    // Node's shared pool must never be detached).
    const ownsBuffer = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength
    this.post(
      { type: 'page', seq, body, resultCount: page.resultCount, employees: page.employees },
      ownsBuffer && body.buffer instanceof ArrayBuffer ? [body.buffer] : [],
    )
    if (seq + 1 - this.written > MAX_PAGES_IN_FLIGHT) {
      const waitFor = seq + 1 - MAX_PAGES_IN_FLIGHT
      await this.until((m) => m.type === 'written' && m.seq >= waitFor)
    }
  }

  async commit(message: Extract<ToWriter, { type: 'commit' }>): Promise<WriteCounts> {
    const reply = await this.request(message, (m) => m.type === 'committed')
    return (reply as Extract<FromWriter, { type: 'committed' }>).counts
  }

  async rollback(): Promise<void> {
    if (this.failure) return this.terminate()
    await this.request({ type: 'rollback' }, (m) => m.type === 'rolled-back').catch(() => undefined)
    await this.terminate()
  }

  async terminate(): Promise<void> {
    await this.worker.terminate()
  }

  private post(message: ToWriter, transfer: ArrayBuffer[] = []): void {
    if (this.failure) throw this.failure
    this.worker.postMessage(message, transfer)
  }

  private request(message: ToWriter, accept: (m: FromWriter) => boolean): Promise<FromWriter> {
    const reply = this.until(accept)
    this.post(message)
    return reply
  }

  private until(accept: (m: FromWriter) => boolean): Promise<FromWriter> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => this.waiters.push({ accept, resolve, reject }))
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure)
  }
}
