import type { ApiHandlers } from '../../../shared/api'
import { err } from '../../../shared/result'
import type { AppContext } from '../app/context'

export function matchHandlers(
  _ctx: AppContext,
): Pick<
  ApiHandlers,
  'match:run' | 'match:decide' | 'match:undo' | 'match:accept-domain' | 'match:decisions' | 'export:mapping'
> {
  const notYet = async () => err('INTERNAL', 'not implemented yet')
  return {
    'match:run': notYet,
    'match:decide': notYet,
    'match:undo': notYet,
    'match:accept-domain': notYet,
    'match:decisions': notYet,
    'export:mapping': notYet,
  }
}
