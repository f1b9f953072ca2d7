import { useId, type ReactElement } from 'react';
import { useStore } from '../../store/store.js';
import type { TokenPart } from '../../store/slices/inspector-slice.js';
import type { InspectedOk } from './inspected.js';

const PART_LABELS: Record<TokenPart, string> = {
  header: 'Header',
  payload: 'Payload',
  signature: 'Signature',
};

/** The parts of a compact JWS (or unsecured JWT) in order; a JWE only maps its header. */
function partsOf(inspection: InspectedOk): Array<{ part: TokenPart | null; text: string }> {
  const { decoded } = inspection;
  const segments = decoded.token === '' ? [] : decoded.token.split('.');
  if (decoded.kind === 'jws' || decoded.kind === 'unsecured') {
    const names: TokenPart[] = ['header', 'payload', 'signature'];
    return segments.map((text, i) => ({ part: names[i] ?? null, text }));
  }
  if (decoded.kind === 'jwe')
    return segments.map((text, i) => ({ part: i === 0 ? 'header' : null, text }));
  return segments.length === 0 ? [] : [{ part: null, text: decoded.token }];
}

/**
 * The encoded token, its parts colour-coded. Clicking a part (or its name in the legend, which
 * the keyboard reaches) highlights its decoded side; a connection's token is never sent to the
 * window, so only the legend is shown for it.
 */
export function EncodedToken({ inspection }: { inspection: InspectedOk }): ReactElement {
  const headingId = useId();
  const highlighted = useStore((s) => s.highlightedPart);
  const highlight = useStore((s) => s.highlightPart);
  const { decoded } = inspection;
  const parts = partsOf(inspection);
  const legend: TokenPart[] =
    decoded.kind === 'jws' || decoded.kind === 'unsecured'
      ? ['header', 'payload', 'signature']
      : decoded.kind === 'jwe'
        ? ['header']
        : [];
  const toggle = (part: TokenPart): void => highlight(highlighted === part ? null : part);
  return (
    <section className="card encoded-card" aria-labelledby={headingId}>
      <div className="card-title-row">
        <h2 id={headingId}>Encoded</h2>
        {legend.length > 0 && (
          <div className="part-legend" role="group" aria-label="Highlight a part">
            {legend.map((part) => (
              <button
                key={part}
                type="button"
                className={`part-chip part-${part}`}
                aria-pressed={highlighted === part}
                onClick={() => toggle(part)}
              >
                {PART_LABELS[part]}
              </button>
            ))}
          </div>
        )}
      </div>
      {decoded.token === '' ? (
        <p className="muted">
          A connection&apos;s token stays in Grantline&apos;s main process: only its decoded header
          and claims reach this window. Use Reveal token to see it encoded.
        </p>
      ) : (
        <p className="encoded-token" data-testid="encoded-token">
          {parts.map(({ part, text }, i) => (
            <span key={i}>
              {i > 0 && <span className="part-dot">.</span>}
              {part === null ? (
                <span className="part-other">{text}</span>
              ) : (
                // Mouse shortcut for the legend buttons above, which carry the keyboard path.
                <span
                  className={`part-text part-${part}${highlighted === part ? ' part-on' : ''}`}
                  data-part={part}
                  onClick={() => toggle(part)}
                >
                  {text}
                </span>
              )}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
