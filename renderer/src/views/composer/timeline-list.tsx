import type { ReactElement } from 'react';
import type { ExchangeResult } from '#shared/requests/schemas.js';

const KIND_LABEL: Record<string, string> = {
  info: 'Note',
  token: 'Token',
  connect: 'Connection',
  request: 'Request',
  response: 'Response',
  redirect: 'Redirect',
  retry: 'Retry',
  error: 'Error',
};

/** What happened, in order: token, connection, request, redirects, 401 renewal and retry, body. */
export function TimelineList({ exchange }: { exchange: ExchangeResult }): ReactElement {
  return (
    <ol className="timeline" aria-label="Timeline">
      {exchange.timeline.map((entry, i) => (
        <li key={i} className={`timeline-entry kind-${entry.kind}`}>
          <span className="timeline-at cx-mono">{entry.at} ms</span>
          <span className="timeline-kind">{KIND_LABEL[entry.kind] ?? entry.kind}</span>
          <span className="timeline-text">{entry.text}</span>
        </li>
      ))}
    </ol>
  );
}
