import type { CliCommand } from '../cli'
import { EXIT } from '../cli'

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: 'sync --db F --integration ID',
  options: { db: { type: 'string' }, integration: { type: 'string' } },
  async run(_values, io) {
    io.stderr('error: sync is not implemented yet\n')
    return EXIT.failure
  },
}
