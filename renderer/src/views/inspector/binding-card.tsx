import { useEffect, useId, useState, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import type { BindingCheck, BindingReport } from '#shared/token-binding.js';
import { call } from '../../api/call.js';

const CLAIM_NAMES: Record<BindingCheck['claim'], string> = {
  jkt: 'DPoP key (cnf.jkt)',
  'x5t#S256': 'Client certificate (cnf.x5t#S256)',
};

const STATUS: Record<BindingCheck['status'], { label: string; tone: 'good' | 'bad' | 'warn' }> = {
  match: { label: 'Matches', tone: 'good' },
  mismatch: { label: 'Does not match', tone: 'bad' },
  no_key: { label: 'No key here', tone: 'warn' },
};

/**
 * A connection token's sender constraint (RFC 9449 / RFC 8705): the thumbprint in its cnf claim
 * and whether main found it equal to the connection's own DPoP key or client certificate.
 */
export function BindingCard({
  connectionId,
  tokenKey,
}: {
  connectionId: string;
  /** Changes when another token is inspected, so the check runs again. */
  tokenKey: string;
}): ReactElement {
  const headingId = useId();
  const key = `${connectionId}\n${tokenKey}`;
  // The answer remembers which token it is about: an older one reads as "checking" until the new
  // one arrives, without resetting state inside the effect.
  const [answer, setAnswer] = useState<{
    key: string;
    report: BindingReport | null;
    error: IpcError | null;
  } | null>(null);
  useEffect(() => {
    let current = true;
    void call('tokens:binding', { connectionId }).then((result) => {
      if (!current) return;
      setAnswer(
        result.ok
          ? { key, report: result.value, error: null }
          : { key, report: null, error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [connectionId, key]);
  const report = answer?.key === key ? answer.report : null;
  const error = answer?.key === key ? answer.error : null;

  return (
    <section className="card" aria-labelledby={headingId} data-testid="binding-card">
      <h2 id={headingId}>Sender constraint</h2>
      {error !== null ? (
        <p className="error-message" role="alert">
          Could not check the binding: {error.message}
        </p>
      ) : report === null ? (
        <p className="muted">Checking the binding…</p>
      ) : (
        <>
          <p>{report.message}</p>
          <dl className="facts compact">
            {report.checks.map((check) => (
              <div key={check.claim} className="fact">
                <dt>{CLAIM_NAMES[check.claim]}</dt>
                <dd>
                  <span className={`chip chip-${STATUS[check.status].tone}`}>
                    {STATUS[check.status].label}
                  </span>{' '}
                  <code>{check.tokenValue}</code>
                  <br />
                  <span className="muted">{check.message}</span>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
