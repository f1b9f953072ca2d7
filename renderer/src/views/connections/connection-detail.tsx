import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type ReactElement,
  type ReactNode,
} from 'react';
import type { IpcError } from '#shared/errors.js';
import type { ConnectionView } from '#shared/ipc/contract.js';
import { connectionNameSchema } from '#shared/ipc/connections-channels.js';
import { getPreset } from '#shared/presets/index.js';
import { formatDuration } from '#shared/jwt/index.js';
import { useStore } from '../../store/store.js';
import type { LastTest } from '../../store/slices/connections-slice.js';
import { authMethodLabel, usesSecret } from '../wizard/model/auth-methods.js';
import { formatWhen } from '../../lib/time.js';
import { describeStatus } from './model/status.js';
import { endpointHost, tokenEndpoint } from './model/list-model.js';
import { useNow } from './parts/use-now.js';

function RenameForm({
  name,
  serverError,
  onDone,
  onRename,
}: {
  name: string;
  /** Why main refused the last try (a name taken meanwhile…), shown at the field. */
  serverError: IpcError | undefined;
  onDone: () => void;
  onRename: (name: string) => Promise<boolean>;
}): ReactElement {
  const [value, setValue] = useState(name);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [submitted, setSubmitted] = useState(false);
  const id = useId();
  const shown =
    problem ??
    (serverError === undefined || !submitted
      ? undefined
      : `${serverError.message}${serverError.hint !== undefined ? ` ${serverError.hint}` : ''}`);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (value.trim() === name) {
      onDone();
      return;
    }
    // The rule main applies again; a refused name leaves the old one in place.
    const checked = connectionNameSchema.safeParse(value);
    if (!checked.success) {
      setProblem(checked.error.issues[0]?.message ?? 'This name cannot be used.');
      return;
    }
    setSubmitted(true);
    void onRename(checked.data).then((ok) => ok && onDone());
  };
  return (
    <form className="cl-inline-form" onSubmit={submit} noValidate>
      <label>
        <span>New name</span>
        <input
          value={value}
          autoFocus
          aria-invalid={shown !== undefined}
          aria-describedby={shown !== undefined ? `${id}-error` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setProblem(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            onDone();
          }}
        />
      </label>
      <button type="submit" className="conn-button primary small">
        Save name
      </button>
      <button type="button" className="conn-button small" onClick={onDone}>
        Cancel
      </button>
      {shown !== undefined && (
        <p id={`${id}-error`} className="cl-detail conn-error-text cl-rename-error" role="alert">
          {shown}
        </p>
      )}
    </form>
  );
}

function DeleteConfirmation({
  name,
  hasSecret,
  onDelete,
  onKeep,
}: {
  name: string;
  hasSecret: boolean;
  onDelete: () => void;
  onKeep: () => void;
}): ReactElement {
  const id = useId();
  return (
    <div
      className="cl-confirm"
      role="alertdialog"
      aria-labelledby={id}
      aria-modal="false"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onKeep();
      }}
    >
      <p id={id}>
        Delete “{name}”{hasSecret ? ' and its stored secret' : ''}? This cannot be undone.
      </p>
      {/* The safe choice has the focus: Enter or Esc keeps the connection. */}
      <button type="button" className="conn-button small" autoFocus onClick={onKeep}>
        Keep it
      </button>
      <button type="button" className="conn-button small danger" onClick={onDelete}>
        Delete connection
      </button>
    </div>
  );
}

function Fact({ name, children }: { name: string; children: ReactNode }): ReactElement {
  return (
    <div>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function audienceText(aud: string | string[] | undefined): string | undefined {
  return aud === undefined ? undefined : Array.isArray(aud) ? aud.join(', ') : aud;
}

/** What the token engine holds for the connection, without the token. */
function TokenSummary({ view, now }: { view: ConnectionView; now: number }): ReactElement {
  const { status } = view;
  const claims = status.claims;
  if (status.state === 'none') {
    return <p className="muted">No token fetched since Grantline started. Test to fetch one.</p>;
  }
  if (status.state === 'error' && status.expiresAt === null) {
    return <p className="muted">No token: the last fetch failed.</p>;
  }
  const aud = audienceText(claims?.aud);
  return (
    <dl className="conn-facts cl-facts">
      {status.obtainedAt !== null && (
        <Fact name="Obtained">{formatWhen(Date.parse(status.obtainedAt), { now })}</Fact>
      )}
      {status.expiresAt !== null && (
        <Fact name="Expires">
          {formatWhen(Date.parse(status.expiresAt), { now })}{' '}
          <span className="muted">
            {Date.parse(status.expiresAt) > now
              ? `in ${formatDuration((Date.parse(status.expiresAt) - now) / 1000)}`
              : `${formatDuration((now - Date.parse(status.expiresAt)) / 1000)} ago, renews on next use`}
          </span>
        </Fact>
      )}
      {status.expirySource === 'unknown' && (
        <Fact name="Expires">Unknown: the server gave no lifetime</Fact>
      )}
      {status.tokenType !== null && <Fact name="Type">{status.tokenType}</Fact>}
      {status.scope !== null && status.scope !== '' && (
        <Fact name="Scope">
          <code>{status.scope}</code>
        </Fact>
      )}
      {claims?.iss !== undefined && (
        <Fact name="Issuer">
          <code>{claims.iss}</code>
        </Fact>
      )}
      {claims?.sub !== undefined && (
        <Fact name="Subject">
          <code>{claims.sub}</code>
        </Fact>
      )}
      {aud !== undefined && (
        <Fact name="Audience">
          <code>{aud}</code>
        </Fact>
      )}
      {claims !== null && <Fact name="Claims">{claims.claimCount}</Fact>}
      {status.retryAt !== null && (
        <Fact name="Next try">
          {formatWhen(Date.parse(status.retryAt), { now })} (waiting after failures)
        </Fact>
      )}
    </dl>
  );
}

function LastTestReport({ test, now }: { test: LastTest | undefined; now: number }): ReactElement {
  if (test === undefined) {
    return <p className="muted">Not tested since Grantline started.</p>;
  }
  const when = formatWhen(Date.parse(test.at), { now });
  if (test.ok) {
    const expiresAt = test.status?.expiresAt ?? null;
    return (
      <p className="cl-test cl-test-ok">
        <strong>Passed at {when}:</strong> got a {test.status?.tokenType ?? 'new'} token
        {expiresAt !== null ? `, valid until ${formatWhen(Date.parse(expiresAt), { now })}` : ''}.
      </p>
    );
  }
  return (
    <div className="cl-test cl-test-error">
      <p>
        <strong>Failed at {when}:</strong> {test.error?.message ?? 'no token came back.'}
      </p>
      {test.error?.hint !== undefined && <p className="muted">{test.error.hint}</p>}
    </div>
  );
}

/** The selected connection: its status, last test, token and settings, and every action. */
export function ConnectionDetail({
  view,
  onClose,
}: {
  view: ConnectionView;
  onClose: () => void;
}): ReactElement {
  const { connection, secrets, status } = view;
  const id = connection.id;
  const headingId = useId();
  const mode = useStore((s) => s.connectionDetailMode);
  const busy = useStore((s) => s.rowBusy[id]);
  const rowError = useStore((s) => s.rowErrors[id]);
  const lastTest = useStore((s) => s.lastTests[id]);
  const store = useStore.getState;
  const live =
    status.state === 'valid' || status.state === 'expiring' || status.state === 'expired';
  const now = useNow(live);
  const shown = describeStatus(status, now);
  const preset = getPreset(connection.presetId);
  const host = endpointHost(view);
  const method = connection.authMethod ?? preset?.defaults.authMethod ?? 'client_secret_basic';
  const missingSecret = usesSecret(method) && !secrets.clientSecret;
  const name = connection.name;
  const pane = useRef<HTMLElement>(null);
  const setMode = store().setConnectionDetailMode;

  // Coming back from a rename or a kept delete, focus returns to the button that opened it
  // (the heading when that button is gone).
  const previousMode = useRef(mode);
  useEffect(() => {
    const from = previousMode.current;
    if (from !== 'idle' && mode === 'idle') {
      const opener = pane.current?.querySelector<HTMLElement>(`[data-opens="${from}"]`);
      (opener ?? pane.current?.querySelector<HTMLElement>('h2'))?.focus();
    }
    previousMode.current = mode;
  }, [mode]);

  return (
    <section
      ref={pane}
      className="cl-detail-pane"
      aria-labelledby={headingId}
      aria-busy={busy !== undefined}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="cl-detail-head">
        <div className="cl-detail-title">
          <h2 id={headingId} tabIndex={-1}>
            {name}
          </h2>
          <p className="cl-platform">
            {preset?.name ?? connection.presetId}
            {host !== undefined && <span className="muted"> · {host}</span>}
          </p>
        </div>
        <button
          type="button"
          className="conn-button small quiet"
          aria-label="Close details"
          title="Close details (Esc)"
          onClick={onClose}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      <p className={`cl-status cl-tone-${busy === 'testing' ? 'busy' : shown.tone}`}>
        <span className="cl-status-dot" aria-hidden="true" />
        <span>{busy === 'testing' ? 'Fetching a token…' : shown.label}</span>
      </p>
      {shown.detail !== undefined && busy !== 'testing' && (
        <p className={`cl-detail${shown.tone === 'error' ? ' conn-error-text' : ''}`}>
          {shown.detail}
        </p>
      )}
      {status.state === 'error' && status.error?.hint !== undefined && (
        <p className="cl-detail muted">{status.error.hint}</p>
      )}
      {missingSecret && (
        <p className="cl-detail conn-warn-text">
          No client secret is stored: edit the connection to add it.
        </p>
      )}
      {connection.tls.insecure && (
        <p className="cl-detail conn-warn-text">Certificate checks are off for this connection.</p>
      )}
      {mode !== 'rename' &&
        rowError !== undefined &&
        rowError.message !== status.error?.message && (
          <p className="cl-detail conn-error-text" role="alert">
            {rowError.message} {rowError.hint}
          </p>
        )}
      <div className="cl-detail-actions" role="group" aria-label={`Actions for ${name}`}>
        <button
          type="button"
          className="conn-button small primary"
          disabled={busy !== undefined}
          onClick={() => void store().testSaved(id)}
        >
          {busy === 'testing' ? 'Testing…' : 'Test'}
        </button>
        <button type="button" className="conn-button small" onClick={() => store().tryRequest(id)}>
          Try a request
        </button>
        <button
          type="button"
          className="conn-button small"
          onClick={() => store().openInInspector(id)}
        >
          Open in Inspector
        </button>
        <button type="button" className="conn-button small" onClick={() => store().editSaved(id)}>
          Edit
        </button>
        <button
          type="button"
          className="conn-button small"
          disabled={busy !== undefined}
          onClick={() => void store().duplicateSaved(id)}
        >
          Duplicate
        </button>
        <button
          type="button"
          className="conn-button small"
          aria-expanded={mode === 'rename'}
          data-opens="rename"
          onClick={() => setMode(mode === 'rename' ? 'idle' : 'rename')}
        >
          Rename
        </button>
        <button
          type="button"
          className="conn-button small danger-text"
          aria-expanded={mode === 'delete'}
          data-opens="delete"
          disabled={busy !== undefined}
          onClick={() => setMode(mode === 'delete' ? 'idle' : 'delete')}
        >
          Delete
        </button>
      </div>
      {mode === 'rename' && (
        <RenameForm
          key={id}
          name={name}
          serverError={rowError}
          onDone={() => setMode('idle')}
          onRename={(newName) => store().renameSaved(id, newName)}
        />
      )}
      {mode === 'delete' && (
        <DeleteConfirmation
          key={id}
          name={name}
          hasSecret={secrets.clientSecret || secrets.privateKey || secrets.clientKey}
          onKeep={() => setMode('idle')}
          onDelete={() => void store().deleteSaved(id)}
        />
      )}
      <h3>Last test</h3>
      <LastTestReport test={lastTest} now={now} />
      <h3>Token</h3>
      <TokenSummary view={view} now={now} />
      <h3>Settings</h3>
      <dl className="conn-facts cl-facts">
        <Fact name="Platform">{preset?.name ?? connection.presetId}</Fact>
        <Fact name="Token endpoint">
          <code>{tokenEndpoint(view) ?? 'not set'}</code>
        </Fact>
        <Fact name="Client ID">
          <code>{connection.clientId}</code>
        </Fact>
        <Fact name="Authentication">
          {authMethodLabel(method)} <span className="muted">({method})</span>
        </Fact>
        {connection.grantType !== undefined && (
          <Fact name="Grant">
            <code>{connection.grantType}</code>
          </Fact>
        )}
        {connection.scope !== undefined && connection.scope !== '' && (
          <Fact name="Scope">
            <code>{connection.scope}</code>
          </Fact>
        )}
        {connection.audience !== undefined && connection.audience !== '' && (
          <Fact name="Audience">
            <code>{connection.audience}</code>
          </Fact>
        )}
        <Fact name="Secret">
          {secrets.clientSecret || secrets.privateKey || secrets.clientKey
            ? 'Stored, encrypted'
            : 'None stored'}
        </Fact>
        <Fact name="Certificates">{connection.tls.insecure ? 'Not checked' : 'Checked'}</Fact>
        {(connection.apiBaseUrls?.length ?? 0) > 0 && (
          <Fact name="API base URLs">
            {connection.apiBaseUrls?.map((api) => (
              <span key={api.name} className="cl-api-url">
                {api.name}: <code>{api.url}</code>
              </span>
            ))}
          </Fact>
        )}
        <Fact name="Changed">{formatWhen(Date.parse(connection.updatedAt), { now })}</Fact>
      </dl>
    </section>
  );
}
