import { describe, expect, it } from 'vitest'
import { printJson, type CliIO } from '../../../src/cli/cli'

function printed(value: unknown, terminal = true): { text: string; writes: number } {
  const chunks: Buffer[] = []
  const io: CliIO = {
    stdout: (output) => chunks.push(Buffer.from(output)),
    stderr: () => {},
    env: {},
    terminal,
  }
  printJson(io, value)
  return { text: Buffer.concat(chunks).toString('utf8'), writes: chunks.length }
}

const SAMPLES: unknown[] = [
  {
    add: [
      { id: '=HYPERLINK("x")', names: ['a', 'b'] },
      { id: '+1', nested: { deep: [1, [2, {}]] } },
    ],
  },
  { empty: [], nothing: null, gone: undefined, text: 'line\nbreak "quoted"', n: 0.1 },
  { sparse: [undefined, 1] },
  // Characters of two and three UTF-8 bytes, a surrogate pair, a lone surrogate, a piece larger than a chunk.
  { names: ['Müller', 'Ørsted’s', '\u{1F600}', '\ud800'], long: ['é'.repeat(70_000)] },
  {},
  [],
  [{ a: 1 }],
  'plain',
  null,
  42,
]

describe('printJson', () => {
  it('lays a document out exactly as JSON.stringify(value, null, 2) does at a terminal, compact otherwise', () => {
    for (const value of SAMPLES) {
      expect(printed(value).text).toBe(JSON.stringify(value, null, 2) + '\n')
      expect(printed(value, false).text).toBe(JSON.stringify(value) + '\n')
    }
  })

  it('writes a large list in pieces, never as one string', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      user_id: `U${i}`,
      reasons: ['work email equal'],
    }))
    const { text, writes } = printed({ remove: rows, summary: { count: rows.length } })
    expect(text).toBe(JSON.stringify({ remove: rows, summary: { count: rows.length } }, null, 2) + '\n')
    expect(writes).toBeGreaterThan(10)
  })
})
