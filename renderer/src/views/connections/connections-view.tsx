import { useEffect, type ReactElement } from 'react';
import { EmptyState } from '../../components/empty-state.js';
import { on } from '../../api/call.js';
import { useStore } from '../../store/store.js';
import { Wizard } from '../wizard/wizard.js';
import { ConnectionRow } from './connection-row.js';
import './connections.css';

function ConnectionList(): ReactElement {
  const list = useStore((s) => s.savedConnections);
  const error = useStore((s) => s.savedConnectionsError);
  const startWizard = useStore((s) => s.startWizard);
  const hasAny = list !== null && list.length > 0;
  return (
    <div className="view connections-view">
      <header className="view-header view-header-actions">
        <div>
          <h1>Connections</h1>
          <p className="view-subtitle">Service accounts, their secrets and their tokens.</p>
        </div>
        {hasAny && (
          <button type="button" className="conn-button primary" onClick={startWizard}>
            Add connection
          </button>
        )}
      </header>
      {error !== null && (
        <div className="conn-callout conn-callout-error" role="alert">
          <strong>Could not load the connections.</strong> {error.message} {error.hint}
        </div>
      )}
      {list === null && error === null && <p className="muted">Loading connections…</p>}
      {list !== null && list.length === 0 && (
        <EmptyState icon="connections" title="No connections yet">
          <p>
            A connection is a saved service account: the platform, its token endpoint, a client ID,
            and a secret that only Grantline&apos;s main process can read, encrypted on disk.
          </p>
          <p>
            The wizard walks you through Axway Amplify, Axway Support, WSO2 APK, Amplience,
            AppViewX, Keycloak and any OAuth 2.0 or OpenID Connect provider, or starts from a curl
            command.
          </p>
          <button type="button" className="conn-button primary empty-action" onClick={startWizard}>
            Add a connection
          </button>
        </EmptyState>
      )}
      {hasAny && (
        <ul className="cl-list" aria-label="Saved connections">
          {list.map((view) => (
            <ConnectionRow key={view.connection.id} view={view} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** Connections area: the saved connections, or the provider wizard while it is open. */
export function ConnectionsView(): ReactElement {
  const screen = useStore((s) => s.connectionsScreen);
  const wizardOpen = useStore((s) => s.wizard !== null);

  useEffect(() => {
    const store = useStore.getState();
    void store.loadSavedConnections();
    return on('tokens:status-changed', store.applyTokenStatus);
  }, []);

  return screen === 'wizard' && wizardOpen ? <Wizard /> : <ConnectionList />;
}
