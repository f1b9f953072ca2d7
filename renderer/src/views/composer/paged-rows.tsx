import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';

/** Browsers cap element heights (~16–33 million px); a window keeps the scroller under that. */
const MAX_WINDOW_ROWS = 500_000;
const ROW_HEIGHT = 20;

/**
 * A virtualised list of `totalRows` rows whose content is fetched a page at a time as it scrolls
 * into view. Only the visible pages are ever asked for; beyond MAX_WINDOW_ROWS the list shows a
 * window of rows with Previous/Next.
 */
export function PagedRows<R>({
  label,
  totalRows,
  pageSize,
  loadPage,
  renderRow,
  revealRow,
  className,
  dynamic = false,
}: {
  label: string;
  totalRows: number;
  pageSize: number;
  loadPage: (page: number) => Promise<R[] | null>;
  renderRow: (row: number, item: R | undefined, highlighted: boolean) => ReactNode;
  /** Rows wrap, so each is measured once drawn (otherwise every row is ROW_HEIGHT high). */
  dynamic?: boolean;
  /** Scroll to this row and mark it (a search hit); `nonce` repeats a reveal of the same row. */
  revealRow?: { row: number; nonce: number } | null;
  className?: string;
}): ReactElement {
  const scroller = useRef<HTMLDivElement>(null);
  const pages = useRef(new Map<number, R[]>());
  const inFlight = useRef(new Set<number>());
  const [, setVersion] = useState(0);
  const [windowStart, setWindowStart] = useState(0);
  const windowRows = Math.min(MAX_WINDOW_ROWS, Math.max(0, totalRows - windowStart));

  // No React Compiler here; the virtualizer's functions are meant to change every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: windowRows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 30,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (windowRows === 0) return;
    const from = Math.floor((windowStart + first) / pageSize);
    const to = Math.floor((windowStart + last) / pageSize);
    for (let page = from; page <= to; page++) {
      if (pages.current.has(page) || inFlight.current.has(page)) continue;
      inFlight.current.add(page);
      void loadPage(page).then((rows) => {
        inFlight.current.delete(page);
        if (rows !== null) {
          pages.current.set(page, rows);
          setVersion((v) => v + 1);
        }
      });
    }
  }, [first, last, windowStart, windowRows, pageSize, loadPage]);

  const reveal = revealRow ?? null;
  useEffect(() => {
    if (reveal === null) return;
    const start = Math.floor(reveal.row / MAX_WINDOW_ROWS) * MAX_WINDOW_ROWS;
    setWindowStart(start);
    // After the window change has rendered.
    requestAnimationFrame(() => virtualizer.scrollToIndex(reveal.row - start, { align: 'center' }));
  }, [reveal, virtualizer]);

  return (
    <div className={`paged-rows ${className ?? ''}`}>
      {totalRows > MAX_WINDOW_ROWS && (
        <div className="window-bar">
          <button
            type="button"
            className="cx-button"
            disabled={windowStart === 0}
            onClick={() => setWindowStart(Math.max(0, windowStart - MAX_WINDOW_ROWS))}
          >
            Previous rows
          </button>
          <span className="cx-muted cx-small">
            Rows {(windowStart + 1).toLocaleString()}–{(windowStart + windowRows).toLocaleString()}{' '}
            of {totalRows.toLocaleString()}
          </span>
          <button
            type="button"
            className="cx-button"
            disabled={windowStart + windowRows >= totalRows}
            onClick={() => setWindowStart(windowStart + MAX_WINDOW_ROWS)}
          >
            Next rows
          </button>
        </div>
      )}
      <div ref={scroller} className="rows-scroller" role="region" aria-label={label} tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = windowStart + item.index;
            const text = pages.current.get(Math.floor(row / pageSize))?.[row % pageSize];
            return (
              <div
                key={item.key}
                ref={dynamic ? virtualizer.measureElement : undefined}
                data-index={item.index}
                className="paged-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  transform: `translateY(${item.start}px)`,
                  height: dynamic ? undefined : ROW_HEIGHT,
                }}
              >
                {renderRow(row, text, reveal !== null && reveal.row === row)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
