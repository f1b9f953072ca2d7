import { lazy, Suspense, useEffect, type ReactElement } from 'react';
import { Sidebar } from './components/sidebar.js';
import { Toasts } from './components/toasts.js';
import { useFocusRescue } from './components/keyboard.js';
import { useAppCommands } from './commands/app-commands.js';
import { useKeyboardDispatcher } from './commands/dispatcher.js';
import { CommandPalette } from './commands/palette.js';
import { runMenuCommand, useCommandStore } from './commands/registry.js';
import { ShortcutMap } from './commands/shortcut-map.js';
import { onBridgeState } from './api/bridge.js';
import { call, on } from './api/call.js';
import { useStore } from './store/store.js';
import { ConnectionsView } from './views/area-views.js';
import { SettingsView } from './views/settings-view.js';
import { UpdateBanner } from './views/updates.js';

// Screens the app does not open at start load on first visit, keeping them out of the eager
// bundle the page parses before it is interactive (bench B6).
const InspectorView = lazy(async () => ({
  default: (await import('./views/inspector/inspector-view.js')).InspectorView,
}));
const ComposerView = lazy(async () => ({
  default: (await import('./views/composer/composer-view.js')).ComposerView,
}));

function Banners(): ReactElement | null {
  const infoError = useStore((s) => s.infoError);
  const bridge = useStore((s) => s.bridge);
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  const warning = useStore((s) =>
    s.info && !s.info.secretProtection.secure ? s.info.secretProtection : undefined,
  );
  const secretBannerDismissed = useStore((s) => s.secretBannerDismissed);
  const dismissSecretBanner = useStore((s) => s.dismissSecretBanner);
  const setArea = useStore((s) => s.setArea);
  // Settings explains the same thing in place: never twice on one screen.
  const onSettings = useStore((s) => s.area === 'settings');
  return (
    <div className="banners">
      {infoError && (
        <div className="banner banner-error" role="alert">
          <strong>{infoError.message}</strong>
          {infoError.hint && <span> {infoError.hint}</span>}
        </div>
      )}
      {bridge === 'closed' && (
        <div className="banner banner-error" role="alert">
          <strong>Lost the connection to the Grantline host.</strong> Check that &quot;grantline
          serve&quot; is still running, then reload this page.
        </div>
      )}
      {warning?.warning && !secretBannerDismissed && !onSettings && (
        <div className="banner banner-warn banner-secret" role="status">
          <p>
            <strong>Secrets are not protected by the operating system.</strong> {warning.warning}{' '}
            After you close this, the shield in the sidebar shows the status.
          </p>
          <button type="button" className="link-button" onClick={() => setArea('settings')}>
            Details
          </button>
          <button
            type="button"
            className="link-button"
            aria-label="Dismiss the secret-protection notice"
            onClick={dismissSecretBanner}
          >
            Dismiss
          </button>
        </div>
      )}
      <UpdateBanner />
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`banner banner-${notice.level === 'info' ? 'info' : notice.level === 'warning' ? 'warn' : 'error'}`}
          role="status"
        >
          <span>{notice.message}</span>
          <button
            type="button"
            className="link-button"
            aria-label="Dismiss notice"
            onClick={() => dismiss(notice.id)}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}

/** The app shell: sidebar, banners and the current area. */
export function App(): ReactElement {
  const area = useStore((s) => s.area);
  const theme = useStore((s) => s.theme);
  const collapsed = useStore((s) => s.sidebarCollapsed);
  const overlay = useCommandStore((s) => s.overlay);
  useAppCommands();
  useKeyboardDispatcher();
  useFocusRescue();
  // The desktop menu's items run the same commands as the palette and the shortcuts.
  useEffect(() => on('app:command', ({ id }) => void runMenuCommand(id)), []);

  useEffect(() => {
    const store = useStore.getState();
    const offState = onBridgeState(store.setBridge);
    const offNotice = on('app:notice', store.addNotice);
    void call('app:info').then((result) => {
      if (result.ok) {
        store.setInfo(result.value);
        store.setBridge('open');
        for (const notice of result.value.notices) store.addNotice(notice);
      } else {
        store.setInfoError(result.error);
      }
      // The readiness signal tests and benchmarks wait for, instead of sleeping.
      document.documentElement.dataset.ready = result.ok ? 'true' : 'error';
    });
    return () => {
      offState();
      offNotice();
    };
  }, []);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className={`app ${collapsed ? 'is-sidebar-collapsed' : ''}`}>
      <Sidebar />
      <main className="main">
        <Banners />
        {area === 'connections' && <ConnectionsView />}
        <Suspense fallback={<p className="loading-area">Loading…</p>}>
          {area === 'inspector' && <InspectorView />}
          {area === 'composer' && <ComposerView />}
        </Suspense>
        {area === 'settings' && <SettingsView />}
      </main>
      <Toasts />
      {overlay === 'palette' && <CommandPalette />}
      {overlay === 'shortcuts' && <ShortcutMap />}
    </div>
  );
}
