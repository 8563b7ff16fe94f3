import { EXIT, withCliApp, printJson, requireString, type CliCommand } from '../cli'

export const employeesCommand: CliCommand = {
  name: 'employees',
  usage: 'employees --db F --integration ID --json',
  options: { db: { type: 'string' }, integration: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, io) {
    return withCliApp(requireString(values, 'db'), io, async (app) => {
      const employees = await app.call('employees:list', {
        integrationId: requireString(values, 'integration'),
      })
      if (values.json) {
        printJson(io, employees)
      } else {
        for (const e of employees) {
          const departed = e.remote_deleted_at ? ' (deleted)' : e.vanished_at ? ' (vanished)' : ''
          io.stdout(
            `${e.id}\t${e.remote_id}\t${e.first_name ?? ''} ${e.last_name ?? ''}\t${e.work_email ?? ''}${departed}\n`,
          )
        }
        io.stdout(`${employees.length} employees\n`)
      }
      return EXIT.ok
    })
  },
}
