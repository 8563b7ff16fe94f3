import { ESLint } from 'eslint'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * Probe sources linted by the project's own ESLint config as if they sat in each directory of src/:
 * every fence between the environments must fire, and the imports each environment needs must pass.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url))
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

interface Finding {
  rule: string | null
  message: string
}

async function lintAt(filePath: string, source: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}/${filePath}` })
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, message: m.message }))
}

/** The boundary findings only (a probe may also trip unused-variable rules, which are not the point). */
async function fences(filePath: string, source: string): Promise<string[]> {
  const findings = await lintAt(filePath, source)
  return findings
    .filter((f) => f.rule === 'desk/file-environment' || f.rule === 'no-restricted-globals')
    .map((f) => f.message)
}

const refusedImports: Array<[string, string, RegExp]> = [
  // The core runs under plain Node behind every host.
  [
    'src/main/core/sync/probe.ts',
    "import '../../platform/ipc'",
    /^core may not import '\.\.\/\.\.\/platform\/ipc' \(platform\)/,
  ],
  ['src/main/core/probe.ts', "import '../../web/server'", /^core may not import .*\(web\)/],
  ['src/main/core/probe.ts', "import '../../cli/cli'", /^core may not import .*\(cli\)/],
  ['src/main/core/probe.ts', "import '../host/hostApp'", /^core may not import .*\(host\)/],
  ['src/main/core/probe.ts', "import '../../renderer/src/lib/api'", /^core may not import .*\(renderer\)/],
  ['src/main/core/probe.ts', "import { app } from 'electron'", /^core may not import electron/],
  ['src/main/core/probe.ts', "const electron = await import('electron')", /^core may not import electron/],
  // The shared host plumbing leans on no single host.
  ['src/main/host/probe.ts', "import '../platform/ipc'", /^host may not import .*\(platform\)/],
  ['src/main/host/probe.ts', "import '../../web/server'", /^host may not import .*\(web\)/],
  ['src/main/host/probe.ts', "import 'electron'", /^host may not import electron/],
  // The Electron host does not reach into the other hosts.
  ['src/main/platform/probe.ts', "import '../../web/server'", /^platform may not import .*\(web\)/],
  ['src/main/index.ts', "import '../cli/cli'", /^platform may not import .*\(cli\)/],
  // The sandboxed preload: electron and the contract's types only.
  [
    'src/preload/probe.ts',
    "import { readFileSync } from 'node:fs'",
    /^preload may not import the Node module 'node:fs'/,
  ],
  [
    'src/preload/probe.ts',
    "import { readFileSync } from 'fs'",
    /^preload may not import the Node module 'fs'/,
  ],
  [
    'src/preload/probe.ts',
    "import { createApp } from '../main/core/app'",
    /^preload may not import .*\(core\)/,
  ],
  [
    'src/preload/probe.ts',
    "import { apiNames } from '../shared/api'",
    /^preload may not import '\.\.\/shared\/api' at run time/,
  ],
  ['src/preload/probe.ts', "import { z } from 'zod'", /^preload may not import the package 'zod'/],
  // The contract runs everywhere, the browser included.
  [
    'src/shared/dto/probe.ts',
    "import { readFileSync } from 'fs'",
    /^shared may not import the Node module 'fs'/,
  ],
  [
    'src/shared/probe.ts',
    "import { join } from 'node:path'",
    /^shared may not import the Node module 'node:path'/,
  ],
  [
    'src/shared/probe.ts',
    "import { createApp } from '../main/core/app'",
    /^shared may not import .*\(core\)/,
  ],
  ['src/shared/probe.ts', "import 'electron'", /^shared may not import electron/],
  ['src/shared/probe.ts', "import '../../scripts/chromium'", /^shared may not import .*\(outside src\/\)/],
  [
    'src/shared/probe.ts',
    "import Database from 'better-sqlite3'",
    /^shared may not import the package 'better-sqlite3'/,
  ],
  [
    'src/shared/probe.ts',
    "export { createApp } from '../main/core/app'",
    /^shared may not import .*\(core\)/,
  ],
  // The renderer: a browser sandbox that reaches the core only through lib/api.ts.
  [
    'src/renderer/src/lib/probe.ts',
    "import { readFileSync } from 'node:fs'",
    /^renderer may not import the Node module/,
  ],
  [
    'src/renderer/src/lib/probe.ts',
    "import { createApp } from '../../../main/core/app'",
    /^renderer may not import .*\(core\)/,
  ],
  ['src/renderer/src/lib/probe.ts', "import '../../../web/server'", /^renderer may not import .*\(web\)/],
  [
    'src/renderer/src/lib/probe.ts',
    "import '../../../preload/index'",
    /^renderer may not import .*\(preload\)/,
  ],
  [
    'src/renderer/src/lib/probe.ts',
    "import { ipcRenderer } from 'electron'",
    /^renderer may not import electron/,
  ],
  [
    'src/renderer/src/lib/probe.ts',
    "import Database from 'better-sqlite3'",
    /^renderer may not import the package 'better-sqlite3'/,
  ],
  // The web host and the CLI never load Electron nor each other.
  ['src/web/probe.ts', "import 'electron'", /^web may not import electron/],
  ['src/web/probe.ts', "import '../main/platform/ipc'", /^web may not import .*\(platform\)/],
  ['src/web/probe.ts', "import '../cli/cli'", /^web may not import .*\(cli\)/],
  ['src/cli/commands/probe.ts', "import 'electron'", /^cli may not import electron/],
  ['src/cli/probe.ts', "import '../web/server'", /^cli may not import .*\(web\)/],
  ['src/cli/probe.ts', "import '../main/platform/ipc'", /^cli may not import .*\(platform\)/],
  ['src/cli/probe.ts', "const x = require('../main/platform/ipc')", /^cli may not import .*\(platform\)/],
]

const allowedImports: Array<[string, string]> = [
  [
    'src/main/core/probe.ts',
    "import { readFileSync } from 'node:fs'\nimport Database from 'better-sqlite3'\nimport { ok } from '../../shared/result'",
  ],
  [
    'src/main/host/probe.ts',
    "import { createApp } from '../core/app'\nimport { randomBytes } from 'node:crypto'",
  ],
  [
    'src/main/platform/probe.ts',
    "import { app } from 'electron'\nimport { createHostApp } from '../host/hostApp'",
  ],
  [
    'src/preload/probe.ts',
    "import { ipcRenderer } from 'electron'\nimport type { ApiName } from '../shared/api'\nimport { type ApiClient } from '../shared/api'",
  ],
  [
    'src/shared/probe.ts',
    "import { z } from 'zod'\nimport type { Result } from './result'\nimport { version } from '../../package.json'",
  ],
  [
    'src/renderer/src/lib/probe.ts',
    "import { create } from 'zustand'\nimport type { ApiClient } from '../../../shared/api'\nimport { useEffect } from 'react'",
  ],
  [
    'src/web/probe.ts',
    "import { createServer } from 'node:http'\nimport { createHostApp } from '../main/host/hostApp'",
  ],
  [
    'src/cli/probe.ts',
    "import { parseArgs } from 'node:util'\nimport { openDatabase } from '../main/core/store/database'\nimport { createHostApp } from '../main/host/hostApp'",
  ],
  [
    'test/unit/probe.test.ts',
    "import { readFileSync } from 'node:fs'\nimport { createApp } from '../../src/main/core/app'",
  ],
]

describe('file environments', () => {
  it.each(refusedImports)('%s: %s is refused', async (filePath, source, expected) => {
    const messages = await fences(filePath, `${source}\n`)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(expected)
  })

  it.each(allowedImports)('%s: what it needs passes', async (filePath, source) => {
    expect(await fences(filePath, `${source}\n`)).toEqual([])
  })

  it.each([
    ['src/shared/probe.ts', 'export const size = Buffer.byteLength("x")', 'Buffer'],
    ['src/shared/probe.ts', 'export const home = process.env.HOME', 'process'],
    ['src/renderer/src/lib/probe.ts', 'export const dir = __dirname', '__dirname'],
    ['src/preload/probe.ts', 'export const fs = require("fs")', 'require'],
  ])('%s: the Node global in `%s` is refused', async (filePath, source, name) => {
    const messages = await fences(filePath, `${source}\n`)
    expect(
      messages.some((m) => m.startsWith(`Unexpected use of '${name}'. ${name} exists only in Node`)),
    ).toBe(true)
  })

  it('lets the core and the hosts use Node globals', async () => {
    expect(await fences('src/main/core/probe.ts', 'export const home = process.env.HOME\n')).toEqual([])
  })
})

describe('focused and skipped tests', () => {
  it.each([
    "it.only('x', () => {})",
    "describe.only('x', () => {})",
    "test.only('x', () => {})",
    "it.skip('x', () => {})",
    "describe.skip('x', () => {})",
    "it.skipIf(true)('x', () => {})",
    "it.todo('x')",
    "test.describe.only('x', () => {})",
    "test.fixme('x', () => {})",
    "it.concurrent.only('x', () => {})",
  ])('`%s` is a lint error in a test file', async (source) => {
    for (const filePath of ['test/unit/probe.test.ts', 'test/e2e/probe.spec.ts']) {
      const findings = await lintAt(filePath, `${source}\n`)
      expect(findings.map((f) => f.rule)).toContain('no-restricted-syntax')
    }
  })

  it('a plain test passes', async () => {
    const findings = await lintAt('test/unit/probe.test.ts', "it('x', () => {})\ndescribe('y', () => {})\n")
    expect(findings).toEqual([])
  })
})
