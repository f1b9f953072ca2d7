import { useId, useState, type ClipboardEvent, type ReactElement } from 'react';
import { inspectPastedSecret, type SecretInputWarning } from '#shared/secret-input.js';

// What is in the field now is not changed behind the user's back: these say what to check.
const liveMessages: Partial<Record<SecretInputWarning['code'], string>> = {
  'leading-whitespace': 'The secret starts with a space or line break.',
  'trailing-newline': 'The secret ends with a line break.',
  'trailing-whitespace': 'The secret ends with a space.',
};

/**
 * The client secret: masked, with show/hide while typing. A stored secret is never shown back:
 * the field stays empty and says one is stored. A paste is trimmed and the trim explained.
 */
export function SecretField({
  value,
  stored,
  error,
  onChange,
  onBasicHeader,
  quoted = false,
}: {
  value: string;
  stored: boolean;
  /** The value came from a curl command where it was quoted: inner spaces are deliberate. */
  quoted?: boolean;
  error: string | undefined;
  onChange: (value: string) => void;
  /** A whole `Basic …` value was pasted or typed: the caller splits it into ID and secret. */
  onBasicHeader: (text: string) => void;
}): ReactElement {
  const id = useId();
  const [shown, setShown] = useState(false);
  const [pasteNotes, setPasteNotes] = useState<SecretInputWarning[]>([]);
  // Warnings about what is in the field now (typed or pasted), never quoting the value.
  const live = value === '' ? [] : inspectPastedSecret(value).warnings;
  const basic = live.some((w) => w.code === 'looks-like-basic-header');
  const untrimmed = value !== '' && value.trim() !== value;

  const onPaste = (e: ClipboardEvent<HTMLInputElement>): void => {
    const text = e.clipboardData.getData('text/plain');
    const inspected = inspectPastedSecret(text);
    if (inspected.warnings.some((w) => w.code === 'looks-like-basic-header')) {
      e.preventDefault();
      setPasteNotes([]);
      onBasicHeader(inspected.value);
      return;
    }
    if (inspected.value !== text) {
      // Replace the field with the cleaned value; spaces and line breaks around a secret are
      // paste accidents (the newline `echo` adds), so they are removed and the removal said.
      e.preventDefault();
      onChange(inspected.value);
      setPasteNotes(
        inspected.warnings.filter((w) =>
          ['leading-whitespace', 'trailing-newline', 'trailing-whitespace'].includes(w.code),
        ),
      );
    } else setPasteNotes([]);
  };

  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const warnId = `${id}-warn`;
  const notes = live.filter(
    (w) =>
      w.code !== 'looks-like-basic-header' &&
      !(quoted && w.code === 'inner-whitespace' && !/[\r\n]/.test(value)),
  );
  return (
    <div className="wz-field wz-field-wide">
      <label htmlFor={id}>Client secret</label>
      <div className="secret-input">
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          className="mono"
          value={value}
          placeholder={stored ? 'A secret is stored; type to replace' : ''}
          autoComplete="new-password"
          spellCheck={false}
          aria-invalid={error !== undefined}
          aria-describedby={[helpId, error !== undefined ? errorId : '', warnId]
            .filter(Boolean)
            .join(' ')}
          onPaste={onPaste}
          onChange={(e) => {
            setPasteNotes([]);
            onChange(e.target.value);
          }}
        />
        <button
          type="button"
          className="conn-button"
          aria-controls={id}
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide' : 'Show'}
          <span className="conn-sr-only"> secret</span>
        </button>
      </div>
      <span id={helpId} className="field-help">
        {stored
          ? 'A secret is stored for this connection. It is never shown again; leave this empty to keep it, or type a new one to replace it.'
          : 'Stored encrypted by Grantline’s main process after you save; never shown again.'}
      </span>
      {error !== undefined && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
      <div id={warnId} aria-live="polite">
        {pasteNotes.map((w) => (
          <p key={w.code} className="field-warning">
            {w.message}
          </p>
        ))}
        {notes.map((w) => (
          <p key={`live-${w.code}`} className="field-warning">
            {liveMessages[w.code] ?? w.message}
          </p>
        ))}
        {untrimmed && (
          <button
            type="button"
            className="conn-button small"
            onClick={() => onChange(value.trim())}
          >
            Remove the spaces around the secret
          </button>
        )}
        {basic && (
          <p className="field-warning">
            This looks like a whole <code>Basic …</code> header rather than a secret.{' '}
            <button
              type="button"
              className="conn-button small"
              onClick={() => onBasicHeader(value)}
            >
              Split it into client ID and secret
            </button>
          </p>
        )}
      </div>
    </div>
  );
}
