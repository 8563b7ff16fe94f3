import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { productAccessStatus } from '../../src/main/core/diff/normalise'
import type { LegacyImportSummary, LegacyRole, LegacyUser } from '../../src/shared/dto/legacy'
import { LEGACY_ROLES } from '../../src/shared/dto/legacy'
import { makeTempDir } from '../support/tempDir'
import { runCli } from '../support/runCli'

/**
 * Real products' user exports, as their admins download them (headers, encodings, delimiters and status
 * conventions of Google Workspace, Entra ID, Okta, Salesforce, Slack, Atlassian, Zendesk, HubSpot, Auth0,
 * BambooHR and a German payroll system; see test/fixtures/legacy/products/README.md), imported through the
 * real CLI with no column map. Every role and every sampled value must come out as the product meant it.
 */
const products = fileURLToPath(new URL('../fixtures/legacy/products/', import.meta.url))

interface Expected {
  roles: Record<string, LegacyRole | null>
  acceptableAlternatives: Partial<Record<LegacyRole, string[]>>
  userIdColumn: string
  userIdIsFallback: boolean
  users: number
  collapsedRows: number
  samples: {
    values: Record<LegacyRole, string | null>
    alternativeValues: Partial<Record<LegacyRole, Record<string, string | null>>>
    active: boolean | null
  }[]
}

const expected = (
  JSON.parse(readFileSync(join(products, 'expected.json'), 'utf8')) as { files: Record<string, Expected> }
).files

const temp = makeTempDir('product-exports-')
const tempDir = () => temp.dir
afterAll(temp.cleanup)

/** The header each role should come from, and the others a reasonable reader may pick instead. */
function acceptedHeaders(file: Expected, role: LegacyRole): (string | undefined)[] {
  if (role === 'user_id') return [file.userIdColumn]
  const header = Object.entries(file.roles).find(([, playing]) => playing === role)?.[0]
  return [header, ...(file.acceptableAlternatives[role] ?? [])]
}

describe('user exports of real products import with no column map', () => {
  it('covers at least ten products', () => {
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(10)
  })

  it.concurrent.each(Object.keys(expected))('%s', async (name) => {
    const file = expected[name]!
    const db = join(tempDir(), `${name}.db`)
    const run = await runCli([
      'import',
      '--db',
      db,
      '--integration',
      'acme',
      '--file',
      join(products, name),
      '--json',
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as LegacyImportSummary

    for (const role of LEGACY_ROLES) {
      expect(acceptedHeaders(file, role), `${role} of ${name}`).toContain(summary.columns[role])
    }
    // An address's state or region is never an account status.
    expect(summary.columns.status ?? '').not.toMatch(/^state$/i)
    expect(summary.rows).toBe(file.users)
    expect(summary.rowsCollapsed).toBe(file.collapsedRows)
    const saysBorrowed = summary.notes.some((note) => note.includes(`"${file.userIdColumn}"`))
    if (file.userIdIsFallback) expect(saysBorrowed).toBe(true)

    const listed = await runCli(['legacy', '--db', db, '--integration', 'acme', '--json'])
    const users = JSON.parse(listed.stdout) as LegacyUser[]
    expect(users).toHaveLength(file.users)
    for (const sample of file.samples) {
      const user = users.find((candidate) => candidate.user_id === sample.values.user_id)
      expect(user, `user ${sample.values.user_id}`).toBeDefined()
      for (const role of LEGACY_ROLES) {
        if (role === 'status') continue
        const accepted = [sample.values[role], ...Object.values(sample.alternativeValues[role] ?? {})]
        expect(accepted, `${role} of ${sample.values.user_id}`).toContain(user![role])
      }
      const meaning = productAccessStatus(user!.status)
      if (sample.active !== null) expect(meaning).toBe(sample.active ? 'ACTIVE' : 'INACTIVE')
    }
  })
})

describe('choosing columns by hand', () => {
  const csv = [
    'Ref,"Last Name, First Name",Contact',
    'A-1,"Kowalski, Jan",jan@proseware.example',
    'A-2,"Abebe, Selam",selam@proseware.example',
  ].join('\n')

  it('takes a header with a comma, one --map per role or quoted', async () => {
    const path = join(tempDir(), 'comma.csv')
    writeFileSync(path, csv)
    for (const maps of [
      ['--map', 'user_id=Ref', '--map', 'full_name=Last Name, First Name', '--map', 'email=Contact'],
      ['--map', 'user_id=Ref,full_name="Last Name, First Name",email=Contact'],
    ]) {
      const db = join(tempDir(), 'comma.db')
      const run = await runCli([
        'import',
        '--db',
        db,
        '--integration',
        'acme',
        '--file',
        path,
        '--json',
        ...maps,
      ])
      expect(run.stderr).toBe('')
      expect(JSON.parse(run.stdout)).toMatchObject({
        rows: 2,
        columns: { user_id: 'Ref', full_name: 'Last Name, First Name', email: 'Contact' },
      })
    }
  })

  it('refuses an undetected user id naming the columns seen, the roles and the --map syntax', async () => {
    const path = join(tempDir(), 'no-id.csv')
    // No column names a user id, and the email cannot stand in: one user has none.
    writeFileSync(path, 'Given,Family,Mail\nJan,Kowalski,jan@proseware.example\nSelam,Abebe,\n')
    const run = await runCli([
      'import',
      '--db',
      join(tempDir(), 'no-id.db'),
      '--integration',
      'acme',
      '--file',
      path,
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('columns: "Given", "Family", "Mail"')
    expect(run.stderr).toContain('detected: email="Mail"')
    expect(run.stderr).toContain(`roles: ${LEGACY_ROLES.join(', ')}`)
    expect(run.stderr).toContain('--map user_id=Login --map \'full_name="Last Name, First Name"\'')
  })
})
