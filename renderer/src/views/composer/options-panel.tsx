import type { ReactElement } from 'react';
import type { RequestDraft } from '../../../../shared/requests/schemas.js';

/** Timeout and redirect handling of the request. */
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
        The wait for the answer&apos;s headers, and the longest pause while the body streams in. A
        big download may take longer overall; cancel it with Esc.
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
