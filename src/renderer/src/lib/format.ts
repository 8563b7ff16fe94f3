import type { StoredEmployee } from '../../../shared/dto/employees'
import type { LegacyUser } from '../../../shared/dto/legacy'

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const integer = new Intl.NumberFormat()

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date)
}

export function formatCount(value: number): string {
  return integer.format(value)
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`
}

/** "1.2 s", "3 min 20 s": how long a wait or a run took, in words a person reads at a glance. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  if (minutes < 60) return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`
  const hours = Math.floor(minutes / 60)
  return `${hours} h ${minutes % 60} min`
}

export function durationBetween(start: string | null, end: string | null): string {
  if (!start || !end) return '—'
  return formatDuration(new Date(end).getTime() - new Date(start).getTime())
}

export function employeeName(employee: StoredEmployee | undefined): string {
  if (!employee) return 'unknown employee'
  const parts = [employee.first_name, employee.last_name].filter(Boolean).join(' ')
  return employee.display_full_name || parts || employee.work_email || employee.remote_id
}

export function legacyName(user: LegacyUser | undefined): string {
  if (!user) return 'unknown user'
  const parts = [user.first_name, user.last_name].filter(Boolean).join(' ')
  return parts || user.full_name || user.email || user.user_id
}

export function scoreLabel(score: number): string {
  return score.toFixed(2)
}
