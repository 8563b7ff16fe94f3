import type { ExportFile } from '../../../shared/api'

/**
 * Hands an export to the user as a file. In the browser this is a normal download; in Electron the
 * same download opens the system save dialog, so one code path serves both hosts.
 */
export function saveExportFile(file: ExportFile): void {
  const blob = new Blob([file.content], { type: file.mimeType })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started from the object URL; give the browser a moment before releasing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
