import type { CliCommand } from '../cli'
import { EXIT } from '../cli'

export const confirmRemovalsCommand: CliCommand = {
  name: 'confirm-removals',
  usage: 'confirm-removals --db F --integration ID',
  options: { db: { type: 'string' }, integration: { type: 'string' } },
  async run(_values, io) {
    io.stderr('error: confirm-removals is not implemented yet\n')
    return EXIT.failure
  },
}
