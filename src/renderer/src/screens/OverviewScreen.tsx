import { useEffect } from 'react'
import { ErrorBox } from '../components/ErrorBox'
import { formatCount } from '../lib/format'
import { useDataStamp } from '../lib/useDataStamp'
import { useOverviewStore, type IntegrationOutcome } from '../stores/overviewStore'
import { useSessionStore, type Screen } from '../stores/sessionStore'

interface Segment {
  label: string
  value: number
  /** A fill that reaches 3:1 against white, so each segment stands apart from the page. */
  color: string
}

const BAR_WIDTH = 600
const BAR_HEIGHT = 28

/** One horizontal bar split by share, with its figures as text beside it (the chart is not the only carrier). */
function StackedBar({ title, segments }: { title: string; segments: Segment[] }) {
  const total = segments.reduce((sum, segment) => sum + segment.value, 0)
  let x = 0
  return (
    <figure className="overview-figure">
      <figcaption>
        {title} <span className="muted">({formatCount(total)})</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${BAR_WIDTH} ${BAR_HEIGHT}`}
        width="100%"
        height={BAR_HEIGHT}
        preserveAspectRatio="none"
        aria-hidden="true"
      >
        <rect x={0} y={0} width={BAR_WIDTH} height={BAR_HEIGHT} fill="#eef0f3" />
        {total > 0
          ? segments.map((segment) => {
              const width = (segment.value / total) * BAR_WIDTH
              const rect = (
                <rect
                  key={segment.label}
                  x={x}
                  y={0}
                  width={width}
                  height={BAR_HEIGHT}
                  fill={segment.color}
                />
              )
              x += width
              return rect
            })
          : null}
      </svg>
      <ul className="overview-legend">
        {segments.map((segment) => (
          <li key={segment.label}>
            <span className="swatch" style={{ background: segment.color }} aria-hidden="true" />
            {segment.label}: <strong>{formatCount(segment.value)}</strong>
          </li>
        ))}
      </ul>
    </figure>
  )
}

/** The steps that fit where the integration stands, the most useful first. */
function nextSteps(outcome: IntegrationOutcome): { screen: Screen; label: string }[] {
  if (outcome.employees === 0) return [{ screen: 'sync', label: 'Sync employees from the HRIS' }]
  if (outcome.legacyUsers === 0) return [{ screen: 'legacy', label: "Import the customer's user export" }]
  const steps: { screen: Screen; label: string }[] = []
  if (outcome.suggested > 0)
    steps.push({ screen: 'review', label: `Review ${formatCount(outcome.suggested)} suggestions` })
  else if (outcome.unmatched > 0)
    steps.push({ screen: 'review', label: `Look at ${formatCount(outcome.unmatched)} unmatched users` })
  steps.push({ screen: 'actions', label: 'See the actions and export them' })
  steps.push({ screen: 'sync', label: 'Sync again' })
  return steps
}

function Outcome({ outcome }: { outcome: IntegrationOutcome }) {
  const go = useSessionStore((state) => state.go)
  const steps = nextSteps(outcome)
  return (
    <>
      <div className="card">
        <StackedBar
          title="Legacy users"
          segments={[
            { label: 'linked by HRIS id', value: outcome.linkedByHrisId, color: '#1c7c4a' },
            { label: 'linked by email', value: outcome.linkedByEmail, color: '#2459d6' },
            { label: 'linked by decision', value: outcome.linkedByDecision, color: '#6941c6' },
            { label: 'suggested', value: outcome.suggested, color: '#b25e00' },
            { label: 'unmatched', value: outcome.unmatched, color: '#b42318' },
          ]}
        />
        <StackedBar
          title="Actions"
          segments={[
            { label: 'adds', value: outcome.adds, color: '#1c7c4a' },
            { label: 'updates', value: outcome.updates, color: '#2459d6' },
            { label: 'removes', value: outcome.removes, color: '#b42318' },
          ]}
        />
        <p className="muted small">
          {formatCount(outcome.employees)} employees synced · {formatCount(outcome.conflicts)} results with
          conflicts
          {outcome.withheldRemovals > 0
            ? ` · ${formatCount(outcome.withheldRemovals)} removals withheld until confirmed`
            : ''}
        </p>
      </div>
      <div className="inline" role="group" aria-label="What to do next">
        {steps.map((step, index) => (
          <button
            key={step.screen + step.label}
            type="button"
            className={index === 0 ? 'primary' : undefined}
            onClick={() => go(step.screen)}
          >
            {step.label}
          </button>
        ))}
      </div>
    </>
  )
}

/** Where the selected integration stands, drawn small, with the next step one click away. */
export function OverviewScreen() {
  const integrationId = useSessionStore((state) => state.integrationId)
  const status = useOverviewStore((state) => state.status)
  const outcome = useOverviewStore((state) => state.outcome)
  const error = useOverviewStore((state) => state.error)
  const load = useOverviewStore((state) => state.load)
  const stamp = useDataStamp()
  useEffect(() => {
    void load()
  }, [integrationId, stamp, load])
  return (
    <div className="screen overview-screen">
      <header className="screen-header">
        <h1>Overview</h1>
        <p className="muted">{integrationId}</p>
      </header>
      {error ? <ErrorBox error={error} title="The figures could not be read" /> : null}
      {outcome ? (
        <Outcome outcome={outcome} />
      ) : status === 'loading' ? (
        <p role="status" className="muted">
          Reading the figures…
        </p>
      ) : null}
    </div>
  )
}
