import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeTempDir } from '../support/tempDir'

const root = join(import.meta.dirname, '..', '..')
/** Build tools that must never be needed to run the desk, only to build it. */
const BUILD_ONLY = ['tsx', 'esbuild']

describe('what the installed desk needs at run time', () => {
  it('has no build tool among its runtime dependencies, direct or transitive', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    for (const name of BUILD_ONLY) expect(Object.keys(manifest.dependencies)).not.toContain(name)
    const runtimeTree = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
      cwd: root,
      encoding: 'utf8',
    })
    const packages = runtimeTree.split('\n').map((line) => line.split('node_modules/').pop())
    for (const name of BUILD_ONLY) expect(packages).not.toContain(name)
  })

  it('runs the built CLI when tsx is not installed, even if a source file looks newer', () => {
    const temp = makeTempDir('desk-pkg-')
    try {
      const pkg = temp.dir
      cpSync(join(root, 'bin'), join(pkg, 'bin'), { recursive: true })
      cpSync(join(root, 'out', 'cli'), join(pkg, 'out', 'cli'), { recursive: true })
      mkdirSync(join(pkg, 'src'))
      writeFileSync(join(pkg, 'src', 'edited.ts'), 'export {}\n')
      const future = new Date(Date.now() + 60_000)
      utimesSync(join(pkg, 'src', 'edited.ts'), future, future)
      // Every installed package but the build tools.
      mkdirSync(join(pkg, 'node_modules'))
      for (const entry of readdirSync(join(root, 'node_modules'))) {
        if (BUILD_ONLY.includes(entry) || entry === '.bin') continue
        symlinkSync(join(root, 'node_modules', entry), join(pkg, 'node_modules', entry))
      }
      const run = spawnSync(process.execPath, [join(pkg, 'bin', 'kombo-reconcile.js'), '--help'], {
        encoding: 'utf8',
      })
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
      expect(run.stdout).toMatch(/^usage: kombo-reconcile <command>/)
    } finally {
      temp.cleanup()
    }
  })

  it('builds every worker thread beside the code that looks for it by name', () => {
    // A worker left out of a build is not an error at run time: matching falls back to one thread and
    // silently loses the second core, so the build's output is checked here (npm test builds first).
    const cli = readdirSync(join(root, 'out', 'cli'))
    expect(cli).toEqual(
      expect.arrayContaining(['writerWorker.mjs', 'blockingWorker.mjs', 'matchStoreWorker.mjs']),
    )
    const electronMain = readdirSync(join(root, 'out', 'main'))
    expect(electronMain).toEqual(
      expect.arrayContaining([
        'writerWorker.js',
        'blockingWorker.js',
        'matchWorker.js',
        'matchStoreWorker.js',
      ]),
    )
  })

  it('starts --help without the sqlite addon, which only a command that opens a database loads', () => {
    const temp = makeTempDir('desk-pkg-')
    try {
      // Preloaded into the CLI's process: names every better-sqlite3 file it required, as it exits.
      const probe = join(temp.dir, 'probe.cjs')
      writeFileSync(
        probe,
        `process.on('exit', () => process.stderr.write(Object.keys(require.cache).filter((file) => file.includes('better-sqlite3')).join('\\n')))`,
      )
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, ['--require', probe, join(root, 'bin', 'kombo-reconcile.js'), ...args], {
          encoding: 'utf8',
        })
      const help = cli('--help')
      expect(help.status).toBe(0)
      expect(help.stdout).toMatch(/^usage: kombo-reconcile <command>/)
      expect(help.stderr).toBe('')
      // The probe sees the addon where a command opens a database (here one with no such integration).
      const match = cli('match', '--db', join(temp.dir, 'desk.sqlite'), '--integration', 'none')
      expect(match.stderr).toMatch(/node_modules\/better-sqlite3\/lib\/database\.js/)
    } finally {
      temp.cleanup()
    }
  })

  it('records a code cache that a start accepts', () => {
    // A start compiles the bundle under Node's default V8 flags and only then tunes V8 (bin/): the build's
    // recording run must leave the flags alone, or V8 refuses every start the cache it wrote.
    const bundle = join(root, 'out', 'cli', 'kombo-reconcile.cjs')
    const check = `
      const { readFileSync } = require('node:fs')
      const { Script } = require('node:vm')
      const source = readFileSync(process.argv[1], 'latin1')
      const stored = readFileSync(process.argv[1] + '.v8cache')
      const cachedData = stored.subarray(stored.indexOf(10) + 1)
      const wrapped = '(function (exports, require, module, __filename, __dirname) {' + source + '\\n})'
      const script = new Script(wrapped, { filename: process.argv[1], cachedData })
      process.stdout.write(String(script.cachedDataRejected))`
    const run = spawnSync(process.execPath, ['-e', check, bundle], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('false')
  })

  it('never runs a code cache recorded for another build of the bundle', () => {
    const temp = makeTempDir('desk-cache-')
    try {
      const pkg = temp.dir
      cpSync(join(root, 'bin'), join(pkg, 'bin'), { recursive: true })
      cpSync(join(root, 'out', 'cli'), join(pkg, 'out', 'cli'), { recursive: true })
      symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'))
      const bundle = join(pkg, 'out', 'cli', 'kombo-reconcile.cjs')
      const help = () =>
        spawnSync(process.execPath, [join(pkg, 'bin', 'kombo-reconcile.js'), '--help'], { encoding: 'utf8' })
      expect(help().stdout).toMatch(/^usage: kombo-reconcile <command>/)
      // Another build of the same length (V8's own check on the source), its text changed: the old code
      // cache would still print the old text if it were used.
      const [firstLine, ...rest] = readFileSync(bundle, 'utf8').split('\n')
      const otherBuild = firstLine!.replace(/[0-9a-f](?=[0-9a-f]*$)/, (digit) => (digit === '0' ? '1' : '0'))
      const edited = [otherBuild, ...rest]
        .join('\n')
        .replace('usage: kombo-reconcile <command>', 'USAGE: kombo-reconcile <command>')
      writeFileSync(bundle, edited)
      const run = help()
      expect(run.stderr).toBe('')
      expect(run.stdout).toMatch(/^USAGE: kombo-reconcile <command>/)
      // A damaged cache is refused by V8, and the bundle is compiled as if there were none.
      writeFileSync(`${bundle}.v8cache`, `${otherBuild}\nnot code`)
      expect(help().stdout).toMatch(/^USAGE: kombo-reconcile <command>/)
    } finally {
      temp.cleanup()
    }
  })
})
