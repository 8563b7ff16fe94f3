import type { DecisionEvent } from '../../shared/dto/match'
import {
  EXIT,
  UsageError,
  withCliApp,
  optionalString,
  printJson,
  requireString,
  type CliCommand,
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

export const decideCommand: CliCommand = {
  name: 'decide',
  usage:
    'decide --db F --integration ID (--user-id U (--kombo-id K | --none | --accept | --reject K | --undo) | --accept-domain OLD=NEW) [--json]',
  options: {
    db: { type: 'string' },
    integration: { type: 'string' },
    'user-id': { type: 'string' },
    'kombo-id': { type: 'string' },
    none: { type: 'boolean' },
    accept: { type: 'boolean' },
    reject: { type: 'string' },
    undo: { type: 'boolean' },
    'accept-domain': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, io) {
    const dbPath = requireString(values, 'db')
    const integrationId = requireString(values, 'integration')
    const komboId = optionalString(values, 'kombo-id')
    const reject = optionalString(values, 'reject')
    const domains = optionalString(values, 'accept-domain')
    const chosen = [
      komboId !== undefined,
      values.none === true,
      values.accept === true,
      reject !== undefined,
      values.undo === true,
      domains !== undefined,
    ]
    if (chosen.filter(Boolean).length !== 1) {
      throw new UsageError(
        'give exactly one of --kombo-id, --none, --accept, --reject, --undo, --accept-domain',
      )
    }
    return withCliApp(dbPath, io, async (app) => {
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
