import type { CliCommand } from '../cli'
import { EXIT } from '../cli'

export const employeesCommand: CliCommand = {
  name: 'employees',
  usage: 'employees --db F --integration ID',
  options: { db: { type: 'string' }, integration: { type: 'string' } },
  async run(_values, io) {
    io.stderr('error: employees is not implemented yet\n')
    return EXIT.failure
  },
}
