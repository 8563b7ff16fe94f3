import type { LegacyUser } from '../../shared/dto/legacy'
import { EXIT, withCliApp, printJson, type CliCommand, INTEGRATION_OPTIONS, integrationTarget } from '../cli'

/** The row shape `legacy --json` has always printed (scripts read it), plus full name and status when the file had them. */
function toContractRow(user: LegacyUser) {
  return {
    user_id: user.user_id,
    email: user.email,
    first_name: user.first_name,
    last_name: user.last_name,
    hris_id: user.hris_id,
    private_email: user.private_email,
    full_name: user.full_name,
    status: user.status,
  }
}

function displayName(user: LegacyUser): string {
  return user.full_name ?? ([user.first_name, user.last_name].filter(Boolean).join(' ') || '-')
}

export const legacyCommand: CliCommand = {
  name: 'legacy',
  usage: 'legacy --db F --integration ID [--json]',
  options: INTEGRATION_OPTIONS,
  async run(values, io) {
    const { dbPath, integrationId } = integrationTarget(values)
    return withCliApp(dbPath, io, async (app) => {
      const users = await app.call('legacy:list', { integrationId })
      if (values.json) {
        printJson(io, users.map(toContractRow))
      } else {
        const lines = users.map(
          (user) =>
            `${user.user_id}\t${user.email ?? '-'}\t${displayName(user)}` +
            (user.hris_id ? `\thris ${user.hris_id}` : ''),
        )
        io.stdout(
          `${users.length} legacy users in ${integrationId}\n${lines.map((line) => line + '\n').join('')}`,
        )
      }
      return EXIT.ok
    })
  },
}
