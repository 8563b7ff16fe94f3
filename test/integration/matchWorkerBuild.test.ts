import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import type { FromMatchWorker } from '../../src/main/core/match/matchProtocol'

/**
 * The Electron main build (electron-vite, `npm run build`) must carry the match worker as its own entry
 * beside index.js, where matchThread.ts looks for it, and that file must run as a worker on its own.
 */
const outMain = fileURLToPath(new URL('../../out/main/', import.meta.url))

describe('the built match worker', () => {
  it('sits beside the main bundle, which refers to it by that name', () => {
    expect(existsSync(`${outMain}matchWorker.js`)).toBe(true)
    expect(readFileSync(`${outMain}index.js`, 'utf8')).toContain('./matchWorker')
  })

  it('matches what it is sent and answers', async () => {
    const worker = new Worker(`${outMain}matchWorker.js`)
    const reply = new Promise<FromMatchWorker>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    worker.postMessage({
      employees: [],
      legacy: [
        {
          user_id: 'u1',
          email: 'ann@example.com',
          first_name: 'Ann',
          last_name: 'Lee',
          full_name: null,
          hris_id: null,
          private_email: null,
          status: null,
          line: 2,
          extra: {},
        },
      ],
      decisions: new Map(),
    })
    const answer = await reply
    await worker.terminate()
    expect(answer).toMatchObject({ type: 'done', output: { summary: { legacyUsers: 1, unmatched: 1 } } })
  })
})
