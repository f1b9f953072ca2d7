import { useState, type ReactElement } from 'react';
import { useStore } from '../../store/store.js';
import { EnvironmentEditor } from './environment-editor.js';

// A stable empty list: a selector answering a new [] each time would re-render forever.
const NONE: never[] = [];

/** The environment requests are sent with (prod, staging, EU…), and the way to edit them. */
export function EnvironmentBar(): ReactElement {
  const environments = useStore((s) => s.workspace.view?.environments) ?? NONE;
  const environment = useStore((s) => s.workspace.environment);
  const setEnvironment = useStore((s) => s.setEnvironment);
  const [editing, setEditing] = useState(false);
  return (
    <div className="environment-bar">
      <label className="compact-field">
        <span>Environment</span>
        <select
          aria-label="Environment"
          value={environment ?? ''}
          onChange={(e) => setEnvironment(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">No environment</option>
          {environments.map((env) => (
            <option key={env.key} value={env.key}>
              {env.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="cx-button" onClick={() => setEditing(true)}>
        Environments…
      </button>
      {editing && <EnvironmentEditor onClose={() => setEditing(false)} />}
    </div>
  );
}
