import { useMemo, type ReactElement } from 'react';
import { substitute, variableLookup } from '../../../../shared/requests/variables.js';
import { httpMethods, type HttpMethod } from '../../../../shared/requests/schemas.js';
import { useStore } from '../../store/store.js';

/** Method, URL and Send/Cancel, with the URL as it will be sent (variables filled in) below. */
export function RequestLine(): ReactElement {
  const draft = useStore((s) => s.composer.draft);
  const variables = useStore((s) => s.composer.variables);
  const context = useStore((s) => s.composer.context);
  const running = useStore((s) => s.composer.running);
  const connectionId = useStore((s) => s.composer.connectionId);
  const setUrl = useStore((s) => s.setComposerUrl);
  const update = useStore((s) => s.updateComposerDraft);
  const send = useStore((s) => s.sendComposerRequest);
  const cancel = useStore((s) => s.cancelComposerRequest);

  const resolved = useMemo(() => {
    const lookup = variableLookup(context?.variables ?? [], variables);
    return substitute(draft.url, lookup);
  }, [draft.url, variables, context]);

  return (
    <div className="request-line-wrap">
      <form
        className="request-line"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <select
          className={`method method-${draft.method.toLowerCase()}`}
          aria-label="Method"
          value={draft.method}
          onChange={(e) => update((d) => ({ ...d, method: e.target.value as HttpMethod }))}
        >
          {httpMethods.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <input
          className="url-input"
          type="text"
          aria-label="URL"
          placeholder="{{baseUrl}}/api/v1/…"
          spellCheck={false}
          autoComplete="off"
          value={draft.url}
          onChange={(e) => setUrl(e.target.value)}
        />
        {/* One element for Send and Cancel, so focus stays put when a request starts. */}
        <button
          type={running === null ? 'submit' : 'button'}
          className={`${running === null ? 'cx-primary' : 'cx-danger'} send-button`}
          disabled={connectionId === null || (running?.cancelling ?? false)}
          title={running === null ? 'Send (Ctrl+Enter)' : 'Cancel (Esc)'}
          onClick={(e) => {
            if (running === null) return;
            e.preventDefault();
            void cancel();
          }}
        >
          {running === null ? 'Send' : running.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </form>
      <p className="resolved-url" aria-label="URL as sent">
        {draft.url.includes('{{') && (
          <>
            <span className="cx-muted">Sends to </span>
            <code>{resolved.text}</code>
          </>
        )}
        {resolved.missing.length > 0 && (
          <span className="missing" role="status">
            {' '}
            No value for {resolved.missing.map((m) => `{{${m}}}`).join(', ')}: add it under
            Variables.
          </span>
        )}
      </p>
    </div>
  );
}
