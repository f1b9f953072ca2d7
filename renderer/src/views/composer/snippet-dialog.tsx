import { useEffect, useState, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import { snippetTargets } from '#shared/requests/har.js';
import type { SnippetTarget } from '#shared/requests/schemas.js';
import { call } from '../../api/call.js';
import { copyText } from '../../services/clipboard.js';
import { useStore } from '../../store/store.js';
import { Dialog } from './dialog.js';

/**
 * Code for the request in a language of the user's choice (generated in main from a HAR).
 * Authorization is redacted unless the user ticks the box; only then does main put the token in.
 */
export function SnippetDialog({ onClose }: { onClose: () => void }): ReactElement {
  const connectionId = useStore((s) => s.composer.connectionId);
  const draft = useStore((s) => s.composer.draft);
  const variables = useStore((s) => s.composer.variables);
  const [target, setTarget] = useState<SnippetTarget>('shell:curl');
  const [includeToken, setIncludeToken] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [copied, setCopied] = useState<string>('');

  useEffect(() => {
    if (connectionId === null) return undefined;
    let live = true;
    void call('requests:snippet', { connectionId, draft, variables, target, includeToken }).then(
      (result) => {
        if (!live) return;
        if (result.ok) {
          setCode(result.value.code);
          setError(null);
        } else {
          setCode(null);
          setError(result.error);
        }
      },
    );
    return () => {
      live = false;
    };
  }, [connectionId, draft, variables, target, includeToken]);

  return (
    <Dialog
      title="Code for this request"
      onClose={onClose}
      wide
      footer={
        <>
          <span className="cx-muted cx-small" role="status">
            {copied}
          </span>
          <button
            type="button"
            className="cx-primary"
            disabled={code === null}
            onClick={() =>
              void copyText(code ?? '').then((ok) =>
                setCopied(ok ? 'Copied to the clipboard.' : 'The clipboard refused the text.'),
              )
            }
          >
            Copy code
          </button>
        </>
      }
    >
      <div className="snippet-controls">
        <label className="cx-field">
          <span>Language</span>
          <select
            aria-label="Language"
            value={target}
            onChange={(e) => setTarget(e.target.value as SnippetTarget)}
          >
            {snippetTargets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label className="cx-check">
          <input
            type="checkbox"
            checked={includeToken}
            onChange={(e) => setIncludeToken(e.target.checked)}
          />
          Include the real token
        </label>
      </div>
      {includeToken && (
        <p className="callout callout-warn cx-small" role="note">
          The code now contains a live credential. Anyone who sees it can call the API as this
          service account until the token expires.
        </p>
      )}
      {error !== null ? (
        <p className="cx-error-text" role="alert">
          {error.message} {error.hint}
        </p>
      ) : (
        <pre className="snippet-code" aria-label="Generated code" tabIndex={0}>
          {code ?? 'Generating…'}
        </pre>
      )}
    </Dialog>
  );
}
