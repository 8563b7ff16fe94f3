import type { CliCommand } from '../cli'
import { EXIT } from '../cli'

export const matchCommand: CliCommand = {
  name: 'match',
  usage: 'match --db F --integration ID',
  options: { db: { type: 'string' }, integration: { type: 'string' } },
  async run(_values, io) {
    io.stderr('error: match is not implemented yet\n')
    return EXIT.failure
  },
}
