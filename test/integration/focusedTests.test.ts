import { spawn } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir } from '../support/tempDir'

/**
 * A focused test makes the runners themselves fail, not only the linter: the project's real vitest and
 * Playwright configs run a probe suite with one `.only` in a scratch directory.
 */
const root = fileURLToPath(new URL('../..', import.meta.url))

let temp: ReturnType<typeof makeTempDir>
beforeEach(() => {
  temp = makeTempDir('focused-')
  symlinkSync(join(root, 'node_modules'), join(temp.dir, 'node_modules'))
})
afterEach(() => temp.cleanup())

function run(
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; output: string }> {
  const env = { ...process.env, ...extraEnv }
  // vitest allows .only by default unless CI is set; the config must refuse it without that help.
  delete env.CI
  const child = spawn(process.execPath, args, { cwd: temp.dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, output }))
  })
}

describe('focused tests', () => {
  it('fail the vitest run under the project config', async () => {
    mkdirSync(join(temp.dir, 'test', 'unit'), { recursive: true })
    writeFileSync(
      join(temp.dir, 'test', 'unit', 'focused.test.ts'),
      "import { expect, it } from 'vitest'\nit.only('one', () => expect(1).toBe(1))\nit('two', () => expect(2).toBe(2))\n",
    )
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs')
    const result = await run([vitest, 'run', '--config', join(root, 'vitest.config.ts'), '--root', temp.dir])
    expect(result.code).toBe(1)
    expect(result.output).toContain('Unexpected .only modifier')
  })

  it('fail the Playwright run under the project config', async () => {
    mkdirSync(join(temp.dir, 'e2e'))
    writeFileSync(
      join(temp.dir, 'e2e', 'focused.spec.ts'),
      "import { test } from '@playwright/test'\ntest.only('one', () => {})\ntest('two', () => {})\n",
    )
    // The real config with its test directory pointed here; --list needs neither the server nor a browser.
    writeFileSync(
      join(temp.dir, 'probe.config.ts'),
      `import base from ${JSON.stringify(join(root, 'playwright.config.ts'))}\nexport default { ...base, testDir: 'e2e', webServer: undefined }\n`,
    )
    const playwright = join(root, 'node_modules', '@playwright', 'test', 'cli.js')
    // The config insists on a browser before any test runs (npm test gets one only at test:e2e); --list
    // never starts it, so any executable will do here.
    const result = await run([playwright, 'test', '--list', '--config', join(temp.dir, 'probe.config.ts')], {
      CHROMIUM_PATH: process.execPath,
    })
    expect(result.code).toBe(1)
    expect(result.output).toContain("not allowed due to the 'forbidOnly' option")
  })
})
