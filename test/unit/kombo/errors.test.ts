import { describe, expect, it } from 'vitest'
import { classifyHttpFailure, readErrorBody } from '../../../src/main/core/kombo/errors'
import { retryAfterMs } from '../../../src/main/core/kombo/client'
import { parseEmployeeRecord, isSkipped } from '../../../src/main/core/kombo/employeeRecord'

const envelope = (code: string | null, message = 'm') =>
  JSON.stringify({ status: 'error', error: { code, title: null, message, log_url: 'https://log/1' } })

describe('classifyHttpFailure', () => {
  it('treats the current 409 and the old codeless 503 as first sync pending', () => {
    expect(classifyHttpFailure(409, readErrorBody(envelope('INTEGRATION.SETUP_SYNC_PENDING')))).toBe(
      'first_sync_pending',
    )
    const old = JSON.stringify({ status: 'error', error: { message: "The first sync didn't finish yet!" } })
    expect(classifyHttpFailure(503, readErrorBody(old))).toBe('first_sync_pending')
  })

  it('treats a load balancer 503 without an envelope as a retryable server error', () => {
    expect(classifyHttpFailure(503, readErrorBody('<html>Service Unavailable</html>'))).toBe('server')
    expect(classifyHttpFailure(500, null)).toBe('server')
  })

  it('branches on the code before the status', () => {
    expect(classifyHttpFailure(503, readErrorBody(envelope('INTEGRATION.SETUP_INCOMPLETE')))).toBe(
      'not_ready',
    )
    expect(classifyHttpFailure(409, readErrorBody(envelope('INTEGRATION.QA_FAILED')))).toBe('not_ready')
    expect(classifyHttpFailure(429, readErrorBody(envelope('PLATFORM.RATE_LIMIT_EXCEEDED')))).toBe(
      'rate_limited',
    )
    expect(classifyHttpFailure(400, readErrorBody(envelope('PLATFORM.INPUT_INVALID')))).toBe('input_invalid')
    expect(classifyHttpFailure(401, readErrorBody(envelope('PLATFORM.AUTHENTICATION_INVALID')))).toBe('auth')
    expect(classifyHttpFailure(403, readErrorBody(envelope('INTEGRATION.PERMISSION_MISSING')))).toBe(
      'permission',
    )
    expect(classifyHttpFailure(404, readErrorBody(envelope('PLATFORM.INTEGRATION_NOT_FOUND')))).toBe(
      'not_found',
    )
  })

  it('reads the envelope fields, nulls for missing ones', () => {
    expect(readErrorBody(envelope('X.Y', 'hello'))).toEqual({
      code: 'X.Y',
      title: null,
      message: 'hello',
      logUrl: 'https://log/1',
    })
    expect(readErrorBody('not json')).toBeNull()
  })
})

describe('retryAfterMs', () => {
  it('prefers Retry-After seconds, then an HTTP date, then ratelimit-reset', () => {
    expect(retryAfterMs({ 'retry-after': '2', 'ratelimit-reset': '9' })).toBe(2000)
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000)
    expect(retryAfterMs({ 'ratelimit-reset': '3' })).toBe(3000)
    expect(retryAfterMs({})).toBeNull()
  })
})

describe('parseEmployeeRecord', () => {
  it('keeps a record with odd types, nulling what it cannot read', () => {
    const parsed = parseEmployeeRecord(
      {
        id: 'k1',
        remote_id: 42,
        first_name: 'Zoë',
        last_name: 7,
        employment_status: 'SOMETHING_NEW',
        work_email: '',
      },
      0,
    )
    expect(isSkipped(parsed)).toBe(false)
    if (isSkipped(parsed)) return
    expect(parsed).toMatchObject({
      id: 'k1',
      remote_id: '42',
      first_name: 'Zoë',
      last_name: null,
      work_email: null,
    })
    expect(parsed.employment_status).toBe('SOMETHING_NEW')
    expect(parsed.index).toBe(0)
  })

  it('skips and explains records without an id or remote id', () => {
    expect(parseEmployeeRecord({ remote_id: '1' }, 3)).toEqual({ index: 3, reason: 'record has no id' })
    expect(parseEmployeeRecord({ id: 'k2' }, 4)).toEqual({ index: 4, reason: 'record k2 has no remote_id' })
    expect(parseEmployeeRecord(null, 5)).toEqual({ index: 5, reason: 'not an object' })
  })
})
