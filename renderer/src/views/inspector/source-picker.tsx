import { useEffect, useId, useState, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import { call } from '../../api/call.js';
import { copyText } from '../../services/clipboard.js';
import { useStore } from '../../store/store.js';
import type { InspectorSource } from '../../store/slices/inspector-slice.js';

/** Where the token comes from: pasted text, or a saved connection's current token. */
export function SourcePicker(): ReactElement {
  const source = useStore((s) => s.inspectorSource);
  const setSource = useStore((s) => s.setInspectorSource);
  const headingId = useId();
  const options: Array<[InspectorSource, string]> = [
    ['paste', 'Paste a token'],
    ['connection', "A connection's token"],
  ];
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        Token source
      </h2>
      <fieldset className="segmented">
        <legend className="visually-hidden">Token source</legend>
        {options.map(([value, label]) => (
          <label key={value} className={source === value ? 'segment selected' : 'segment'}>
            <input
              type="radio"
              name="inspector-source"
              value={value}
              checked={source === value}
              onChange={() => setSource(value)}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      {source === 'paste' ? <PasteSource /> : <ConnectionSource />}
    </section>
  );
}

function PasteSource(): ReactElement {
  const pasted = useStore((s) => s.pasted);
  const setPasted = useStore((s) => s.setPasted);
  const inspected = useStore((s) => s.inspected);
  const inspectError = useStore((s) => s.inspectError);
  const hintId = useId();
  const errorId = useId();
  // The full explanation (part, offset, the characters around it) has its own card; the field
  // carries the sentence so it is announced with it.
  const failure =
    inspectError !== null
      ? inspectError.message
      : inspected?.from === 'paste' && !inspected.result.ok
        ? inspected.result.error.message
        : undefined;
  const problem = pasted.trim() === '' ? undefined : failure;
  return (
    <div className="paste-source">
      <label className="field wide">
        <span>Token to inspect</span>
        <textarea
          className="token-input"
          rows={5}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          aria-invalid={problem !== undefined}
          aria-describedby={problem !== undefined ? `${errorId} ${hintId}` : hintId}
          placeholder='eyJhbGciOi…  or  Bearer eyJ…  or  a whole token response {"access_token": …}'
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
        />
      </label>
      {problem !== undefined && (
        <p id={errorId} className="callout callout-error">
          Not a token Grantline can decode: {problem}
        </p>
      )}
      <div className="source-footer">
        <p id={hintId} className="muted">
          Decoded by Grantline on this computer; the token never leaves it. A Bearer prefix, quotes,
          line breaks and a surrounding token response are cleaned up, and each fix is listed.
        </p>
        <button
          type="button"
          className="small-button"
          disabled={pasted === ''}
          onClick={() => setPasted('')}
        >
          Clear
        </button>
      </div>
    </div>
  );
}

function ConnectionSource(): ReactElement {
  const connections = useStore((s) => s.connections);
  const connectionsError = useStore((s) => s.connectionsError);
  const connectionId = useStore((s) => s.connectionId);
  const loadConnections = useStore((s) => s.loadConnections);
  const selectConnection = useStore((s) => s.selectConnection);
  const inspect = useStore((s) => s.inspect);
  const inspecting = useStore((s) => s.inspecting);
  const setArea = useStore((s) => s.setArea);

  useEffect(() => {
    void loadConnections();
  }, [loadConnections]);

  if (connections === null) return <p className="muted">Loading connections…</p>;
  if (connections.length === 0) {
    return (
      <div className="connection-source">
        {connectionsError !== null ? (
          <p className="callout callout-error" role="alert">
            {connectionsError.message}
          </p>
        ) : (
          <p className="muted">No saved connections yet: add one, then inspect its token here.</p>
        )}
        <button type="button" className="small-button" onClick={() => setArea('connections')}>
          Go to Connections
        </button>
      </div>
    );
  }
  return (
    <div className="connection-source">
      <div className="connection-row">
        <label className="field">
          <span>Connection</span>
          <select
            value={connectionId ?? ''}
            onChange={(event) => selectConnection(event.target.value || null)}
          >
            <option value="">Choose a connection…</option>
            {connections.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="small-button"
          disabled={connectionId === null || inspecting}
          onClick={() => void inspect()}
        >
          {inspecting ? 'Inspecting…' : 'Inspect again'}
        </button>
      </div>
      <p className="muted">
        Grantline decodes the token in its main process and shows only its header and claims; the
        token itself appears here only if you reveal or copy it.
      </p>
      {connectionId !== null && <RevealControls key={connectionId} connectionId={connectionId} />}
    </div>
  );
}

/** Reveal and copy of a connection's raw token, each on an explicit click only. */
function RevealControls({ connectionId }: { connectionId: string }): ReactElement {
  const [revealed, setRevealed] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const reveal = async (): Promise<void> => {
    const result = await call('tokens:reveal', { connectionId, purpose: 'reveal' });
    if (result.ok) {
      setRevealed(result.value.accessToken);
      setError(null);
    } else setError(result.error);
  };
  const copy = async (): Promise<void> => {
    const result = await call('tokens:reveal', { connectionId, purpose: 'copy' });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setCopied((await copyText(result.value.accessToken)) ? 'copied' : 'failed');
  };
  return (
    <div className="reveal">
      <div className="reveal-actions">
        {revealed === null ? (
          <button type="button" className="small-button" onClick={() => void reveal()}>
            Reveal token
          </button>
        ) : (
          <button type="button" className="small-button" onClick={() => setRevealed(null)}>
            Hide token
          </button>
        )}
        <button type="button" className="small-button" onClick={() => void copy()}>
          Copy token
        </button>
        <span role="status" className="muted">
          {copied === 'copied'
            ? 'Token copied to the clipboard.'
            : copied === 'failed'
              ? 'The clipboard refused the token.'
              : ''}
        </span>
      </div>
      {revealed !== null && (
        <textarea
          className="token-input revealed"
          aria-label="Revealed token"
          readOnly
          rows={4}
          spellCheck={false}
          value={revealed}
        />
      )}
      {error !== null && (
        <p className="callout callout-error" role="alert">
          {error.message}
          {error.hint !== undefined && <> {error.hint}</>}
        </p>
      )}
    </div>
  );
}
