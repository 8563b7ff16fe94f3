// Preloaded into a CLI process under test (NODE_OPTIONS=--import): writes to files under
// FAULTY_DISK_DIR get only half their bytes onto the disk, then either fail as a full disk does
// (FAULTY_DISK_MODE=enospc) or stop forever (FAULTY_DISK_MODE=hang, after printing FAULTY_DISK_HANGING on
// stderr) so that a test can SIGKILL the process in the middle of a write.
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { resolve } from 'node:path'

const dir = process.env.FAULTY_DISK_DIR ? resolve(process.env.FAULTY_DISK_DIR) : null
const mode = process.env.FAULTY_DISK_MODE ?? 'enospc'

if (dir) {
  const tracked = new Set()
  const { openSync, writeSync, closeSync } = fs
  fs.openSync = function (path, ...rest) {
    const fd = openSync.call(fs, path, ...rest)
    if (resolve(String(path)).startsWith(dir)) tracked.add(fd)
    return fd
  }
  fs.closeSync = function (fd) {
    tracked.delete(fd)
    return closeSync.call(fs, fd)
  }
  fs.writeSync = function (fd, data, ...rest) {
    if (!tracked.has(fd)) return writeSync.call(fs, fd, data, ...rest)
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)
    writeSync.call(fs, fd, bytes, 0, Math.floor(bytes.length / 2))
    if (mode === 'hang') {
      writeSync.call(fs, 2, 'FAULTY_DISK_HANGING\n')
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
    }
    const error = new Error('ENOSPC: no space left on device, write')
    error.code = 'ENOSPC'
    error.errno = -28
    error.syscall = 'write'
    throw error
  }
  syncBuiltinESMExports()
}
