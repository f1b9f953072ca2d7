import { useId, useRef, useState, type DragEvent, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import type { ImportKind, ImportReport } from '#shared/import/schemas.js';
import { call } from '../../../api/call.js';
import { Dialog } from '../dialog.js';
import { Tabs } from '../tabs.js';
import { openRequestFile } from './open-imported.js';
import './import-api.css';

type SourceTab = 'file' | 'url' | 'paste';

/** The largest document the page sends as text (the channel takes 7 MB). */
const MAX_TEXT_BYTES = 7 * 1024 * 1024;

const KINDS: readonly { id: ImportKind | 'auto'; label: string }[] = [
  { id: 'auto', label: 'Recognise it' },
  { id: 'openapi', label: 'OpenAPI / Swagger' },
  { id: 'postman', label: 'Postman v2.1' },
  { id: 'insomnia', label: 'Insomnia v4' },
];

/**
 * Import an API description (OpenAPI 3.0/3.1, Swagger 2.0), a Postman v2.1 collection or an
 * Insomnia v4 export as a collection of the workspace: from a file (dropped or chosen, sent as
 * text; or by its path, so files it refers to can be read), a URL fetched by main, or pasted
 * text. The report says what was created and what was not imported; any request opens from it.
 */
export function ImportApiDialog({
  connectionId,
  onClose,
}: {
  /** The connection the imported requests are sent with. */
  connectionId: string;
  onClose: () => void;
}): ReactElement {
  const [tab, setTab] = useState<SourceTab>('file');
  const [kind, setKind] = useState<ImportKind | 'auto'>('auto');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [filePath, setFilePath] = useState('');
  const [url, setUrl] = useState('');
  const [pasted, setPasted] = useState('');
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const errorId = useId();

  const readFile = async (chosen: File | undefined): Promise<void> => {
    if (chosen === undefined) return;
    setError(null);
    if (chosen.size > MAX_TEXT_BYTES) {
      setError({
        category: 'validation',
        message: `${chosen.name} is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; a dropped file can be at most 7 MB.`,
        hint: 'Type its full path below instead: main reads it from the disk.',
      });
      return;
    }
    setFile({ name: chosen.name, text: await chosen.text() });
    setFilePath('');
  };

  const source = ():
    | { type: 'file'; path: string }
    | { type: 'url'; url: string }
    | { type: 'text'; text: string; fileName?: string }
    | null => {
    if (tab === 'url') return url.trim() === '' ? null : { type: 'url', url: url.trim() };
    if (tab === 'paste') return pasted.trim() === '' ? null : { type: 'text', text: pasted };
    if (filePath.trim() !== '') return { type: 'file', path: filePath.trim() };
    return file === null ? null : { type: 'text', text: file.text, fileName: file.name };
  };

  const submit = async (): Promise<void> => {
    const chosen = source();
    if (chosen === null) return;
    setBusy(true);
    setError(null);
    const result = await call('import:api', {
      source: chosen,
      ...(kind === 'auto' ? {} : { kind }),
      connectionId,
    });
    setBusy(false);
    if (result.ok) setReport(result.value);
    else setError(result.error);
  };

  const open = async (path: string): Promise<void> => {
    const failed = await openRequestFile(path);
    if (failed === null) onClose();
    else setError(failed);
  };

  const onDrop = (event: DragEvent<HTMLElement>): void => {
    event.preventDefault();
    setDragging(false);
    void readFile(event.dataTransfer.files[0]);
  };

  if (report !== null) {
    return (
      <Dialog
        title="API imported"
        onClose={onClose}
        wide
        footer={
          <>
            <button type="button" className="cx-button" onClick={() => setReport(null)}>
              Import another
            </button>
            <button type="button" className="cx-primary" onClick={onClose}>
              Done
            </button>
          </>
        }
      >
        <ImportReportView report={report} onOpen={(path) => void open(path)} />
        {error !== null && (
          <p className="cx-error-text" role="alert">
            {error.message} {error.hint}
          </p>
        )}
      </Dialog>
    );
  }

  const ready = source() !== null && !busy;
  return (
    <Dialog
      title="Import an API"
      onClose={onClose}
      wide
      footer={
        <>
          <span className="cx-muted cx-small">
            Creates a collection in the workspace; nothing is sent to the API.
          </span>
          <button type="button" className="cx-button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="cx-primary"
            disabled={!ready}
            onClick={() => void submit()}
          >
            {busy ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      <Tabs<SourceTab>
        label="Where the document is"
        className="import-source-tabs"
        active={tab}
        onChange={(next) => {
          setTab(next);
          setError(null);
        }}
        tabs={[
          { id: 'file', label: 'File' },
          { id: 'url', label: 'URL' },
          { id: 'paste', label: 'Paste' },
        ]}
      >
        {tab === 'file' && (
          <div className="import-file">
            <div
              className={`import-drop ${dragging ? 'is-dragging' : ''} ${file !== null ? 'has-file' : ''}`}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
            >
              <p className="import-drop-title">
                {file === null
                  ? 'Drop an OpenAPI, Swagger, Postman or Insomnia file here'
                  : file.name}
              </p>
              <p className="cx-muted cx-small">
                {file === null
                  ? 'YAML or JSON, up to 7 MB.'
                  : `${(file.text.length / 1024).toFixed(0)} kB read. Drop another file to replace it.`}
              </p>
              <button type="button" className="cx-button" onClick={() => picker.current?.click()}>
                Choose file…
              </button>
              <input
                ref={picker}
                type="file"
                hidden
                aria-label="API document file"
                accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
                onChange={(e) => {
                  void readFile(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
            </div>
            <label className="cx-stacked-field">
              <span>Or its full path on this machine (needed when it refers to other files)</span>
              <input
                type="text"
                className="cx-mono"
                value={filePath}
                spellCheck={false}
                placeholder="/home/me/specs/openapi.yaml"
                onChange={(e) => {
                  setFilePath(e.target.value);
                  setError(null);
                }}
              />
            </label>
          </div>
        )}
        {tab === 'url' && (
          <label className="cx-stacked-field">
            <span>Address of the document (fetched by the app, without credentials)</span>
            <input
              type="url"
              className="cx-mono"
              value={url}
              spellCheck={false}
              placeholder="https://api.example.com/openapi.json"
              onChange={(e) => {
                setUrl(e.target.value);
                setError(null);
              }}
            />
          </label>
        )}
        {tab === 'paste' && (
          <label className="cx-stacked-field">
            <span>The document (YAML or JSON)</span>
            <textarea
              className="cx-mono"
              rows={10}
              value={pasted}
              spellCheck={false}
              placeholder={'openapi: 3.1.0\ninfo:\n  title: My API\n…'}
              onChange={(e) => {
                setPasted(e.target.value);
                setError(null);
              }}
            />
          </label>
        )}
      </Tabs>
      <label className="cx-field import-kind">
        <span>Format</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as ImportKind | 'auto')}>
          {KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {error !== null && (
        <p id={errorId} className="cx-error-text" role="alert">
          Could not import: {error.message} {error.hint}
        </p>
      )}
    </Dialog>
  );
}

/** What an import created and what it left out. */
export function ImportReportView({
  report,
  onOpen,
}: {
  report: ImportReport;
  onOpen: (path: string) => void;
}): ReactElement {
  return (
    <div className="import-report">
      <p>
        <strong>{report.name}</strong> ({report.format}) is now the collection{' '}
        <code>{report.folder}</code> of the workspace.
      </p>
      <dl className="import-counts">
        <div>
          <dt>Requests</dt>
          <dd>{report.requests}</dd>
        </div>
        <div>
          <dt>Folders</dt>
          <dd>{report.folders}</dd>
        </div>
        <div>
          <dt>Parameters</dt>
          <dd>{report.parameters}</dd>
        </div>
        <div>
          <dt>Bodies</dt>
          <dd>{report.bodies}</dd>
        </div>
      </dl>
      {report.environment !== null && (
        <p className="cx-small">
          Environment <code>{report.environment.key}</code> was created with{' '}
          {report.kind === 'openapi'
            ? 'the document’s servers as this connection’s base URLs'
            : 'the collection’s variables'}
          . Requests sent without it use the connection&apos;s own <code>{'{{baseUrl}}'}</code>.
        </p>
      )}
      {report.security.length > 0 && (
        <section aria-label="Security schemes">
          <h3 className="panel-title">Security schemes</h3>
          <ul className="import-lines">
            {report.security.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Not imported">
        <h3 className="panel-title">Not imported ({report.notImported.length})</h3>
        {report.notImported.length === 0 ? (
          <p className="cx-muted cx-small">Everything in the document was imported.</p>
        ) : (
          <ul className="import-lines is-warning">
            {report.notImported.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Created requests">
        <h3 className="panel-title">Requests</h3>
        <ul className="import-created">
          {report.created.map((r) => (
            <li key={r.path}>
              <button
                type="button"
                className="library-item"
                title={`Open ${r.path} in the composer`}
                onClick={() => onOpen(r.path)}
              >
                <span className="library-item-title">
                  <span className={`method-tag method-${r.method.toLowerCase()}`}>{r.method}</span>
                  <span className="ellipsis">{r.name}</span>
                </span>
                <span className="library-item-sub cx-mono ellipsis">{r.path}</span>
              </button>
            </li>
          ))}
        </ul>
        {report.requests > report.created.length && (
          <p className="cx-muted cx-small">
            The first {report.created.length} of {report.requests} are listed; all are in the
            workspace.
          </p>
        )}
      </section>
    </div>
  );
}
