import type { CliCommand } from '../cli'
import { EXIT } from '../cli'

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import --db F --integration ID',
  options: { db: { type: 'string' }, integration: { type: 'string' } },
  async run(_values, io) {
    io.stderr('error: import is not implemented yet\n')
    return EXIT.failure
  },
}
