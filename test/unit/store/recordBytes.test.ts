import { describe, expect, it } from 'vitest'
import {
  RecordReader,
  RecordWriter,
  SharedTextReader,
  SharedTextWriter,
} from '../../../src/main/core/store/recordBytes'

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

  it('writes several texts as one and reads each back whole', () => {
    const writer = new RecordWriter(8)
    const texts = ['', 'first name Zoë ~ Zoe', '😀 "quoted" \u0000', '', 'K'.repeat(3_000)]
    writer.texts(texts)
    writer.texts([])
    writer.count(7)
    const reader = new RecordReader(writer.finish())
    expect(reader.texts()).toEqual(texts)
    expect(reader.texts()).toEqual([])
    // What follows is read from where the texts end.
    expect(reader.count()).toBe(7)
    expect(reader.done).toBe(true)
  })

  it('writes a shared text out once and its number after, across takes', () => {
    const writer = new RecordWriter(64)
    const shared = new SharedTextWriter()
    for (const text of ['equal', 'close', 'equal']) shared.write(writer, text)
    const first = writer.take()
    for (const text of ['close', 'Zoë', 'equal']) shared.write(writer, text)
    const second = writer.take()
    // Two numbers and two texts, then a number: "equal" is written out once.
    expect(first.byteLength).toBe(3 * 4 + (4 + 'equal'.length) + (4 + 'close'.length))
    const texts = new SharedTextReader()
    const read = (bytes: Uint8Array, count: number) => {
      const reader = new RecordReader(bytes)
      return Array.from({ length: count }, () => texts.read(reader))
    }
    expect([...read(first, 3), ...read(second, 3)]).toEqual([
      'equal',
      'close',
      'equal',
      'close',
      'Zoë',
      'equal',
    ])
    // A reader that missed the first batch cannot make sense of the second.
    expect(() => new SharedTextReader().read(new RecordReader(second))).toThrow(/out of the order/)
  })
})
