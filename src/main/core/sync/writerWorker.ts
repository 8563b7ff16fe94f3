import { parentPort } from 'node:worker_threads'
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

let db: Database | null = null
let writer: EmployeeWriter | null = null
const send = (message: FromWriter) => port.postMessage(message)

port.on('message', (message: ToWriter) => {
  try {
    switch (message.type) {
      case 'begin': {
        db = openDatabase(
          message.dbPath,
          message.nativeBinding ? { nativeBinding: message.nativeBinding } : {},
        )
        db.exec('BEGIN IMMEDIATE')
        writer = new EmployeeWriter(db, message.integrationId, message.runId, message.now)
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
    send({ type: 'failed', message: cause instanceof Error ? cause.message : String(cause) })
    close()
  }
})

/** Each result's source bytes; re-serialised only if the body did not slice cleanly. */
function rawRecords(body: Buffer, resultCount: number): (Buffer | string)[] {
  const slices = sliceResults(body)
  if (slices !== null && slices.length === resultCount) return slices
  const results = (JSON.parse(body.toString('utf8')) as { data: { results: unknown[] } }).data.results
  return results.map((record) => JSON.stringify(record))
}

function close(): void {
  db?.close()
  db = null
  port.close()
}
