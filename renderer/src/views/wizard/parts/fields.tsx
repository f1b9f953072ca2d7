import { useId, useState, type ReactElement, type ReactNode } from 'react';

interface FieldShell {
  label: string;
  help?: ReactNode;
  error?: string | undefined;
  className?: string;
}

function Messages({
  helpId,
  errorId,
  help,
  error,
}: {
  helpId: string;
  errorId: string;
  help: ReactNode;
  error: string | undefined;
}): ReactElement {
  return (
    <>
      {help !== undefined && (
        <span id={helpId} className="field-help">
          {help}
        </span>
      )}
      {error !== undefined && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </>
  );
}

function describedBy(help: ReactNode, error: string | undefined, helpId: string, errorId: string) {
  const ids = [help !== undefined ? helpId : '', error !== undefined ? errorId : '']
    .filter(Boolean)
    .join(' ');
  return ids === '' ? undefined : ids;
}

/** A labelled one-line input with help text and an error that is announced with the field. */
export function TextField({
  label,
  help,
  error,
  className,
  value,
  onChange,
  placeholder,
  type = 'text',
  mono = false,
  readOnly = false,
  inputMode,
}: FieldShell & {
  value: string;
  onChange?: (value: string) => void;
  placeholder?: string | undefined;
  type?: 'text' | 'url' | 'search';
  mono?: boolean;
  readOnly?: boolean;
  inputMode?: 'numeric' | 'url' | 'text';
}): ReactElement {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  return (
    <div className={`wz-field${className !== undefined ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        className={mono ? 'mono' : undefined}
        value={value}
        placeholder={placeholder}
        readOnly={readOnly}
        inputMode={inputMode}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(help, error, helpId, errorId)}
        onChange={(e) => onChange?.(e.target.value)}
      />
      <Messages helpId={helpId} errorId={errorId} help={help} error={error} />
    </div>
  );
}

/** A labelled multi-line input (PEM, extra parameters and headers). */
export function TextAreaField({
  label,
  help,
  error,
  className,
  value,
  onChange,
  placeholder,
  rows = 3,
}: FieldShell & {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  rows?: number;
}): ReactElement {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  return (
    <div className={`wz-field wz-field-wide${className !== undefined ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="mono"
        rows={rows}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(help, error, helpId, errorId)}
        onChange={(e) => onChange(e.target.value)}
      />
      <Messages helpId={helpId} errorId={errorId} help={help} error={error} />
    </div>
  );
}

/** A labelled select. */
export function SelectField<T extends string>({
  label,
  help,
  error,
  value,
  onChange,
  options,
}: FieldShell & {
  value: T;
  onChange: (value: T) => void;
  options: { value: T; label: string; group?: string }[];
}): ReactElement {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const groups = [...new Set(options.map((o) => o.group ?? ''))];
  const render = (o: { value: T; label: string }) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <div className="wz-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-describedby={describedBy(help, error, helpId, errorId)}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {groups.length <= 1
          ? options.map(render)
          : groups.map((g) => (
              <optgroup key={g} label={g}>
                {options.filter((o) => (o.group ?? '') === g).map(render)}
              </optgroup>
            ))}
      </select>
      <Messages helpId={helpId} errorId={errorId} help={help} error={error} />
    </div>
  );
}

/**
 * A file picker styled as a drop zone: drop a small text file (PEM, JWK, key file) on it or click
 * to choose one; the chosen file's name is shown. The input is cleared after each read, so the
 * page keeps no handle on the file (a key file's text goes wherever `onLoad` sends it, only).
 */
export function FileField({
  label,
  help,
  error,
  fileName,
  accept,
  onLoad,
  busy = false,
}: FieldShell & {
  fileName: string;
  accept: string;
  onLoad: (text: string, name: string) => void;
  busy?: boolean;
}): ReactElement {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const [over, setOver] = useState(false);
  const read = (file: File | undefined): void => {
    if (file === undefined) return;
    void file.text().then((text) => onLoad(text, file.name));
  };
  return (
    <div className="wz-field">
      <span className="wz-label" id={`${id}-label`}>
        {label}
      </span>
      <label
        htmlFor={id}
        className={`drop-zone${over ? ' drop-over' : ''}${error !== undefined ? ' drop-invalid' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          read(e.dataTransfer.files[0]);
        }}
      >
        <input
          id={id}
          type="file"
          className="drop-input"
          accept={accept}
          aria-labelledby={`${id}-label`}
          aria-invalid={error !== undefined}
          aria-describedby={[`${id}-state`, describedBy(help, error, helpId, errorId) ?? '']
            .join(' ')
            .trim()}
          onChange={(e) => {
            read(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <span className="drop-icon" aria-hidden="true">
          ⇪
        </span>
        <span id={`${id}-state`} className="drop-text">
          {busy ? (
            'Reading…'
          ) : fileName !== '' ? (
            <>
              <strong className="drop-file">{fileName}</strong> · drop or choose another
            </>
          ) : (
            <>
              Drop a file here or <span className="drop-link">choose one</span>
            </>
          )}
        </span>
      </label>
      <Messages helpId={helpId} errorId={errorId} help={help} error={error} />
    </div>
  );
}
