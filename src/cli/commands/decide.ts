import {
  BULK_ACCEPT_METHODS,
  type BulkAcceptMethod,
  type BulkAcceptOutcome,
  type DecisionEvent,
} from '../../shared/dto/match'
import {
  type CliApp,
  type CliIO,
  type CliValues,
  EXIT,
  UsageError,
  withCliApp,
  optionalString,
  printJson,
  requireString,
  type CliCommand,
  INTEGRATION_OPTIONS,
  integrationTarget,
} from '../cli'

function describeEvent(event: DecisionEvent): string {
  switch (event.kind) {
    case 'accept':
    case 'manual':
      return `user ${event.user_id} linked to ${event.kombo_id} (${event.kind}, decision ${event.id})`
    case 'reject':
      return `user ${event.user_id}: ${event.kombo_id} rejected (decision ${event.id})`
    case 'none':
      return `user ${event.user_id}: no employee (decision ${event.id})`
    case 'undo':
      return `user ${event.user_id}: decision ${event.undoes} undone`
    default: {
      const exhaustive: never = event.kind
      return String(exhaustive)
    }
  }
}

function bulkCriteria(values: CliValues): { method?: BulkAcceptMethod; minScore?: number } {
  const method = optionalString(values, 'method')
  const minScoreText = optionalString(values, 'min-score')
  if (method !== undefined && !(BULK_ACCEPT_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(`--method takes one of ${BULK_ACCEPT_METHODS.join(', ')}`)
  }
  const minScore = minScoreText === undefined ? undefined : Number(minScoreText)
  if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) {
    throw new UsageError('--min-score takes a number from 0 to 1, e.g. 0.9')
  }
  if (method === undefined && minScore === undefined) {
    throw new UsageError('--accept-suggested needs --method M or --min-score S (or both)')
  }
  return {
    ...(method !== undefined ? { method: method as BulkAcceptMethod } : {}),
    ...(minScore !== undefined ? { minScore } : {}),
  }
}

function describeBulk(outcome: BulkAcceptOutcome): string {
  const lines = outcome.pairs.map(
    (pair) =>
      `  ${pair.user_id} (${pair.user_label || '-'}) -> ${pair.kombo_id} (${pair.employee_label || '-'}) ${pair.score.toFixed(2)} ${pair.method}`,
  )
  const head = outcome.dryRun
    ? `${outcome.pairs.length} suggestions would be accepted (dry run, nothing written):`
    : outcome.batch === null
      ? 'no suggestion fits: nothing accepted'
      : `${outcome.pairs.length} suggestions accepted as batch ${outcome.batch} (undo with: decide --undo-batch ${outcome.batch}):`
  const skipped =
    outcome.skipped > 0
      ? [`${outcome.skipped} left out: their employee is linked or suggested for another user too`]
      : []
  return [head, ...lines, ...skipped].join('\n') + '\n'
}

/** --accept-suggested and --undo-batch: many decisions as one step. */
async function decideInBulk(
  app: CliApp,
  io: CliIO,
  values: CliValues,
  integrationId: string,
  undoBatch: string | undefined,
): Promise<number> {
  if (undoBatch !== undefined) {
    const batch = Number(undoBatch)
    if (!Number.isInteger(batch) || batch < 1)
      throw new UsageError('--undo-batch takes the batch number decide printed, e.g. 3')
    const outcome = await app.call('match:undo-batch', { integrationId, batch })
    if (values.json) printJson(io, outcome)
    else io.stdout(`batch ${batch} undone: ${outcome.events.length} decisions cancelled\n`)
    return EXIT.ok
  }
  const outcome = await app.call('match:accept-bulk', {
    integrationId,
    ...bulkCriteria(values),
    dryRun: values['dry-run'] === true,
  })
  if (values.json) printJson(io, outcome)
  else io.stdout(describeBulk(outcome))
  return EXIT.ok
}

export const decideCommand: CliCommand = {
  name: 'decide',
  usage:
    'decide --db F --integration ID (--user-id U (--kombo-id K | --none | --accept | --reject K | --undo) | --accept-domain OLD=NEW | --accept-suggested [--method M] [--min-score S] [--dry-run] | --undo-batch N) [--json]',
  options: {
    ...INTEGRATION_OPTIONS,
    'user-id': { type: 'string' },
    'kombo-id': { type: 'string' },
    none: { type: 'boolean' },
    accept: { type: 'boolean' },
    reject: { type: 'string' },
    undo: { type: 'boolean' },
    'accept-domain': { type: 'string' },
    'accept-suggested': { type: 'boolean' },
    method: { type: 'string' },
    'min-score': { type: 'string' },
    'dry-run': { type: 'boolean' },
    'undo-batch': { type: 'string' },
  },
  async run(values, io) {
    const { dbPath, integrationId } = integrationTarget(values)
    const komboId = optionalString(values, 'kombo-id')
    const reject = optionalString(values, 'reject')
    const domains = optionalString(values, 'accept-domain')
    const undoBatch = optionalString(values, 'undo-batch')
    const bulk = values['accept-suggested'] === true || undoBatch !== undefined
    const chosen = [
      values['accept-suggested'] === true,
      undoBatch !== undefined,
      komboId !== undefined,
      values.none === true,
      values.accept === true,
      reject !== undefined,
      values.undo === true,
      domains !== undefined,
    ]
    if (chosen.filter(Boolean).length !== 1) {
      throw new UsageError(
        'give exactly one of --kombo-id, --none, --accept, --reject, --undo, --accept-domain, --accept-suggested, --undo-batch',
      )
    }
    return withCliApp(dbPath, io, async (app) => {
      if (bulk) return decideInBulk(app, io, values, integrationId, undoBatch)
      if (domains !== undefined) {
        const [from, to, ...rest] = domains.split('=')
        if (!from || !to || rest.length > 0)
          throw new UsageError('--accept-domain takes OLD=NEW, e.g. old.example=new.example')
        const outcome = await app.call('match:accept-domain', { integrationId, from, to })
        if (values.json) printJson(io, outcome)
        else io.stdout(`${outcome.accepted} users linked by the domain change ${from} -> ${to}\n`)
        return EXIT.ok
      }
      const userId = requireString(values, 'user-id')
      const event =
        values.undo === true
          ? await app.call('match:undo', { integrationId, userId })
          : await app.call('match:decide', {
              integrationId,
              userId,
              ...(komboId !== undefined
                ? { kind: 'manual' as const, komboId }
                : reject !== undefined
                  ? { kind: 'reject' as const, komboId: reject }
                  : values.accept === true
                    ? { kind: 'accept' as const }
                    : { kind: 'none' as const }),
            })
      if (values.json) printJson(io, event)
      else io.stdout(describeEvent(event) + '\n')
      return EXIT.ok
    })
  },
}
