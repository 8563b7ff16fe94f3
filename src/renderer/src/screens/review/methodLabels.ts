import type { MatchMethod } from '../../../../shared/dto/match'

/** How each match method reads in the review: the evidence, in a specialist's words. */
export const METHOD_LABEL: Record<MatchMethod, string> = {
  remote_id: 'HRIS id',
  work_email: 'work email',
  email_domain_change: 'email, domain changed',
  fuzzy: 'name / private email',
  decision: 'your decision',
  none: 'no evidence',
}
