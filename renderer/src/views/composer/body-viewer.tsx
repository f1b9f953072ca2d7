import { useState, type ReactElement } from 'react';
import { formatJsonPath } from '#shared/requests/json-path.js';
import type { BodyMatch, JsonStep, ResponseSummary } from '#shared/requests/schemas.js';
import { call } from '../../api/call.js';
import { formatBytes } from './format.js';
import { HexView } from './hex-view.js';
import { JsonTree } from './json-tree.js';
import { RawView } from './raw-view.js';

type BodyView = 'tree' | 'raw' | 'hex';

const SAVE_CHUNK = 1024 * 1024;

function fileName(response: ResponseSummary): string {
  const last = response.url.split(/[?#]/)[0]?.split('/').filter(Boolean).at(-1) ?? 'response';
  const base = last.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'response';
  if (/\.\w{1,5}$/.test(base)) return base;
  return `${base}.${response.bodyKind === 'json' ? 'json' : response.bodyKind === 'text' ? 'txt' : 'bin'}`;
}

function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The response body: a lazily built JSON tree, the raw text or a hex dump, each paged from main;
 * search through the whole body (done in main), and save it to a file.
 */
export default function BodyViewer({ response }: { response: ResponseSummary }): ReactElement {
  const initial: BodyView =
    response.bodyKind === 'json' ? 'tree' : response.bodyKind === 'binary' ? 'hex' : 'raw';
  const [view, setView] = useState<BodyView>(initial);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<BodyMatch[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState('');
  const [active, setActive] = useState<{ match: BodyMatch; nonce: number } | null>(null);
  const [saveState, setSaveState] = useState('');

  if (response.bodyKind === 'empty') {
    return <p className="cx-muted cx-pad">The response has no body.</p>;
  }

  const runSearch = async (): Promise<void> => {
    if (query.trim() === '') {
      setMatches(null);
      return;
    }
    setSearching(true);
    setSearchError('');
    const result = await call('requests:search-body', {
      responseId: response.responseId,
      query,
      limit: 200,
    });
    setSearching(false);
    if (!result.ok) {
      setSearchError(result.error.message);
      return;
    }
    setMatches(result.value.matches);
    setTruncated(result.value.truncated);
    const first = result.value.matches[0];
    if (first !== undefined) setActive({ match: first, nonce: Date.now() });
  };

  const save = async (): Promise<void> => {
    // The desktop app asks where to save and copies the body in main; browser mode answers
    // `unsupported` and the browser's own download saves it below.
    const native = await call('requests:save-body', {
      responseId: response.responseId,
      suggestedName: fileName(response),
    });
    if (!native.ok) {
      setSaveState(native.error.message);
      return;
    }
    if (native.value.outcome === 'saved') {
      setSaveState(`Saved to ${native.value.path} (${formatBytes(native.value.bytes)}).`);
      return;
    }
    if (native.value.outcome === 'cancelled') {
      setSaveState('Not saved: the save dialog was cancelled.');
      return;
    }
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let offset = 0;
    while (offset < response.size) {
      setSaveState(`Preparing the file… ${Math.round((offset / response.size) * 100)}%`);
      const result = await call('requests:read-body', {
        responseId: response.responseId,
        offset,
        length: SAVE_CHUNK,
        encoding: 'base64',
      });
      if (!result.ok) {
        setSaveState(result.error.message);
        return;
      }
      parts.push(decodeBase64(result.value.data));
      if (result.value.nextOffset <= offset) break;
      offset = result.value.nextOffset;
    }
    const blob = new Blob(parts, { type: response.contentType ?? 'application/octet-stream' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName(response);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setSaveState(`Saved ${link.download} (${formatBytes(response.size)}).`);
  };

  const reveal = active?.match ?? null;
  const views: { id: BodyView; label: string }[] = [
    ...(response.bodyKind === 'json' ? [{ id: 'tree' as const, label: 'Tree' }] : []),
    { id: 'raw', label: 'Raw' },
    { id: 'hex', label: 'Hex' },
  ];
  return (
    <div className="body-viewer">
      <div className="body-toolbar">
        <div className="cx-segmented" role="radiogroup" aria-label="Body view">
          {views.map((v) => (
            <label key={v.id} className={`cx-segment ${view === v.id ? 'is-active' : ''}`}>
              <input
                type="radio"
                name={`body-view-${response.responseId}`}
                checked={view === v.id}
                onChange={() => setView(v.id)}
              />
              {v.label}
            </label>
          ))}
        </div>
        <form
          className="body-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            void runSearch();
          }}
        >
          <input
            type="search"
            aria-label="Search the body"
            placeholder="Search keys and values…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="submit" className="cx-button" disabled={searching}>
            {searching ? 'Searching…' : 'Search'}
          </button>
        </form>
        <button type="button" className="cx-button" onClick={() => void save()}>
          Save to file
        </button>
      </div>
      {saveState !== '' && (
        <p className="action-status cx-small" role="status">
          {saveState}
        </p>
      )}
      {searchError !== '' && <p className="cx-error-text cx-small">{searchError}</p>}
      {matches !== null && (
        <SearchResults
          matches={matches}
          truncated={truncated}
          active={active?.match ?? null}
          onPick={(match) => setActive({ match, nonce: Date.now() })}
        />
      )}
      <div className="body-view">
        {view === 'tree' && (
          <JsonTree
            responseId={response.responseId}
            reveal={
              reveal?.path != null && active !== null
                ? { path: reveal.path as JsonStep[], nonce: active.nonce }
                : null
            }
          />
        )}
        {view === 'raw' && (
          <RawView
            responseId={response.responseId}
            revealRow={
              reveal !== null && active !== null && response.bodyKind !== 'binary'
                ? { row: reveal.row, nonce: active.nonce }
                : null
            }
          />
        )}
        {view === 'hex' && (
          <HexView
            responseId={response.responseId}
            size={response.size}
            revealRow={
              reveal !== null && active !== null
                ? { row: Math.floor(reveal.offset / 16), nonce: active.nonce }
                : null
            }
          />
        )}
      </div>
    </div>
  );
}

function SearchResults({
  matches,
  truncated,
  active,
  onPick,
}: {
  matches: BodyMatch[];
  truncated: boolean;
  active: BodyMatch | null;
  onPick: (match: BodyMatch) => void;
}): ReactElement {
  return (
    <div className="search-results">
      <p className="cx-small" role="status">
        {matches.length === 0
          ? 'No match.'
          : `${matches.length}${truncated ? '+' : ''} ${matches.length === 1 ? 'match' : 'matches'}`}
      </p>
      {matches.length > 0 && (
        <ul aria-label="Search matches">
          {matches.map((m) => (
            <li key={m.offset}>
              <button
                type="button"
                className={`match ${active?.offset === m.offset ? 'is-active' : ''}`}
                onClick={() => onPick(m)}
              >
                <span className="cx-mono match-where">
                  {m.path !== null ? formatJsonPath(m.path) : `byte ${m.offset.toLocaleString()}`}
                  {m.in === 'key' ? ' (key)' : ''}
                </span>
                <span className="match-preview">{m.preview}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
