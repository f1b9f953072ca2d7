import { useId, useMemo, useRef, useState, type ReactElement } from 'react';
import { draftTextIssues, urlTextProblem } from '#shared/requests/draft-rules.js';
import { substitute } from '#shared/requests/variables.js';
import { httpMethods, type HttpMethod } from '#shared/requests/schemas.js';
import { useStore } from '../../store/store.js';
import { ElapsedTimer } from './elapsed-timer.js';
import { SECRET_MASK, SendsTo, useResolvedVariables } from './sends-to.js';

/** Method, URL and Send/Cancel, with the URL as it will be sent (variables filled in) below. */
export function RequestLine(): ReactElement {
  const draft = useStore((s) => s.composer.draft);
  const running = useStore((s) => s.composer.running);
  const queued = useStore((s) => s.composer.sendQueued);
  const connectionId = useStore((s) => s.composer.connectionId);
  const setUrl = useStore((s) => s.setComposerUrl);
  const update = useStore((s) => s.updateComposerDraft);
  const send = useStore((s) => s.sendComposerRequest);
  const cancel = useStore((s) => s.cancelComposerRequest);

  const layered = useResolvedVariables();
  const resolved = useMemo(() => {
    // A secret stands in as a mask: the URL checks only need to know that it has a value.
    const byName = new Map(layered.map((v) => [v.name, v]));
    return substitute(draft.url, (name) => {
      const v = byName.get(name);
      return v === undefined ? undefined : v.secret ? SECRET_MASK : (v.value ?? undefined);
    });
  }, [draft.url, layered]);
  const urlInput = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const urlId = useId();
  // "Start with https://" waits until the user tried to send: mid-typing "ht" is not an error.
  const [tried, setTried] = useState(false);
  const urlProblem = urlProblemOf(draft.url, resolved.text, tried);
  const otherIssues = useMemo(
    () => draftTextIssues(draft).filter((issue) => issue.path[0] !== 'url'),
    [draft],
  );
  const blocked = tried ? blockedMessage(urlProblem, otherIssues) : undefined;

  return (
    <div className="request-line-wrap">
      <label className="cx-field-label" htmlFor={urlId}>
        URL
      </label>
      <form
        className="request-line"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (urlProblemOf(draft.url, resolved.text, true) !== undefined) {
            urlInput.current?.focus();
            return;
          }
          if (otherIssues.length > 0) return;
          setTried(false);
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
          ref={urlInput}
          id={urlId}
          aria-invalid={urlProblem !== undefined}
          aria-describedby={urlProblem !== undefined ? errorId : undefined}
          placeholder="{{baseUrl}}/api/v1/…"
          spellCheck={false}
          autoComplete="off"
          value={draft.url}
          onChange={(e) => setUrl(e.target.value)}
        />
        {/* One element for Send and Cancel, so focus stays put when a request starts. A send
            pressed while the connection loads waits for it, and can be cancelled meanwhile. */}
        <button
          type={running === null && !queued ? 'submit' : 'button'}
          className={`${running === null && !queued ? 'cx-primary' : 'cx-danger'} send-button`}
          disabled={connectionId === null || (running?.cancelling ?? false)}
          title={running === null && !queued ? 'Send (Ctrl+Enter)' : 'Cancel (Esc)'}
          onClick={(e) => {
            if (running === null && !queued) return;
            e.preventDefault();
            void cancel();
          }}
        >
          {running === null && !queued ? 'Send' : running?.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
        {running !== null && <ElapsedTimer startedAt={running.startedAt} />}
      </form>
      {urlProblem !== undefined && (
        <p id={errorId} className="cx-error-text cx-small url-error">
          {urlProblem}
        </p>
      )}
      {queued && (
        <p className="cx-muted cx-small" role="status">
          Loading the connection… the request goes out as soon as it is ready.
        </p>
      )}
      {blocked !== undefined && (
        <p className="cx-error-text cx-small" role="alert">
          {blocked}
        </p>
      )}
      <SendsTo url={draft.url} />
    </div>
  );
}

/**
 * What is wrong with the URL: control characters and length at once (they come from a paste), a
 * missing scheme only after a send was tried. Checked as typed and with variables filled in.
 */
function urlProblemOf(url: string, filled: string, tried: boolean): string | undefined {
  const typed = urlTextProblem(url);
  if (typed !== undefined) return typed;
  const afterVariables = urlTextProblem(filled);
  if (afterVariables !== undefined) return `With its variables filled in: ${afterVariables}`;
  if (!tried) return undefined;
  const trimmed = url.trim();
  if (trimmed === '') return 'Enter the URL to call, e.g. {{baseUrl}}/api/v1/items.';
  if (!/^(https?:\/\/|\{\{)/i.test(trimmed)) {
    return 'Start the URL with https:// (or http://), or with a base URL variable such as {{baseUrl}}.';
  }
  return undefined;
}

/** Why Send did nothing, naming the fields to fix (they carry the details). */
function blockedMessage(
  urlProblem: string | undefined,
  others: readonly { path: (string | number)[] }[],
): string | undefined {
  const where = new Set<string>();
  if (urlProblem !== undefined) where.add('the URL');
  for (const issue of others) {
    if (issue.path[0] === 'headers') where.add(`header ${Number(issue.path[1]) + 1} (Headers tab)`);
    if (issue.path[0] === 'auth') where.add('the Auth header');
  }
  if (where.size === 0) return undefined;
  return `Not sent: fix ${[...where].join(', ')} first.`;
}
