import { useId, type ReactElement } from 'react';
import { formatSha256Fingerprint } from '#shared/connection.js';
import type { ErrorCategory, IpcError } from '#shared/errors.js';
import type { ConnectionTestReportView } from '#shared/ipc/contract.js';
import { authMethodLabel } from '../model/auth-methods.js';
import type { Suggestion } from '../model/suggestions.js';
import { ExchangeView } from './exchange-view.js';
import { CertificateFacts, ClaimsGlance, Countdown } from './token-facts.js';

const categoryWords: Partial<Record<ErrorCategory, string>> = {
  invalid_client: 'the server rejected the client credentials',
  unauthorized_client: 'this client may not use the client-credentials grant',
  invalid_scope: 'the scope was refused',
  invalid_request: 'the server found the request malformed',
  invalid_grant: 'the grant was refused',
  access_denied: 'access denied',
  http: 'the server answered with an error',
  malformed_response: 'the answer is not a token',
  network: 'could not connect',
  dns: 'the host name was not found',
  tls: 'the server’s certificate is not trusted',
  timeout: 'no answer in time',
  cancelled: 'cancelled',
  redirect: 'the server redirected the request',
  insecure_url: 'the token URL is not secure',
  validation: 'the settings are incomplete',
};

const expirySources: Record<string, string> = {
  expires_in: 'from expires_in',
  expires_at: 'from expires_at',
  jwt_exp: 'from the token’s exp claim',
  unknown: 'the server did not say',
};

function SuggestionBox({
  suggestion,
  onApply,
  busy,
}: {
  suggestion: Suggestion;
  onApply: () => void;
  busy: boolean;
}): ReactElement {
  return (
    <div className="suggestion">
      <p className="suggestion-title">
        <strong>{suggestion.title}</strong>
      </p>
      {suggestion.detail !== '' && <p className="muted">{suggestion.detail}</p>}
      {suggestion.kind === 'trust-certificate' && (
        <CertificateFacts cert={suggestion.certificate} />
      )}
      <button type="button" className="conn-button primary" disabled={busy} onClick={onApply}>
        {suggestion.action}
      </button>
    </div>
  );
}

/** A test that got a token as configured. */
export function TestSuccess({
  report,
  onInspect,
}: {
  report: ConnectionTestReportView;
  onInspect: () => void;
}): ReactElement | null {
  const id = useId();
  const token = report.token;
  if (token === null) return null;
  return (
    <section className="test-result test-ok" aria-labelledby={id}>
      <h3 id={id}>Connection works</h3>
      <p>{report.message}</p>
      <dl className="conn-facts">
        <div>
          <dt>Token type</dt>
          <dd>{token.tokenType}</dd>
        </div>
        <div>
          <dt>Expires</dt>
          <dd>
            {token.expiresAt === null ? 'unknown' : <Countdown expiresAt={token.expiresAt} />}{' '}
            <span className="muted">— {expirySources[token.expirySource]}</span>
          </dd>
        </div>
        <div>
          <dt>Scope</dt>
          <dd>{token.scope === null || token.scope === '' ? '(none stated)' : token.scope}</dd>
        </div>
        {report.peerCertificate !== null && (
          <div>
            <dt>Server certificate</dt>
            <dd>
              {report.peerCertificate.subject}
              {report.peerCertificate.selfSigned ? ' (self-signed)' : ''} ·{' '}
              <code>{formatSha256Fingerprint(report.peerCertificate.fingerprint256)}</code>
            </dd>
          </div>
        )}
      </dl>
      {token.warnings.map((w) => (
        <p key={w} className="field-warning">
          {w}
        </p>
      ))}
      {token.claims !== null && <ClaimsGlance claims={token.claims} />}
      <p className="inspect-line">
        <button type="button" className="wz-link" onClick={onInspect}>
          Open in Inspector
        </button>{' '}
        <span className="muted">(saves the connection first, then shows its token decoded)</span>
      </p>
      {report.exchange !== null && <ExchangeView exchange={report.exchange} open={false} />}
    </section>
  );
}

/** A test (or the call itself) that failed: what, why, the provider’s words, and fixes. */
export function TestFailure({
  report,
  error,
  suggestions,
  busy,
  onApply,
}: {
  report: ConnectionTestReportView | null;
  error: IpcError;
  suggestions: Suggestion[];
  busy: boolean;
  onApply: (s: Suggestion) => void;
}): ReactElement {
  const id = useId();
  const workedOtherwise =
    report?.workingMethod != null && report.workingMethod !== report.configuredMethod;
  const providerMessage = error.details?.providerMessage;
  const others = report?.attempts.slice(1) ?? [];
  return (
    <section
      className={`test-result ${workedOtherwise ? 'test-partial' : 'test-failed'}`}
      aria-labelledby={id}
      role="alert"
    >
      <h3 id={id}>
        {workedOtherwise
          ? `Works only with ${authMethodLabel(report?.workingMethod ?? 'client_secret_post')}`
          : `Test failed: ${categoryWords[error.category] ?? error.category}`}
      </h3>
      <p className="wz-error-message">{error.message}</p>
      <dl className="conn-facts">
        <div>
          <dt>Category</dt>
          <dd>
            <code>{error.category}</code>
            {error.status !== undefined && ` · HTTP ${error.status}`}
          </dd>
        </div>
        {(error.providerCode !== undefined || typeof providerMessage === 'string') && (
          <div>
            <dt>The provider said</dt>
            <dd>
              {error.providerCode !== undefined && <code>{error.providerCode}</code>}{' '}
              {typeof providerMessage === 'string' && providerMessage !== error.providerCode
                ? providerMessage
                : ''}
            </dd>
          </div>
        )}
        {error.hint !== undefined && (
          <div>
            <dt>What to try</dt>
            <dd>{error.hint}</dd>
          </div>
        )}
        {others.length > 0 && (
          <div>
            <dt>Also tried</dt>
            <dd>
              {others
                .map((a) => `${a.authMethod}: ${a.ok ? 'worked' : (a.error?.category ?? 'failed')}`)
                .join('; ')}
            </dd>
          </div>
        )}
      </dl>
      {suggestions.map((s) => (
        <SuggestionBox
          key={s.kind + s.action}
          suggestion={s}
          busy={busy}
          onApply={() => onApply(s)}
        />
      ))}
      {report?.exchange != null && <ExchangeView exchange={report.exchange} open />}
    </section>
  );
}
