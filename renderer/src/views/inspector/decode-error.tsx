import { useId, type ReactElement } from 'react';
import type { PastedInspection } from '#shared/ipc/contract.js';
import { partLabels } from '#shared/jwt/segments.js';

type Failure = Extract<PastedInspection, { ok: false }>['error'];

/**
 * A token that did not decode: the sentence, which part and which byte, and for pasted text a
 * window on the token with the offending character marked.
 */
export function DecodeError({
  error,
  token,
}: {
  error: Failure;
  /** The cleaned pasted token, to show where the problem is; absent for a connection's token. */
  token: string | null;
}): ReactElement {
  const headingId = useId();
  return (
    <section className="card card-error" role="alert" aria-labelledby={headingId}>
      <h2 id={headingId}>This token could not be decoded</h2>
      <p className="error-message">{error.message}</p>
      {(error.part !== undefined || error.offset !== undefined) && (
        <dl className="facts compact">
          {error.part !== undefined && (
            <>
              <dt>Part</dt>
              <dd>
                {partLabels[error.part]}
                {error.partIndex !== undefined && ` (part ${error.partIndex + 1})`}
              </dd>
            </>
          )}
          {error.offset !== undefined && (
            <>
              <dt>Character in the token</dt>
              <dd>offset {error.offset}</dd>
            </>
          )}
          {error.byteOffset !== undefined && (
            <>
              <dt>Byte in the decoded part</dt>
              <dd>byte {error.byteOffset}</dd>
            </>
          )}
        </dl>
      )}
      {token !== null && error.offset !== undefined && (
        <ErrorWindow token={token} offset={error.offset} />
      )}
      {error.hint !== undefined && <p className="muted">{error.hint}</p>}
    </section>
  );
}

function ErrorWindow({ token, offset }: { token: string; offset: number }): ReactElement {
  const from = Math.max(0, offset - 24);
  const to = Math.min(token.length, offset + 24);
  const at = token.slice(offset, offset + 1);
  return (
    <p className="error-window" aria-label={`The token around offset ${offset}`}>
      <code>
        {from > 0 && '…'}
        {token.slice(from, offset)}
        <mark>{at === '' ? '⟂' : at}</mark>
        {token.slice(offset + 1, to)}
        {to < token.length && '…'}
      </code>
    </p>
  );
}
