import { parseArgs } from 'node:util'
import { AppFailure, messageOf } from '../shared/result'
import { isDatabaseBusy } from '../main/core/app/guard'
import { EXIT, UsageError, type CliIO } from './cli'
import { commands } from './commands'

const USAGE = `usage: kombo-reconcile <command> [options]

commands:
${commands.map((c) => `  ${c.usage}`).join('\n')}

KOMBO_API_KEY holds the Kombo API key. Run a command with --help for its options.`

/** Runs one CLI invocation and returns its exit code; never throws, never prints a stack. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE + '\n')
    return name ? EXIT.ok : EXIT.usage
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.stderr(`error: unknown command '${name}'; run kombo-reconcile --help for the list\n`)
    return EXIT.usage
  }
  try {
    const { values } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    })
    if (values.help) {
      io.stdout(`usage: kombo-reconcile ${command.usage}\n`)
      return EXIT.ok
    }
    return await command.run(values, io)
  } catch (cause) {
    if (cause instanceof AppFailure) {
      io.stderr(`error: ${cause.error.message}\n`)
      return cause.error.code === 'KOMBO_FIRST_SYNC_PENDING' ? EXIT.tempfail : EXIT.failure
    }
    if (cause instanceof UsageError || (cause as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`error: ${messageOf(cause)}; usage: kombo-reconcile ${command.usage}\n`)
      return EXIT.usage
    }
    if (isDatabaseBusy(cause)) {
      io.stderr(
        'error: a sync is writing to this database right now; wait for it to finish, then run the command again\n',
      )
      return EXIT.failure
    }
    io.stderr(`error: unexpected failure: ${messageOf(cause)}\n`)
    return EXIT.failure
  }
}

/** Runs the CLI for the current process: arguments from argv, output to stdout/stderr, exit code set. */
export function runAsProcess(): void {
  // `kombo-reconcile ... | head` closes stdout early; that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  })
  const io: CliIO = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    terminal: process.stdout.isTTY === true,
  }
  runCli(process.argv.slice(2), io).then(exitOnceWritten, () => exitOnceWritten(EXIT.failure))
}

/**
 * Ends the process as soon as its output is written. A command has finished all its work when runCli
 * returns (it awaits everything it starts), so what a natural exit would still do is tear down the heap
 * the command built, for nothing. Node writes most output synchronously (files, terminals, pipes on
 * Linux); where a write is still queued, the exit waits for it to drain.
 */
function exitOnceWritten(code: number): void {
  process.exitCode = code
  const queued = [process.stdout, process.stderr].filter((stream) => stream.writableLength > 0)
  let waiting = queued.length
  if (waiting === 0) process.exit(code)
  for (const stream of queued) {
    stream.once('drain', () => {
      if (--waiting === 0) process.exit(code)
    })
  }
}
