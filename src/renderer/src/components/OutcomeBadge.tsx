import type { SyncOutcome } from '../../../shared/dto/sync'
import { OUTCOME_TEXT } from '../lib/outcomes'

export function OutcomeBadge({ outcome }: { outcome: SyncOutcome }) {
  const text = OUTCOME_TEXT[outcome]
  return (
    <span className={`badge badge-${text.tone}`} title={text.explanation}>
      {text.label}
    </span>
  )
}
