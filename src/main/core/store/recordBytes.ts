/**
 * Records of numbers and texts written straight into bytes, to be transferred to another thread rather
 * than cloned. A structured clone of many small objects or strings exists three times while it crosses
 * (the sender's objects, the serialised copy, the receiver's objects); transferred bytes exist once, and
 * the sender's strings become garbage as soon as each record is written.
 */

/** A text's length slot that stands for null. */
const NULL_TEXT = 0xffffffff

export class RecordWriter {
  private memory: ArrayBuffer
  private buffer: Buffer
  private at = 0
  /** Records ended since the last take. */
  records = 0

  constructor(initialBytes: number) {
    this.memory = new ArrayBuffer(initialBytes)
    this.buffer = Buffer.from(this.memory)
  }

  number(value: number): void {
    this.room(8)
    this.at = this.buffer.writeDoubleLE(value, this.at)
  }

  /** A whole number from 0 to 2^32 - 2. */
  count(value: number): void {
    this.room(4)
    this.at = this.buffer.writeUInt32LE(value, this.at)
  }

  text(value: string | null): void {
    if (value === null) {
      this.count(NULL_TEXT)
      return
    }
    // UTF-8 takes at most three bytes per UTF-16 unit.
    this.room(4 + value.length * 3)
    const length = this.buffer.write(value, this.at + 4, 'utf8')
    this.buffer.writeUInt32LE(length, this.at)
    this.at += 4 + length
  }

  /**
   * Several texts as one: their lengths in UTF-16 units, then all of them together, so a record of many
   * short texts costs one encoding call, not one each. Every text must be well formed (no half of a
   * surrogate pair): UTF-8 keeps the units of those, and only those.
   */
  texts(values: readonly string[]): void {
    this.count(values.length)
    for (let at = 0; at < values.length; at++) this.count(values[at]!.length)
    this.text(values.join(''))
  }

  endRecord(): void {
    this.records++
  }

  /** A copy of the bytes so far, to transfer: the writer starts again in the same memory. */
  take(): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(this.memory.slice(0, this.at))
    this.at = 0
    this.records = 0
    return bytes
  }

  /** The bytes written, without a copy: for a writer used once, whose memory then goes with them. */
  finish(): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(this.memory, 0, this.at)
    this.memory = new ArrayBuffer(0)
    this.buffer = Buffer.from(this.memory)
    this.at = 0
    this.records = 0
    return bytes
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return
    const bigger = new ArrayBuffer(Math.max(this.memory.byteLength * 2, this.at + bytes))
    const buffer = Buffer.from(bigger)
    this.buffer.copy(buffer, 0, 0, this.at)
    this.memory = bigger
    this.buffer = buffer
  }
}

/** Reads what a RecordWriter wrote, field by field in the order it was written. */
export class RecordReader {
  private readonly buffer: Buffer
  private at = 0

  constructor(bytes: Uint8Array) {
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  get done(): boolean {
    return this.at >= this.buffer.length
  }

  number(): number {
    const value = this.buffer.readDoubleLE(this.at)
    this.at += 8
    return value
  }

  count(): number {
    const value = this.buffer.readUInt32LE(this.at)
    this.at += 4
    return value
  }

  text(): string | null {
    const length = this.count()
    if (length === NULL_TEXT) return null
    this.at += length
    return this.buffer.toString('utf8', this.at - length, this.at)
  }

  /** Texts RecordWriter.texts wrote. */
  texts(): string[] {
    const count = this.count()
    const lengths = new Array<number>(count)
    for (let at = 0; at < count; at++) lengths[at] = this.count()
    const joined = this.presentText()
    const values = new Array<string>(count)
    let from = 0
    for (let at = 0; at < count; at++) {
      const to = from + lengths[at]!
      values[at] = joined.slice(from, to)
      from = to
    }
    return values
  }

  /** A text the writer never wrote as null. */
  presentText(): string {
    const value = this.text()
    if (value === null) throw new Error('a record holds null where text was written')
    return value
  }
}

/**
 * Texts drawn from a small set (a field's name, a level, a method) written as a number once seen: the
 * first time a text crosses it is written out and numbered, afterwards only its number. The writer's
 * numbering lasts across takes, so one SharedTextReader must read every batch, in the order written.
 */
export class SharedTextWriter {
  private readonly numberOf = new Map<string, number>()

  write(writer: RecordWriter, text: string): void {
    const known = this.numberOf.get(text)
    if (known !== undefined) {
      writer.count(known)
      return
    }
    const next = this.numberOf.size
    this.numberOf.set(text, next)
    writer.count(next)
    writer.text(text)
  }
}

/** Reads what a SharedTextWriter wrote, batch after batch. */
export class SharedTextReader {
  private readonly texts: string[] = []

  read(reader: RecordReader): string {
    const number = reader.count()
    if (number < this.texts.length) return this.texts[number]!
    if (number !== this.texts.length)
      throw new Error('a shared text was read out of the order it was written')
    const text = reader.presentText()
    this.texts.push(text)
    return text
  }
}
