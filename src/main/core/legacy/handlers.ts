import type { ApiHandlers } from '../../../shared/api'
import type { LegacyImportSummary } from '../../../shared/dto/legacy'
import { fail } from '../../../shared/result'
import type { AppContext } from '../app/context'
import { asResult } from '../app/guard'
import { bytesSource } from './byteSource'
import { importLegacyFile } from './importLegacyFile'
import { listLegacyUsers } from './legacyStore'

export function legacyHandlers(ctx: AppContext): Pick<ApiHandlers, 'legacy:import' | 'legacy:list'> {
  return {
    'legacy:import': (request, context) =>
      asResult((): LegacyImportSummary => {
        const { contentBase64, ...rest } = request
        const source =
          context.legacyFile ??
          (contentBase64 === undefined ? undefined : bytesSource(Buffer.from(contentBase64, 'base64')))
        if (source === undefined) {
          return fail('INPUT_INVALID', 'legacy:import needs the file: send its bytes as contentBase64')
        }
        return importLegacyFile(ctx.db, rest, source, ctx.clock.now().toISOString())
      }),
    'legacy:list': (request) => asResult(() => listLegacyUsers(ctx.db, request.integrationId)),
  }
}
