import type { ReactElement } from 'react';
import { isSensitiveName } from '#shared/redaction.js';
import type { Row, VariableInfo } from '#shared/requests/schemas.js';
import { RowsTable } from './rows-table.js';

/** The connection's variables (read-only) and the user's own, which win on a name clash. */
export function VariablesPanel({
  connectionVariables,
  variables,
  onChange,
  docOf,
}: {
  connectionVariables: readonly VariableInfo[];
  variables: Row[];
  onChange: (rows: Row[]) => void;
  /** Documentation of path parameters, for a request imported from an API description. */
  docOf?: ((name: string) => { text: string; required: boolean } | undefined) | undefined;
}): ReactElement {
  const overridden = new Set(variables.filter((v) => v.enabled).map((v) => v.name));
  return (
    <div className="variables-panel">
      <h3 className="panel-title">From the connection</h3>
      {connectionVariables.length === 0 ? (
        <p className="cx-muted cx-small">This connection defines no variables.</p>
      ) : (
        <table className="var-table">
          <thead>
            <tr>
              <th scope="col">Variable</th>
              <th scope="col">Value</th>
              <th scope="col">What it is</th>
            </tr>
          </thead>
          <tbody>
            {connectionVariables.map((v) => (
              <tr key={v.name} className={overridden.has(v.name) ? 'is-overridden' : ''}>
                <td>
                  <code>{`{{${v.name}}}`}</code>
                </td>
                <td>
                  <code>{v.value}</code>
                </td>
                <td className="cx-muted">
                  {v.description}
                  {overridden.has(v.name) ? ' (yours wins)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="panel-title">Yours</h3>
      <RowsTable rows={variables} onChange={onChange} noun="variable" docOf={docOf} />
      {variables.some((v) => isSensitiveName(v.name)) && (
        <p className="cx-muted cx-small">
          Variables named like credentials (token, secret, key…) are kept only until the app closes.
        </p>
      )}
    </div>
  );
}
