import { describe, expect, it } from 'vitest'
import { assignColumns, normaliseHeader, roleOfHeader } from '../../../src/main/core/legacy/headerRoles'

describe('normaliseHeader', () => {
  it('ignores case, diacritics, spacing and punctuation', () => {
    expect(normaliseHeader('E-Mail')).toBe('email')
    expect(normaliseHeader(' e_mail ')).toBe('email')
    expect(normaliseHeader('Prénom')).toBe('prenom')
    expect(normaliseHeader('Correo electrónico')).toBe('correoelectronico')
    expect(normaliseHeader('Straße')).toBe('strasse')
    expect(normaliseHeader('Pers.-Nr.')).toBe('persnr')
  })
})

describe('roleOfHeader', () => {
  it.each([
    ['Benutzer-ID', 'user_id'],
    ['user_id', 'user_id'],
    ['User ID', 'user_id'],
    ['Identifiant', 'user_id'],
    ['ID de usuario', 'user_id'],
    ['E-Mail', 'email'],
    ['Email Address', 'email'],
    ['Courriel', 'email'],
    ['Correo electrónico', 'email'],
    ['Vorname', 'first_name'],
    ['Prénom', 'first_name'],
    ['PRENOM', 'first_name'],
    ['Nombre', 'first_name'],
    ['firstName', 'first_name'],
    ['Nachname', 'last_name'],
    ['Nom', 'last_name'],
    ['Apellido', 'last_name'],
    ['Apellidos', 'last_name'],
    ['Surname', 'last_name'],
    ['Name', 'full_name'],
    ['Full Name', 'full_name'],
    ['Nombre completo', 'full_name'],
    ['Personalnummer', 'hris_id'],
    ['employee_id', 'hris_id'],
    ['hris_id', 'hris_id'],
    ['HRIS ID', 'hris_id'],
    ['Matricule', 'hris_id'],
    ['Número de empleado', 'hris_id'],
    ['private email', 'private_email'],
    ['Private E-Mail', 'private_email'],
    ['Courriel personnel', 'private_email'],
    ['Correo personal', 'private_email'],
    ['Status', 'status'],
    ['Statut', 'status'],
    ['Estado', 'status'],
  ])('%s -> %s', (header, role) => {
    expect(roleOfHeader(header)).toBe(role)
  })

  it('leaves unknown headers alone', () => {
    expect(roleOfHeader('Abteilung')).toBeNull()
    expect(roleOfHeader('Cost center')).toBeNull()
  })
})

describe('assignColumns', () => {
  it('detects roles and keeps the rest aside', () => {
    const assignment = assignColumns(['Benutzer-ID', 'E-Mail', 'Vorname', 'Nachname', 'Abteilung'])
    expect(assignment.roles).toEqual({ user_id: 0, email: 1, first_name: 2, last_name: 3 })
    expect(assignment.extra).toEqual([{ index: 4, name: 'Abteilung' }])
    expect(assignment.problems).toEqual([])
  })

  it('gives a role to the most specific header and keeps the weaker one as extra', () => {
    const assignment = assignColumns(['ID', 'User ID', 'Email', 'Mail'])
    expect(assignment.roles).toEqual({ user_id: 1, email: 2 })
    expect(assignment.extra.map((column) => column.name)).toEqual(['ID', 'Mail'])
  })

  it('lets the map override detection, matching the header exactly or by normalised name', () => {
    const assignment = assignColumns(['Login', 'Kennung', 'Mail', 'Vorname'], {
      user_id: 'login',
      email: 'Mail',
    })
    expect(assignment.roles).toEqual({ user_id: 0, email: 2, first_name: 3 })
    expect(assignment.extra.map((column) => column.name)).toEqual(['Kennung'])
    expect(assignment.problems).toEqual([])
  })

  it('reports a map entry naming no column, and does not report that role missing twice', () => {
    const assignment = assignColumns(['Login', 'Mail'], { user_id: 'Benutzer', email: 'Mail' })
    expect(assignment.problems).toEqual([
      {
        kind: 'column_map',
        reason:
          'the column map names "Benutzer" for user_id, but the file has no such column (columns: "Login", "Mail")',
      },
    ])
  })

  it('reports a map that gives one column two roles', () => {
    const assignment = assignColumns(['id', 'Mail'], { email: 'Mail', private_email: 'Mail' })
    expect(assignment.problems.map((problem) => problem.kind)).toEqual(['column_map'])
    expect(assignment.problems[0]?.reason).toBe(
      'the column map names "Mail" for both email and private_email',
    )
  })

  it('reports the same role name twice as ambiguous', () => {
    const assignment = assignColumns(['user_id', 'E-Mail', 'Email'])
    expect(assignment.problems).toEqual([
      {
        kind: 'ambiguous_column',
        reason:
          'columns "E-Mail", "Email" (columns 2 and 3) could each be the email; rename one or map the role explicitly',
      },
    ])
  })

  it('reports a missing user id column and a missing identity column', () => {
    expect(assignColumns(['Email', 'Vorname']).problems.map((problem) => problem.kind)).toEqual([
      'no_user_id_column',
    ])
    expect(assignColumns(['user_id', 'Abteilung']).problems.map((problem) => problem.kind)).toEqual([
      'no_identity_column',
    ])
  })

  it('accepts a hris id or a full name alone as identity', () => {
    expect(assignColumns(['user_id', 'Personalnummer']).problems).toEqual([])
    expect(assignColumns(['user_id', 'Name']).problems).toEqual([])
  })

  it('names nameless and repeated extra columns so none overwrites another', () => {
    const assignment = assignColumns(['user_id', 'email', '', 'Note', 'Note'])
    expect(assignment.extra.map((column) => column.name)).toEqual(['column 3', 'Note', 'Note (2)'])
  })
})
