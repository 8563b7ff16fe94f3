import { writeExportFile } from '../../main/core/export/atomicFile'
import {
  EXIT,
  UsageError,
  withCliApp,
  optionalString,
  printJson,
  requireString,
  type CliCommand,
  INTEGRATION_OPTIONS,
  integrationTarget,
  matchProgressOn,
} from '../cli'

/** Says how many CSV cells were prefixed, so nobody is surprised by an apostrophe in a spreadsheet. */
export function neutralisedNote(cells: number): string {
  if (cells === 0) return ''
  return `; ${cells} ${cells === 1 ? 'cell starts' : 'cells start'} like a spreadsheet formula and got a ' in front, so spreadsheets show ${cells === 1 ? 'it' : 'them'} as text`
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export --db F --integration ID --mapping OUT [--format csv|json] [--json]',
  options: {
    ...INTEGRATION_OPTIONS,
    mapping: { type: 'string' },
    format: { type: 'string' },
  },
  async run(values, io) {
    const { dbPath, integrationId } = integrationTarget(values)
    const out = requireString(values, 'mapping')
    const requested =
      optionalString(values, 'format') ?? (out.toLowerCase().endsWith('.json') ? 'json' : 'csv')
    if (requested !== 'csv' && requested !== 'json') throw new UsageError('--format is csv or json')
    return withCliApp(
      dbPath,
      io,
      async (app) => {
        const file = await app.call(
          'export:mapping',
          { integrationId, format: requested },
          { onMatchProgress: matchProgressOn(io) },
        )
        writeExportFile(out, file.content)
        if (values.json) {
          printJson(io, {
            file: out,
            format: requested,
            rows: file.rows,
            cellsNeutralised: file.cellsNeutralised,
          })
        } else {
          io.stdout(`wrote ${file.rows} mapping rows to ${out}${neutralisedNote(file.cellsNeutralised)}\n`)
        }
        return EXIT.ok
      },
      { readOnlyCopyIfNeeded: true },
    )
  },
}
