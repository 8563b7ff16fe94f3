import { describe, expect, it } from 'vitest'
import { sliceResults } from '../../../src/main/core/kombo/resultSlices'

/** The slices decoded, to compare with the source text. */
const sliceTexts = (bytes: Buffer) => sliceResults(bytes)?.map((slice) => slice.toString('utf8')) ?? null

describe('sliceResults', () => {
  it('returns each result element exactly as sent', () => {
    const records = [
      { id: 'a', name: 'Zoë "Zo" O\\Brien', nested: { results: [{ id: 'x' }] }, list: [1, { y: '}' }] },
      { id: 'b', remote_id: '{[', empty: {}, arr: [] },
    ]
    const text = `{"status":"success","data":{"next":"c\\"ur","results":[ ${records.map((r) => JSON.stringify(r)).join(' ,\n ')} ]}}`
    const slices = sliceTexts(Buffer.from(text))
    expect(slices).toEqual(records.map((r) => JSON.stringify(r)))
    expect(slices!.map((s) => JSON.parse(s))).toEqual(records)
  })

  it('finds the results whatever the key order, and only under data', () => {
    const text = '{"data":{"results":[{"id":"1"}],"next":null},"results":[{"id":"decoy"}],"status":"success"}'
    expect(sliceTexts(Buffer.from(text))).toEqual(['{"id":"1"}'])
  })

  it('keeps non-object elements out and handles an empty page', () => {
    expect(sliceTexts(Buffer.from('{"status":"success","data":{"next":null,"results":[]}}'))).toEqual([])
  })

  it('gives up on text that is not a complete envelope', () => {
    expect(
      sliceTexts(Buffer.from('{"status":"success","data":{"next":null,"results":[{"id":"1"}')),
    ).toBeNull()
    expect(sliceTexts(Buffer.from('{"status":"error","error":{"message":"x"}}'))).toBeNull()
    expect(sliceTexts(Buffer.from('{"data":{"results":[{"id":"1}]}}'))).toBeNull()
  })

  it('refuses a body nested deeper than the limit, counting outside strings only', () => {
    const nested = Buffer.from('{"data":{"results":[{"a":[{"b":[1]}]}]}}')
    expect(sliceResults(nested, 7)).toHaveLength(1)
    expect(() => sliceResults(nested, 6)).toThrow(/a page nested more than 6 levels deep/)
    const inString = Buffer.from('{"data":{"results":[{"a":"[[[[[[\\"[[[["}]}}')
    expect(sliceResults(inString, 4)).toHaveLength(1)
    const million = Buffer.from(`{"data":{"results":[${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}]}}`)
    expect(() => sliceResults(million, 64)).toThrow(/more than 64 levels/)
  })
})
