import { Fragment, useEffect, useId, useRef, type ReactElement } from 'react';
import { isSensitiveName } from '#shared/redaction.js';
import type { Row } from '#shared/requests/schemas.js';

const COMMON_HEADERS = [
  'Accept',
  'Accept-Encoding',
  'Accept-Language',
  'Cache-Control',
  'Content-Type',
  'If-Match',
  'If-None-Match',
  'Prefer',
  'User-Agent',
  'X-Request-ID',
];

/**
 * An editable name/value table (params, headers, form fields, variables). The last, empty row
 * adds a new one as soon as something is typed into it; each row can be switched off without
 * deleting it.
 */
export function RowsTable({
  rows,
  onChange,
  noun,
  namePlaceholder = 'name',
  valuePlaceholder = 'value',
  headerNames = false,
  mono = true,
  problemOf,
  docOf,
}: {
  rows: readonly Row[];
  onChange: (rows: Row[]) => void;
  /** "param", "header"…: names the controls ("Value of header 2"). */
  noun: string;
  namePlaceholder?: string;
  valuePlaceholder?: string;
  headerNames?: boolean;
  mono?: boolean;
  /** What is wrong with a row's name or value, shown under the row and announced with the input. */
  problemOf?: (index: number, field: 'name' | 'value') => string | undefined;
  /** A row's documentation (e.g. from an API description): shown on hover; required rows say so. */
  docOf?: (name: string) => { text: string; required: boolean } | undefined;
}): ReactElement {
  const listId = useId();
  const group = useRef<HTMLDivElement>(null);
  // Typing into the empty last row creates a row; the caret follows into it.
  const focusNext = useRef<{ index: number; field: 'Name' | 'Value' } | null>(null);
  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    focusNext.current = null;
    const input = group.current?.querySelector<HTMLInputElement>(
      `input[aria-label="${target.field} of ${noun} ${target.index + 1}"]`,
    );
    if (input) {
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    }
  });
  const update = (index: number, change: Partial<Row>): void =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const remove = (index: number): void => onChange(rows.filter((_, i) => i !== index));
  const add = (change: Partial<Row>): void => {
    focusNext.current = {
      index: rows.length,
      field: change.value !== undefined ? 'Value' : 'Name',
    };
    onChange([...rows, { name: '', value: '', enabled: true, ...change }]);
  };

  return (
    <div
      ref={group}
      className={`rows-table ${mono ? 'cx-mono' : ''}`}
      role="group"
      aria-label={`${noun}s`}
    >
      {headerNames && (
        <datalist id={listId}>
          {COMMON_HEADERS.map((h) => (
            <option key={h} value={h} />
          ))}
        </datalist>
      )}
      {rows.map((row, index) => {
        const n = index + 1;
        const sensitive = row.name !== '' && isSensitiveName(row.name);
        const nameProblem = problemOf?.(index, 'name');
        const valueProblem = problemOf?.(index, 'value');
        const nameErrorId = `${listId}-${n}-name-error`;
        const valueErrorId = `${listId}-${n}-value-error`;
        const doc = row.name === '' ? undefined : docOf?.(row.name);
        return (
          <Fragment key={index}>
            <div className={`rows-row ${row.enabled ? '' : 'is-disabled'}`}>
              <input
                type="checkbox"
                checked={row.enabled}
                aria-label={`Include ${noun} ${n}`}
                onChange={(e) => update(index, { enabled: e.target.checked })}
              />
              <input
                type="text"
                value={row.name}
                aria-label={`Name of ${noun} ${n}`}
                aria-invalid={nameProblem !== undefined}
                aria-describedby={nameProblem !== undefined ? nameErrorId : undefined}
                placeholder={namePlaceholder}
                title={doc?.text}
                spellCheck={false}
                list={headerNames ? listId : undefined}
                onChange={(e) => update(index, { name: e.target.value })}
              />
              <input
                type="text"
                value={row.value}
                aria-label={`Value of ${noun} ${n}`}
                aria-invalid={valueProblem !== undefined}
                aria-describedby={valueProblem !== undefined ? valueErrorId : undefined}
                aria-required={doc?.required === true ? true : undefined}
                placeholder={doc?.required === true ? 'required' : valuePlaceholder}
                title={doc?.text}
                spellCheck={false}
                onChange={(e) => update(index, { value: e.target.value })}
              />
              <button
                type="button"
                className="cx-icon-button"
                aria-label={`Remove ${noun} ${n}`}
                title="Remove"
                onClick={() => remove(index)}
              >
                ×
              </button>
              {sensitive && (
                <span
                  className="rows-note"
                  title="Values of credential-like names are never stored in history or saved requests."
                >
                  not stored
                </span>
              )}
            </div>
            {nameProblem !== undefined && (
              <p id={nameErrorId} className="cx-error-text cx-small rows-error">
                {nameProblem}
              </p>
            )}
            {valueProblem !== undefined && (
              <p id={valueErrorId} className="cx-error-text cx-small rows-error">
                {valueProblem}
              </p>
            )}
          </Fragment>
        );
      })}
      <div className="rows-row is-new">
        <span className="rows-spacer" aria-hidden="true" />
        <input
          type="text"
          value=""
          aria-label={`New ${noun} name`}
          placeholder={`Add ${noun}…`}
          spellCheck={false}
          list={headerNames ? listId : undefined}
          onChange={(e) => add({ name: e.target.value })}
        />
        <input
          type="text"
          value=""
          aria-label={`New ${noun} value`}
          placeholder={valuePlaceholder}
          spellCheck={false}
          onChange={(e) => add({ value: e.target.value })}
        />
        <span className="rows-spacer" aria-hidden="true" />
      </div>
    </div>
  );
}
