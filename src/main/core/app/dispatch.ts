import type { ApiHandlers, ApiName, ApiResponses, CallContext } from '../../../shared/api'
import { parseRequest } from '../../../shared/api'
import type { Result } from '../../../shared/result'
import { asResult } from './guard'

/**
 * The one way a host calls a use-case: the untrusted payload is parsed against the contract first, and
 * whatever goes wrong comes back as an error value.
 */
export async function dispatch<N extends ApiName>(
  handlers: ApiHandlers,
  name: N,
  payload: unknown,
  context: CallContext = {},
): Promise<Result<ApiResponses[N]>> {
  const parsed = parseRequest(name, payload)
  if (!parsed.ok) return parsed
  const handler = handlers[name] as (
    request: unknown,
    context: CallContext,
  ) => Promise<Result<ApiResponses[N]>>
  const outcome = await asResult(() => handler(parsed.value, context))
  return outcome.ok ? outcome.value : outcome
}
