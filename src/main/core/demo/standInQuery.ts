import type { StoredEmployee } from './employeeTable'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './standInTypes'

/** The stand-in's reading of a `GET /v1/hris/employees` query string, refused as Kombo refuses it. */

export interface PageQuery {
  pageSize: number
  afterId: string | null
  updatedAfterMs: number | null
  includeDeleted: boolean
  matches: ((employee: StoredEmployee) => boolean)[]
}

const CURSOR_PREFIX = 'after:'
/** Kombo's `updated_after` accepts full timestamps, timestamps without millis and plain dates. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/
const EMPLOYMENT_STATUSES = new Set(['ACTIVE', 'PENDING', 'INACTIVE', 'LEAVE'])

/** A keyset cursor: the last id of the page, base64url-encoded so clients treat it as opaque. */
export function encodeCursor(afterId: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${afterId}`, 'utf8').toString('base64url')
}

function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(cursor)) return null
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  return text.startsWith(CURSOR_PREFIX) && text.length > CURSOR_PREFIX.length
    ? text.slice(CURSOR_PREFIX.length)
    : null
}

/** A query Kombo would refuse with 400 INPUT.INVALID; the message says what was wrong. */
export class InputInvalid extends Error {}

/** The page a query asks for; throws InputInvalid with Kombo's wording for anything Kombo refuses. */
export function parsePageQuery(params: URLSearchParams): PageQuery {
  const pageSizeText = params.get('page_size')
  let pageSize = DEFAULT_PAGE_SIZE
  if (pageSizeText !== null) {
    pageSize = /^\d+$/.test(pageSizeText) ? Number(pageSizeText) : Number.NaN
    if (!(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE)) {
      throw new InputInvalid(
        `page_size must be an integer from 1 to ${MAX_PAGE_SIZE}, got "${pageSizeText}".`,
      )
    }
  }

  const cursor = params.get('cursor')
  let afterId: string | null = null
  if (cursor !== null && cursor !== '') {
    afterId = decodeCursor(cursor)
    if (afterId === null) throw new InputInvalid('The cursor is invalid.')
  }

  const updatedAfter = params.get('updated_after')
  let updatedAfterMs: number | null = null
  if (updatedAfter !== null && updatedAfter !== '') {
    updatedAfterMs = ISO_DATE_TIME.test(updatedAfter) ? Date.parse(updatedAfter) : Number.NaN
    if (Number.isNaN(updatedAfterMs))
      throw new InputInvalid(`updated_after is not an ISO 8601 date: "${updatedAfter}".`)
  }

  const includeDeletedText = params.get('include_deleted') ?? 'false'
  if (includeDeletedText !== 'true' && includeDeletedText !== 'false') {
    throw new InputInvalid(`include_deleted must be "true" or "false", got "${includeDeletedText}".`)
  }

  return {
    pageSize,
    afterId,
    updatedAfterMs,
    includeDeleted: includeDeletedText === 'true',
    matches: listFilters(params),
  }
}

/** Kombo's multi-value filters: comma-separated values ORed within one filter, filters ANDed together. */
function listFilters(params: URLSearchParams): ((employee: StoredEmployee) => boolean)[] {
  const filters: ((employee: StoredEmployee) => boolean)[] = []
  const values = (name: string, fold = false): Set<string> | null => {
    const text = params.get(name)
    if (text === null || text === '') return null
    return new Set(
      text
        .split(',')
        .map((value) => (fold ? value.trim().toLowerCase() : value.trim()))
        .filter(Boolean),
    )
  }
  const ids = values('ids')
  if (ids) filters.push(({ record }) => ids.has(record.id))
  const remoteIds = values('remote_ids')
  if (remoteIds) filters.push(({ record }) => remoteIds.has(record.remote_id))
  const statuses = values('employment_statuses')
  if (statuses) {
    for (const status of statuses) {
      if (!EMPLOYMENT_STATUSES.has(status)) throw new InputInvalid(`Unknown employment status "${status}".`)
    }
    filters.push(({ record }) => statuses.has(record.employment_status ?? ''))
  }
  const workEmails = values('work_emails', true)
  if (workEmails) filters.push(({ record }) => workEmails.has(record.work_email?.toLowerCase() ?? ''))
  const personalEmails = values('personal_emails', true)
  if (personalEmails)
    filters.push(({ record }) => personalEmails.has(record.personal_email?.toLowerCase() ?? ''))
  const groupIds = values('group_ids')
  if (groupIds) filters.push(({ record }) => record.groups.some((group) => groupIds.has(group.id)))
  const legalEntityIds = values('legal_entity_ids')
  if (legalEntityIds) filters.push(({ record }) => legalEntityIds.has(record.legal_entity_id ?? ''))
  const locationIds = values('work_location_ids')
  if (locationIds) filters.push(({ record }) => locationIds.has(record.work_location_id ?? ''))
  return filters
}
