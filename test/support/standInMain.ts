// Runs the Kombo stand-in as its own process, for benchmarks and manual tries:
//   npx tsx test/support/standInMain.ts --port 0 --size 50000 --seed 1 --integration demo:acme --api-key test-key
// Prints one JSON line {"baseUrl","integrationId","apiKey"} on stdout once listening; stops on SIGTERM/SIGINT.
import { parseArgs } from 'node:util'
import { generateCompany } from '../../src/main/core/demo/generateCompany'
import { startStandIn, type SetupSyncPendingStatus } from '../../src/main/core/demo/standInServer'

const USAGE =
  'usage: standInMain.ts [--port N] [--size N] [--seed N] [--integration ID] [--api-key KEY] [--domain D] ' +
  '[--leaver-share 0..1] [--setup-sync-pending 409|503]'

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n${USAGE}\n`)
  process.exit(2)
}

function integerArg(name: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max)
    fail(`--${name} must be an integer from ${min} to ${max}`)
  return value
}

let parsed
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      size: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      integration: { type: 'string', default: 'demo:acme' },
      'api-key': { type: 'string', default: 'test-key' },
      domain: { type: 'string' },
      'leaver-share': { type: 'string' },
      'setup-sync-pending': { type: 'string' },
    },
    strict: true,
  }).values
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}

const port = integerArg('port', parsed.port, 0, 65_535)
const size = integerArg('size', parsed.size, 0, 10_000_000)
const seed = integerArg('seed', parsed.seed, 0, 2 ** 32 - 1)
const leaverShare = parsed['leaver-share'] === undefined ? undefined : Number(parsed['leaver-share'])
if (leaverShare !== undefined && !(leaverShare >= 0 && leaverShare <= 1))
  fail('--leaver-share must be from 0 to 1')
const pendingText = parsed['setup-sync-pending']
if (pendingText !== undefined && pendingText !== '409' && pendingText !== '503') {
  fail('--setup-sync-pending must be 409 or 503')
}

const integrationId = parsed.integration
const apiKey = parsed['api-key']
const records = generateCompany({ seed, size, domain: parsed.domain, leaverShare })
const standIn = await startStandIn({ apiKey, port, integrations: { [integrationId]: records } })
// Serialise every record before announcing readiness, so that no timed walk pays for the first JSON.stringify.
standIn.warmUp()
if (pendingText !== undefined) {
  standIn.setSetupSyncPending(integrationId, Number(pendingText) as SetupSyncPendingStatus)
}

let stopping = false
const stop = (): void => {
  if (stopping) return
  stopping = true
  void standIn.close().then(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

process.stdout.write(`${JSON.stringify({ baseUrl: standIn.baseUrl, integrationId, apiKey })}\n`)
