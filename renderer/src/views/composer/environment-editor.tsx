import { useState, type ReactElement } from 'react';
import type { EnvironmentFile, EnvironmentSummary } from '#shared/workspace/schemas.js';
import { call } from '../../api/call.js';
import { useStore } from '../../store/store.js';
import { Dialog } from './dialog.js';

// A stable empty list: a selector answering a new [] each time would re-render forever.
const NONE: never[] = [];

interface VariableRow {
  name: string;
  value: string;
  secret: boolean;
  enabled: boolean;
  /** For a secret: this machine's secret store holds a value. */
  hasValue: boolean;
  /** For a secret: a value typed here, stored when the environment is saved. */
  newSecret: string;
}

interface BaseRow {
  name: string;
  url: string;
}

interface EditState {
  key: string;
  name: string;
  variables: VariableRow[];
  baseUrls: Record<string, BaseRow[]>;
  isNew: boolean;
}

function editStateOf(env: EnvironmentSummary): EditState {
  return {
    key: env.key,
    name: env.name,
    isNew: false,
    variables: env.variables.map((v) => ({
      name: v.name,
      value: v.value ?? '',
      secret: v.secret,
      enabled: v.enabled,
      hasValue: v.hasValue,
      newSecret: '',
    })),
    baseUrls: Object.fromEntries(
      Object.entries(env.baseUrls).map(([id, list]) => [id, list.map((b) => ({ ...b }))]),
    ),
  };
}

const blank = (): EditState => ({ key: '', name: '', variables: [], baseUrls: {}, isNew: true });

/**
 * Create and edit the workspace's environments: variables (a secret one is write-only: its
 * value goes to this machine's secret store, never to the file) and each connection's API base
 * URLs in that environment.
 */
export function EnvironmentEditor({ onClose }: { onClose: () => void }): ReactElement {
  const environments = useStore((s) => s.workspace.view?.environments) ?? NONE;
  const current = useStore((s) => s.workspace.environment);
  const first = environments.find((e) => e.key === current) ?? environments[0];
  const [edit, setEdit] = useState<EditState>(first ? editStateOf(first) : blank());
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const pick = (key: string): void => {
    const env = environments.find((e) => e.key === key);
    setEdit(env ? editStateOf(env) : blank());
    setProblem(null);
    setConfirmDelete(false);
  };

  return (
    <Dialog title="Environments" onClose={onClose} wide>
      <div className="env-editor">
        <nav className="env-list" aria-label="Environments">
          <ul>
            {environments.map((env) => (
              <li key={env.key}>
                <button
                  type="button"
                  className={`library-item ${!edit.isNew && edit.key === env.key ? 'is-active' : ''}`}
                  aria-current={!edit.isNew && edit.key === env.key ? 'true' : undefined}
                  onClick={() => pick(env.key)}
                >
                  {env.name}
                  <span className="library-item-sub cx-mono">environments/{env.key}.yaml</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="cx-button" onClick={() => pick('')}>
            New environment
          </button>
        </nav>
        <EnvironmentForm
          key={edit.isNew ? '(new)' : edit.key}
          edit={edit}
          onChange={setEdit}
          problem={problem}
          setProblem={setProblem}
          onDelete={() => setConfirmDelete(true)}
          onSaved={(key) => {
            const saved = useStore
              .getState()
              .workspace.view?.environments.find((e) => e.key === key);
            if (saved !== undefined) setEdit(editStateOf(saved));
          }}
        />
      </div>
      {confirmDelete && (
        <DeleteEnvironment
          edit={edit}
          onClose={() => setConfirmDelete(false)}
          onDeleted={() => {
            setConfirmDelete(false);
            setEdit(blank());
          }}
        />
      )}
    </Dialog>
  );
}

function EnvironmentForm({
  edit,
  onChange,
  problem,
  setProblem,
  onDelete,
  onSaved,
}: {
  edit: EditState;
  onChange: (edit: EditState) => void;
  problem: string | null;
  setProblem: (problem: string | null) => void;
  onDelete: () => void;
  onSaved: (key: string) => void;
}): ReactElement {
  const connections = useStore((s) => s.composer.connections) ?? NONE;
  const save = useStore((s) => s.saveEnvironment);
  const reload = useStore((s) => s.loadWorkspace);
  const toast = useStore((s) => s.showToast);
  const [busy, setBusy] = useState(false);
  const setVariable = (index: number, change: Partial<VariableRow>): void =>
    onChange({
      ...edit,
      variables: edit.variables.map((v, i) => (i === index ? { ...v, ...change } : v)),
    });
  const setBases = (connectionId: string, rows: BaseRow[]): void =>
    onChange({ ...edit, baseUrls: { ...edit.baseUrls, [connectionId]: rows } });

  const submit = async (): Promise<void> => {
    const key = edit.key.trim();
    const file: EnvironmentFile = {
      name: edit.name.trim() || key,
      variables: edit.variables
        .filter((v) => v.name.trim() !== '')
        .map((v) => ({
          name: v.name.trim(),
          secret: v.secret,
          enabled: v.enabled,
          ...(v.secret ? {} : { value: v.value }),
        })),
      baseUrls: Object.fromEntries(
        Object.entries(edit.baseUrls)
          .map(([id, rows]): [string, BaseRow[]] => [
            id,
            rows
              .filter((r) => r.name.trim() !== '' || r.url.trim() !== '')
              .map((r) => ({ name: r.name.trim(), url: r.url.trim() })),
          ])
          .filter(([, rows]) => rows.length > 0),
      ),
    };
    setBusy(true);
    const error = await save(key, file);
    if (error !== null) {
      setBusy(false);
      setProblem(`${error.message} ${error.hint ?? ''}`.trim());
      return;
    }
    // Secret values go to this machine's secret store, one by one, never into the file.
    for (const v of edit.variables) {
      if (!v.secret || v.newSecret === '') continue;
      const result = await call('workspace:set-secret', {
        key,
        name: v.name.trim(),
        value: v.newSecret,
      });
      if (!result.ok) {
        setBusy(false);
        setProblem(`${v.name}: ${result.error.message}`);
        await reload();
        return;
      }
    }
    await reload();
    setBusy(false);
    setProblem(null);
    toast(`Saved environment "${file.name}".`, 'success');
    onSaved(key);
  };

  const clearSecret = async (name: string): Promise<void> => {
    const result = await call('workspace:clear-secret', { key: edit.key, name });
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    await reload();
    toast(`Cleared the value of ${name} on this machine.`, 'success');
    onChange({
      ...edit,
      variables: edit.variables.map((v) => (v.name === name ? { ...v, hasValue: false } : v)),
    });
  };

  return (
    <form
      className="env-form"
      aria-label={edit.isNew ? 'New environment' : `Environment ${edit.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="env-form-names">
        <label className="cx-stacked-field">
          <span>File name (key)</span>
          <input
            type="text"
            value={edit.key}
            readOnly={!edit.isNew}
            placeholder="staging"
            onChange={(e) => onChange({ ...edit, key: e.target.value })}
          />
        </label>
        <label className="cx-stacked-field">
          <span>Display name</span>
          <input
            type="text"
            value={edit.name}
            placeholder="Staging"
            onChange={(e) => onChange({ ...edit, name: e.target.value })}
          />
        </label>
      </div>

      <h3 className="panel-title">Variables</h3>
      <table className="var-table env-vars">
        <thead>
          <tr>
            <th scope="col">On</th>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">Secret</th>
            <th scope="col">
              <span className="cx-visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {edit.variables.map((v, i) => (
            <tr key={i}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Use variable ${i + 1}`}
                  checked={v.enabled}
                  onChange={(e) => setVariable(i, { enabled: e.target.checked })}
                />
              </td>
              <td>
                <input
                  type="text"
                  aria-label={`Name of variable ${i + 1}`}
                  value={v.name}
                  readOnly={v.secret && v.hasValue}
                  onChange={(e) => setVariable(i, { name: e.target.value })}
                />
              </td>
              <td>
                {v.secret ? (
                  <span className="secret-cell">
                    <input
                      type="password"
                      autoComplete="off"
                      aria-label={`Secret value of variable ${i + 1}`}
                      placeholder={
                        v.hasValue
                          ? 'Stored on this machine; type to replace'
                          : 'Not set on this machine'
                      }
                      value={v.newSecret}
                      onChange={(e) => setVariable(i, { newSecret: e.target.value })}
                    />
                    {v.hasValue && !edit.isNew && (
                      <button
                        type="button"
                        className="cx-button"
                        onClick={() => void clearSecret(v.name)}
                      >
                        Clear
                      </button>
                    )}
                  </span>
                ) : (
                  <input
                    type="text"
                    aria-label={`Value of variable ${i + 1}`}
                    value={v.value}
                    onChange={(e) => setVariable(i, { value: e.target.value })}
                  />
                )}
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Variable ${i + 1} is secret`}
                  checked={v.secret}
                  disabled={v.secret && v.hasValue}
                  onChange={(e) => setVariable(i, { secret: e.target.checked, value: '' })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="cx-icon-button"
                  aria-label={`Remove variable ${i + 1}`}
                  onClick={() =>
                    onChange({ ...edit, variables: edit.variables.filter((_, j) => j !== i) })
                  }
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="link-button"
        onClick={() =>
          onChange({
            ...edit,
            variables: [
              ...edit.variables,
              { name: '', value: '', secret: false, enabled: true, hasValue: false, newSecret: '' },
            ],
          })
        }
      >
        Add variable
      </button>
      <p className="cx-muted cx-small">
        A secret variable keeps only its name in the workspace file; its value is stored in this
        machine&apos;s secret store and filled in by the app as the request leaves.
      </p>

      <h3 className="panel-title">API base URLs per connection</h3>
      <p className="cx-muted cx-small">
        Set them to send a connection&apos;s requests to staging or another region in this
        environment; they replace the connection&apos;s own <code>{'{{baseUrl}}'}</code> values.
      </p>
      {connections.map((c) => {
        const rows = edit.baseUrls[c.id] ?? [];
        return (
          <fieldset key={c.id} className="env-bases">
            <legend>{c.name}</legend>
            {rows.map((row, i) => (
              <div key={i} className="env-base-row">
                <input
                  type="text"
                  aria-label={`${c.name}: name of base URL ${i + 1}`}
                  placeholder="API"
                  value={row.name}
                  onChange={(e) =>
                    setBases(
                      c.id,
                      rows.map((r, j) => (j === i ? { ...r, name: e.target.value } : r)),
                    )
                  }
                />
                <input
                  type="url"
                  className="cx-mono"
                  aria-label={`${c.name}: base URL ${i + 1}`}
                  placeholder="https://staging.example.com"
                  value={row.url}
                  onChange={(e) =>
                    setBases(
                      c.id,
                      rows.map((r, j) => (j === i ? { ...r, url: e.target.value } : r)),
                    )
                  }
                />
                <button
                  type="button"
                  className="cx-icon-button"
                  aria-label={`${c.name}: remove base URL ${i + 1}`}
                  onClick={() =>
                    setBases(
                      c.id,
                      rows.filter((_, j) => j !== i),
                    )
                  }
                >
                  ×
                </button>
              </div>
            ))}
            <button
              type="button"
              className="link-button"
              onClick={() =>
                setBases(c.id, [...rows, { name: rows.length === 0 ? 'API' : '', url: '' }])
              }
            >
              Add base URL for {c.name}
            </button>
          </fieldset>
        );
      })}
      {problem !== null && (
        <p className="cx-error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="env-form-actions">
        {!edit.isNew && (
          <button type="button" className="cx-button" onClick={onDelete}>
            Delete environment…
          </button>
        )}
        <button type="submit" className="cx-primary" disabled={busy || edit.key.trim() === ''}>
          {edit.isNew ? 'Create environment' : 'Save environment'}
        </button>
      </div>
    </form>
  );
}

function DeleteEnvironment({
  edit,
  onClose,
  onDeleted,
}: {
  edit: EditState;
  onClose: () => void;
  onDeleted: () => void;
}): ReactElement {
  const remove = useStore((s) => s.deleteEnvironment);
  const toast = useStore((s) => s.showToast);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="inline-confirm" role="alertdialog" aria-label="Delete the environment?">
      <p>
        Delete <strong>{edit.name}</strong> (<code>environments/{edit.key}.yaml</code>)?
      </p>
      <button type="button" className="cx-button" autoFocus onClick={onClose}>
        Keep it
      </button>
      <button
        type="button"
        className="cx-danger"
        onClick={() =>
          void remove(edit.key).then((error) => {
            if (error !== null) setProblem(error.message);
            else {
              toast(`Deleted environment "${edit.name}".`, 'success');
              onDeleted();
            }
          })
        }
      >
        Delete
      </button>
      {problem !== null && <p className="cx-error-text">{problem}</p>}
    </div>
  );
}
