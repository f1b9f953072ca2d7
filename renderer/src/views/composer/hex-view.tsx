import { useCallback, type ReactElement } from 'react';
import { call } from '../../api/call.js';
import { PagedRows } from './paged-rows.js';

const ROW_BYTES = 16;
const PAGE_ROWS = 256;

function decodeBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** One hex-dump line: offset, 16 bytes in hex, and the printable ASCII. */
function hexLine(offset: number, bytes: Uint8Array): string {
  const hex: string[] = [];
  let ascii = '';
  for (let i = 0; i < ROW_BYTES; i++) {
    const b = bytes[i];
    hex.push(b === undefined ? '  ' : b.toString(16).padStart(2, '0'));
    ascii += b === undefined ? '' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·';
  }
  const left = hex.slice(0, 8).join(' ');
  const right = hex.slice(8).join(' ');
  return `${offset.toString(16).padStart(8, '0')}  ${left}  ${right}  ${ascii}`;
}

/** The body as a hex dump, fetched 4 KB at a time as it scrolls into view. */
export function HexView({
  responseId,
  size,
  revealRow,
}: {
  responseId: string;
  size: number;
  revealRow: { row: number; nonce: number } | null;
}): ReactElement {
  const loadPage = useCallback(
    async (page: number): Promise<string[] | null> => {
      const offset = page * PAGE_ROWS * ROW_BYTES;
      const result = await call('requests:read-body', {
        responseId,
        offset,
        length: PAGE_ROWS * ROW_BYTES,
        encoding: 'base64',
      });
      if (!result.ok) return null;
      const bytes = decodeBase64(result.value.data);
      const rows: string[] = [];
      for (let i = 0; i < bytes.length; i += ROW_BYTES) {
        rows.push(hexLine(offset + i, bytes.subarray(i, i + ROW_BYTES)));
      }
      return rows;
    },
    [responseId],
  );
  if (size === 0) return <p className="cx-muted cx-pad">The body is empty.</p>;
  return (
    <PagedRows
      label="Hex dump"
      className="hex-view"
      totalRows={Math.ceil(size / ROW_BYTES)}
      pageSize={PAGE_ROWS}
      loadPage={loadPage}
      revealRow={revealRow}
      renderRow={(_row, text, highlighted) => (
        <div className={`hex-row cx-mono ${highlighted ? 'is-hit' : ''}`}>{text ?? ''}</div>
      )}
    />
  );
}
