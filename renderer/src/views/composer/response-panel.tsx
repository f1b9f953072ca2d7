import { call } from '../../api/call.js';
import { lazy, Suspense, useId, useState, type ReactElement } from 'react';
import type { ExchangeResult, Timings } from '#shared/requests/schemas.js';
import { useStore } from '../../store/store.js';
import { formatBytes, formatDuration, statusTone } from './format.js';
import { Tabs } from './tabs.js';
import { TimelineList } from './timeline-list.js';

const BodyViewer = lazy(() => import('./body-viewer.js'));

type ResponseTab = 'body' | 'headers' | 'timeline';

/** The answer: progress while it runs, then status, time, size, body, headers and timeline. */
export function ResponsePanel(): ReactElement {
  const running = useStore((s) => s.composer.running);
  const exchange = useStore((s) => s.composer.exchange);
  const sendError = useStore((s) => s.composer.sendError);
  const headingId = useId();
  return (
    <section className="response" aria-labelledby={headingId}>
      <h2 id={headingId} className="cx-field-label response-heading">
        Response
      </h2>
      {running !== null && <Progress />}
      {running === null && sendError !== null && (
        <div className="card cx-card-error response-error" role="alert">
          <h2>Not sent</h2>
          <p className="cx-error-message">{sendError.message}</p>
          {sendError.hint !== undefined && <p className="cx-muted">{sendError.hint}</p>}
          <AllowTokenOrigin details={sendError.details} />
        </div>
      )}
      {exchange !== null && running === null && sendError === null && (
        <Exchange key={exchange.requestId} exchange={exchange} />
      )}
      {exchange === null && running === null && sendError === null && (
        <div className="response-empty">
          <p>
            Send the request to see the answer here. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> sends,{' '}
            <kbd>Esc</kbd> cancels.
          </p>
        </div>
      )}
    </section>
  );
}

/**
 * Main refuses to send a connection's token to an origin that is not one of its API base URLs
 * until the user allows it; this is that choice, remembered on the connection.
 */
function AllowTokenOrigin({
  details,
}: {
  details: Record<string, unknown> | undefined;
}): ReactElement | null {
  const send = useStore((s) => s.sendComposerRequest);
  const [problem, setProblem] = useState<string | null>(null);
  const origin = details?.tokenOrigin;
  const connectionId = details?.connectionId;
  if (typeof origin !== 'string' || typeof connectionId !== 'string') return null;
  return (
    <p>
      <button
        type="button"
        className="cx-button"
        onClick={() => {
          void call('connections:allow-token-origin', { id: connectionId, origin }).then(
            (result) => {
              if (result.ok) void send();
              else setProblem(`${result.error.message} ${result.error.hint ?? ''}`.trim());
            },
          );
        }}
      >
        Allow {origin} and send
      </button>
      {problem !== null && <span className="cx-error-text"> {problem}</span>}
    </p>
  );
}

const PHASE_TEXT: Record<string, string> = {
  token: 'Getting a token…',
  connecting: 'Connecting…',
  waiting: 'Waiting for the answer…',
  downloading: 'Downloading…',
  done: 'Finishing…',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

function Progress(): ReactElement {
  const running = useStore((s) => s.composer.running);
  const progress = running?.progress ?? null;
  const received = progress?.receivedBytes ?? 0;
  const total = progress?.totalBytes ?? null;
  const fraction = total !== null && total > 0 ? Math.min(1, received / total) : null;
  const phase = progress === null ? 'Sending…' : (PHASE_TEXT[progress.phase] ?? 'Working…');
  return (
    <div className="progress-card" aria-busy="true">
      <div className="progress-head">
        <span className="spinner" aria-hidden="true" />
        <strong>{running?.cancelling ? 'Cancelling…' : phase}</strong>
        {progress?.status != null && <span className="cx-muted">HTTP {progress.status}</span>}
        <span className="cx-muted progress-numbers">
          {received > 0 &&
            `${formatBytes(received)}${total !== null ? ` of ${formatBytes(total)}` : ''}`}
          {progress !== null && ` · ${formatDuration(progress.elapsedMs)}`}
        </span>
      </div>
      <div
        className="progress-bar"
        role="progressbar"
        aria-label="Download progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
        aria-valuetext={
          received > 0
            ? `${formatBytes(received)}${total !== null ? ` of ${formatBytes(total)}` : ''} received`
            : phase
        }
      >
        <div
          className={`progress-fill ${fraction === null ? 'is-indeterminate' : ''}`}
          style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
        />
      </div>
      <p className="cx-muted cx-small">Press Esc or Cancel to stop.</p>
    </div>
  );
}

function Exchange({ exchange }: { exchange: ExchangeResult }): ReactElement {
  const [tab, setTab] = useState<ResponseTab>('body');
  const { response, error } = exchange;
  if (response === null) {
    const cancelled = error?.category === 'cancelled';
    return (
      <>
        <div className={`card ${cancelled ? '' : 'cx-card-error'} response-error`} role="alert">
          <h2>{cancelled ? 'Cancelled' : 'The request failed'}</h2>
          <p className={cancelled ? '' : 'cx-error-message'}>
            {cancelled ? 'The request was cancelled; nothing was kept.' : error?.message}
          </p>
          {!cancelled && error?.hint !== undefined && <p className="cx-muted">{error.hint}</p>}
        </div>
        <div className="card">
          <h2 className="card-title">Timeline</h2>
          <TimelineList exchange={exchange} />
        </div>
      </>
    );
  }
  const tone = statusTone(response.status);
  return (
    <div className="exchange">
      <div className="status-line">
        <span
          className={`status-badge cx-tone-${tone}`}
          aria-label={`Status ${response.status} ${response.statusText}`}
        >
          {response.status} {response.statusText}
        </span>
        <span className="cx-fact" aria-label="Time">
          {formatDuration(exchange.timings.total)}
        </span>
        <span className="cx-fact" aria-label="Size">
          {formatBytes(response.size)}
          {response.decoded !== null && ` (${formatBytes(response.wireSize)} ${response.decoded})`}
        </span>
        {exchange.retried && (
          <span
            className="cx-chip cx-chip-info"
            title="The first answer was 401; main renewed the token and retried once"
          >
            Token renewed · retried once
          </span>
        )}
        {response.insecureTls && <span className="cx-chip cx-chip-warn">Insecure TLS</span>}
        <span className="status-url cx-mono" title={response.url}>
          {exchange.method} {response.url}
        </span>
      </div>
      <TimingBar timings={exchange.timings} />
      <Tabs<ResponseTab>
        label="Response"
        className="response-tabs"
        active={tab}
        onChange={setTab}
        tabs={[
          { id: 'body', label: 'Body' },
          { id: 'headers', label: 'Headers', badge: response.headers.length },
          { id: 'timeline', label: 'Timeline', badge: exchange.timeline.length },
        ]}
      >
        {tab === 'body' && (
          <Suspense fallback={<p className="cx-muted cx-pad">Loading the viewer…</p>}>
            <BodyViewer response={response} />
          </Suspense>
        )}
        {tab === 'headers' && (
          <table className="headers-table">
            <tbody>
              {response.headers.map((h, i) => (
                <tr key={`${h.name}-${i}`}>
                  <th scope="row">{h.name}</th>
                  <td className="cx-mono">{h.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tab === 'timeline' && <TimelineList exchange={exchange} />}
      </Tabs>
    </div>
  );
}

const PHASES: readonly { key: keyof Timings; label: string }[] = [
  { key: 'token', label: 'Token' },
  { key: 'dns', label: 'DNS' },
  { key: 'connect', label: 'TCP' },
  { key: 'tls', label: 'TLS' },
  { key: 'ttfb', label: 'First byte' },
  { key: 'download', label: 'Download' },
];

/** The timing breakdown as a proportional bar with a legend. */
function TimingBar({ timings }: { timings: Timings }): ReactElement {
  const parts = PHASES.map((p) => ({ ...p, ms: timings[p.key] })).filter(
    (p): p is { key: keyof Timings; label: string; ms: number } => p.ms !== null,
  );
  const sum = parts.reduce((s, p) => s + p.ms, 0) || 1;
  return (
    <div className="timing" aria-label="Timing breakdown">
      <div className="timing-bar" aria-hidden="true">
        {parts.map((p) => (
          <span
            key={p.key}
            className={`timing-seg seg-${p.key}`}
            style={{ width: `${Math.max(1.5, (p.ms / sum) * 100)}%` }}
          />
        ))}
      </div>
      <ul className="timing-legend">
        {PHASES.map((p) => (
          <li key={p.key}>
            <span className={`dot seg-${p.key}`} aria-hidden="true" />
            {p.label}{' '}
            <strong>
              {timings[p.key] === null ? '—' : formatDuration(timings[p.key] as number)}
            </strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
