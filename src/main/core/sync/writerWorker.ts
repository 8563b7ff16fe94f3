import { parentPort } from 'node:worker_threads'
import { KomboError } from '../kombo/errors'
import { sliceResults } from '../kombo/resultSlices'
import { openDatabase, type Database } from '../store/database'
import { EmployeeWriter } from './employeeWriter'
import { finishRun } from './syncRuns'
import type { FromWriter, ToWriter } from './writerProtocol'

/**
 * The writer thread of a sync: owns one connection and one open transaction, so SQLite work runs on
 * the second core while the sync thread downloads and parses the next pages. Nothing is visible to
 * other connections before `commit`; if the process dies, SQLite discards the transaction.
 */
if (!parentPort) throw new Error('writerWorker must run as a worker thread')
const port = parentPort

const WRITER_CACHE_KIB = 32 * 1024

let db: Database | null = null
let writer: EmployeeWriter | null = null
let maxJsonDepth = Number.POSITIVE_INFINITY
const send = (message: FromWriter) => port.postMessage(message)

port.on('message', (message: ToWriter) => {
  try {
    switch (message.type) {
      case 'open': {
        db = openDatabase(
          message.dbPath,
          message.nativeBinding ? { nativeBinding: message.nativeBinding } : {},
        )
        // A run's transaction outgrows any cache, so SQLite spills pages to the WAL as it goes. With the
        // default 2 MB, pages still being modified (B-tree interiors, index leaves) were spilled and then
        // written again in place, which makes the commit re-read the whole WAL to redo its checksums.
        // 32 MB keeps them in memory; it is a fixed cost, whatever the size of the company.
        db.pragma(`cache_size = -${WRITER_CACHE_KIB}`)
        send({ type: 'opened' })
        break
      }
      case 'begin': {
        db!.exec('BEGIN IMMEDIATE')
        writer = new EmployeeWriter(db!, message.integrationId, message.runId, message.now)
        maxJsonDepth = message.maxJsonDepth
        send({ type: 'ready' })
        break
      }
      case 'page': {
        const body = Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength)
        const raws = rawRecords(body, message.resultCount)
        for (const employee of message.employees) writer!.write(employee, raws[employee.index]!)
        send({ type: 'written', seq: message.seq })
        break
      }
      case 'commit': {
        if (message.markVanished) writer!.markVanished()
        db!
          .prepare('UPDATE integrations SET last_sync_started_at = ? WHERE integration_id = ?')
          .run(message.watermark, message.end.integrationId)
        finishRun(db!, message.end.runId, { ...message.end, ...writer!.counts })
        db!.exec('COMMIT')
        send({ type: 'committed', counts: writer!.counts })
        close()
        break
      }
      case 'rollback': {
        if (db?.inTransaction) db.exec('ROLLBACK')
        send({ type: 'rolled-back' })
        close()
        break
      }
    }
  } catch (cause) {
    if (db?.inTransaction) db.exec('ROLLBACK')
    const refused = cause instanceof KomboError && cause.kind === 'refused'
    send({ type: 'failed', message: cause instanceof Error ? cause.message : String(cause), refused })
    close()
  }
})

/** Each result's source bytes; re-serialised only if the body did not slice cleanly. */
function rawRecords(body: Buffer, resultCount: number): (Buffer | string)[] {
  const slices = sliceResults(body, maxJsonDepth)
  if (slices !== null && slices.length === resultCount) return slices
  const results = (JSON.parse(body.toString('utf8')) as { data: { results: unknown[] } }).data.results
  return results.map((record) => JSON.stringify(record))
}

function close(): void {
  db?.close()
  db = null
  port.close()
}
