import type { RemoveReason } from './dto/diff'

/**
 * A plain sentence per removal reason, written once: the Actions screen shows it and the exported remove
 * list carries it, so what the specialist saw is what the customer's file says.
 */
export const REMOVE_REASON_TEXT: Record<RemoveReason, string> = {
  no_employee: 'no employee in the HRIS matches this user',
  no_match_decided: 'reviewed: this user has no employee in the HRIS',
  deleted: 'the employee was deleted in the HRIS',
  vanished: 'the employee is no longer returned by the HRIS',
  terminated: 'the employee has left (inactive or past their termination date)',
}
