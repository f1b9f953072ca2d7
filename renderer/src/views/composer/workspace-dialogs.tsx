import { useState, type ReactElement } from 'react';
import { useStore } from '../../store/store.js';
import { Dialog } from './dialog.js';

/** Create a folder in the workspace (a directory; nested with `/`). */
export function NewFolderDialog({ onClose }: { onClose: () => void }): ReactElement {
  const create = useStore((s) => s.createWorkspaceFolder);
  const toast = useStore((s) => s.showToast);
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (): void => {
    const clean = path.trim().replace(/^\/+|\/+$/g, '');
    if (clean === '') {
      setProblem('Enter a folder name, e.g. billing or billing/invoices.');
      return;
    }
    void create(clean).then((error) => {
      if (error !== null) {
        setProblem(error.message);
        return;
      }
      toast(`Created folder ${clean}.`, 'success');
      onClose();
    });
  };
  return (
    <Dialog
      title="New folder"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="cx-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-folder-form" className="cx-primary">
            Create folder
          </button>
        </>
      }
    >
      <form
        id="new-folder-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="cx-stacked-field">
          <span>Folder (use / for a folder inside another)</span>
          <input
            type="text"
            value={path}
            placeholder="billing/invoices"
            onChange={(e) => setPath(e.target.value)}
          />
        </label>
      </form>
      {problem !== null && (
        <p className="cx-error-text" role="alert">
          {problem}
        </p>
      )}
    </Dialog>
  );
}

/** Where the workspace lives on disk, and switching to another folder by its path. */
export function WorkspaceDialog({ onClose }: { onClose: () => void }): ReactElement {
  const view = useStore((s) => s.workspace.view);
  const choose = useStore((s) => s.chooseWorkspaceFolder);
  const toast = useStore((s) => s.showToast);
  const [folder, setFolder] = useState(view?.root ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (): void => {
    setBusy(true);
    void choose(folder).then((error) => {
      setBusy(false);
      if (error !== null) {
        setProblem(`${error.message} ${error.hint ?? ''}`.trim());
        return;
      }
      toast(`Using the workspace in ${folder.trim()}.`, 'success');
      onClose();
    });
  };
  return (
    <Dialog
      title="Workspace folder"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="cx-button" onClick={onClose}>
            Close
          </button>
          <button
            type="submit"
            form="workspace-folder-form"
            className="cx-primary"
            disabled={busy || folder.trim() === '' || folder.trim() === view?.root}
          >
            Use this folder
          </button>
        </>
      }
    >
      <p className="cx-small">
        Requests are files in this folder: one YAML file per request, folders as directories,
        environments in <code>environments/</code>. No secret or token is ever written there, so the
        folder can be committed to git and shared. Edits made on disk (a <code>git pull</code>) show
        up while the app runs.
      </p>
      {view !== null && (
        <p className="cx-small">
          In use: <code className="cx-mono">{view.root}</code>
        </p>
      )}
      <form
        id="workspace-folder-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="cx-stacked-field">
          <span>Folder (full path; created when missing)</span>
          <input
            type="text"
            className="cx-mono"
            value={folder}
            spellCheck={false}
            onChange={(e) => setFolder(e.target.value)}
          />
        </label>
      </form>
      {problem !== null && (
        <p className="cx-error-text" role="alert">
          {problem}
        </p>
      )}
    </Dialog>
  );
}
