import { useId, type ReactElement } from 'react';
import type { TokenWarning } from '#shared/jwt/index.js';

const SEVERITY: Record<TokenWarning['severity'], string> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Note',
};

/** What a security reviewer would raise about the token, most severe first. */
export function WarningsCard({ warnings }: { warnings: readonly TokenWarning[] }): ReactElement {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Warnings</h2>
      {warnings.length === 0 ? (
        <p className="muted">Nothing a security reviewer would flag.</p>
      ) : (
        <ul className="warnings" aria-labelledby={headingId}>
          {warnings.map((warning, index) => (
            <li key={`${warning.code}-${index}`} className={`warning warning-${warning.severity}`}>
              <span className={`chip chip-${toneOf(warning.severity)}`}>
                {SEVERITY[warning.severity]}
              </span>
              <span>
                {warning.message}
                {warning.claim !== undefined && (
                  <>
                    {' '}
                    <code className="muted">{warning.claim}</code>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function toneOf(severity: TokenWarning['severity']): string {
  return severity === 'critical' ? 'bad' : severity === 'warning' ? 'warn' : 'neutral';
}
