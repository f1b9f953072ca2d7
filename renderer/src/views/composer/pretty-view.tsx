import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import type { ChannelResult } from '#shared/ipc/contract.js';
import type { PrettyLanguage } from '#shared/requests/pretty-language.js';
import { call } from '../../api/call.js';
import { FoldMap } from './fold-map.js';
import { tokenizeLine, type Token } from './pretty-tokens.js';

/** Lines per request, rows a window shows at most (browsers cap element heights), row height. */
const PRETTY_PAGE = 200;
const MAX_WINDOW_ROWS = 250_000;
const ROW_HEIGHT = 20;

interface Page {
  rows: string[];
  folds: (number | null)[];
  cut: boolean[];
}

type PrettyAnswer = ChannelResult<'requests:pretty-rows'>;

interface PrettyViewProps {
  responseId: string;
  /** Accessible name of the scroller. */
  label?: string;
  wrap: boolean;
  /** Text to mark in the visible lines (the search query). */
  highlight: string;
  /** Scroll to this line and mark it (a search hit); `nonce` repeats a reveal of the same line. */
  revealLine: { line: number; nonce: number } | null;
}

/**
 * The body pretty-printed by main (JSON, XML, HTML) with line numbers, highlighting, folding and
 * an optional wrap. Main formats in the background and answers as soon as the first lines exist;
 * the page holds only the pages of lines on screen, so a 50 MB body costs what a screenful does.
 */
export function PrettyView(props: PrettyViewProps): ReactElement {
  return <PrettyLines key={props.responseId} {...props} />;
}

function PrettyLines({
  responseId,
  label = 'Pretty body',
  wrap,
  highlight,
  revealLine,
}: PrettyViewProps): ReactElement {
  const [info, setInfo] = useState<{
    total: number;
    complete: boolean;
    language: PrettyLanguage;
  } | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const pages = useRef(new Map<number, Page>());
  const inFlight = useRef(new Set<number>());
  /** Pages read before formatting ended may lack the ends of blocks still open then. */
  const generation = useRef(0);
  const [, setVersion] = useState(0);
  const [folds, setFolds] = useState(() => new FoldMap());
  const [windowStart, setWindowStart] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  const keep = (page: number, answer: PrettyAnswer): void => {
    pages.current.set(page, { rows: answer.rows, folds: answer.folds, cut: answer.cut });
  };

  // The first page, then the growing line count while main formats the rest.
  useEffect(() => {
    let live = true;
    void (async () => {
      let result = await call('requests:pretty-rows', {
        responseId,
        fromRow: 0,
        count: PRETTY_PAGE,
      });
      for (;;) {
        if (!live) return;
        if (!result.ok) {
          setError(result.error);
          return;
        }
        const answer = result.value;
        if (answer.fromRow === 0 && answer.rows.length > 0) keep(0, answer);
        setInfo({ total: answer.totalRows, complete: answer.complete, language: answer.language });
        if (answer.complete) return;
        result = await call('requests:pretty-rows', {
          responseId,
          fromRow: answer.totalRows,
          count: 1,
        });
        if (result.ok && result.value.complete) {
          generation.current += 1;
          pages.current.clear();
          inFlight.current.clear();
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [responseId]);

  const total = info?.total ?? 0;
  const visibleRows = Math.max(0, total - folds.hidden);
  const windowRows = Math.min(MAX_WINDOW_ROWS, Math.max(0, visibleRows - windowStart));

  // No React Compiler here; the virtualizer's functions are meant to change every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: windowRows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  const load = useCallback(
    (page: number): void => {
      if (pages.current.has(page) || inFlight.current.has(page)) return;
      inFlight.current.add(page);
      const gen = generation.current;
      void call('requests:pretty-rows', {
        responseId,
        fromRow: page * PRETTY_PAGE,
        count: PRETTY_PAGE,
      }).then((result) => {
        if (gen !== generation.current) return;
        inFlight.current.delete(page);
        if (result.ok) {
          keep(page, result.value);
          setVersion((v) => v + 1);
        } else {
          setError(result.error);
        }
      });
    },
    [responseId],
  );

  useEffect(() => {
    if (windowRows === 0) return;
    const lines = new Set<number>();
    for (let i = first; i <= last; i++) lines.add(folds.lineAt(windowStart + i));
    for (const page of new Set([...lines].map((l) => Math.floor(l / PRETTY_PAGE)))) load(page);
  });

  // Reveal a search hit: unfold what hides it, move the window to it, then scroll to it.
  const revealAt = revealLine?.line;
  const revealNonce = revealLine?.nonce;
  const pendingReveal = useRef<number | null>(null);
  useEffect(() => {
    if (revealAt === undefined || revealNonce === undefined) return;
    const unfolded = folds.reveal(revealAt);
    if (unfolded !== folds) setFolds(unfolded);
    const row = unfolded.rowOf(revealAt);
    const start = Math.floor(row / MAX_WINDOW_ROWS) * MAX_WINDOW_ROWS;
    setWindowStart(start);
    pendingReveal.current = row - start;
    // Only a new reveal moves the view; folding afterwards must not jump back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealAt, revealNonce]);
  useEffect(() => {
    const index = pendingReveal.current;
    if (index === null || index >= windowRows) return;
    pendingReveal.current = null;
    virtualizer.scrollToIndex(index, { align: 'center' });
  });

  const toggleFold = useCallback((start: number, end: number) => {
    setFolds((f) => f.toggle(start, end));
  }, []);

  if (error !== null) {
    return (
      <div className="cx-pad" role="alert">
        <p className="cx-error-text">{error.message}</p>
        {error.hint !== undefined && <p className="cx-muted cx-small">{error.hint}</p>}
      </div>
    );
  }
  if (info === null) return <p className="cx-muted cx-pad">Formatting the body…</p>;
  const gutterChars = String(total).length;
  return (
    <div className={`pretty-view ${wrap ? 'is-wrapped' : ''}`}>
      {(visibleRows > MAX_WINDOW_ROWS || !info.complete) && (
        <div className="window-bar">
          {visibleRows > MAX_WINDOW_ROWS && (
            <button
              type="button"
              className="cx-button"
              disabled={windowStart === 0}
              onClick={() => setWindowStart(Math.max(0, windowStart - MAX_WINDOW_ROWS))}
            >
              Previous lines
            </button>
          )}
          <span className="cx-muted cx-small" role="status">
            {info.complete
              ? `Lines ${(windowStart + 1).toLocaleString()}–${(windowStart + windowRows).toLocaleString()} of ${visibleRows.toLocaleString()}`
              : `Formatting… ${total.toLocaleString()} lines so far`}
          </span>
          {visibleRows > MAX_WINDOW_ROWS && (
            <button
              type="button"
              className="cx-button"
              disabled={windowStart + windowRows >= visibleRows}
              onClick={() => setWindowStart(windowStart + MAX_WINDOW_ROWS)}
            >
              Next lines
            </button>
          )}
        </div>
      )}
      <div
        ref={scroller}
        className="rows-scroller pretty-scroller"
        role="region"
        aria-label={label}
        tabIndex={0}
        style={{ ['--gutter-ch' as string]: `${gutterChars + 1}ch` }}
      >
        <div
          className="pretty-sizer"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {items.map((item) => {
            const row = windowStart + item.index;
            const line = folds.lineAt(row);
            const page = pages.current.get(Math.floor(line / PRETTY_PAGE));
            const at = line % PRETTY_PAGE;
            return (
              <PrettyRow
                key={item.key}
                index={item.index}
                measure={wrap ? virtualizer.measureElement : undefined}
                top={item.start}
                line={line}
                text={page?.rows[at]}
                foldEnd={page?.folds[at] ?? null}
                folded={folds.isFolded(line)}
                cut={page?.cut[at] ?? false}
                language={info.language}
                highlight={highlight}
                hit={revealLine !== null && revealLine.line === line}
                onToggleFold={toggleFold}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

const PrettyRow = memo(function PrettyRow({
  index,
  measure,
  top,
  line,
  text,
  foldEnd,
  folded,
  cut,
  language,
  highlight,
  hit,
  onToggleFold,
}: {
  index: number;
  measure: ((el: Element | null) => void) | undefined;
  top: number;
  line: number;
  text: string | undefined;
  foldEnd: number | null;
  folded: boolean;
  cut: boolean;
  language: PrettyLanguage;
  highlight: string;
  hit: boolean;
  onToggleFold: (start: number, end: number) => void;
}): ReactElement {
  const tokens = text === undefined ? [] : tokenizeLine(text, language);
  const span = foldEnd === null ? 0 : foldEnd - line;
  return (
    <div
      ref={measure}
      data-index={index}
      className={`pretty-row ${hit ? 'is-hit' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
    >
      <span className="gutter" aria-hidden="true">
        {line + 1}
      </span>
      <span className="fold-slot">
        {foldEnd !== null && (
          <button
            type="button"
            className="fold-toggle"
            aria-expanded={!folded}
            aria-label={`${folded ? 'Unfold' : 'Fold'} lines ${line + 1}–${foldEnd + 1}`}
            tabIndex={-1}
            onClick={() => onToggleFold(line, foldEnd)}
          >
            {folded ? '▸' : '▾'}
          </button>
        )}
      </span>
      <span className="pretty-text">
        {text === undefined ? (
          <span className="cx-muted">…</span>
        ) : (
          tokens.map((t, i) => <TokenText key={i} token={t} highlight={highlight} />)
        )}
        {folded && (
          <button
            type="button"
            className="fold-summary"
            onClick={() => onToggleFold(line, foldEnd ?? line)}
          >
            {span.toLocaleString()} lines folded
          </button>
        )}
        {cut && (
          <span className="cut-note"> … line cut at 16 KB; the Raw view shows all of it</span>
        )}
      </span>
    </div>
  );
});

function TokenText({ token, highlight }: { token: Token; highlight: string }): ReactElement {
  const className = token.kind === '' ? undefined : `tok-${token.kind}`;
  if (highlight === '') return <span className={className}>{token.text}</span>;
  const lower = token.text.toLowerCase();
  const needle = highlight.toLowerCase();
  const parts: (string | ReactElement)[] = [];
  let from = 0;
  for (let hit = lower.indexOf(needle); hit >= 0; hit = lower.indexOf(needle, from)) {
    parts.push(token.text.slice(from, hit));
    parts.push(<mark key={hit}>{token.text.slice(hit, hit + needle.length)}</mark>);
    from = hit + needle.length;
  }
  parts.push(token.text.slice(from));
  return <span className={className}>{parts}</span>;
}
