import { describe, expect, it } from 'vitest'
import { parseLegacyCsv, type LegacyParseOutcome } from '../../../src/main/core/legacy/parseLegacyCsv'

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8')

function parsedFile(outcome: LegacyParseOutcome) {
  if (!outcome.ok) throw new Error(`expected the file to be accepted: ${JSON.stringify(outcome.problems)}`)
  return outcome.file
}

function refusal(outcome: LegacyParseOutcome) {
  if (outcome.ok) throw new Error('expected the file to be refused')
  return outcome.problems.map(({ line, kind, reason }) => ({ line, kind, reason }))
}

describe('parseLegacyCsv', () => {
  it('reads ids as text, trims cells, turns empty cells into null and keeps unknown columns aside', () => {
    const file = parsedFile(
      parseLegacyCsv(
        bytes('User ID,Email,First Name,Last Name,Team\n007, a@x.com ,  Ann ,,Blue\n0100,,Bo,Roe,\n'),
      ),
    )
    expect(file.encoding).toBe('utf-8')
    expect(file.delimiter).toBe(',')
    expect(file.columns).toEqual({
      user_id: 'User ID',
      email: 'Email',
      first_name: 'First Name',
      last_name: 'Last Name',
    })
    expect(file.extraColumns).toEqual(['Team'])
    expect(file.users).toEqual([
      {
        user_id: '007',
        email: 'a@x.com',
        first_name: 'Ann',
        last_name: null,
        full_name: null,
        hris_id: null,
        private_email: null,
        status: null,
        line: 2,
        extra: { Team: 'Blue' },
      },
      {
        user_id: '0100',
        email: null,
        first_name: 'Bo',
        last_name: 'Roe',
        full_name: null,
        hris_id: null,
        private_email: null,
        status: null,
        line: 3,
        extra: {},
      },
    ])
  })

  it('skips blank and whitespace-only lines and reports the line each record starts on', () => {
    const file = parsedFile(parseLegacyCsv(bytes('\n  \nid;email\n\n1;"a\n@x.com"\n \t \n;\n2;b@x.com\n')))
    expect(file.users.map((user) => [user.user_id, user.email, user.line])).toEqual([
      ['1', 'a\n@x.com', 5],
      ['2', 'b@x.com', 9],
    ])
  })

  it('keeps quoted delimiters, doubled quotes and line breaks in a field', () => {
    const file = parsedFile(parseLegacyCsv(bytes('id,name,note\n1,"Smith, Jr.","said ""hi""\nthen left"\n')))
    expect(file.users[0]).toMatchObject({ full_name: 'Smith, Jr.', extra: { note: 'said "hi"\nthen left' } })
  })

  it('drops a nameless column that is empty throughout (a trailing delimiter)', () => {
    const file = parsedFile(parseLegacyCsv(bytes('id;email;\n1;a@x.de;\n2;b@x.de;\n')))
    expect(file.extraColumns).toEqual([])
    expect(file.users.map((user) => user.extra)).toEqual([{}, {}])
  })

  it('follows the role map over detected names', () => {
    const file = parsedFile(
      parseLegacyCsv(bytes('Login,ID,Mail\nann,17,a@x.com\n'), {
        user_id: 'Login',
        hris_id: 'ID',
        email: 'Mail',
      }),
    )
    expect(file.columns).toEqual({ user_id: 'Login', email: 'Mail', hris_id: 'ID' })
    expect(file.users[0]).toMatchObject({ user_id: 'ann', hris_id: '17', email: 'a@x.com' })
  })

  it('keeps a header named __proto__ as plain data', () => {
    const file = parsedFile(parseLegacyCsv(bytes('id,email,__proto__\n1,a@x.com,x\n')))
    const extra = file.users[0]?.extra
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype)
    expect(Object.entries(extra ?? {})).toEqual([['__proto__', 'x']])
  })

  it('lists every problem row in file order, without follow-up problems from misaligned rows', () => {
    const text = [
      'Benutzer-ID;E-Mail;Vorname;Nachname',
      '1;a@x.de;Anja;Arndt',
      '2;b@x.de;Bernd',
      ';c@x.de;Carla;Christ',
      '1;d@x.de;Dora;Dahl',
      '5;e@x.de;Emil;Eck;extra',
      '2;f@x.de;Finn;Fuchs',
    ].join('\n')
    expect(refusal(parseLegacyCsv(bytes(text)))).toEqual([
      { line: 3, kind: 'field_count', reason: '3 fields instead of 4' },
      { line: 4, kind: 'missing_user_id', reason: 'no user id (column "Benutzer-ID" is empty)' },
      { line: 5, kind: 'duplicate_user_id', reason: 'duplicate user id 1 (also on line 2)' },
      { line: 6, kind: 'field_count', reason: '5 fields instead of 4' },
    ])
  })

  it('compares user ids as text: 042 and 42 are different users', () => {
    const file = parsedFile(parseLegacyCsv(bytes('id,email\n042,a@x.com\n42,b@x.com\n')))
    expect(file.users.map((user) => user.user_id)).toEqual(['042', '42'])
  })

  it('refuses an empty file, a blank one and a header without rows', () => {
    expect(refusal(parseLegacyCsv(new Uint8Array(0)))).toEqual([
      { line: 1, kind: 'empty_file', reason: 'the file is empty; export the user list with a header line' },
    ])
    expect(refusal(parseLegacyCsv(bytes('\n   \n\t\n')))[0]?.kind).toBe('empty_file')
    expect(refusal(parseLegacyCsv(bytes('\nid,email\n')))).toEqual([
      { line: 2, kind: 'empty_file', reason: 'the file has a header line but no user rows' },
    ])
  })

  it('refuses a file without identity columns, with the problems on the header line', () => {
    expect(
      refusal(parseLegacyCsv(bytes('Team,Cost center\nBlue,100\n'))).map((p) => [p.line, p.kind]),
    ).toEqual([
      [1, 'no_user_id_column'],
      [1, 'no_identity_column'],
    ])
  })

  it('refuses an unclosed quote at the line where it opens', () => {
    expect(refusal(parseLegacyCsv(bytes('id,email\n1,a@x.com\n2,"b@x.com\n3,c@x.com\n')))).toEqual([
      {
        line: 3,
        kind: 'malformed_csv',
        reason: 'a quoted field starts here and is never closed, so the rest of the file would be one cell',
      },
    ])
  })

  it('refuses binary content', () => {
    const outcome = parseLegacyCsv(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41]))
    expect(refusal(outcome)).toEqual([
      {
        line: 1,
        kind: 'not_text',
        reason: 'the file is not text (it contains NUL bytes); export the user list as CSV',
      },
    ])
  })
})

describe('parseLegacyCsv on directory and identity-platform exports', () => {
  it('reads annotated headers and never takes an address state for the status', () => {
    const file = parsedFile(
      parseLegacyCsv(
        bytes(
          'Email Address [Required],First Name [Required],state,Status [READ ONLY]\n' +
            'ann@x.com,Ann,CA,Active\nbo@x.com,Bo,NY,Suspended\n',
        ),
      ),
    )
    expect(file.columns).toEqual({
      user_id: 'Email Address [Required]',
      email: 'Email Address [Required]',
      first_name: 'First Name [Required]',
      status: 'Status [READ ONLY]',
    })
    expect(file.extraColumns).toEqual(['state'])
    expect(file.notes[0]).toContain('"Email Address [Required]" identifies every user')
  })

  it('takes a login of addresses as the email, and an id column as the user id', () => {
    const file = parsedFile(
      parseLegacyCsv(bytes('id,login,firstName\n00u1,ann@x.com,Ann\n00u2,bo@x.com,Bo\n')),
    )
    expect(file.columns).toEqual({ user_id: 'id', email: 'login', first_name: 'firstName' })
  })

  it('folds rows repeating one user (one row per group) and keeps each group', () => {
    const file = parsedFile(
      parseLegacyCsv(
        bytes('group,username,email\nadmins,ann,ann@x.com\nstaff,bo,bo@x.com\nstaff,ann,ann@x.com\n'),
      ),
    )
    expect(file.users.map((user) => user.user_id)).toEqual(['ann', 'bo'])
    expect(file.users[0]!.extra).toEqual({ group: 'admins; staff' })
    expect(file.rowsCollapsed).toBe(1)
  })

  it('still refuses one id carrying two different people', () => {
    const outcome = parseLegacyCsv(bytes('user_id,email\n1,ann@x.com\n1,bo@x.com\n'))
    expect(refusal(outcome)).toEqual([
      { line: 3, kind: 'duplicate_user_id', reason: 'duplicate user id 1 (also on line 2)' },
    ])
  })

  it('reads a yes/no flag that means "no access" the right way round', () => {
    const file = parsedFile(
      parseLegacyCsv(bytes('user_id,email,Suspended\n1,a@x.com,TRUE\n2,b@x.com,FALSE\n')),
    )
    expect(file.users.map((user) => user.status)).toEqual(['inactive', 'active'])
  })

  it('reads a JSON array and JSON lines, with each record on its own line', () => {
    const array = parsedFile(
      parseLegacyCsv(
        bytes(
          '[\n  {"user_id": "auth0|1", "email": "a@x.com", "blocked": false},\n  {"user_id": "auth0|2", "email": "b@x.com"}\n]\n',
        ),
      ),
    )
    expect(array.delimiter).toBe('json')
    expect(array.users.map((user) => [user.user_id, user.line, user.status])).toEqual([
      ['auth0|1', 2, 'active'],
      ['auth0|2', 3, null],
    ])
    const lines = parsedFile(
      parseLegacyCsv(
        bytes(
          '{"user_id":"1","given_name":"Ann","app_metadata":{"team":"blue"}}\n{"user_id":"2","given_name":"Bo"}\n',
        ),
      ),
    )
    expect(lines.delimiter).toBe('ndjson')
    expect(lines.users[0]).toMatchObject({
      user_id: '1',
      first_name: 'Ann',
      extra: { 'app_metadata.team': 'blue' },
    })
  })

  it('refuses JSON that holds no user objects, deep nesting included, with one line', () => {
    const outcome = parseLegacyCsv(bytes('['.repeat(100_000) + ']'.repeat(100_000)))
    expect(refusal(outcome)).toContainEqual({
      line: 1,
      kind: 'malformed_csv',
      reason: 'cannot be read as a JSON user record (each user must be a JSON object)',
    })
  })

  it('names 100,000 repeated extra headers in linear time', () => {
    const header = ['user_id', 'email', ...Array.from({ length: 100_000 }, () => 'x')].join(',')
    const row = ['1', 'a@x.com', ...Array.from({ length: 100_000 }, () => '')].join(',')
    const file = parsedFile(parseLegacyCsv(bytes(`${header}\n${row}\n`)))
    expect(file.users).toHaveLength(1)
  })
})

describe('parseLegacyCsv bounds', () => {
  it('cuts a name or email past 512 characters and says so, but never an id', () => {
    const longId = 'id-' + 'x'.repeat(600)
    const file = parsedFile(
      parseLegacyCsv(bytes(`user_id,first_name,email\n${longId},${'A'.repeat(150_000)},a@x.com\n`)),
    )
    expect(file.users[0]!.user_id).toBe(longId)
    expect(file.users[0]!.first_name).toHaveLength(512)
    expect(file.notes).toContain('1 name or email was longer than 512 characters and was cut to that length')
  })
})
