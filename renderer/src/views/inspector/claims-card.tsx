import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import {
  displayValue,
  timeView,
  type ClaimExplanation,
  type JsonObject,
} from '#shared/jwt/index.js';
import { CopyButton } from '../../components/copy-button.js';
import { formatLocal, formatUtc } from './format.js';

/**
 * A JOSE header or a claims set as a table (claim, value, one-line meaning) or as raw JSON.
 * Time claims are re-rendered at `now`, so their relative text counts down live.
 */
export function ClaimsCard({
  title,
  what,
  rows,
  json,
  now,
  highlighted = false,
}: {
  title: string;
  /** "claim" or "parameter", for the accessible names of the buttons. */
  what: string;
  rows: readonly ClaimExplanation[];
  json: JsonObject;
  now: number;
  /** Its encoded part was picked: outline it in the part's colour and bring it into view. */
  highlighted?: boolean;
}): ReactElement {
  const [raw, setRaw] = useState(false);
  const headingId = useId();
  const card = useRef<HTMLElement>(null);
  const text = JSON.stringify(json, null, 2);
  useEffect(() => {
    if (highlighted) card.current?.scrollIntoView?.({ block: 'nearest' });
  }, [highlighted]);
  return (
    <section
      ref={card}
      className={`card part-card part-card-${title.toLowerCase()}${highlighted ? ' part-card-on' : ''}`}
      aria-labelledby={headingId}
      data-highlighted={highlighted ? 'true' : undefined}
    >
      <div className="card-title-row">
        <h2 id={headingId}>{title}</h2>
        <div className="card-actions">
          <button
            type="button"
            className="small-button"
            aria-pressed={raw}
            aria-label={`Show ${title.toLowerCase()} as raw JSON`}
            onClick={() => setRaw((value) => !value)}
          >
            Raw JSON
          </button>
          <CopyButton label={`Copy JSON of the ${title.toLowerCase()}`} text={text}>
            Copy JSON
          </CopyButton>
        </div>
      </div>
      {raw ? (
        <pre className="raw-json" tabIndex={0} aria-label={`${title} as JSON`}>
          {text}
        </pre>
      ) : rows.length === 0 ? (
        <p className="muted">Empty: no {what}s.</p>
      ) : (
        <div className="table-scroll">
          <table className="claims-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{what === 'claim' ? 'Claim' : 'Parameter'}</th>
                <th scope="col">Value</th>
                <th scope="col">Meaning</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <ClaimRow key={row.name} row={row} what={what} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ClaimRow({
  row,
  what,
  now,
}: {
  row: ClaimExplanation;
  what: string;
  now: number;
}): ReactElement {
  const time = row.time === null ? null : timeView(row.name, row.value, now);
  const plain = time === null ? displayValue(row.value) : String(row.value);
  return (
    <tr>
      <th scope="row">
        <code className="claim-name">{row.name}</code>
        {row.label !== null && <span className="claim-label">{row.label}</span>}
      </th>
      <td className="claim-value">
        {time === null ? (
          <code>{plain}</code>
        ) : (
          <div className="time-value">
            <span className="time-relative">{time.relative}</span>
            <span>{formatLocal(time.seconds)}</span>
            <span className="muted">
              {formatUtc(time.iso)} · <code>{plain}</code>
            </span>
            {time.note !== undefined && <span className="time-note">{time.note}</span>}
          </div>
        )}
      </td>
      <td className="claim-meaning">
        {row.meaning ?? <span className="muted">Not a registered or common {what}.</span>}
        {row.source !== null && (
          <>
            {' '}
            <span className="claim-source">{row.source}</span>
          </>
        )}
      </td>
      <td className="claim-actions">
        <CopyButton label={`Copy the value of ${row.name}`} text={plain} />
      </td>
    </tr>
  );
}
