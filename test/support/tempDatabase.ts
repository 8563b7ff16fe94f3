import { join } from 'node:path'
import { openDatabase, type Database } from '../../src/main/core/store/database'
import { makeTempDir } from './tempDir'

/** The desk's database in a fresh temp directory; `close` closes it and removes the directory. */
export function openTempDatabase(prefix = 'recon-'): { db: Database; dir: string; close: () => void } {
  const temp = makeTempDir(prefix)
  const db = openDatabase(join(temp.dir, 'desk.sqlite'))
  return {
    db,
    dir: temp.dir,
    close: () => {
      db.close()
      temp.cleanup()
    },
  }
}
