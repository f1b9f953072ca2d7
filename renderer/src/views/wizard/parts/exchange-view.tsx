import type { ReactElement } from 'react';
import type { HttpExchangeView } from '#shared/ipc/contract.js';

/** The token request and its answer, secrets redacted by the main process. */
export function ExchangeView({
  exchange,
  open,
}: {
  exchange: HttpExchangeView;
  open: boolean;
}): ReactElement {
  const { request, response } = exchange;
  const headers = (h: Record<string, string>): string =>
    Object.entries(h)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n');
  return (
    <details className="conn-details wz-exchange" open={open}>
      <summary>HTTP exchange (secrets redacted)</summary>
      <h4>Request</h4>
      <pre aria-label="Request">
        <code>
          {`${request.method} ${request.url}\n${headers(request.headers)}\n\n${request.body}`}
        </code>
      </pre>
      <h4>Response</h4>
      {response === null ? (
        <p className="muted">No answer came back (see the error above).</p>
      ) : (
        <pre aria-label="Response">
          <code>
            {`HTTP ${response.status} · ${response.durationMs} ms\n${headers(response.headers)}\n\n${
              response.body === '' ? '(empty body)' : response.body
            }${response.truncated ? '\n… (truncated)' : ''}`}
          </code>
        </pre>
      )}
    </details>
  );
}
