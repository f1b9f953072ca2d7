import { useId, type ReactElement } from 'react';
import { useStore } from '../../../store/store.js';
import type { CurlImport } from '../model/curl-import.js';

function recognitionText(found: CurlImport['recognition']): string {
  const where = found.host !== undefined ? ` (${found.host})` : '';
  switch (found.how) {
    case 'host':
      return `Recognised ${found.presetName} from the host${where}.`;
    case 'url-shape':
      return `Recognised ${found.presetName} from the shape of the URL${where}.`;
    case 'none':
      return `No platform preset matches this URL${where}: using ${found.presetName}, which works with any server.`;
  }
}

/** What an import found: shown before it is used, and again on the details step. */
export function ImportSummary({
  found,
  compact = false,
}: {
  found: Omit<CurlImport, 'draft'>;
  compact?: boolean;
}): ReactElement {
  return (
    <div className="import-summary">
      <p>
        <strong>{recognitionText(found.recognition)}</strong>
      </p>
      {!compact && (
        <dl className="conn-facts">
          {found.understood.map((item, i) => (
            <div key={i}>
              <dt>{item.label}</dt>
              <dd>
                <code>{item.value}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {found.insecureRequested && (
        <div className="conn-callout conn-callout-warn">
          <strong>The command turns certificate checks off (-k).</strong> Grantline keeps them on.
          Test the connection: if the server’s certificate is not trusted, you will see it with its
          fingerprint and can trust exactly that certificate.
        </div>
      )}
      {found.changed.length > 0 && (
        <div className="changed-on-import">
          <h3>Changed on import</h3>
          <ul>
            {found.changed.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      {found.notUnderstood.length > 0 && (
        <div className="not-imported">
          <h3>Not imported — check these</h3>
          <ul>
            {found.notUnderstood.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      {!compact && found.notes.length > 0 && (
        <details className="conn-details">
          <summary>How the command was read</summary>
          <ul>
            {found.notes.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** Step 1, other way in: read a curl command into the wizard's fields. */
export function StepCurl(): ReactElement {
  const text = useStore((s) => s.wizard?.curlText ?? '');
  const result = useStore((s) => s.wizard?.curlResult ?? null);
  const setText = useStore((s) => s.setCurlText);
  const read = useStore((s) => s.readCurl);
  const accept = useStore((s) => s.acceptCurl);
  const setView = useStore((s) => s.setPlatformView);
  const id = useId();
  return (
    <>
      <p className="step-intro">
        Paste a curl command that gets a token, for example from the platform’s documentation. It is
        read here, never run. Line continuations (\ or ^), quotes, -d/--data…, -H, -u and -k are
        understood.
      </p>
      <div className="wz-field wz-field-wide">
        <label htmlFor={id}>curl command</label>
        <textarea
          id={id}
          className="mono"
          rows={7}
          value={text}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={result !== null && !result.ok}
          aria-describedby={result !== null && !result.ok ? `${id}-error` : undefined}
          placeholder={
            "curl --request POST 'https://login.example.com/oauth2/token' \\\n  --header 'Authorization: Basic …' \\\n  --data-urlencode 'grant_type=client_credentials'"
          }
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="wz-button-row">
        <button
          type="button"
          className="conn-button primary"
          disabled={text.trim() === ''}
          onClick={read}
        >
          Read the command
        </button>
        <button type="button" className="conn-button" onClick={() => setView('cards')}>
          Back to platforms
        </button>
      </div>
      {result !== null && !result.ok && (
        <div id={`${id}-error`} className="conn-callout conn-callout-error" role="alert">
          <strong>Could not read the command: {result.message}</strong> {result.hint}
        </div>
      )}
      {result !== null && result.ok && (
        <section className="import-result" aria-label="What the command says">
          <ImportSummary found={result.value} />
          <div className="wz-button-row">
            <button type="button" className="conn-button primary" onClick={accept}>
              Use these values
            </button>
          </div>
        </section>
      )}
    </>
  );
}
