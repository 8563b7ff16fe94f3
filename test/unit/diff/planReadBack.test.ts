import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/main/core/app'
import { dispatch } from '../../../src/main/core/app/dispatch'
import { currentPlan } from '../../../src/main/core/diff/planService'
import { diffEmployees } from '../../../src/main/core/diff/diffEmployees'
import { loadDiffState } from '../../../src/main/core/diff/loadDiffState'
import { outlinePlanText } from '../../../src/main/core/diff/storedPlan'
import { openDatabase, type Database } from '../../../src/main/core/store/database'
import { printJson, type CliIO } from '../../../src/cli/cli'
import { runCli } from '../../../src/cli/main'
import type { ApiName, ApiRequest, ApiResponses, CallContext } from '../../../src/shared/api'
import type { ActionPlan, StreamedPlanField } from '../../../src/shared/dto/diff'
import { makeTempDir } from '../../support/tempDir'
import { seedDemoCompany } from './seed'

const INTEGRATION = 'demo:read-back'
/** Large enough for suggestions to decide on; small enough to match in a second. */
const COMPANY_SIZE = 300

const bytes = (text: string) => new TextEncoder().encode(text)
const decode = (part: Uint8Array) => new TextDecoder().decode(part)

describe('outlinePlanText', () => {
  it('finds every field and list element of a JSON text without parsing it', () => {
    const plan = {
      integrationId: 'demo:"x"',
      basisRunId: 7,
      tricky: ['a"]}', 'back\\', '\\"', 'Zoë 😀 ]', '', { nested: [[1, 2], { '}': '[' }] }],
      empty: [],
      guard: { tripped: false, threshold: 0.25 },
      negative: -1.5e-7,
      none: null,
    }
    const text = bytes(JSON.stringify(plan))
    const fields = outlinePlanText(text)
    expect(fields?.map((field) => field.key)).toEqual(Object.keys(plan))
    for (const field of fields!) {
      const value = (plan as Record<string, unknown>)[field.key]
      expect(JSON.parse(decode(text.subarray(field.start, field.end)))).toEqual(value)
      if (!Array.isArray(value)) {
        expect(field.elements).toBeNull()
        continue
      }
      const elements: unknown[] = []
      for (let at = 0; at < field.elements!.length; at += 2) {
        elements.push(JSON.parse(decode(text.subarray(field.elements![at]!, field.elements![at + 1]!))))
      }
      expect(elements).toEqual(value)
    }
    // Laid out with spaces and line breaks, the same values are found.
    const spaced = outlinePlanText(bytes(JSON.stringify(plan, null, 2)))
    expect(spaced?.map((field) => [field.key, (field.elements?.length ?? 0) / 2])).toEqual(
      fields!.map((field) => [field.key, (field.elements?.length ?? 0) / 2]),
    )
  })

  it('is null for a text that is not one whole JSON object', () => {
    for (const text of [
      '',
      '[1, 2]',
      '{"add": [1, 2}',
      '{"add": [1 2]}',
      '{"a": "unterminated}',
      '{"a": 1} trailing',
      '{"a" 1}',
      '{"a": {"b": [1, 2]}',
      '{a: 1}',
    ]) {
      expect(outlinePlanText(bytes(text)), text).toBeNull()
    }
    expect(outlinePlanText(bytes('{}'))).toEqual([])
  })
})

interface App {
  db: Database
  call<N extends ApiName>(name: N, request: ApiRequest<N>, context?: CallContext): Promise<ApiResponses[N]>
}

function openApp(path: string): App {
  const db = openDatabase(path)
  const handlers = createApp({
    db,
    // The real clock: the CLI below reads the lists back only on the day they were computed.
    clock: { now: () => new Date() },
    secrets: { getApiKey: () => null },
    defaultBaseUrl: 'http://127.0.0.1:1/v1',
    version: 'test',
  })
  return {
    db,
    async call(name, request, context) {
      const result = await dispatch(handlers, name, request, context)
      if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`)
      return result.value
    },
  }
}

/** What a command prints on stdout, as bytes, for either layout. */
async function diffJson(path: string, terminal: boolean): Promise<string> {
  const chunks: Buffer[] = []
  const io: CliIO = {
    stdout: (output) => chunks.push(Buffer.from(output)),
    stderr: (text) => chunks.push(Buffer.from(`stderr: ${text}`)),
    env: {},
    terminal,
  }
  const code = await runCli(['diff', '--db', path, '--integration', INTEGRATION, '--json'], io)
  expect(code).toBe(0)
  return Buffer.concat(chunks).toString()
}

/** The same plan read back whole and printed as one object: what `diff --json` printed before. */
function printedWhole(db: Database, terminal: boolean): string {
  return printedPlan(currentPlan(db, INTEGRATION, new Date()), terminal)
}

function printedPlan(plan: ActionPlan, terminal: boolean): string {
  const chunks: Buffer[] = []
  printJson(
    { stdout: (output) => chunks.push(Buffer.from(output)), stderr: () => {}, env: {}, terminal },
    plan,
  )
  return Buffer.concat(chunks).toString()
}

describe('diff --json reading the stored lists back', { timeout: 120_000 }, () => {
  let cleanup: () => void
  let path: string
  beforeEach(() => {
    const temp = makeTempDir('plan-read-back-')
    cleanup = temp.cleanup
    path = join(temp.dir, 'desk.sqlite')
    const db = openDatabase(path)
    seedDemoCompany(db, INTEGRATION, { seed: 11, size: COMPANY_SIZE })
    db.close()
  })
  afterEach(() => cleanup())

  it('prints the stored lists, with decisions patched in, byte for byte as the parsed plan', async () => {
    const app = openApp(path)
    await app.call('match:run', { integrationId: INTEGRATION })
    const { results } = await app.call('match:results', { integrationId: INTEGRATION })
    const suggested = results.filter((r) => r.status === 'suggested' && r.kombo_id !== null)
    expect(suggested.length).toBeGreaterThan(3)
    const decide = (request: Omit<ApiRequest<'match:decide'>, 'integrationId'>) =>
      app.call('match:decide', { integrationId: INTEGRATION, ...request } as ApiRequest<'match:decide'>)
    await decide({ userId: suggested[0]!.user_id, kind: 'accept' })
    await decide({ userId: suggested[1]!.user_id, kind: 'reject', komboId: suggested[1]!.kombo_id! })
    await decide({ userId: suggested[2]!.user_id, kind: 'none' })
    await decide({ userId: suggested[3]!.user_id, kind: 'accept' })
    const patches = app.db.prepare('SELECT count(*) FROM action_plan_patches').pluck().get() as number
    expect(patches).toBeGreaterThan(0)

    // The lists are read back field by field, never as a whole plan.
    const fields: StreamedPlanField[] = []
    const outline = await app.call(
      'diff:get',
      { integrationId: INTEGRATION },
      { onPlanField: (f) => fields.push(f) },
    )
    expect(fields.map((field) => field.key)).toContain('pendingReview')
    expect(outline.pendingReview).toEqual([])
    app.db.close()

    for (const terminal of [false, true]) {
      const streamed = await diffJson(path, terminal)
      const db = openDatabase(path)
      try {
        expect(streamed).toBe(printedWhole(db, terminal))
      } finally {
        db.close()
      }
    }
  })

  it('computes lists that are not current into the store and prints them as the whole diff gives them', async () => {
    const app = openApp(path)
    await app.call('match:run', { integrationId: INTEGRATION })
    // A setting moves the inputs: the lists are computed again, into the store, and handed over as read back.
    await app.call('diff:set-guard', { integrationId: INTEGRATION, threshold: 0.5 })
    const fields: StreamedPlanField[] = []
    const plan = await app.call(
      'diff:get',
      { integrationId: INTEGRATION },
      { onPlanField: (f) => fields.push(f) },
    )
    expect(fields.map((f) => f.key)).toEqual(Object.keys(plan))
    await app.call('diff:set-guard', { integrationId: INTEGRATION, threshold: 0.4 })
    app.db.close()
    for (const terminal of [false, true]) {
      const streamed = await diffJson(path, terminal)
      const printed = JSON.parse(streamed) as ActionPlan
      expect(printed.add.length + printed.update.length + printed.remove.length).toBeGreaterThan(0)
      const db = openDatabase(path)
      try {
        // The same lists computed whole, at the same time, printed as one object.
        const state = loadDiffState(db, INTEGRATION, printed.basisRunId, printed.generatedAt)
        expect(streamed).toBe(printedPlan(diffEmployees(state), terminal))
      } finally {
        db.close()
      }
    }
  })
})
