import type { ApiHandlers } from '../../../shared/api'
import { err } from '../../../shared/result'
import type { AppContext } from '../app/context'

export function diffHandlers(
  _ctx: AppContext,
): Pick<
  ApiHandlers,
  | 'diff:get'
  | 'diff:confirm-removals'
  | 'diff:set-guard'
  | 'diff:drift'
  | 'sync:import-webhook'
  | 'export:list'
> {
  const notYet = async () => err('INTERNAL', 'not implemented yet')
  return {
    'diff:get': notYet,
    'diff:confirm-removals': notYet,
    'diff:set-guard': notYet,
    'diff:drift': notYet,
    'sync:import-webhook': notYet,
    'export:list': notYet,
  }
}
