import { workerData } from 'node:worker_threads'
import { messageOf } from '../../../shared/result'
import { matchRunContextBesidesLinks, matchRunLinks } from '../diff/loadDiffState'
import { dayOf } from '../diff/planService'
import { latestGoodFetchRun, planInputs, saveStoredPlan, type StoredPlan } from '../diff/planStore'
import { openDatabase, type Database } from '../store/database'
import {
  clearMatchResults,
  matchInputsStamp,
  recordMatchInputs,
  storedRowWriter,
  type StoredRow,
} from './matchStore'
import {
  encodeLinks,
  STORE_SIGNAL,
  StoredRowDecoder,
  type FromMatchStore,
  type MatchStoreWorkerData,
  type ToMatchStore,
} from './matchStoreProtocol'

/**
 * The thread that stores a whole match run's plan (matchStoreThread.ts): its own connection and one write
 * transaction, in which it replaces the results with the rows the run hands over, records what they rest
 * on and keeps the lists the run computes, exactly as the run does in its own thread; meanwhile the run
 * builds and prints the next results (docs/architecture.md, Matching).
 */
const { dbPath, options, signal, port } = workerData as MatchStoreWorkerData
const send = (message: FromMatchStore, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)

/** A transaction being filled: what it stores, and the sync the lists rest on once known. */
interface Storing {
  integrationId: string
  stamp: string
  now: string
  write: (row: StoredRow) => void
  /** The run's results arrive in order, batch after batch, through this one decoder. */
  decoder: StoredRowDecoder
  basisRunId: number | null
}

let db: Database | null = null
let storing: Storing | null = null
/** The inputs had moved: the run's rows and finish are let go unanswered (it reads `moved` first). */
let moved = false

function begin(connection: Database, message: Extract<ToMatchStore, { type: 'begin' }>): void {
  connection.exec('BEGIN IMMEDIATE')
  if (matchInputsStamp(connection, message.integrationId, message.version) !== message.stamp) {
    connection.exec('ROLLBACK')
    moved = true
    send({ type: 'moved' })
    return
  }
  // Answered before the old rows go: the run builds its first results while they are deleted.
  send({ type: 'locked' })
  clearMatchResults(connection, message.integrationId)
  storing = {
    integrationId: message.integrationId,
    stamp: message.stamp,
    now: message.now,
    write: storedRowWriter(connection, message.integrationId, message.now),
    decoder: new StoredRowDecoder(),
    basisRunId: null,
  }
}

function store(bytes: Uint8Array): void {
  if (storing === null) return
  const { write, decoder } = storing
  for (const row of decoder.rows(bytes)) write(row)
}

/**
 * The lists rest on the results: the run computes them from the rows it holds (on its own heap, which
 * the finished plan has just left) with what only the store knows, read here inside the transaction.
 */
function finish(connection: Database, message: Extract<ToMatchStore, { type: 'finish' }>): void {
  const run = current()
  recordMatchInputs(connection, run.integrationId, run.stamp, message.summary)
  const basis = latestGoodFetchRun(connection, run.integrationId)
  run.basisRunId = basis?.id ?? null
  if (basis === null) {
    send({ type: 'lists', basisRunId: null, context: null })
    return
  }
  const links = encodeLinks(matchRunLinks(connection, run.integrationId))
  const rest = matchRunContextBesidesLinks(connection, run.integrationId, basis.id)
  send({ type: 'lists', basisRunId: run.basisRunId, context: { ...rest, links } }, [links.buffer])
}

function commit(connection: Database, plan: StoredPlan | null): void {
  const run = current()
  storing = null
  if (plan !== null && run.basisRunId !== null) {
    saveStoredPlan(
      connection,
      plan,
      planInputs(connection, run.integrationId, run.basisRunId, dayOf(run.now)),
    )
  }
  connection.exec('COMMIT')
  send({ type: 'committed' })
}

function current(): Storing {
  if (storing === null) throw new Error('the match store thread has no transaction open')
  return storing
}

function handle(message: ToMatchStore): void {
  if (db === null) throw new Error('the store thread has no connection')
  if (moved && message.type !== 'rollback') return
  switch (message.type) {
    case 'begin':
      return begin(db, message)
    case 'rows':
      return store(message.bytes)
    case 'finish':
      return finish(db, message)
    case 'commit':
      return commit(db, message.plan)
    case 'rollback':
      storing = null
      if (db.inTransaction) db.exec('ROLLBACK')
      return
  }
}

function isBusy(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
}

function failed(cause: unknown): void {
  storing = null
  if (db?.inTransaction) db.exec('ROLLBACK')
  // Posted before the flag is raised, so the run finds the message once it sees the flag.
  send({ type: 'failed', message: messageOf(cause), busy: isBusy(cause) })
  Atomics.store(signal, STORE_SIGNAL.failed, 1)
}

try {
  db = openDatabase(dbPath, options)
} catch (cause) {
  failed(cause)
}

port.on('message', (message: ToMatchStore) => {
  try {
    if (Atomics.load(signal, STORE_SIGNAL.failed) === 0) handle(message)
  } catch (cause) {
    failed(cause)
  }
  Atomics.add(signal, STORE_SIGNAL.handled, 1)
  Atomics.notify(signal, STORE_SIGNAL.handled)
})
