import type { ReactElement } from 'react';
import { useStore } from '../store/store.js';
import type { ThemePreference } from '../store/slices/ui-slice.js';
import { UpdatesSection } from './updates.js';

/** About and appearance: version, mode, data folder and how secrets are protected. */
export function SettingsView(): ReactElement {
  const info = useStore((s) => s.info);
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  return (
    <div className="view">
      <header className="view-header">
        <h1>Settings</h1>
        <p className="view-subtitle">About this installation and how it looks.</p>
      </header>
      <section className="card" aria-labelledby="about-heading">
        <h2 id="about-heading">About Grantline</h2>
        {info ? (
          <dl className="facts">
            <dt>Version</dt>
            <dd data-testid="app-version">{info.version}</dd>
            <dt>Mode</dt>
            <dd>
              {info.mode === 'electron'
                ? 'Desktop app (Electron)'
                : 'Browser mode (grantline serve)'}
            </dd>
            <dt>Data folder</dt>
            <dd>
              <code>{info.dataDir}</code>
            </dd>
            <dt>Secret protection</dt>
            <dd>
              {info.secretProtection.label} <code>({info.secretProtection.backend})</code>
              {info.secretProtection.secure ? (
                <span className="badge badge-ok">OS-protected</span>
              ) : (
                <span className="badge badge-warn">Not OS-protected</span>
              )}
            </dd>
          </dl>
        ) : (
          <p>Loading…</p>
        )}
        {info?.secretProtection.warning && (
          <p className="callout callout-warn" role="note">
            {info.secretProtection.warning}
          </p>
        )}
      </section>
      <UpdatesSection />
      <section className="card" aria-labelledby="appearance-heading">
        <h2 id="appearance-heading">Appearance</h2>
        <label className="field">
          <span>Theme</span>
          <select value={theme} onChange={(e) => setTheme(e.target.value as ThemePreference)}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </section>
    </div>
  );
}
