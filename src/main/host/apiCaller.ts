import type { ApiName, ApiResponses, CallContext } from '../../shared/api'
import type { Result } from '../../shared/result'

/** One use-case call with an untrusted payload, as every host adapter makes it (HostApp.call fits). */
export type ApiCaller = <N extends ApiName>(
  name: N,
  payload: unknown,
  context?: CallContext,
) => Promise<Result<ApiResponses[N]>>
