import { ESLint } from 'eslint'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * Probe sources linted by the project's own ESLint config as if they sat in src/: a file over 500 lines
 * and a function over 100 lines (blank lines and comments not counted) must be refused, except in the
 * data tables and the migrations' `up` scripts.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url))
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

async function sizeFindings(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}/${filePath}` })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'max-lines' || m.ruleId === 'max-lines-per-function')
    .map((m) => `${m.ruleId}: ${m.message}`)
}

/** A function whose body has `statements` lines of code, each followed by a blank line and a comment. */
function functionOf(statements: number, name = 'probe'): string {
  const body = Array.from(
    { length: statements },
    (_, i) => `  total += ${i}\n\n  // step ${i} of ${statements}`,
  ).join('\n')
  // Declaration, `let`, the statements, `return` and the closing brace: statements + 4 counted lines.
  return `export function ${name}(): number {\n  let total = 0\n${body}\n  return total\n}\n`
}

/** A file of `lines` lines: short exported constants. */
function fileOf(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `export const value${i} = ${i}`).join('\n') + '\n'
}

describe('size limits on src', () => {
  it('refuses a file over 500 lines and passes one of 500', async () => {
    expect(await sizeFindings('src/main/core/diff/probe.ts', fileOf(501))).toEqual([
      'max-lines: File has too many lines (501). Maximum allowed is 500.',
    ])
    expect(await sizeFindings('src/main/core/diff/probe.ts', fileOf(500))).toEqual([])
  })

  it('refuses a function over 100 lines of code, counting neither blank lines nor comments', async () => {
    const [finding] = await sizeFindings('src/main/core/diff/probe.ts', functionOf(97))
    expect(finding).toMatch(/^max-lines-per-function: Function 'probe' has too many lines \(101\)/)
    // 96 statements with as many blank lines and comments: 100 lines of code, over 290 lines in all.
    expect(await sizeFindings('src/main/core/diff/probe.ts', functionOf(96))).toEqual([])
  })

  it('holds every environment of src to the limits, the renderer included', async () => {
    for (const path of ['src/shared/probe.ts', 'src/renderer/src/lib/probe.ts', 'src/cli/probe.ts']) {
      expect(await sizeFindings(path, fileOf(501)), path).toHaveLength(1)
    }
  })

  it('lets data tables run long, and only the migrations may hold a long function', async () => {
    expect(await sizeFindings('src/main/core/demo/namePools.ts', fileOf(700))).toEqual([])
    expect(await sizeFindings('src/main/core/store/migrations.ts', functionOf(150))).toEqual([])
    expect(await sizeFindings('src/main/core/store/migrations.ts', fileOf(501))).toHaveLength(1)
  })

  it('leaves tests and benchmarks to their own judgement', async () => {
    expect(await sizeFindings('test/unit/probe.test.ts', fileOf(600))).toEqual([])
    expect(await sizeFindings('bench/probe.bench.ts', functionOf(150))).toEqual([])
  })
})
