import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import { call } from '../../api/call.js';
import { PagedRows } from './paged-rows.js';

const PAGE_ROWS = 50;

interface RawRow {
  text: string;
  line: number;
  /** The row continues the line of the row before it. */
  continued: boolean;
}

function toRows(rows: string[], lines: number[], before: number | undefined): RawRow[] {
  return rows.map((text, i) => {
    const line = lines[i] ?? 0;
    const previous = i === 0 ? before : lines[i - 1];
    return { text, line, continued: previous === line };
  });
}

/** Break opportunities after commas and brackets, so minified JSON wraps between values. */
function breakable(text: string): (string | ReactElement)[] {
  const parts = text.split(/(?<=[,{[])/);
  const out: (string | ReactElement)[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(<wbr key={i} />);
    out.push(part);
  });
  return out;
}

/**
 * The body as received, a screenful at a time: main cuts it into rows (the body's lines; a long
 * line after a space or between JSON values), and the rows wrap at spaces here.
 */
export function RawView({
  responseId,
  revealRow,
}: {
  responseId: string;
  revealRow: { row: number; nonce: number } | null;
}): ReactElement {
  const [totalRows, setTotalRows] = useState<number | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [firstPage, setFirstPage] = useState<RawRow[] | null>(null);

  useEffect(() => {
    let live = true;
    void call('requests:body-rows', { responseId, fromRow: 0, count: PAGE_ROWS }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setTotalRows(result.value.totalRows);
        setFirstPage(toRows(result.value.rows, result.value.lines, undefined));
      } else {
        setError(result.error);
      }
    });
    return () => {
      live = false;
    };
  }, [responseId]);

  const loadPage = useCallback(
    async (page: number): Promise<RawRow[] | null> => {
      if (page === 0 && firstPage !== null) return firstPage;
      // One row more in front, to know whether the page's first row continues a line.
      const from = page * PAGE_ROWS;
      const result = await call('requests:body-rows', {
        responseId,
        fromRow: from - 1,
        count: PAGE_ROWS + 1,
      });
      if (!result.ok) return null;
      const { rows, lines } = result.value;
      return toRows(rows.slice(1), lines.slice(1), lines[0]);
    },
    [responseId, firstPage],
  );

  if (error !== null) return <p className="cx-error-text cx-pad">{error.message}</p>;
  if (totalRows === null) return <p className="cx-muted cx-pad">Reading the body…</p>;
  if (totalRows === 0) return <p className="cx-muted cx-pad">The body is empty.</p>;
  return (
    <PagedRows<RawRow>
      label="Raw body"
      className="raw-view"
      totalRows={totalRows}
      pageSize={PAGE_ROWS}
      loadPage={loadPage}
      revealRow={revealRow}
      dynamic
      renderRow={(row, item, highlighted) => (
        <div className={`raw-row ${highlighted ? 'is-hit' : ''}`}>
          <span className="gutter" aria-hidden="true">
            {item === undefined || item.continued ? '' : item.line + 1}
          </span>
          <span className="raw-text">{item === undefined ? '' : breakable(item.text)}</span>
        </div>
      )}
    />
  );
}
