import { TOKEN_HEADER } from '../../src/shared/protocol'

/** A loopback web host as tests and benchmarks reach it: its origin and its session token. */
export interface WebHostAddress {
  origin: string
  token: string
}

/** One API call over HTTP, as the page makes it; the answer is the contract's result envelope. */
export async function postApi(
  host: WebHostAddress,
  name: string,
  payload: unknown,
): Promise<{ ok: boolean; value?: unknown }> {
  const response = await fetch(`${host.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
    body: JSON.stringify(payload),
  })
  return (await response.json()) as { ok: boolean; value?: unknown }
}

/**
 * Follows the host's event stream and calls back with each match phase as it is announced; resolves with
 * the function that stops following.
 */
export async function followMatchPhases(
  host: WebHostAddress,
  onPhase: (phase: string) => void,
): Promise<() => void> {
  const controller = new AbortController()
  const response = await fetch(`${host.origin}/api/events`, {
    headers: { [TOKEN_HEADER]: host.token },
    signal: controller.signal,
  })
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffered = ''
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) return
      buffered += value
      const frames = buffered.split('\n\n')
      buffered = frames.pop() ?? ''
      for (const frame of frames) {
        const data = /^event: match:progress\ndata: (.*)$/m.exec(frame)?.[1]
        if (data) onPhase((JSON.parse(data) as { phase: string }).phase)
      }
    }
  })()
  return () => controller.abort()
}
