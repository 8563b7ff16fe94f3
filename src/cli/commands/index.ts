import type { CliCommand } from '../cli'
import { syncCommand } from './sync'
import { employeesCommand } from './employees'
import { importCommand } from './import'
import { legacyCommand } from './legacy'
import { matchCommand } from './match'
import { decideCommand } from './decide'
import { diffCommand } from './diff'
import { confirmRemovalsCommand } from './confirmRemovals'
import { exportCommand } from './export'

export const commands: CliCommand[] = [
  syncCommand,
  employeesCommand,
  importCommand,
  legacyCommand,
  matchCommand,
  decideCommand,
  diffCommand,
  confirmRemovalsCommand,
  exportCommand,
]
