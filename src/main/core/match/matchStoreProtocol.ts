import type { MatchMethod, MatchStatus, MatchSummary } from '../../../shared/dto/match'
import type { MessagePort } from 'node:worker_threads'
import type { MatchRunContext } from '../diff/loadDiffState'
import type { DiffLink } from '../diff/diffState'
import type { StoredPlan } from '../diff/planStore'
import type { OpenOptions } from '../store/database'
import { RecordReader, RecordWriter } from '../store/recordBytes'
import type { StoredRow } from './matchStore'

/**
 * Messages between a match run and the thread that stores its plan (matchStoreThread.ts,
 * matchStoreWorker.ts). The run waits on the shared signal, not on its event loop: a match is one
 * synchronous computation.
 */

/** Slots of the shared signal: messages the store thread has handled, and whether it failed. */
export const STORE_SIGNAL = { handled: 0, failed: 1, length: 2 } as const

export interface MatchStoreWorkerData {
  dbPath: string
  options: OpenOptions
  signal: Int32Array
  port: MessagePort
}

export type ToMatchStore =
  /** Take the write lock and check the stamp; answered with `locked` or `moved` (rows then go unstored). */
  | { type: 'begin'; integrationId: string; version: string; stamp: string; now: string }
  /** Rows as StoredRowEncoder wrote them. */
  | { type: 'rows'; bytes: Uint8Array }
  /** The last row is in: record what the plan rests on; answered with `lists`, what the lists read. */
  | { type: 'finish'; summary: MatchSummary }
  /** Keep these lists (none before the first sync) and commit; answered with `committed`. */
  | { type: 'commit'; plan: StoredPlan | null }
  | { type: 'rollback' }

/** A MatchRunContext on its way between threads, its links as bytes. */
export type TransferredContext = Omit<MatchRunContext, 'links'> & { links: Uint8Array<ArrayBuffer> }

export type FromMatchStore =
  | { type: 'locked' }
  /** The inputs moved since the run loaded them: nothing is stored, the lock is let go. */
  | { type: 'moved' }
  /**
   * The sync the lists rest on (null: none yet) and what they read from the store, in the transaction;
   * the links as encodeLinks wrote them.
   */
  | { type: 'lists'; basisRunId: number | null; context: TransferredContext | null }
  | { type: 'committed' }
  | { type: 'failed'; message: string; busy: boolean }

/** Bytes a batch of rows starts with: a few hundred rows of a large file. */
const BATCH_BYTES = 1 << 20
/** Bytes the link history starts with; it grows by doubling. */
const LINK_BYTES = 1 << 20

/**
 * Rows written straight into bytes as the run builds them, to be transferred to the store thread: a row
 * kept as strings until a batch is full outlives the young generation, and at 100,000 results those
 * strings piled up as about 130 MB of old garbage on the run's heap.
 */
export class StoredRowEncoder {
  private readonly writer = new RecordWriter(BATCH_BYTES)

  get rows(): number {
    return this.writer.records
  }

  add(row: StoredRow): void {
    const [userId, status, method, komboId, score, detail, conflicts, count, candidateIds, remoteId] = row
    const { writer } = this
    writer.number(score)
    writer.count(count)
    for (const text of [userId, status, method, komboId, detail, conflicts, candidateIds, remoteId])
      writer.text(text)
    writer.endRecord()
  }

  /** The bytes so far, to transfer (a copy of just those: a batch in flight holds no unused room). */
  take(): Uint8Array<ArrayBuffer> {
    return this.writer.take()
  }
}

/** The rows StoredRowEncoder wrote, in order. */
export function* decodeStoredRows(bytes: Uint8Array): Generator<StoredRow> {
  const reader = new RecordReader(bytes)
  while (!reader.done) {
    const score = reader.number()
    const count = reader.count()
    const userId = reader.presentText()
    const status = reader.presentText() as MatchStatus
    const method = reader.presentText() as MatchMethod
    const komboId = reader.text()
    const detail = reader.presentText()
    const conflicts = reader.presentText()
    const candidateIds = reader.presentText()
    const remoteId = reader.text()
    yield [userId, status, method, komboId, score, detail, conflicts, count, candidateIds, remoteId]
  }
}

/**
 * The link history as bytes, one link at a time: at 500,000 people it is about 300,000 links. Cloned as
 * objects it existed on both threads and in the clone at once: the store thread's finish raised the run's
 * resident memory by 208 MiB, and by 90 MiB with the links as bytes.
 */
export function encodeLinks(links: Iterable<DiffLink>): Uint8Array<ArrayBuffer> {
  const writer = new RecordWriter(LINK_BYTES)
  for (const link of links) {
    writer.text(link.user_id)
    writer.text(link.kombo_id)
    writer.text(link.remote_id)
    writer.text(link.last_linked_at)
    writer.endRecord()
  }
  return writer.finish()
}

export function decodeLinks(bytes: Uint8Array): DiffLink[] {
  const reader = new RecordReader(bytes)
  const links: DiffLink[] = []
  while (!reader.done) {
    const user_id = reader.presentText()
    const kombo_id = reader.presentText()
    const remote_id = reader.text()
    const last_linked_at = reader.presentText()
    links.push({ user_id, kombo_id, remote_id, last_linked_at })
  }
  return links
}
