import type { ApiHandlers } from '../../../shared/api'
import { err } from '../../../shared/result'
import type { AppContext } from '../app/context'

export function integrationHandlers(
  _ctx: AppContext,
): Pick<ApiHandlers, 'app:info' | 'secrets:set-api-key' | 'integrations:list' | 'integrations:connect'> {
  const notYet = async () => err('INTERNAL', 'not implemented yet')
  return {
    'app:info': notYet,
    'secrets:set-api-key': notYet,
    'integrations:list': notYet,
    'integrations:connect': notYet,
  }
}
