import type { ApiHandlers } from '../../../shared/api'
import { err } from '../../../shared/result'
import type { AppContext } from '../app/context'

export function legacyHandlers(_ctx: AppContext): Pick<ApiHandlers, 'legacy:import' | 'legacy:list'> {
  const notYet = async () => err('INTERNAL', 'not implemented yet')
  return {
    'legacy:import': notYet,
    'legacy:list': notYet,
  }
}
