import type { ReactElement } from 'react';
import { formatSha256Fingerprint } from '#shared/connection.js';
import type { CertificateInfoView } from '#shared/ipc/contract.js';
import { formatDuration, relativeTime } from '#shared/jwt/index.js';
import { formatWhen } from '../../../lib/time.js';
import { useNow } from '../../connections/parts/use-now.js';

const glanceClaims = ['iss', 'sub', 'aud', 'azp', 'client_id', 'clientId', 'scope', 'scp', 'roles'];
const timeClaims = ['iat', 'nbf', 'exp'];

/** Time left until `expiresAt`, ticking every second. */
export function Countdown({ expiresAt }: { expiresAt: string }): ReactElement {
  const now = useNow(true);
  const left = (Date.parse(expiresAt) - now) / 1000;
  const at = formatWhen(Date.parse(expiresAt), { now, seconds: true });
  return (
    <span>
      {left > 0 ? `in ${formatDuration(left)}` : `${formatDuration(-left)} ago`}{' '}
      <span className="muted">(at {at})</span>
    </span>
  );
}

function claimText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The claims worth a glance (who, for whom, which scope, when), with a count of the rest. */
export function ClaimsGlance({ claims }: { claims: Record<string, unknown> }): ReactElement {
  const now = useNow(true);
  const shown = glanceClaims.filter((k) => claims[k] !== undefined);
  const times = timeClaims.filter((k) => typeof claims[k] === 'number');
  const rest = Object.keys(claims).length - shown.length - times.length;
  return (
    <div className="claims-glance">
      <h4>Claims at a glance</h4>
      <dl className="conn-facts">
        {shown.map((k) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              <code>{claimText(claims[k])}</code>
            </dd>
          </div>
        ))}
        {times.map((k) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{relativeTime(k, claims[k] as number, now)}</dd>
          </div>
        ))}
      </dl>
      {rest > 0 && (
        <p className="muted">
          {rest} more claim{rest === 1 ? '' : 's'} in the Inspector.
        </p>
      )}
    </div>
  );
}

/** What to compare before trusting a server certificate. */
export function CertificateFacts({ cert }: { cert: CertificateInfoView }): ReactElement {
  return (
    <dl className="conn-facts cert-facts">
      <div>
        <dt>Subject</dt>
        <dd>{cert.subject}</dd>
      </div>
      <div>
        <dt>Issuer</dt>
        <dd>
          {cert.issuer}
          {cert.selfSigned ? ' (self-signed)' : ''}
        </dd>
      </div>
      <div>
        <dt>SHA-256</dt>
        <dd>
          <code>{formatSha256Fingerprint(cert.fingerprint256)}</code>
        </dd>
      </div>
      <div>
        <dt>Valid</dt>
        <dd>
          {cert.validFrom} – {cert.validTo}
        </dd>
      </div>
    </dl>
  );
}
