import type { CliCommand } from '../cli'
import { EXIT } from '../cli'

export const diffCommand: CliCommand = {
  name: 'diff',
  usage: 'diff --db F --integration ID',
  options: { db: { type: 'string' }, integration: { type: 'string' } },
  async run(_values, io) {
    io.stderr('error: diff is not implemented yet\n')
    return EXIT.failure
  },
}
