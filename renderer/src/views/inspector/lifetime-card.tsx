import { useId, type ReactElement } from 'react';
import { formatDuration, type Lifetime } from '#shared/jwt/index.js';
import { formatLocal, LIFETIME_LABELS } from './format.js';

/** The lifetime bar from iat/nbf to exp with "now" on it, its state, and the skew allowance. */
export function LifetimeCard({
  lifetime,
  skewSeconds,
  onSkewChange,
}: {
  lifetime: Lifetime;
  skewSeconds: number;
  onSkewChange: (seconds: number) => void;
}): ReactElement {
  const headingId = useId();
  const state = LIFETIME_LABELS[lifetime.status];
  const { progress, start, exp } = lifetime;
  const startName = lifetime.nbf !== null ? 'Valid from (nbf)' : 'Issued (iat)';
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-title-row">
        <h2 id={headingId}>Lifetime</h2>
        <span className={`chip chip-${state.tone}`} data-testid="lifetime-state">
          {state.label}
        </span>
      </div>
      <p className="lifetime-summary" aria-live="off">
        {capitalize(lifetime.summary)}
        {lifetime.totalSeconds !== null && lifetime.totalSeconds > 0 && (
          <span className="muted"> · lifetime {formatDuration(lifetime.totalSeconds)}</span>
        )}
      </p>
      {progress !== null && start !== null && exp !== null ? (
        <div className="lifetime">
          <div
            className={`lifetime-track tone-${state.tone}`}
            role="meter"
            aria-label="Share of the token's lifetime used"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress * 100)}
            aria-valuetext={`${Math.round(progress * 100)}% used; ${lifetime.summary}`}
          >
            <div className="lifetime-fill" style={{ width: `${progress * 100}%` }} />
            <div
              className={`lifetime-now${progress < 0.06 ? ' at-start' : progress > 0.94 ? ' at-end' : ''}`}
              style={{ left: `${progress * 100}%` }}
            >
              <span className="lifetime-now-label">now</span>
            </div>
          </div>
          <div className="lifetime-ends">
            <span>
              <span className="muted">{startName}</span>
              <br />
              {formatLocal(start)}
            </span>
            <span className="lifetime-end">
              <span className="muted">Expires (exp)</span>
              <br />
              {formatLocal(exp)}
            </span>
          </div>
        </div>
      ) : exp !== null ? (
        <p className="muted">
          No iat or nbf claim: the start of the lifetime is unknown, so only the expiry is shown.
        </p>
      ) : null}
      <div className="skew-row">
        <label className="inline-field">
          <span>Clock-skew allowance</span>
          <input
            type="number"
            min={0}
            max={3600}
            step={5}
            value={skewSeconds}
            onChange={(event) => {
              const value = Number(event.target.value);
              if (Number.isFinite(value) && value >= 0 && value <= 3600) onSkewChange(value);
            }}
          />
          <span>seconds</span>
        </label>
        <span className="muted">
          {lifetime.withinSkew
            ? 'Only this allowance keeps the token out of expired or not-yet-valid.'
            : 'Clocks may differ by this much between the issuer, this computer and the API.'}
        </span>
      </div>
    </section>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
