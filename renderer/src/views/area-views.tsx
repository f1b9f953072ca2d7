import type { ReactElement } from 'react';
import { EmptyState } from '../components/empty-state.js';

/** Connections area: saved service accounts (the provider wizard lands here). */
export function ConnectionsView(): ReactElement {
  return (
    <div className="view">
      <header className="view-header">
        <h1>Connections</h1>
        <p className="view-subtitle">Service accounts, their secrets and their tokens.</p>
      </header>
      <EmptyState icon="connections" title="No connections yet">
        <p>
          A connection is a saved service account: the platform, its token endpoint, a client ID,
          and a secret that only Grantline&apos;s main process can read, encrypted on disk.
        </p>
        <p>
          Guided setup for Axway Amplify, Axway Support, WSO2 APK, Amplience, AppViewX, Keycloak and
          any OAuth2 or OpenID Connect provider is not in this build yet; it is the next feature to
          ship.
        </p>
      </EmptyState>
    </div>
  );
}

/** Composer area: call platform endpoints with a connection's token. */
export function ComposerView(): ReactElement {
  return (
    <div className="view">
      <header className="view-header">
        <h1>Composer</h1>
        <p className="view-subtitle">
          Call a platform&apos;s endpoints with a connection&apos;s token.
        </p>
      </header>
      <EmptyState icon="composer" title="No requests yet">
        <p>
          Here you will send requests such as Axway Central&apos;s environments list or
          Amplience&apos;s content hubs, with the token added by the main process so it never sits
          in this window.
        </p>
        <p>The composer is not in this build yet.</p>
      </EmptyState>
    </div>
  );
}
