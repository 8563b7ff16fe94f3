import { useId, useState, type FormEvent } from 'react'
import { ErrorBox } from '../components/ErrorBox'
import { formatCount, formatDateTime } from '../lib/format'
import { KOMBO_REGIONS, useSessionStore, type Region } from '../stores/sessionStore'

/** A plausible demo integration id: the embedded stand-in answers for any id. */
const DEMO_INTEGRATION_ID = 'demo:acme-gmbh'

function ApiKeyForm() {
  const info = useSessionStore((state) => state.info)
  const savingKey = useSessionStore((state) => state.savingKey)
  const saveApiKey = useSessionStore((state) => state.saveApiKey)
  const [apiKey, setApiKey] = useState('')
  const fieldId = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    // The field is cleared either way: the key is never kept in the page once sent.
    const sent = apiKey
    setApiKey('')
    await saveApiKey(sent)
  }

  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby={`${fieldId}-title`}>
      <h2 id={`${fieldId}-title`}>Kombo API key</h2>
      <p className="muted">
        {info?.hasApiKey
          ? 'A key is stored. For your safety it is never shown again; enter a new one to replace it.'
          : info?.demo
            ? 'No key is stored, so syncs read from the built-in demo HRIS. Enter a key to work with real data.'
            : 'No key is stored yet. Create one on the Secrets page of the Kombo dashboard.'}
      </p>
      <label htmlFor={fieldId}>API key</label>
      <div className="inline">
        <input
          id={fieldId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
          placeholder={info?.hasApiKey ? '•••••••• (stored)' : 'paste the key'}
        />
        <button type="submit" disabled={savingKey || apiKey.trim().length === 0}>
          {info?.hasApiKey ? 'Replace key' : 'Store key'}
        </button>
      </div>
    </form>
  )
}

function ConnectForm() {
  const info = useSessionStore((state) => state.info)
  const connecting = useSessionStore((state) => state.connecting)
  const connect = useSessionStore((state) => state.connect)
  const [integrationId, setIntegrationId] = useState(info?.demo ? DEMO_INTEGRATION_ID : '')
  const [customerId, setCustomerId] = useState('')
  const [region, setRegion] = useState<Region>('eu')
  const [customBaseUrl, setCustomBaseUrl] = useState('')
  const [customApiKey, setCustomApiKey] = useState('')
  const formId = useId()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    // The key is cleared once sent: it is never kept in the page.
    const apiKey = customApiKey
    setCustomApiKey('')
    void connect({ integrationId: integrationId.trim(), customerId, region, customBaseUrl, apiKey })
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>Connect an integration</h2>
      <div className="field">
        <label htmlFor={`${formId}-integration`}>Integration id</label>
        <input
          id={`${formId}-integration`}
          required
          value={integrationId}
          onChange={(event) => setIntegrationId(event.target.value)}
          placeholder="personio:8d1hpPsbjxUkoCoa1veLZGe5"
          spellCheck={false}
        />
        <p className="hint">From the Kombo dashboard, or the sync-finished webhook&apos;s integration_id.</p>
      </div>
      <div className="field">
        <label htmlFor={`${formId}-customer`}>Customer id (optional)</label>
        <input
          id={`${formId}-customer`}
          value={customerId}
          onChange={(event) => setCustomerId(event.target.value)}
          placeholder="your product's id for this customer"
        />
      </div>
      <fieldset className="field">
        <legend>Kombo region</legend>
        <div className="inline">
          {(['eu', 'us', 'custom'] as const).map((value) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name={`${formId}-region`}
                value={value}
                checked={region === value}
                onChange={() => setRegion(value)}
              />
              {value === 'custom' ? 'Custom URL' : `${value.toUpperCase()} (${KOMBO_REGIONS[value]})`}
            </label>
          ))}
        </div>
        {region === 'custom' ? (
          <div className="field">
            <label htmlFor={`${formId}-url`}>API root including /v1</label>
            <input
              id={`${formId}-url`}
              type="url"
              required
              value={customBaseUrl}
              onChange={(event) => setCustomBaseUrl(event.target.value)}
              placeholder="https://api.kombo.dev/v1"
            />
            <label htmlFor={`${formId}-url-key`}>API key for this URL</label>
            <input
              id={`${formId}-url-key`}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={customApiKey}
              onChange={(event) => setCustomApiKey(event.target.value)}
              placeholder="paste the key again"
            />
            <p className="hint">
              The key is sent only to Kombo and to the URL entered here with it, so a new URL needs the key
              again. Plain http is accepted for a stand-in on this machine only.
            </p>
          </div>
        ) : null}
      </fieldset>
      <button type="submit" className="primary" disabled={connecting || integrationId.trim() === ''}>
        {connecting ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  )
}

function ConnectedList() {
  const integrations = useSessionStore((state) => state.integrations)
  const integrationId = useSessionStore((state) => state.integrationId)
  const selectIntegration = useSessionStore((state) => state.selectIntegration)
  const go = useSessionStore((state) => state.go)
  if (integrations.length === 0) return null
  return (
    <section className="card">
      <h2>Connected integrations</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Integration</th>
            <th scope="col">Customer</th>
            <th scope="col">Employees</th>
            <th scope="col">Last sync started</th>
            <th scope="col">
              <span className="sr-only">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {integrations.map((integration) => (
            <tr
              key={integration.integrationId}
              className={integration.integrationId === integrationId ? 'current' : undefined}
            >
              <td>
                <code>{integration.integrationId}</code>
              </td>
              <td>{integration.customerId ?? '—'}</td>
              <td className="num">{formatCount(integration.employeeCount)}</td>
              <td>{formatDateTime(integration.lastSyncStartedAt)}</td>
              <td>
                <button
                  type="button"
                  onClick={() => {
                    selectIntegration(integration.integrationId)
                    go('sync')
                  }}
                >
                  Open
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function ConnectScreen() {
  const error = useSessionStore((state) => state.error)
  const info = useSessionStore((state) => state.info)
  return (
    <div className="screen">
      <header className="screen-header">
        <h1>Connect</h1>
        <p className="muted">
          Choose the customer&apos;s Kombo integration. Everything after a sync works offline.
        </p>
      </header>
      {info?.demo ? (
        <div className="callout callout-info" role="note">
          <strong>Demo mode.</strong> No API key is set, so a built-in sample HRIS answers instead of Kombo.
          Connect any integration id to try the whole flow.
        </div>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      <div className="columns">
        <ConnectForm />
        <ApiKeyForm />
      </div>
      <ConnectedList />
    </div>
  )
}
