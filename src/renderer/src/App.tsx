import { useEffect, useId, useState } from 'react'
import { ErrorBox } from './components/ErrorBox'
import { Notices } from './components/Notices'
import { adoptToken, bridgeKind, watchTokenInLocation } from './lib/api'
import { ActionsScreen } from './screens/ActionsScreen'
import { ConnectScreen } from './screens/ConnectScreen'
import { LegacyScreen } from './screens/LegacyScreen'
import { OverviewScreen } from './screens/OverviewScreen'
import { ReviewScreen } from './screens/ReviewScreen'
import { SyncScreen } from './screens/SyncScreen'
import { useSessionStore, type Screen } from './stores/sessionStore'
import { useLegacyStore } from './stores/legacyStore'
import { useSyncStore } from './stores/syncStore'

const SCREENS: { value: Screen; label: string; needsIntegration: boolean }[] = [
  { value: 'connect', label: 'Connect', needsIntegration: false },
  { value: 'overview', label: 'Overview', needsIntegration: true },
  { value: 'sync', label: 'Sync', needsIntegration: true },
  { value: 'legacy', label: 'Legacy import', needsIntegration: true },
  { value: 'review', label: 'Review', needsIntegration: true },
  { value: 'actions', label: 'Actions', needsIntegration: true },
]

function ModeBadge() {
  const info = useSessionStore((state) => state.info)
  if (!info) return null
  if (info.demo)
    return (
      <span
        className="badge badge-warn"
        data-testid="mode-badge"
        title="No API key is set: a built-in sample HRIS answers"
      >
        Demo HRIS
      </span>
    )
  return (
    <span className={info.hasApiKey ? 'badge badge-good' : 'badge badge-bad'} data-testid="mode-badge">
      {info.hasApiKey ? 'Kombo' : 'No API key'}
    </span>
  )
}

function IntegrationPicker() {
  const integrations = useSessionStore((state) => state.integrations)
  const integrationId = useSessionStore((state) => state.integrationId)
  const selectIntegration = useSessionStore((state) => state.selectIntegration)
  if (integrations.length === 0) return null
  return (
    <span className="picker">
      <label htmlFor="integration-picker" className="sr-only">
        Integration
      </label>
      <select
        id="integration-picker"
        value={integrationId ?? ''}
        onChange={(event) => selectIntegration(event.target.value)}
      >
        {integrations.map((integration) => (
          <option key={integration.integrationId} value={integration.integrationId}>
            {integration.integrationId}
            {integration.customerId ? ` (${integration.customerId})` : ''}
          </option>
        ))}
      </select>
    </span>
  )
}

function Navigation() {
  const screen = useSessionStore((state) => state.screen)
  const integrationId = useSessionStore((state) => state.integrationId)
  const go = useSessionStore((state) => state.go)
  return (
    <nav className="nav" aria-label="Steps">
      {SCREENS.map((entry, index) => (
        <button
          key={entry.value}
          type="button"
          aria-current={screen === entry.value ? 'page' : undefined}
          disabled={entry.needsIntegration && !integrationId}
          onClick={() => go(entry.value)}
        >
          <span className="step">{index + 1}</span> {entry.label}
        </button>
      ))}
    </nav>
  )
}

/** Where a page without a valid token gets one: the desk link (or the bare token) pasted in. */
function TokenForm() {
  const fieldId = useId()
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  return (
    <form
      className="card"
      aria-label="Connect this page to the desk"
      onSubmit={(event) => {
        event.preventDefault()
        if (!adoptToken(text)) setProblem('That is neither the desk link nor its token: copy the whole link.')
      }}
    >
      <label htmlFor={fieldId}>Desk link or access token</label>
      <div className="inline">
        <input
          id={fieldId}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="http://127.0.0.1:…/#token=…"
          autoComplete="off"
        />
        <button type="submit" className="primary" disabled={text.trim() === ''}>
          Connect
        </button>
      </div>
      {problem ? <p role="alert">{problem}</p> : null}
    </form>
  )
}

function CurrentScreen() {
  const screen = useSessionStore((state) => state.screen)
  const integrationId = useSessionStore((state) => state.integrationId)
  if (screen === 'connect' || !integrationId) return <ConnectScreen />
  switch (screen) {
    case 'overview':
      return <OverviewScreen />
    case 'sync':
      return <SyncScreen />
    case 'legacy':
      return <LegacyScreen />
    case 'review':
      return <ReviewScreen />
    case 'actions':
      return <ActionsScreen />
  }
}

export function App() {
  const load = useSessionStore((state) => state.load)
  const info = useSessionStore((state) => state.info)
  const error = useSessionStore((state) => state.error)
  const listen = useSyncStore((state) => state.listen)
  const discover = useSyncStore((state) => state.discover)
  const integrationId = useSessionStore((state) => state.integrationId)
  const resetSync = useSyncStore((state) => state.reset)
  const resetLegacy = useLegacyStore((state) => state.reset)

  useEffect(() => watchTokenInLocation(), [])

  useEffect(() => {
    void load()
    const stop = listen()
    // A sync started before a reload, or in another window, shows here too (with its Cancel button).
    void discover()
    return stop
  }, [load, listen, discover])

  // Reports of one integration must not linger on screen after switching to another.
  useEffect(() => {
    resetSync()
    resetLegacy()
  }, [integrationId, resetSync, resetLegacy])

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to the current step
      </a>
      <header className="topbar">
        <span className="brand">HRIS reconciliation desk</span>
        <Navigation />
        <span className="topbar-end">
          <IntegrationPicker />
          <ModeBadge />
        </span>
      </header>
      <main className="main" id="main" tabIndex={-1}>
        {info === null && error ? (
          <div className="screen">
            <ErrorBox
              error={error}
              title={
                bridgeKind() === 'none'
                  ? 'Not connected'
                  : error.code === 'ACCESS_TOKEN_INVALID'
                    ? 'Access token refused'
                    : 'The desk is not answering'
              }
            />
            {bridgeKind() === 'web' || bridgeKind() === 'none' ? <TokenForm /> : null}
          </div>
        ) : info === null ? (
          <p className="screen muted" role="status">
            Opening…
          </p>
        ) : (
          <CurrentScreen />
        )}
      </main>
      <Notices />
    </div>
  )
}
