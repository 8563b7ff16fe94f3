import type { CliCommand } from '../cli'
import { EXIT } from '../cli'

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export --db F --integration ID',
  options: { db: { type: 'string' }, integration: { type: 'string' } },
  async run(_values, io) {
    io.stderr('error: export is not implemented yet\n')
    return EXIT.failure
  },
}
