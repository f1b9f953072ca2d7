import { useState, type ReactElement } from 'react';
import type { IpcError } from '../../../../shared/errors.js';
import { useStore } from '../../store/store.js';
import { Dialog } from './dialog.js';

/** Paste a curl command; it becomes the draft (a Bearer token in it is dropped, not imported). */
export function ImportDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (notes: string[]) => void;
}): ReactElement {
  const importCurl = useStore((s) => s.importComposerCurl);
  const [command, setCommand] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    setBusy(true);
    const result = await importCurl(command);
    setBusy(false);
    if (result.ok) {
      onImported(result.notes);
      onClose();
    } else {
      setError(result.error);
    }
  };
  return (
    <Dialog
      title="Import a curl command"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="cx-button" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="cx-primary"
            disabled={command.trim() === '' || busy}
            onClick={() => void submit()}
          >
            Import
          </button>
        </>
      }
    >
      <label className="cx-stacked-field">
        <span>curl command</span>
        <textarea
          className="cx-mono"
          rows={8}
          value={command}
          spellCheck={false}
          placeholder="curl -X GET 'https://api.example.com/v1/items?limit=10' -H 'Accept: application/json'"
          onChange={(e) => {
            setCommand(e.target.value);
            setError(null);
          }}
        />
      </label>
      <p className="cx-muted cx-small">
        POSIX, Windows cmd and PowerShell quoting are understood. A Bearer token in the command is
        left out: the connection&apos;s own token is used when you send.
      </p>
      {error !== null && (
        <p className="cx-error-text" role="alert">
          {error.message} {error.hint}
        </p>
      )}
    </Dialog>
  );
}
