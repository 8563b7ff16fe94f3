import type {
  MatchCandidate,
  MatchEvidence,
  MatchMethod,
  MatchResult,
  MatchStatus,
  MatchSummary,
} from '../../../shared/dto/match'
import type { MessagePort } from 'node:worker_threads'
import type { MatchRunContext } from '../diff/loadDiffState'
import type { DiffLink } from '../diff/diffState'
import type { StoredPlan } from '../diff/planStore'
import type { OpenOptions } from '../store/database'
import { RecordReader, RecordWriter, SharedTextReader, SharedTextWriter } from '../store/recordBytes'
import { linkedRemoteIdOf, storedRowOf, type StoredRow } from './matchStore'
import { detailJsonOf } from './resultJson'

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
  /** Results as StoredRowEncoder wrote them. */
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

/** How a result crosses: field by field, or as the row this thread made of it. */
const RESULT_FIELDS = 0
const ROW_TEXTS = 1

/**
 * Results written straight into bytes as the run builds them, to be transferred to the store thread: a row
 * kept as strings until a batch is full outlives the young generation, and at 100,000 results those
 * strings piled up as about 130 MB of old garbage on the run's heap. A result crosses as its fields, and
 * the store thread makes the row's JSON texts (storedRowOf) from them: at 100,000 results serialising
 * them took a second of the run's thread, which builds the next results meanwhile.
 */
export class StoredRowEncoder {
  private readonly writer = new RecordWriter(BATCH_BYTES)
  private readonly shared = new SharedTextWriter()
  /** One result's texts, reused from result to result. */
  private readonly texts: string[] = []

  get rows(): number {
    return this.writer.records
  }

  /**
   * Adds a result: as its fields, unless `asRow` (the row is made here, when the store thread has more
   * than enough to do) or a text would not cross unchanged.
   */
  add(result: MatchResult, remoteIdOf: (komboId: string) => string | null, asRow = false): void {
    const { writer, shared, texts } = this
    if (asRow || !crossesAsFields(result)) {
      writer.count(ROW_TEXTS)
      writeRow(writer, storedRowOf(result, remoteIdOf))
      writer.endRecord()
      return
    }
    writer.count(RESULT_FIELDS)
    // The texts first, all in one (see RecordWriter.texts); then the numbers that say where each goes.
    texts.length = 0
    texts.push(result.user_id)
    pushAll(texts, result.reasons)
    pushAll(texts, result.conflicts)
    for (const candidate of result.candidates) {
      texts.push(candidate.kombo_id)
      pushAll(texts, candidate.reasons)
    }
    writer.texts(texts)
    writer.number(result.score)
    shared.write(writer, result.status)
    shared.write(writer, result.method)
    writer.text(result.kombo_id)
    writer.text(linkedRemoteIdOf(result, remoteIdOf))
    writer.count(result.reasons.length)
    writer.count(result.conflicts.length)
    writer.count(result.candidates.length)
    for (const candidate of result.candidates) {
      writer.number(candidate.score)
      shared.write(writer, candidate.method)
      writer.count(candidate.reasons.length)
      // 0 for no evidence at all, which the JSON leaves out, unlike an empty list.
      const { evidence } = candidate
      writer.count(evidence === undefined ? 0 : evidence.length + 1)
      if (evidence === undefined) continue
      for (const item of evidence) {
        shared.write(writer, item.field)
        shared.write(writer, item.level)
        writer.number(item.weight)
      }
    }
    writer.endRecord()
  }

  /** The bytes so far, to transfer (a copy of just those: a batch in flight holds no unused room). */
  take(): Uint8Array<ArrayBuffer> {
    return this.writer.take()
  }
}

/**
 * Whether the store thread can make the very JSON of a result from its fields: its texts must come through
 * UTF-8 unchanged, so none may hold half of a surrogate pair (JSON escapes one, UTF-8 replaces it). Texts
 * read from the database never do; the reasons are made from them, cut at code units here and there.
 */
function crossesAsFields(result: MatchResult): boolean {
  if (!allWellFormed(result.reasons) || !allWellFormed(result.conflicts)) return false
  for (const candidate of result.candidates) {
    if (!candidate.kombo_id.isWellFormed() || !allWellFormed(candidate.reasons)) return false
  }
  return result.user_id.isWellFormed() && (result.kombo_id?.isWellFormed() ?? true)
}

function allWellFormed(texts: readonly string[]): boolean {
  for (const text of texts) if (!text.isWellFormed()) return false
  return true
}

function pushAll(into: string[], texts: readonly string[]): void {
  for (let at = 0; at < texts.length; at++) into.push(texts[at]!)
}

function writeRow(writer: RecordWriter, row: StoredRow): void {
  const [userId, status, method, komboId, score, detail, conflicts, count, candidateIds, remoteId] = row
  writer.number(score)
  writer.count(count)
  for (const text of [userId, status, method, komboId, detail, conflicts, candidateIds, remoteId])
    writer.text(text)
}

function readRow(reader: RecordReader): StoredRow {
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
  return [userId, status, method, komboId, score, detail, conflicts, count, candidateIds, remoteId]
}

/**
 * The rows of what StoredRowEncoder wrote, batch after batch in the order written (one decoder per run:
 * the shared texts of a batch may have been written out in an earlier one).
 */
export class StoredRowDecoder {
  private readonly shared = new SharedTextReader()

  rows(bytes: Uint8Array): Generator<StoredRow> {
    return decodeRows(bytes, this.shared)
  }
}

function* decodeRows(bytes: Uint8Array, shared: SharedTextReader): Generator<StoredRow> {
  const reader = new RecordReader(bytes)
  while (!reader.done) {
    if (reader.count() === ROW_TEXTS) {
      yield readRow(reader)
      continue
    }
    const texts = reader.texts()
    let next = 0
    const take = (count: number) => {
      next += count
      return texts.slice(next - count, next)
    }
    const user_id = texts[next++]!
    const score = reader.number()
    const status = shared.read(reader) as MatchStatus
    const method = shared.read(reader) as MatchMethod
    const kombo_id = reader.text()
    const remoteId = reader.text()
    const reasons = take(reader.count())
    const conflicts = take(reader.count())
    const candidates = new Array<MatchCandidate>(reader.count())
    for (let at = 0; at < candidates.length; at++) {
      // In the contract's key order, as the run made it: the JSON follows the keys' order.
      const candidate: MatchCandidate = {
        kombo_id: texts[next++]!,
        score: reader.number(),
        method: shared.read(reader) as MatchMethod,
        reasons: take(reader.count()),
      }
      const evidence = reader.count()
      if (evidence > 0) {
        candidate.evidence = new Array<MatchEvidence>(evidence - 1)
        for (let item = 0; item < evidence - 1; item++) {
          candidate.evidence[item] = {
            field: shared.read(reader) as MatchEvidence['field'],
            level: shared.read(reader),
            weight: reader.number(),
          }
        }
      }
      candidates[at] = candidate
    }
    const result: MatchResult = { user_id, status, method, kombo_id, score, reasons, candidates, conflicts }
    yield storedRowOf(result, () => remoteId, detailJsonOf(result))
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
