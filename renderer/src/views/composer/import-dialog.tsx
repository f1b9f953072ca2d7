import { useId, useState, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import { lengthProblem } from '#shared/input-rules.js';
import { useStore } from '../../store/store.js';
import { Dialog } from './dialog.js';

/** The longest command `requests:import-curl` takes. */
const MAX_COMMAND_CHARS = 1_000_000;

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
  const errorId = useId();
  const submit = async (): Promise<void> => {
    // The same limit as the channel's, said at the field instead of as a contract error.
    const long = lengthProblem(command, MAX_COMMAND_CHARS, 'The command');
    if (long !== undefined) {
      setError({ category: 'validation', message: long });
      return;
    }
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
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          placeholder="curl -X GET 'https://api.example.com/v1/items?limit=10' -H 'Accept: application/json'"
          onChange={(e) => {
            setCommand(e.target.value);
            setError(null);
          }}
        />
      </label>
      <p className="cx-muted cx-small">
        POSIX, Windows cmd and PowerShell quoting are understood. A Bearer token in the command is
        kept as a custom Authorization header (never stored); choose Connection token under Auth to
        send the connection&apos;s own token instead.
      </p>
      {error !== null && (
        <p id={errorId} className="cx-error-text" role="alert">
          Could not import: {error.message} {error.hint}
        </p>
      )}
    </Dialog>
  );
}
