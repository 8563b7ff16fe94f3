import { EXIT, withCliApp, printJson, type CliCommand, INTEGRATION_OPTIONS, integrationTarget } from '../cli'

export const employeesCommand: CliCommand = {
  name: 'employees',
  usage: 'employees --db F --integration ID --json',
  options: INTEGRATION_OPTIONS,
  async run(values, io) {
    const { dbPath, integrationId } = integrationTarget(values)
    return withCliApp(dbPath, io, async (app) => {
      const employees = await app.call('employees:list', { integrationId })
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
