import { useId, useState, type FormEvent, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import type { ConnectionView } from '#shared/ipc/contract.js';
import { connectionNameSchema } from '#shared/ipc/connections-channels.js';
import { getPreset, resolveTokenUrl } from '#shared/presets/index.js';
import { hostOf } from '#shared/curl/index.js';
import { useStore } from '../../store/store.js';
import { usesSecret } from '../wizard/model/auth-methods.js';
import { describeStatus } from './model/status.js';
import { useEscape } from '../../components/keyboard.js';
import { useNow } from './parts/use-now.js';

/** Where the connection gets its tokens, in a few words ("login.axway.com"). */
function endpointHost(view: ConnectionView): string | undefined {
  const preset = getPreset(view.connection.presetId);
  if (preset === undefined) return undefined;
  try {
    const resolved = resolveTokenUrl(preset, view.connection.fields, view.connection.tokenUrl);
    return hostOf(resolved.kind === 'url' ? resolved.url : resolved.issuer);
  } catch {
    return undefined;
  }
}

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
          onKeyDown={(e) => e.key === 'Escape' && onDone()}
        />
      </label>
      <button type="submit" className="conn-button primary">
        Save name
      </button>
      <button type="button" className="conn-button" onClick={onDone}>
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
  // The safe choice has focus (Enter keeps); Esc and Keep give focus back to the Delete button.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  const keep = (): void => {
    onKeep();
    requestAnimationFrame(() => opener?.focus());
  };
  useEscape(keep);
  return (
    <div className="cl-confirm" role="alertdialog" aria-labelledby={id} aria-modal="false">
      <p id={id}>
        Delete “{name}”{hasSecret ? ' and its stored secret' : ''}? This cannot be undone.
      </p>
      <button type="button" className="conn-button danger" onClick={onDelete}>
        Delete connection
      </button>
      <button type="button" className="conn-button" autoFocus onClick={keep}>
        Keep it
      </button>
    </div>
  );
}

/** One saved connection: platform, live token status and every action on it. */
export function ConnectionRow({ view }: { view: ConnectionView }): ReactElement {
  const { connection, secrets, status } = view;
  const headingId = useId();
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  const busy = useStore((s) => s.rowBusy[connection.id]);
  const rowError = useStore((s) => s.rowErrors[connection.id]);
  const highlighted = useStore((s) => s.lastSavedId === connection.id);
  const actions = useStore.getState;
  const live =
    status.state === 'valid' || status.state === 'expiring' || status.state === 'expired';
  const now = useNow(live);
  const shown = describeStatus(status, now);
  const preset = getPreset(connection.presetId);
  const host = endpointHost(view);
  const method = connection.authMethod ?? preset?.defaults.authMethod ?? 'client_secret_basic';
  const missingSecret = usesSecret(method) && !secrets.clientSecret;
  const name = connection.name;

  return (
    <li
      className={`cl-row${highlighted ? ' cl-row-new' : ''}`}
      aria-labelledby={headingId}
      aria-busy={busy !== undefined}
    >
      <div className="cl-head">
        <div className="cl-title">
          <h2 id={headingId}>{name}</h2>
          <p className="cl-platform">
            {preset?.name ?? connection.presetId}
            {host !== undefined && <span className="muted"> · {host}</span>}
          </p>
        </div>
        <p className={`cl-status cl-tone-${shown.tone}`}>
          <span className="cl-status-dot" aria-hidden="true" />
          <span>{busy === 'testing' ? 'Fetching a token…' : shown.label}</span>
        </p>
      </div>
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
      {mode === 'rename' && (
        <RenameForm
          name={name}
          serverError={rowError}
          onDone={() => setMode('idle')}
          onRename={(newName) => actions().renameSaved(connection.id, newName)}
        />
      )}
      {mode === 'delete' && (
        <DeleteConfirmation
          name={name}
          hasSecret={secrets.clientSecret || secrets.privateKey || secrets.clientKey}
          onKeep={() => setMode('idle')}
          onDelete={() => void actions().deleteSaved(connection.id)}
        />
      )}
      <div className="cl-actions" role="group" aria-label={`Actions for ${name}`}>
        <button
          type="button"
          className="conn-button primary"
          aria-label={`Test ${name}`}
          disabled={busy !== undefined}
          onClick={() => void actions().testSaved(connection.id)}
        >
          Test
        </button>
        <button
          type="button"
          className="conn-button"
          aria-label={`Try a request with ${name}`}
          onClick={() => actions().tryRequest(connection.id)}
        >
          Try a request
        </button>
        <button
          type="button"
          className="conn-button"
          aria-label={`Open in Inspector: ${name}`}
          onClick={() => actions().openInInspector(connection.id)}
        >
          Open in Inspector
        </button>
        <span className="cl-actions-spacer" />
        <button
          type="button"
          className="conn-button quiet"
          aria-label={`Edit ${name}`}
          onClick={() => void actions().editConnection(connection.id)}
        >
          Edit
        </button>
        <button
          type="button"
          className="conn-button quiet"
          aria-label={`Duplicate ${name}`}
          disabled={busy !== undefined}
          onClick={() => void actions().duplicateSaved(connection.id)}
        >
          Duplicate
        </button>
        <button
          type="button"
          className="conn-button quiet"
          aria-label={`Rename ${name}`}
          aria-expanded={mode === 'rename'}
          onClick={() => setMode(mode === 'rename' ? 'idle' : 'rename')}
        >
          Rename
        </button>
        <button
          type="button"
          className="conn-button quiet danger-text"
          aria-label={`Delete ${name}`}
          aria-expanded={mode === 'delete'}
          disabled={busy !== undefined}
          onClick={() => setMode(mode === 'delete' ? 'idle' : 'delete')}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
