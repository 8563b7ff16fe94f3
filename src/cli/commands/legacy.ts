import type { CliCommand } from '../cli'
import { EXIT } from '../cli'

export const legacyCommand: CliCommand = {
  name: 'legacy',
  usage: 'legacy --db F --integration ID',
  options: { db: { type: 'string' }, integration: { type: 'string' } },
  async run(_values, io) {
    io.stderr('error: legacy is not implemented yet\n')
    return EXIT.failure
  },
}
