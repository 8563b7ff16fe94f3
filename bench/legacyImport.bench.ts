// Time and peak memory of `kombo-reconcile import` on large and hostile legacy files: a 200 MB export,
// the same file again (replacing 1.26M stored users), a million bad rows (with and without --json and
// --report) and headers of 100,000 repeated columns. See bench/README.md ("Large imports").
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { runProcess } from './support'

const CLI = 'bin/kombo-reconcile.js'
const LARGE_BYTES = Number(process.env.BENCH_IMPORT_MB ?? 200) * 1024 * 1024
const BAD_ROWS = Number(process.env.BENCH_IMPORT_BAD_ROWS ?? 1_000_000)
const REPEATED_HEADERS = 100_000

/** Writes `lines()` to `path` through a stream, so the bench itself never holds the file. */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path)
  for (const line of lines) {
    if (!out.write(`${line}\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

function* largeExport(): Iterable<string> {
  yield 'user_id,email,first_name,last_name,department,title,location,manager,created_at'
  let bytes = 0
  for (let i = 1; bytes < LARGE_BYTES; i++) {
    const line =
      `u${String(i).padStart(8, '0')},first.last${i}@example-company.com,Firstname${i % 997},` +
      `Lastname${i % 9973},Department ${i % 50},Senior Software Engineer ${i % 7},` +
      `Berlin Office Floor ${i % 9},m${String(i % 1000).padStart(8, '0')},2024-01-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`
    bytes += line.length + 1
    yield line
  }
}

function* badRows(): Iterable<string> {
  yield 'user_id,email,first_name,last_name'
  for (let i = 0; i < BAD_ROWS; i++) yield `u${i},only-two-fields`
}

async function importRun(label: string, db: string, file: string, extra: string[] = []) {
  const errFile = `${file}.stderr`
  // stderr goes to a file, to count the lines a person would see.
  const run = await runProcess([
    'sh',
    '-c',
    `exec "$@" 2>"${errFile}" >/dev/null`,
    'import',
    process.execPath,
    CLI,
    'import',
    '--db',
    db,
    '--integration',
    'bench',
    '--file',
    file,
    ...extra,
  ])
  const stderrLines = readFileSync(errFile, 'utf8').split('\n').filter(Boolean).length
  const sizeMb = statSync(file).size / 1024 / 1024
  console.log(
    `| ${label} | ${sizeMb.toFixed(0)} MB | ${run.exitCode} | ${(run.wallMs / 1000).toFixed(1)} s | ` +
      `${(run.cpuMs / 1000).toFixed(1)} s | ${run.peakRssMb.toFixed(0)} MB | ${stderrLines} |`,
  )
}

const dir = mkdtempSync(join(tmpdir(), 'bench-import-'))
try {
  const large = join(dir, 'large.csv')
  const bad = join(dir, 'bad-rows.csv')
  const repeatedEmail = join(dir, 'repeated-email-headers.csv')
  const repeatedExtra = join(dir, 'repeated-extra-headers.csv')
  await writeLines(large, largeExport())
  await writeLines(bad, badRows())
  writeFileSync(
    repeatedEmail,
    `${Array(REPEATED_HEADERS).fill('email').join(',')}\n${Array(REPEATED_HEADERS).fill('a@x.com').join(',')}\n`,
  )
  writeFileSync(
    repeatedExtra,
    `user_id,email,${Array(REPEATED_HEADERS).fill('x').join(',')}\n1,a@x.com,${Array(REPEATED_HEADERS).fill('').join(',')}\n`,
  )
  console.log('| case | file | exit | wall time | CPU time | peak RSS | stderr lines |')
  console.log('| ---- | ---- | ---- | --------- | -------- | -------- | ------------ |')
  const db = join(dir, 'desk.db')
  await importRun('200 MB export, first import', db, large)
  await importRun('the same file again (replaces every user)', db, large)
  await importRun(`${BAD_ROWS.toLocaleString('en-US')} bad rows`, join(dir, 'bad.db'), bad)
  await importRun(`${BAD_ROWS.toLocaleString('en-US')} bad rows, --json --report`, join(dir, 'bad.db'), bad, [
    '--json',
    '--report',
    join(dir, 'report.txt'),
  ])
  await importRun('100,000 "email" headers (refused)', join(dir, 'headers.db'), repeatedEmail)
  await importRun('100,000 repeated extra headers', join(dir, 'extra.db'), repeatedExtra)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
