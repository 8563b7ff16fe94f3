import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { makeTempDir } from '../support/tempDir'
import { seedPeople } from '../support/seedPeople'
import { runCli, singleErrorLine, startCli } from '../support/runCli'

const INTEGRATION = 'personio:atomic'
const FAULTY_DISK = pathToFileURL(join(import.meta.dirname, '../support/faultyDisk.mjs')).href
const PREVIOUS = 'user_id,hris_id,kombo_id\r\nprevious-export,R0,K0\r\n'
/** A mapping large enough that its write is a real write, not one small syscall. */
const USERS = 3000

function seed(path: string): void {
  seedPeople(
    path,
    INTEGRATION,
    Array.from({ length: USERS }, (_, i) => ({
      first: `First${i}`,
      last: `Last${i}`,
      workEmail: `person${i}@acme.com`,
      legacyEmail: `person${i}@acme.com`,
    })),
  )
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

describe('exports are written atomically', { timeout: 120_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>
  let dbPath: string
  let outDir: string

  beforeEach(() => {
    temp = makeTempDir('export-atomic-')
    dbPath = join(temp.dir, 'desk.db')
    outDir = join(temp.dir, 'out')
    mkdirSync(outDir)
    seed(dbPath)
  })

  afterEach(() => temp.cleanup())

  it('leaves the previous mapping byte-identical when killed in the middle of the write', async () => {
    const target = join(outDir, 'mapping.csv')
    writeFileSync(target, PREVIOUS)
    const { child, done } = startCli(
      ['export', '--db', dbPath, '--integration', INTEGRATION, '--mapping', target],
      { NODE_OPTIONS: `--import=${FAULTY_DISK}`, FAULTY_DISK_DIR: outDir, FAULTY_DISK_MODE: 'hang' },
    )
    await new Promise<void>((resolve, reject) => {
      let seen = ''
      child.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString()
        if (seen.includes('FAULTY_DISK_HANGING')) resolve()
      })
      child.once('close', () => reject(new Error(`the export ended before its write:\n${seen}`)))
    })
    child.kill('SIGKILL')
    const run = await done
    expect(run.signal).toBe('SIGKILL')
    expect(readFileSync(target, 'utf8')).toBe(PREVIOUS)

    // The next export replaces it whole.
    const next = await runCli(['export', '--db', dbPath, '--integration', INTEGRATION, '--mapping', target])
    expect(next.code, next.stderr).toBe(0)
    expect(readFileSync(target, 'utf8').split('\r\n')).toHaveLength(USERS + 2)
  })

  it('leaves the previous mapping byte-identical when the disk fills up', async () => {
    const target = join(outDir, 'mapping.json')
    writeFileSync(target, PREVIOUS)
    const before = sha(target)
    const run = await runCli(['export', '--db', dbPath, '--integration', INTEGRATION, '--mapping', target], {
      NODE_OPTIONS: `--import=${FAULTY_DISK}`,
      FAULTY_DISK_DIR: outDir,
      FAULTY_DISK_MODE: 'enospc',
    })
    expect(run.code).toBe(1)
    expect(singleErrorLine(run)).toMatch(/cannot write .*mapping\.json \(ENOSPC\); free some disk space/)
    expect(sha(target)).toBe(before)
    // No half-written temporary file is left beside it.
    expect(readdirSync(outDir)).toEqual(['mapping.json'])
  })

  it('leaves the previous lists of diff --out-dir byte-identical when the disk fills up', async () => {
    const first = await runCli(['diff', '--db', dbPath, '--integration', INTEGRATION, '--out-dir', outDir])
    expect(first.code, first.stderr).toBe(0)
    const files = readdirSync(outDir).sort()
    expect(files).toHaveLength(3)
    const before = files.map((name) => sha(join(outDir, name)))
    const run = await runCli(['diff', '--db', dbPath, '--integration', INTEGRATION, '--out-dir', outDir], {
      NODE_OPTIONS: `--import=${FAULTY_DISK}`,
      FAULTY_DISK_DIR: outDir,
      FAULTY_DISK_MODE: 'enospc',
    })
    expect(run.code).toBe(1)
    expect(singleErrorLine(run)).toMatch(/\(ENOSPC\)/)
    expect(readdirSync(outDir).sort()).toEqual(files)
    expect(files.map((name) => sha(join(outDir, name)))).toEqual(before)
  })

  it('exports from a database this process may not write', async () => {
    // Root may write any file, so the read-only case runs as nobody when the tests run as root.
    const asRoot = process.getuid?.() === 0
    const nobody = asRoot ? { uid: 65534, gid: 65534 } : {}
    chmodSync(outDir, 0o777)
    chmodSync(temp.dir, 0o755)
    chmodSync(dbPath, 0o444)
    const readOnlyDir = join(temp.dir, 'ro')
    mkdirSync(readOnlyDir)
    const roDb = join(readOnlyDir, 'desk.db')
    writeFileSync(roDb, readFileSync(dbPath))
    chmodSync(roDb, 0o444)
    chmodSync(readOnlyDir, 0o555)
    const before = sha(roDb)

    const target = join(outDir, 'mapping.csv')
    const exported = await startCli(
      ['export', '--db', roDb, '--integration', INTEGRATION, '--mapping', target],
      {},
      nobody,
    ).done
    expect(exported.code, exported.stderr).toBe(0)
    expect(readFileSync(target, 'utf8').split('\r\n')).toHaveLength(USERS + 2)
    const listed = await startCli(
      ['diff', '--db', roDb, '--integration', INTEGRATION, '--out-dir', outDir],
      {},
      nobody,
    ).done
    expect(listed.code, listed.stderr).toBe(0)
    expect(sha(roDb)).toBe(before)
    expect(readdirSync(readOnlyDir)).toEqual(['desk.db'])
  })
})
