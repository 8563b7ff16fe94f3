import { shell } from 'electron'

/**
 * The only places a link in the app may open, in the system browser: Kombo's documentation and its
 * dashboard (where API keys and integrations are managed). Anything else is refused and logged, so a
 * compromised page cannot send the user to a look-alike site or hand a custom URL scheme to the OS.
 */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set(['docs.kombo.dev', 'app.kombo.dev'])

export function isAllowedExternalUrl(candidate: string): boolean {
  let url: URL
  try {
    url = new URL(candidate)
  } catch {
    return false
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    EXTERNAL_LINK_HOSTS.has(url.hostname)
  )
}

/** Opens an allowed link in the system browser; refuses and logs any other. Returns whether it opened. */
export function openExternalLink(candidate: string, log: (line: string) => void): boolean {
  if (!isAllowedExternalUrl(candidate)) {
    // Only the start of the URL: enough to see what was asked for, without copying a long payload.
    log(`refused to open a link outside the allowlist: ${candidate.slice(0, 200)}`)
    return false
  }
  shell.openExternal(candidate).catch((cause: unknown) => {
    log(
      `the system browser could not open ${candidate}: ${cause instanceof Error ? cause.message : String(cause)}`,
    )
  })
  return true
}
