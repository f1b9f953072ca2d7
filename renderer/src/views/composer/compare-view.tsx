import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { IpcError } from '#shared/errors.js';
import type { ChannelResult } from '#shared/ipc/contract.js';
import { call } from '../../api/call.js';
import { PagedRows } from './paged-rows.js';

const PAGE_ROWS = 200;

type DiffRow = ChannelResult<'requests:compare-rows'>['rows'][number];

const SIGN = { same: ' ', added: '+', removed: '−' } as const;

/**
 * This response against the previous one of the same request: a line diff of their pretty forms,
 * made in main and paged here like the other views.
 */
export function CompareView({ responseId }: { responseId: string }): ReactElement {
  const [summary, setSummary] = useState<{
    id: string;
    totalRows: number;
    added: number;
    removed: number;
    first: DiffRow[];
  } | null>(null);
  const [error, setError] = useState<{ id: string; error: IpcError } | null>(null);

  useEffect(() => {
    let live = true;
    void call('requests:compare-rows', { responseId, fromRow: 0, count: PAGE_ROWS }).then(
      (result) => {
        if (!live) return;
        if (result.ok) {
          const { totalRows, added, removed, rows } = result.value;
          setSummary({ id: responseId, totalRows, added, removed, first: rows });
        } else {
          setError({ id: responseId, error: result.error });
        }
      },
    );
    return () => {
      live = false;
    };
  }, [responseId]);

  const first = summary?.id === responseId ? summary.first : null;
  const loadPage = useCallback(
    async (page: number): Promise<DiffRow[] | null> => {
      if (page === 0 && first !== null) return first;
      const result = await call('requests:compare-rows', {
        responseId,
        fromRow: page * PAGE_ROWS,
        count: PAGE_ROWS,
      });
      return result.ok ? result.value.rows : null;
    },
    [responseId, first],
  );

  if (error?.id === responseId) {
    return (
      <div className="cx-pad" role="alert">
        <p className="cx-error-text">{error.error.message}</p>
        {error.error.hint !== undefined && <p className="cx-muted cx-small">{error.error.hint}</p>}
      </div>
    );
  }
  if (summary?.id !== responseId) return <p className="cx-muted cx-pad">Comparing…</p>;
  return (
    <div className="compare-view">
      <p className="compare-summary cx-small" role="status">
        {summary.added === 0 && summary.removed === 0
          ? 'Same as the previous response of this request.'
          : `Against the previous response of this request: `}
        {(summary.added > 0 || summary.removed > 0) && (
          <>
            <span className="diff-added-text">+{summary.added.toLocaleString()}</span>{' '}
            <span className="diff-removed-text">−{summary.removed.toLocaleString()}</span> lines
          </>
        )}
      </p>
      <PagedRows<DiffRow>
        label="Differences from the previous response"
        className="diff-view"
        totalRows={summary.totalRows}
        pageSize={PAGE_ROWS}
        loadPage={loadPage}
        renderRow={(_row, item) => (
          <div className={`diff-row diff-${item?.kind ?? 'same'}`}>
            <span className="gutter" aria-hidden="true">
              {item?.left == null ? '' : item.left + 1}
            </span>
            <span className="gutter" aria-hidden="true">
              {item?.right == null ? '' : item.right + 1}
            </span>
            <span className="diff-sign" aria-label={item === undefined ? undefined : item.kind}>
              {item === undefined ? '' : SIGN[item.kind]}
            </span>
            <span className="raw-text">{item?.text ?? ''}</span>
          </div>
        )}
      />
    </div>
  );
}
