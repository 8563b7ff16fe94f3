import type { MatchMethod, MatchStatus, MatchSummary } from '../../../shared/dto/match'
import type { MessagePort } from 'node:worker_threads'
import type { MatchRunContext } from '../diff/loadDiffState'
import type { StoredPlan } from '../diff/planStore'
import type { OpenOptions } from '../store/database'
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

export type FromMatchStore =
  | { type: 'locked' }
  /** The inputs moved since the run loaded them: nothing is stored, the lock is let go. */
  | { type: 'moved' }
  /** The sync the lists rest on (null: none yet) and what they read from the store, in the transaction. */
  | { type: 'lists'; basisRunId: number | null; context: MatchRunContext | null }
  | { type: 'committed' }
  | { type: 'failed'; message: string; busy: boolean }

/** A string's length slot that stands for null. */
const NULL_TEXT = 0xffffffff
/** Bytes a batch of rows starts with: a few hundred rows of a large file. */
const BATCH_BYTES = 1 << 20

/**
 * Rows written straight into bytes as the run builds them, to be transferred to the store thread: a row
 * kept as strings until a batch is full outlives the young generation, and at 100,000 results those
 * strings piled up as about 130 MB of old garbage on the run's heap.
 */
export class StoredRowEncoder {
  private memory = new ArrayBuffer(BATCH_BYTES)
  private buffer = Buffer.from(this.memory)
  private at = 0
  rows = 0

  add(row: StoredRow): void {
    const [userId, status, method, komboId, score, detail, conflicts, count, candidateIds, remoteId] = row
    const texts = [userId, status, method, komboId, detail, conflicts, candidateIds, remoteId]
    let most = 12
    for (const text of texts) most += 4 + (text === null ? 0 : text.length * 3)
    if (this.at + most > this.buffer.length) this.grow(most)
    this.at = this.buffer.writeDoubleLE(score, this.at)
    this.at = this.buffer.writeUInt32LE(count, this.at)
    for (const text of texts) this.text(text)
    this.rows++
  }

  /** The bytes so far, to transfer; the encoder starts a new batch in the same memory. */
  take(): Uint8Array<ArrayBuffer> {
    // A copy of just the bytes written: a batch in flight holds no unused room.
    const bytes = new Uint8Array(this.memory.slice(0, this.at))
    this.at = 0
    this.rows = 0
    return bytes
  }

  private text(text: string | null): void {
    if (text === null) {
      this.at = this.buffer.writeUInt32LE(NULL_TEXT, this.at)
      return
    }
    const length = this.buffer.write(text, this.at + 4, 'utf8')
    this.buffer.writeUInt32LE(length, this.at)
    this.at += 4 + length
  }

  private grow(most: number): void {
    const bigger = new ArrayBuffer(Math.max(this.memory.byteLength * 2, this.at + most))
    const buffer = Buffer.from(bigger)
    this.buffer.copy(buffer, 0, 0, this.at)
    this.memory = bigger
    this.buffer = buffer
  }
}

/** The rows StoredRowEncoder wrote, in order. */
export function* decodeStoredRows(bytes: Uint8Array): Generator<StoredRow> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let at = 0
  const text = (): string | null => {
    const length = buffer.readUInt32LE(at)
    at += 4
    if (length === NULL_TEXT) return null
    at += length
    return buffer.toString('utf8', at - length, at)
  }
  while (at < buffer.length) {
    const score = buffer.readDoubleLE(at)
    const count = buffer.readUInt32LE(at + 8)
    at += 12
    const [userId, status, method, komboId, detail, conflicts, candidateIds, remoteId] = [
      text()!,
      text() as MatchStatus,
      text() as MatchMethod,
      text(),
      text()!,
      text()!,
      text()!,
      text(),
    ]
    yield [userId, status, method, komboId, score, detail, conflicts, count, candidateIds, remoteId]
  }
}
