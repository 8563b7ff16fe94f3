/**
 * Tells the other windows of this desk (tabs of the web host, windows of the desktop app) that the
 * review of an integration changed, so they show the stored state rather than a stale one. A window
 * that missed the message is still safe: the server refuses a decision based on an outdated state.
 */
const CHANNEL_NAME = 'desk.review'

interface ReviewChange {
  integrationId: string
}

let channel: BroadcastChannel | null | undefined

function reviewChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null
  }
  return channel
}

export function announceReviewChange(integrationId: string): void {
  reviewChannel()?.postMessage({ integrationId } satisfies ReviewChange)
}

export function onReviewChange(listener: (integrationId: string) => void): () => void {
  const current = reviewChannel()
  if (!current) return () => undefined
  const onMessage = (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<ReviewChange> | null
    if (typeof data?.integrationId === 'string') listener(data.integrationId)
  }
  current.addEventListener('message', onMessage)
  return () => current.removeEventListener('message', onMessage)
}
