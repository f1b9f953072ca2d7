import { useId, type ReactElement } from 'react';
import { headerNameProblem, headerValueProblem } from '#shared/input-rules.js';
import type { RequestAuth } from '#shared/requests/schemas.js';

/**
 * What is wrong with the custom auth header's value, without quoting any of it: the field is a
 * password field, and its value is usually a key.
 */
function authValueProblem(value: string): string | undefined {
  if (value === '' || headerValueProblem(value) === undefined) return undefined;
  return (
    'The value contains a character HTTP cannot carry in a header (a line break, a control ' +
    'character, or one beyond Latin-1). Paste it again on one line, without extra characters.'
  );
}

/**
 * How the request authenticates. The connection's token is added by the main process as it sends:
 * this window never sees it.
 */
export function AuthPanel({
  auth,
  onChange,
  connectionName,
}: {
  auth: RequestAuth;
  onChange: (auth: RequestAuth) => void;
  connectionName: string | null;
}): ReactElement {
  const errorId = useId();
  const nameProblem =
    auth.type === 'header' && auth.name !== '' ? headerNameProblem(auth.name) : undefined;
  const valueProblem = auth.type === 'header' ? authValueProblem(auth.value) : undefined;
  return (
    <div className="auth-panel">
      <fieldset className="choice-list">
        <legend className="cx-visually-hidden">Authentication</legend>
        <label className="choice">
          <input
            type="radio"
            name="auth"
            checked={auth.type === 'connection'}
            onChange={() => onChange({ type: 'connection' })}
          />
          <span>
            <strong>Connection token</strong>
            <span className="cx-muted">
              {' '}
              Authorization: Bearer … from {connectionName ?? 'the connection'}, added by the main
              process; renewed and retried once on a 401.
            </span>
          </span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="auth"
            checked={auth.type === 'header'}
            onChange={() => onChange({ type: 'header', name: 'X-API-Key', value: '' })}
          />
          <span>
            <strong>Custom header</strong>
            <span className="cx-muted">
              {' '}
              An API key or another credential you type (never stored).
            </span>
          </span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="auth"
            checked={auth.type === 'none'}
            onChange={() => onChange({ type: 'none' })}
          />
          <span>
            <strong>None</strong>
            <span className="cx-muted"> Send no credentials.</span>
          </span>
        </label>
      </fieldset>
      {auth.type === 'header' && (
        <div className="auth-header">
          <label className="cx-field">
            <span>Header</span>
            <input
              type="text"
              value={auth.name}
              spellCheck={false}
              aria-label="Auth header name"
              aria-invalid={nameProblem !== undefined}
              aria-describedby={nameProblem !== undefined ? `${errorId}-name` : undefined}
              onChange={(e) => onChange({ ...auth, name: e.target.value })}
            />
          </label>
          <label className="cx-field cx-grow">
            <span>Value</span>
            <input
              type="password"
              value={auth.value}
              autoComplete="off"
              aria-label="Auth header value"
              aria-invalid={valueProblem !== undefined}
              aria-describedby={valueProblem !== undefined ? `${errorId}-value` : undefined}
              onChange={(e) => onChange({ ...auth, value: e.target.value })}
            />
          </label>
        </div>
      )}
      {nameProblem !== undefined && (
        <p id={`${errorId}-name`} className="cx-error-text cx-small">
          {nameProblem}
        </p>
      )}
      {valueProblem !== undefined && (
        <p id={`${errorId}-value`} className="cx-error-text cx-small">
          {valueProblem}
        </p>
      )}
    </div>
  );
}
