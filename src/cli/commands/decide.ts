import type { CliCommand } from '../cli'
import { EXIT } from '../cli'

export const decideCommand: CliCommand = {
  name: 'decide',
  usage: 'decide --db F --integration ID',
  options: { db: { type: 'string' }, integration: { type: 'string' } },
  async run(_values, io) {
    io.stderr('error: decide is not implemented yet\n')
    return EXIT.failure
  },
}
