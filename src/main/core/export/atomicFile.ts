import writeFileAtomic from 'write-file-atomic'
import { AppFailure } from '../../../shared/result'

/**
 * Writes an export so that the target is always either the previous file or the complete new one: the
 * content goes to a temporary file beside the target, is fsynced, then renamed over it. A crash, a kill
 * or a full disk midway leaves the previous file byte for byte (and at worst a stray temporary file).
 */
export function writeExportFile(path: string, content: string): void {
  try {
    writeFileAtomic.sync(path, content, { encoding: 'utf8', fsync: true })
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'write failed'
    const hint = code === 'ENOSPC' ? 'free some disk space' : 'check the path and its permissions'
    throw new AppFailure({
      code: 'INTERNAL',
      message: `cannot write ${path} (${code}); ${hint}. Any previous file there is unchanged`,
    })
  }
}
