import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import { call } from '../../api/call.js';
import { PagedRows } from './paged-rows.js';

const PAGE_ROWS = 200;

/** The body as text, a screenful at a time: main cuts it into rows (lines, long lines wrapped). */
export function RawView({
  responseId,
  revealRow,
}: {
  responseId: string;
  revealRow: { row: number; nonce: number } | null;
}): ReactElement {
  const [totalRows, setTotalRows] = useState<number | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [firstPage, setFirstPage] = useState<string[] | null>(null);

  useEffect(() => {
    let live = true;
    void call('requests:body-rows', { responseId, fromRow: 0, count: PAGE_ROWS }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setTotalRows(result.value.totalRows);
        setFirstPage(result.value.rows);
      } else {
        setError(result.error);
      }
    });
    return () => {
      live = false;
    };
  }, [responseId]);

  const loadPage = useCallback(
    async (page: number): Promise<string[] | null> => {
      if (page === 0 && firstPage !== null) return firstPage;
      const result = await call('requests:body-rows', {
        responseId,
        fromRow: page * PAGE_ROWS,
        count: PAGE_ROWS,
      });
      return result.ok ? result.value.rows : null;
    },
    [responseId, firstPage],
  );

  if (error !== null) return <p className="cx-error-text cx-pad">{error.message}</p>;
  if (totalRows === null) return <p className="cx-muted cx-pad">Reading the body…</p>;
  if (totalRows === 0) return <p className="cx-muted cx-pad">The body is empty.</p>;
  return (
    <PagedRows
      label="Raw body"
      className="raw-view"
      totalRows={totalRows}
      pageSize={PAGE_ROWS}
      loadPage={loadPage}
      revealRow={revealRow}
      renderRow={(row, text, highlighted) => (
        <div className={`raw-row ${highlighted ? 'is-hit' : ''}`}>
          <span className="gutter" aria-hidden="true">
            {row + 1}
          </span>
          <span className="raw-text">{text ?? ''}</span>
        </div>
      )}
    />
  );
}
