import type { AppError } from '../../../shared/result'

/** An error as the core phrased it: the sentence first, the stable code and Kombo's log link after. */
export function ErrorBox({ error, title }: { error: AppError; title?: string }) {
  return (
    <div className="callout callout-bad" role="alert">
      {title ? <strong>{title}</strong> : null}
      <p>{error.message}</p>
      <p className="muted small">
        <code>{error.code}</code>
        {error.komboCode ? (
          <>
            {' '}
            · Kombo <code>{error.komboCode}</code>
          </>
        ) : null}
        {error.logUrl ? (
          <>
            {' '}
            ·{' '}
            <a href={error.logUrl} target="_blank" rel="noreferrer">
              Kombo log
            </a>
          </>
        ) : null}
      </p>
    </div>
  )
}
