import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import type { FromMatchWorker, MatchJob } from '../../src/main/core/match/matchProtocol'
import { openDatabase } from '../../src/main/core/store/database'
import { seedPeople } from '../support/seedPeople'
import { makeTempDir } from '../support/tempDir'

/**
 * The Electron main build (electron-vite, `npm run build`) must carry the match worker as its own entry
 * beside index.js, where matchThread.ts looks for it, and that file must run as a worker on its own:
 * open the desk's file, match, store and answer.
 */
const outMain = fileURLToPath(new URL('../../out/main/', import.meta.url))
const INTEGRATION = 'personio:built'
const temp = makeTempDir('match-worker-build-')

afterAll(() => temp.cleanup())

describe('the built match worker', () => {
  it('sits beside the main bundle, which refers to it by that name', () => {
    expect(existsSync(`${outMain}matchWorker.js`)).toBe(true)
    expect(readFileSync(`${outMain}index.js`, 'utf8')).toContain('./matchWorker')
  })

  it('matches the file it is pointed at, stores the plan and answers with the summary', async () => {
    const dbPath = join(temp.dir, 'desk.db')
    seedPeople(dbPath, INTEGRATION, [
      { first: 'Ann', last: 'Lee', workEmail: 'ann@acme.example', legacyEmail: 'ann@acme.example' },
    ])
    const worker = new Worker(`${outMain}matchWorker.js`)
    const replies: FromMatchWorker[] = []
    const answered = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: FromMatchWorker) => {
        replies.push(reply)
        if (reply.type !== 'progress') resolve()
      })
      worker.once('error', reject)
    })
    const job: MatchJob = {
      dbPath,
      integrationId: INTEGRATION,
      version: 'test',
      now: new Date().toISOString(),
    }
    worker.postMessage(job)
    await answered
    await worker.terminate()
    expect(replies.map((reply) => (reply.type === 'progress' ? reply.phase : reply.type))).toEqual([
      'loading',
      'matching',
      'storing',
      'done',
    ])
    expect(replies.at(-1)).toMatchObject({
      type: 'done',
      stored: true,
      summary: { legacyUsers: 1, matched: 1 },
    })
    const db = openDatabase(dbPath)
    const rows = db.prepare('SELECT user_id, status, kombo_id FROM match_results').all()
    db.close()
    expect(rows).toEqual([{ user_id: 'u0', status: 'matched', kombo_id: 'K0' }])
  })
})
