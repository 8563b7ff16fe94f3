import type { ApiHandlers } from '../../../shared/api'
import { err } from '../../../shared/result'
import type { AppContext } from '../app/context'

export function syncHandlers(
  _ctx: AppContext,
): Pick<ApiHandlers, 'sync:run' | 'sync:cancel' | 'sync:runs' | 'employees:list'> {
  const notYet = async () => err('INTERNAL', 'not implemented yet')
  return {
    'sync:run': notYet,
    'sync:cancel': notYet,
    'sync:runs': notYet,
    'employees:list': notYet,
  }
}
