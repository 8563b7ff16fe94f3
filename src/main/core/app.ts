import type { ApiHandlers } from '../../shared/api'
import type { AppContext } from './app/context'
import { integrationHandlers } from './app/integrationHandlers'
import { syncHandlers } from './sync/handlers'
import { legacyHandlers } from './legacy/handlers'
import { matchHandlers } from './match/handlers'
import { firstRowsHandlers } from './match/firstRows'
import { outcomeHandlers } from './match/outcomeCounts'
import { diffHandlers } from './diff/handlers'

/** Every use-case behind the API map, for any host. The object literal must cover the whole map. */
export function createApp(ctx: AppContext): ApiHandlers {
  return {
    ...integrationHandlers(ctx),
    ...syncHandlers(ctx),
    ...legacyHandlers(ctx),
    ...matchHandlers(ctx),
    ...firstRowsHandlers(ctx),
    ...outcomeHandlers(ctx),
    ...diffHandlers(ctx),
  }
}

export type { AppContext } from './app/context'
