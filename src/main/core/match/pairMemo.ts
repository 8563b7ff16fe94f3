/**
 * Where a value is remembered for an ordered pair of small non-negative ids (two shared words, two shared
 * names): each pair gets a dense index below `capacity`, under which its owner keeps the value in an array
 * or typed arrays of its own. An open-addressing table in typed arrays, since two Map lookups per pair
 * cost about as much as comparing the pair again. Emptied when half full, so a long-running app or a
 * hostile file cannot grow it.
 *
 * `find`, and on a miss `add` with the same pair: no closure is made per lookup, which on a path taken
 * millions of times per run would be garbage of its own.
 */
export class PairMemo {
  readonly capacity: number
  private left: Int32Array | null = null
  private right = new Int32Array(0)
  private at = new Int32Array(0)
  private size = 0
  /** The empty slot the last miss ended on, where `add` puts its pair. */
  private freeSlot = -1

  /** `slots` is a power of two. */
  constructor(private readonly slots: number) {
    this.capacity = slots >> 1
  }

  /** The pair's index, or -1 when it is not remembered. */
  find(a: number, b: number): number {
    const left = this.left ?? this.empty()
    const mask = this.slots - 1
    let slot = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)
    slot = (slot ^ (slot >>> 15)) & mask
    while (left[slot] !== -1) {
      if (left[slot] === a && this.right[slot] === b) return this.at[slot]!
      slot = (slot + 1) & mask
    }
    this.freeSlot = slot
    return -1
  }

  /**
   * An index for the pair the last `find` missed, or -1 when the table was full: it is emptied then, and
   * every index handed out before is free again.
   */
  add(a: number, b: number): number {
    if (this.size >= this.capacity) {
      this.empty()
      return -1
    }
    const slot = this.freeSlot
    this.left![slot] = a
    this.right[slot] = b
    this.at[slot] = this.size
    return this.size++
  }

  private empty(): Int32Array {
    const left = new Int32Array(this.slots).fill(-1)
    this.left = left
    this.right = new Int32Array(this.slots)
    this.at = new Int32Array(this.slots)
    this.size = 0
    return left
  }
}
