import type { ReactElement } from 'react';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  MAX_RESPONSE_BYTES_CEILING,
  type RequestDraft,
} from '#shared/requests/schemas.js';

const MB = 1024 * 1024;
const MAX_MB = MAX_RESPONSE_BYTES_CEILING / MB;

/** Timeout, maximum response size and redirect handling of the request. */
export function OptionsPanel({
  draft,
  onChange,
}: {
  draft: RequestDraft;
  onChange: (change: Partial<RequestDraft>) => void;
}): ReactElement {
  return (
    <div className="options-panel">
      <label className="cx-field">
        <span>Timeout (seconds)</span>
        <input
          type="number"
          min={1}
          max={900}
          value={Math.round(draft.timeoutMs / 1000)}
          aria-label="Timeout in seconds"
          onChange={(e) => {
            const seconds = Math.min(900, Math.max(1, Math.round(Number(e.target.value) || 1)));
            onChange({ timeoutMs: seconds * 1000 });
          }}
        />
      </label>
      <p className="cx-muted cx-small">
        The whole request must finish within it, download included: a server that stalls or sends a
        byte at a time is stopped. Raise it for a big or slow download; Esc cancels at any time.
      </p>
      <label className="cx-field">
        <span>Maximum response size (MB)</span>
        <input
          type="number"
          min={1}
          max={MAX_MB}
          value={Math.round((draft.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES) / MB)}
          aria-label="Maximum response size in megabytes"
          onChange={(e) => {
            const mb = Math.min(MAX_MB, Math.max(1, Math.round(Number(e.target.value) || 1)));
            onChange({ maxResponseBytes: mb * MB });
          }}
        />
      </label>
      <p className="cx-muted cx-small">
        A bigger body (after decompression) is not kept: the download stops with a message.
      </p>
      <label className="cx-check">
        <input
          type="checkbox"
          checked={draft.followRedirects}
          onChange={(e) => onChange({ followRedirects: e.target.checked })}
        />
        Follow redirects (up to 10; credentials are never sent to another origin)
      </label>
    </div>
  );
}
