/**
 * The renderer's Content Security Policy: only its own bundled scripts and styles, no inline script, no
 * eval, no remote anything. React sets `style` through the CSSOM, which CSP does not block, so
 * style-src needs no 'unsafe-inline'. `connect-src 'self'` lets the web host's HTTP bridge reach its
 * own origin; in Electron the renderer talks only over IPC.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ')

/** frame-ancestors only works as a header (browsers ignore it in a meta tag). */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`
