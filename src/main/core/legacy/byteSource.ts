import { closeSync, openSync, readSync } from 'node:fs'

/**
 * A file's bytes that can be read from the start more than once (the encoding is sniffed in one pass
 * and the text parsed in a second). Reading is synchronous on purpose: the whole import then runs inside
 * one SQLite transaction that no other call can interleave with (docs/architecture.md, Legacy import).
 * A consumer must use each chunk before asking for the next: a file source reuses its buffer.
 */
export interface ByteSource {
  chunks(): Iterable<Uint8Array>
}

/**
 * Bytes per read: large enough to keep system calls few, small enough that memory stays flat. Each chunk
 * is decoded to one string (twice: once to check the encoding, once to parse); at 32 KiB that string
 * stays under V8's large-object size (128 KiB) and dies young. Strings from 1 MiB chunks were large
 * objects, freed only by a full collection, so their garbage grew with the file (docs/architecture.md,
 * Legacy import).
 */
const CHUNK_BYTES = 1 << 15

/** Bytes already in memory (an upload from the app), handed out in chunks like a file. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    *chunks() {
      for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
        yield bytes.subarray(at, Math.min(at + CHUNK_BYTES, bytes.length))
      }
    },
  }
}

/** A file on disk, read in fixed-size chunks; memory does not grow with the file. */
export function fileSource(path: string): ByteSource {
  return {
    *chunks() {
      const fd = openSync(path, 'r')
      try {
        const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
        for (;;) {
          const read = readSync(fd, buffer, 0, CHUNK_BYTES, null)
          if (read === 0) return
          yield buffer.subarray(0, read)
        }
      } finally {
        closeSync(fd)
      }
    },
  }
}
