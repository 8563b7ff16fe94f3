import type { DepartureReason } from '../../../shared/dto/diff'
import { hrisAccessStatus, utcDay } from './normalise'

export interface DepartureFields {
  remote_deleted_at: string | null
  vanished_at: string | null
  employment_status: string | null
  termination_date: string | null
}

/**
 * Whether an employee has left, and how. Deleted upstream beats vanished (the stronger signal), which
 * beats terminated. A termination date counts once its day is over: on their last day people still work.
 */
export function departureOf(employee: DepartureFields, today: string): DepartureReason | null {
  if (employee.remote_deleted_at !== null) return 'deleted'
  if (employee.vanished_at !== null) return 'vanished'
  if (hrisAccessStatus(employee.employment_status) === 'INACTIVE') return 'terminated'
  const lastDay = utcDay(employee.termination_date)
  if (lastDay !== null && lastDay < today) return 'terminated'
  return null
}
