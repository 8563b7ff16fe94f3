import { describe, expect, it } from 'vitest'
import { RecordReader, RecordWriter } from '../../../src/main/core/store/recordBytes'

describe('RecordWriter and RecordReader', () => {
  it('read back every number and text as written, nulls and non-ASCII text included', () => {
    const writer = new RecordWriter(16)
    const texts = ['', 'Zoë Ægidius-Łukasiewicz', '😀 \u0000 "quoted"', null, 'x'.repeat(5_000)]
    for (const [at, text] of texts.entries()) {
      writer.count(at)
      writer.number(at === 3 ? -1.5e-7 : at * 0.1)
      writer.text(text)
      writer.endRecord()
    }
    expect(writer.records).toBe(texts.length)
    // Far more than the 16 bytes it started with: the writer grew without losing what it held.
    const reader = new RecordReader(writer.finish())
    const read: unknown[] = []
    while (!reader.done) read.push([reader.count(), reader.number(), reader.text()])
    expect(read).toEqual(texts.map((text, at) => [at, at === 3 ? -1.5e-7 : at * 0.1, text]))
  })

  it('takes a copy of the bytes so far and starts again in the same memory', () => {
    const writer = new RecordWriter(64)
    writer.text('first')
    writer.endRecord()
    const first = writer.take()
    writer.text('second')
    writer.endRecord()
    const second = writer.take()
    expect(writer.records).toBe(0)
    expect(new RecordReader(first).text()).toBe('first')
    expect(new RecordReader(second).text()).toBe('second')
    // A copy of just the bytes written: four for the length, then the text.
    expect(first.buffer.byteLength).toBe(4 + 'first'.length)
  })

  it('refuses a null where a text must be', () => {
    const writer = new RecordWriter(8)
    writer.text(null)
    expect(() => new RecordReader(writer.finish()).presentText()).toThrow(/null where text was written/)
  })
})
