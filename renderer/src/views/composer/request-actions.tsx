import { useState, type ReactElement } from 'react';
import { call } from '../../api/call.js';
import { copyText } from '../../services/clipboard.js';
import { useStore } from '../../store/store.js';
import type { DraftOrigin } from '../../store/slices/composer-slice.js';
import type { WorkspaceNode } from '#shared/workspace/schemas.js';
import { ImportDialog } from './import-dialog.js';
import { SnippetDialog } from './snippet-dialog.js';

function originText(origin: DraftOrigin): string {
  switch (origin.kind) {
    case 'catalog':
      return `Catalog · ${origin.name}`;
    case 'saved':
      return `Saved · ${origin.name}`;
    case 'file':
      return origin.path;
    case 'history':
      return 'Reopened from history';
    case 'restored':
      return 'Restored from your last session';
    case 'curl':
      return 'Imported from curl';
    default:
      return 'New request';
  }
}

/** Folders of the workspace, root first, for "Save as…". */
function folderChoices(nodes: readonly WorkspaceNode[], out: string[] = ['']): string[] {
  for (const node of nodes) {
    if (node.kind === 'folder') {
      out.push(node.path);
      folderChoices(node.children, out);
    }
  }
  return out;
}

/** What the draft is, and what to do with it: new, import curl, copy as curl, code, save. */
export function RequestActions(): ReactElement {
  const origin = useStore((s) => s.composer.origin);
  const edited = useStore((s) => s.composer.edited);
  const diskChange = useStore((s) => s.composer.diskChange);
  const activeTab = useStore((s) => s.composer.activeTab);
  const connectionId = useStore((s) => s.composer.connectionId);
  const saving = useStore((s) => s.composer.saveAsOpen);
  const setSaving = useStore((s) => s.setComposerSaveAs);
  const tree = useStore((s) => s.workspace.view?.tree);
  const newDraft = useStore((s) => s.newComposerDraft);
  const save = useStore((s) => s.saveComposerTab);
  const reload = useStore((s) => s.reloadComposerTabFile);
  const toast = useStore((s) => s.showToast);
  const [dialog, setDialog] = useState<'code' | 'import' | null>(null);
  const [name, setName] = useState('');
  const [folder, setFolder] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
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
      toast(result.error.message, 'error');
      return;
    }
    const ok = await copyText(result.value.code);
    if (!ok) toast('The clipboard refused the text.', 'error');
    else
      toast(
        result.value.redacted ? 'Copied as curl (Authorization redacted).' : 'Copied as curl.',
        'success',
      );
  };

  const submitSave = async (): Promise<void> => {
    const error = await save({ name, folder });
    if (error === null) {
      setSaving(false);
      setProblem(null);
      const saved = useStore.getState().composer.origin;
      toast(`Saved as ${saved.kind === 'file' ? saved.path : `"${name.trim()}"`}.`, 'success');
    } else {
      setProblem(error.message);
    }
  };

  const saveOver = async (): Promise<void> => {
    const error = await save();
    if (error === null) toast('Saved.', 'success');
    else toast(error.message, 'error');
  };

  const disabled = connectionId === null;
  const isFile = origin.kind === 'file';
  return (
    <div className="request-actions">
      <div className="request-actions-row">
        <span className="origin-label" title={originText(origin)}>
          {originText(origin)}
          {edited && origin.kind !== 'new' && (
            <span className="cx-muted">{isFile ? ' · unsaved' : ' · edited'}</span>
          )}
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
          {isFile && (
            <button
              type="button"
              className="cx-button"
              disabled={disabled || !edited}
              title="Save to the file (Ctrl+S)"
              onClick={() => void saveOver()}
            >
              Save
            </button>
          )}
          <button
            type="button"
            className="cx-button"
            disabled={disabled}
            aria-expanded={saving}
            onClick={() => {
              setName(
                origin.kind === 'new' || origin.kind === 'restored' ? '' : originName(origin),
              );
              setFolder(
                isFile && origin.path.includes('/')
                  ? origin.path.slice(0, origin.path.lastIndexOf('/'))
                  : '',
              );
              setProblem(null);
              setSaving(!saving);
            }}
          >
            Save as…
          </button>
        </div>
      </div>
      {diskChange !== null && (
        <div className="callout cx-callout-info cx-small disk-change" role="alert">
          {diskChange === 'removed'
            ? 'The file of this request was removed on disk. Save as… keeps your version.'
            : 'The file of this request changed on disk while you had unsaved edits here.'}
          {diskChange === 'changed' && (
            <button type="button" className="cx-button" onClick={() => void reload(activeTab)}>
              Load the version on disk
            </button>
          )}
        </div>
      )}
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
              aria-label="Name of the request file"
              value={name}
              autoFocus
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label className="cx-field">
            <span>Folder</span>
            <select aria-label="Folder" value={folder} onChange={(e) => setFolder(e.target.value)}>
              {folderChoices(tree ?? []).map((f) => (
                <option key={f} value={f}>
                  {f === '' ? '(top level)' : f}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="cx-primary" disabled={name.trim() === ''}>
            Save file
          </button>
          <button type="button" className="cx-button" onClick={() => setSaving(false)}>
            Close
          </button>
          {problem !== null && (
            <p className="cx-error-text cx-small save-problem" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
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

function originName(origin: DraftOrigin): string {
  return origin.kind === 'file' || origin.kind === 'saved' || origin.kind === 'catalog'
    ? origin.name
    : '';
}
