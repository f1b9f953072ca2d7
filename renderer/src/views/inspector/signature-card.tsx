import { useEffect, useId, useRef, useState, type FormEvent, type ReactElement } from 'react';
import type { KeySourceInput, SignatureReportView } from '#shared/ipc/contract.js';
import type { IpcError } from '#shared/errors.js';
import type { AutoCheck } from '../../store/slices/inspector-slice.js';
import type { InspectedOk } from './inspected.js';
import { SIGNATURE_LABELS } from './format.js';

type Method = 'connection' | 'issuer' | 'jwks_url' | 'key_text' | 'hmac_secret';
type Encoding = 'utf8' | 'base64' | 'base64url' | 'hex';

const METHOD_LABELS: Record<Method, string> = {
  connection: "This connection's issuer keys",
  issuer: 'Issuer (discovery document)',
  jwks_url: 'JWKS URL',
  key_text: 'Public key (JWK, JWKS or PEM)',
  hmac_secret: 'HMAC secret',
};

/**
 * Signature verification: keys from the issuer's discovery document, a JWKS URL, a pasted key,
 * or an HMAC secret typed for this one check (masked, never stored, cleared after the check).
 */
export function SignatureCard({
  formId,
  inspection,
  fromConnection,
  report,
  verifying,
  error,
  autoCheck,
  highlighted,
  onVerify,
  onForgetJwks,
}: {
  formId: string;
  inspection: InspectedOk;
  fromConnection: boolean;
  report: SignatureReportView | null;
  verifying: boolean;
  error: IpcError | null;
  autoCheck: AutoCheck | null;
  /** The signature part of the encoded token was picked. */
  highlighted: boolean;
  onVerify: (source: KeySourceInput | undefined) => Promise<void>;
  onForgetJwks: (issuer: string) => void;
}): ReactElement {
  const headingId = useId();
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (highlighted) card.current?.scrollIntoView?.({ block: 'nearest' });
  }, [highlighted]);
  const cardClass = `card part-card part-card-signature${highlighted ? ' part-card-on' : ''}`;
  const issuerHintId = useId();
  const secretHintId = useId();
  const jwksHintId = useId();
  const { decoded } = inspection;
  const symmetric = decoded.kind === 'jws' && /^HS\d+$/.test(decoded.alg ?? '');
  const issClaim =
    decoded.kind === 'jws' && typeof decoded.payload.iss === 'string' ? decoded.payload.iss : '';
  const [method, setMethod] = useState<Method>(
    symmetric ? 'hmac_secret' : fromConnection ? 'connection' : 'issuer',
  );
  const [issuer, setIssuer] = useState(issClaim);
  // Until typed in, the field shows the URL remembered for the issuer (if the check found one).
  const [typedJwksUrl, setJwksUrl] = useState<string | null>(null);
  const jwksUrl = typedJwksUrl ?? autoCheck?.rememberedJwksUrl ?? '';
  const [keyText, setKeyText] = useState('');
  const [secret, setSecret] = useState('');
  const [encoding, setEncoding] = useState<Encoding>('utf8');

  if (decoded.kind !== 'jws') {
    return (
      <section ref={card} className={cardClass} aria-labelledby={headingId}>
        <h2 id={headingId}>Signature</h2>
        <p className="muted">{notCheckable(decoded.kind)}</p>
      </section>
    );
  }

  const methods: Method[] = fromConnection
    ? ['connection', 'issuer', 'jwks_url', 'key_text', 'hmac_secret']
    : ['issuer', 'jwks_url', 'key_text', 'hmac_secret'];
  const source = (): KeySourceInput | undefined => {
    switch (method) {
      case 'connection':
        return undefined;
      case 'issuer':
        return { type: 'issuer', issuer: issuer.trim() };
      case 'jwks_url':
        return { type: 'jwks_url', url: jwksUrl.trim() };
      case 'key_text':
        return { type: 'key_text', text: keyText };
      case 'hmac_secret':
        return { type: 'hmac_secret', secret, encoding };
    }
  };
  const ready =
    method === 'connection' ||
    (method === 'issuer' && issuer.trim() !== '') ||
    (method === 'jwks_url' && jwksUrl.trim() !== '') ||
    (method === 'key_text' && keyText.trim() !== '') ||
    (method === 'hmac_secret' && secret !== '');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!ready || verifying) return;
    const chosen = source();
    if (method === 'hmac_secret') setSecret('');
    await onVerify(chosen);
  };

  const remembered =
    autoCheck?.issuer != null && autoCheck.rememberedJwksUrl !== null
      ? { issuer: autoCheck.issuer, url: autoCheck.rememberedJwksUrl }
      : null;
  return (
    <section ref={card} className={cardClass} aria-labelledby={headingId}>
      <h2 id={headingId}>Signature</h2>
      {remembered !== null && (
        <div className="remembered-jwks">
          <p>
            Tokens of <code>{remembered.issuer}</code> are checked by themselves with the JWKS URL{' '}
            <code>{remembered.url}</code>, remembered when it last verified one.
          </p>
          <button
            type="button"
            className="small-button"
            onClick={() => onForgetJwks(remembered.issuer)}
          >
            Forget this JWKS URL
          </button>
        </div>
      )}
      <form id={formId} className="signature-form" onSubmit={(event) => void submit(event)}>
        <fieldset className="method-picker">
          <legend>Keys from</legend>
          {methods.map((value) => (
            <label key={value} className="radio">
              <input
                type="radio"
                name="signature-method"
                value={value}
                checked={method === value}
                onChange={() => setMethod(value)}
              />
              <span>{METHOD_LABELS[value]}</span>
            </label>
          ))}
        </fieldset>
        {method === 'connection' && (
          <p className="muted">
            The keys are fetched by Grantline from the connection&apos;s JWKS URI or its
            issuer&apos;s discovery document, with the connection&apos;s TLS settings.
          </p>
        )}
        {method === 'issuer' && (
          <div>
            <label className="field wide">
              <span>Issuer URL</span>
              <input
                type="url"
                value={issuer}
                placeholder="https://idp.example.com/auth/realms/Broker"
                aria-describedby={issuerHintId}
                onChange={(event) => setIssuer(event.target.value)}
              />
            </label>
            <small id={issuerHintId} className="muted field-hint">
              {issClaim !== '' && issuer === issClaim
                ? 'Taken from the token’s iss claim. Keys come from this issuer’s discovery document: check it is one you trust.'
                : 'Keys come from <issuer>/.well-known/openid-configuration → jwks_uri.'}
            </small>
          </div>
        )}
        {method === 'jwks_url' && (
          <div>
            <label className="field wide">
              <span>JWKS URL</span>
              <input
                type="url"
                value={jwksUrl}
                placeholder="https://idp.example.com/auth/realms/Broker/protocol/openid-connect/certs"
                aria-describedby={jwksHintId}
                onChange={(event) => setJwksUrl(event.target.value)}
              />
            </label>
            <small id={jwksHintId} className="muted field-hint">
              A JWKS URL that verifies the token is remembered for its issuer, so the next tokens of
              that issuer are checked by themselves.
            </small>
          </div>
        )}
        {method === 'key_text' && (
          <label className="field wide">
            <span>Public key</span>
            <textarea
              rows={5}
              spellCheck={false}
              value={keyText}
              placeholder={'{"kty":"RSA",…}  or  {"keys":[…]}  or  -----BEGIN PUBLIC KEY-----'}
              onChange={(event) => setKeyText(event.target.value)}
            />
          </label>
        )}
        {method === 'hmac_secret' && (
          <div className="secret-row">
            <div className="field-group">
              <label className="field wide">
                <span>Shared secret</span>
                <input
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  value={secret}
                  aria-describedby={secretHintId}
                  onChange={(event) => setSecret(event.target.value)}
                />
              </label>
              <small id={secretHintId} className="muted">
                Used for this check only: not stored, not logged, and cleared from this form once
                the check starts.
              </small>
            </div>
            <label className="field">
              <span>Secret encoding</span>
              <select
                value={encoding}
                onChange={(event) => setEncoding(event.target.value as Encoding)}
              >
                <option value="utf8">Text (UTF-8)</option>
                <option value="base64url">base64url</option>
                <option value="base64">base64</option>
                <option value="hex">hex</option>
              </select>
            </label>
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="primary-button" disabled={!ready || verifying}>
            {verifying ? 'Verifying…' : 'Verify signature'}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite" className="signature-result">
        {error !== null && (
          <p className="callout callout-error">
            {error.message}
            {error.hint !== undefined && <> {error.hint}</>}
          </p>
        )}
        {report !== null && !verifying && <Report report={report} />}
      </div>
    </section>
  );
}

function Report({ report }: { report: SignatureReportView }): ReactElement {
  const state = SIGNATURE_LABELS[report.outcome];
  return (
    <div className={`report tone-${state.tone}`} data-testid="signature-report">
      <strong className="report-title">{state.label}</strong>
      <p>{report.reason}</p>
      <dl className="facts compact">
        {report.kid !== null && (
          <div className="fact">
            <dt>Key ID (kid)</dt>
            <dd>
              <code>{report.kid}</code>
            </dd>
          </div>
        )}
        {report.alg !== null && (
          <div className="fact">
            <dt>Algorithm</dt>
            <dd>
              <code>{report.alg}</code>
            </dd>
          </div>
        )}
        {report.keySource !== null && (
          <div className="fact">
            <dt>Keys from</dt>
            <dd>
              <code>{report.keySource}</code>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}

function notCheckable(kind: InspectedOk['kind']): string {
  switch (kind) {
    case 'unsecured':
      return 'The token is unsecured (alg "none"): it carries no signature, so nothing vouches for it. Never accept it.';
    case 'jwe':
      return 'The token is encrypted (JWE): its signature, if any, is inside the ciphertext and needs the recipient’s private key.';
    default:
      return 'An opaque token has no signature to check: only its issuer can vouch for it, through its introspection endpoint.';
  }
}
