import { useState, type ReactElement } from 'react';
import { call } from '../../api/call.js';
import { copyText } from '../../services/clipboard.js';
import { useStore } from '../../store/store.js';
import type { DraftOrigin } from '../../store/slices/composer-slice.js';
import { ImportDialog } from './import-dialog.js';
import { SnippetDialog } from './snippet-dialog.js';

function originText(origin: DraftOrigin): string {
  switch (origin.kind) {
    case 'catalog':
      return `Catalog · ${origin.name}`;
    case 'saved':
      return `Saved · ${origin.name}`;
    case 'history':
      return 'Reopened from history';
    case 'restored':
      return 'Restored from your last session';
    case 'curl':
      return 'Imported from curl';
    case 'workspace':
      return `Workspace · ${origin.name}`;
    default:
      return 'New request';
  }
}

/** What the draft is, and what to do with it: new, import curl, copy as curl, code, save. */
export function RequestActions(): ReactElement {
  const origin = useStore((s) => s.composer.origin);
  const edited = useStore((s) => s.composer.edited);
  const connectionId = useStore((s) => s.composer.connectionId);
  const newDraft = useStore((s) => s.newComposerDraft);
  const save = useStore((s) => s.saveComposerRequest);
  const [dialog, setDialog] = useState<'code' | 'import' | null>(null);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');
  const [notes, setNotes] = useState<string[]>([]);

  const copyCurl = async (): Promise<void> => {
    const { composer } = useStore.getState();
    if (composer.connectionId === null) return;
    const result = await call('requests:snippet', {
      connectionId: composer.connectionId,
      draft: composer.draft,
      variables: composer.variables,
      target: 'shell:curl',
      includeToken: false,
    });
    if (!result.ok) {
      setStatus(result.error.message);
      return;
    }
    const ok = await copyText(result.value.code);
    setStatus(
      ok
        ? result.value.redacted
          ? 'Copied as curl (Authorization redacted).'
          : 'Copied as curl.'
        : 'The clipboard refused the text.',
    );
  };

  const submitSave = async (): Promise<void> => {
    const error = await save(
      name,
      origin.kind === 'saved' && origin.name === name ? origin.id : undefined,
    );
    if (error === null) {
      setSaving(false);
      setStatus(`Saved as "${name.trim()}".`);
    } else {
      setStatus(error.message);
    }
  };

  const disabled = connectionId === null;
  return (
    <div className="request-actions">
      <div className="request-actions-row">
        <span className="origin-label">
          {originText(origin)}
          {edited && origin.kind !== 'new' && <span className="cx-muted"> · edited</span>}
        </span>
        <div className="action-buttons">
          <button type="button" className="cx-button" disabled={disabled} onClick={newDraft}>
            New
          </button>
          <button
            type="button"
            className="cx-button"
            disabled={disabled}
            onClick={() => setDialog('import')}
          >
            Import curl
          </button>
          <button
            type="button"
            className="cx-button"
            disabled={disabled}
            onClick={() => void copyCurl()}
          >
            Copy as curl
          </button>
          <button
            type="button"
            className="cx-button"
            disabled={disabled}
            onClick={() => setDialog('code')}
          >
            Code…
          </button>
          <button
            type="button"
            className="cx-button"
            disabled={disabled}
            aria-expanded={saving}
            onClick={() => {
              setName(origin.kind === 'saved' || origin.kind === 'catalog' ? origin.name : '');
              setSaving((v) => !v);
            }}
          >
            Save…
          </button>
        </div>
      </div>
      {saving && (
        <form
          className="save-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submitSave();
          }}
        >
          <label className="cx-field cx-grow">
            <span>Name</span>
            <input
              type="text"
              aria-label="Name of the saved request"
              value={name}
              autoFocus
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <button type="submit" className="cx-primary" disabled={name.trim() === ''}>
            Save request
          </button>
          <button type="button" className="cx-button" onClick={() => setSaving(false)}>
            Close
          </button>
        </form>
      )}
      <p className="action-status cx-small" role="status">
        {status}
      </p>
      {notes.length > 0 && (
        <div className="callout cx-callout-info cx-small" role="note">
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => setNotes([])}>
            Dismiss
          </button>
        </div>
      )}
      {dialog === 'code' && <SnippetDialog onClose={() => setDialog(null)} />}
      {dialog === 'import' && (
        <ImportDialog onClose={() => setDialog(null)} onImported={(n) => setNotes(n)} />
      )}
    </div>
  );
}
