import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import { formatJsonPath } from '#shared/requests/json-path.js';
import { prettyLanguage } from '#shared/requests/pretty-language.js';
import type { BodyMatch, JsonStep, ResponseSummary } from '#shared/requests/schemas.js';
import { call } from '../../api/call.js';
import { CompareView } from './compare-view.js';
import { formatBytes } from './format.js';
import { HexView } from './hex-view.js';
import { ImagePreview } from './image-preview.js';
import { JsonTree } from './json-tree.js';
import { PrettyView } from './pretty-view.js';
import { RawView } from './raw-view.js';

type BodyView = 'pretty' | 'tree' | 'raw' | 'hex' | 'image' | 'compare';

const SAVE_CHUNK = 1024 * 1024;
/** Typing pauses this long before a search or a filter runs in main. */
const TYPING_PAUSE_MS = 250;
const SEARCH_LIMIT = 1_000;

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

const isImage = (response: ResponseSummary): boolean =>
  /^image\/(?:png|jpeg|gif|webp|svg\+xml)\b/i.test(response.contentType ?? '');

/** The views a response offers, the first being the one it opens in. */
export function bodyViews(response: ResponseSummary): { id: BodyView; label: string }[] {
  const pretty = prettyLanguage(response.bodyKind, response.contentType) !== null;
  return [
    ...(isImage(response) ? [{ id: 'image' as const, label: 'Preview' }] : []),
    ...(pretty ? [{ id: 'pretty' as const, label: 'Pretty' }] : []),
    ...(response.bodyKind === 'json' ? [{ id: 'tree' as const, label: 'Tree' }] : []),
    ...(response.bodyKind !== 'binary' ? [{ id: 'raw' as const, label: 'Raw' }] : []),
    { id: 'hex', label: 'Hex' },
    { id: 'compare', label: 'Compare' },
  ];
}

/** Run `effect` once typing has paused; a newer value cancels the pending run. */
function useAfterTyping(value: string, effect: (value: string) => void): void {
  const latest = useRef(effect);
  useEffect(() => {
    latest.current = effect;
  });
  useEffect(() => {
    const timer = setTimeout(() => latest.current(value), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value]);
}

/**
 * The response body: pretty-printed (JSON, XML, HTML), a lazily built JSON tree, the raw text, a
 * hex dump, an image preview or a diff against the previous response of the same request, each
 * paged from main. A live JSONPath filter and a search through the whole body both run in main.
 */
export default function BodyViewer({ response }: { response: ResponseSummary }): ReactElement {
  const views = bodyViews(response);
  const [view, setView] = useState<BodyView>(views[0]?.id ?? 'hex');
  const [wrap, setWrap] = useState(true);
  const [saveState, setSaveState] = useState('');

  // The live filter: its expression, and the derived body main made of its matches.
  const [expression, setExpression] = useState('');
  const [filtered, setFiltered] = useState<{ responseId: string; count: number } | null>(null);
  const [filterError, setFilterError] = useState<IpcError | null>(null);
  const filterSeq = useRef(0);
  useAfterTyping(expression, (text) => {
    const seq = ++filterSeq.current;
    if (text.trim() === '') {
      setFiltered(null);
      setFilterError(null);
      return;
    }
    void call('requests:filter-body', {
      responseId: response.responseId,
      expression: text.trim(),
    }).then((result) => {
      if (seq !== filterSeq.current) return;
      if (result.ok) {
        setFiltered(result.value);
        setFilterError(null);
      } else {
        setFilterError(result.error);
      }
    });
  });

  // Search: where it looks (the pretty lines shown, or the body as received), and its hits.
  const showFiltered = filtered !== null && expression.trim() !== '';
  const searchPretty = showFiltered || view === 'pretty';
  const searchId = showFiltered ? filtered.responseId : response.responseId;
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<{
    key: string;
    matches: BodyMatch[];
    truncated: boolean;
  } | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState('');
  const [active, setActive] = useState<{ index: number; nonce: number } | null>(null);
  const searchSeq = useRef(0);
  const searchKey = `${searchId}|${searchPretty ? 'pretty' : 'body'}|${query}`;
  const runSearch = (text: string): void => {
    const seq = ++searchSeq.current;
    if (text === '') {
      setSearch(null);
      setActive(null);
      setSearchError('');
      return;
    }
    setSearching(true);
    const key = searchKey;
    void call('requests:search-body', {
      responseId: searchId,
      query: text,
      limit: SEARCH_LIMIT,
      target: searchPretty ? 'pretty' : 'body',
    }).then((result) => {
      if (seq !== searchSeq.current) return;
      setSearching(false);
      if (!result.ok) {
        setSearchError(result.error.message);
        setSearch(null);
        return;
      }
      setSearchError('');
      setSearch({ key, matches: result.value.matches, truncated: result.value.truncated });
      setActive(result.value.matches.length > 0 ? { index: 0, nonce: Date.now() } : null);
    });
  };
  useAfterTyping(searchKey, () => runSearch(query));

  if (response.bodyKind === 'empty') {
    return <p className="cx-muted cx-pad">The response has no body.</p>;
  }

  const matches = search?.key === searchKey ? search.matches : [];
  const step = (by: number): void => {
    if (matches.length === 0) return;
    const index = ((active?.index ?? -1) + by + matches.length) % matches.length;
    setActive({ index, nonce: Date.now() });
  };
  const hit = active === null ? null : (matches[active.index] ?? null);

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

  const reveal = hit !== null && active !== null ? { hit, nonce: active.nonce } : null;
  const countText =
    query === ''
      ? ''
      : searching && search?.key !== searchKey
        ? 'Searching…'
        : matches.length === 0
          ? 'No match'
          : `${(active?.index ?? 0) + 1} of ${matches.length}${search?.truncated === true ? '+' : ''}`;
  const searchable = view !== 'image' && view !== 'compare';
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
        {(view === 'pretty' || showFiltered) && (
          <label className="cx-check body-wrap">
            <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
            Wrap lines
          </label>
        )}
        <button type="button" className="cx-button body-save" onClick={() => void save()}>
          Save to file
        </button>
      </div>
      <div className="body-toolbar body-find">
        {response.bodyKind === 'json' && (
          <input
            type="search"
            className={`body-filter cx-mono ${filterError !== null ? 'is-invalid' : ''}`}
            aria-label="Filter with JSONPath"
            aria-invalid={filterError !== null}
            aria-describedby={
              filterError !== null ? `filter-error-${response.responseId}` : undefined
            }
            placeholder="Filter: $.items[*].name"
            spellCheck={false}
            value={expression}
            onChange={(e) => setExpression(e.target.value)}
          />
        )}
        {searchable && (
          <div className="body-search" role="search">
            <input
              type="search"
              aria-label="Search the body"
              placeholder="Search…"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                if (search?.key !== searchKey) runSearch(query);
                else step(e.shiftKey ? -1 : 1);
              }}
            />
            <span className="search-count cx-small" role="status" aria-live="polite">
              {countText}
            </span>
            <button
              type="button"
              className="cx-button cx-icon-button"
              aria-label="Previous match"
              title="Previous match (Shift+Enter)"
              disabled={matches.length === 0}
              onClick={() => step(-1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="cx-button cx-icon-button"
              aria-label="Next match"
              title="Next match (Enter)"
              disabled={matches.length === 0}
              onClick={() => step(1)}
            >
              ↓
            </button>
          </div>
        )}
      </div>
      {filterError !== null && (
        <p
          className="cx-error-text cx-small"
          id={`filter-error-${response.responseId}`}
          role="alert"
        >
          {filterError.message} {filterError.hint}
        </p>
      )}
      {saveState !== '' && (
        <p className="action-status cx-small" role="status">
          {saveState}
        </p>
      )}
      {searchError !== '' && <p className="cx-error-text cx-small">{searchError}</p>}
      {searchable && view === 'tree' && !showFiltered && matches.length > 0 && (
        <SearchResults
          matches={matches}
          active={hit}
          onPick={(match) => setActive({ index: matches.indexOf(match), nonce: Date.now() })}
        />
      )}
      {showFiltered && (
        <p className="filter-summary cx-small" role="status">
          {filtered.count === 0
            ? 'The filter matches nothing.'
            : `${filtered.count.toLocaleString()} ${filtered.count === 1 ? 'match' : 'matches'} of ${expression.trim()}`}
        </p>
      )}
      <div className="body-view">
        {showFiltered ? (
          <PrettyView
            responseId={filtered.responseId}
            label="Filtered body"
            wrap={wrap}
            highlight={query}
            revealLine={reveal !== null ? { line: reveal.hit.row, nonce: reveal.nonce } : null}
          />
        ) : (
          <>
            {view === 'pretty' && (
              <PrettyView
                responseId={response.responseId}
                wrap={wrap}
                highlight={query}
                revealLine={reveal !== null ? { line: reveal.hit.row, nonce: reveal.nonce } : null}
              />
            )}
            {view === 'tree' && (
              <JsonTree
                responseId={response.responseId}
                reveal={
                  reveal?.hit.path != null
                    ? { path: reveal.hit.path as JsonStep[], nonce: reveal.nonce }
                    : null
                }
              />
            )}
            {view === 'raw' && (
              <RawView
                responseId={response.responseId}
                revealRow={reveal !== null ? { row: reveal.hit.row, nonce: reveal.nonce } : null}
              />
            )}
            {view === 'hex' && (
              <HexView
                responseId={response.responseId}
                size={response.size}
                revealRow={
                  reveal !== null
                    ? { row: Math.floor(reveal.hit.offset / 16), nonce: reveal.nonce }
                    : null
                }
              />
            )}
            {view === 'image' && <ImagePreview responseId={response.responseId} />}
            {view === 'compare' && <CompareView responseId={response.responseId} />}
          </>
        )}
      </div>
    </div>
  );
}

function SearchResults({
  matches,
  active,
  onPick,
}: {
  matches: BodyMatch[];
  active: BodyMatch | null;
  onPick: (match: BodyMatch) => void;
}): ReactElement {
  return (
    <div className="search-results">
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
    </div>
  );
}
