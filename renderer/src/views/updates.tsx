import { useEffect, useState, type ReactElement } from 'react';
import type { UpdateStatus } from '#shared/ipc/contract.js';
import { call, on } from '../api/call.js';

/** The desktop app's update status, kept current by `app:update-status` events. */
function useUpdateStatus(): [UpdateStatus | undefined, (status: UpdateStatus) => void] {
  const [status, setStatus] = useState<UpdateStatus>();
  useEffect(() => {
    const off = on('app:update-status', setStatus);
    void call('app:update-status').then((result) => {
      if (result.ok) setStatus((current) => current ?? result.value);
    });
    return off;
  }, []);
  return [status, setStatus];
}

/** "Restart to Update", asking first when requests are still running. */
function RestartToUpdate(): ReactElement {
  const [running, setRunning] = useState<number>();
  const [error, setError] = useState<string>();
  const install = async (force: boolean): Promise<void> => {
    const result = await call('app:install-update', { force });
    if (!result.ok) return setError(result.error.message);
    if (result.value.outcome === 'requests-running') return setRunning(result.value.running ?? 1);
    if (result.value.outcome === 'not-ready') setError('The update is not downloaded yet.');
  };
  if (running !== undefined) {
    return (
      <span role="alert">
        {running === 1 ? 'A request is' : `${running} requests are`} still running; restarting stops{' '}
        {running === 1 ? 'it' : 'them'}.{' '}
        <button type="button" onClick={() => void install(true)}>
          Restart Now
        </button>{' '}
        <button type="button" className="link-button" onClick={() => setRunning(undefined)}>
          Not Now
        </button>
      </span>
    );
  }
  return (
    <>
      <button type="button" onClick={() => void install(false)}>
        Restart to Update
      </button>
      {error && <span role="alert"> {error}</span>}
    </>
  );
}

/** The notice shown above every view once an update is downloaded. */
export function UpdateBanner(): ReactElement | null {
  const [status] = useUpdateStatus();
  if (status?.state !== 'ready') return null;
  return (
    <div className="banner banner-info" role="status">
      <span>Grantline {status.version} is ready to install.</span> <RestartToUpdate />
    </div>
  );
}

function describe(status: UpdateStatus): string {
  switch (status.state) {
    case 'unsupported':
      return 'This copy does not update itself (browser mode, or not installed from a release).';
    case 'disabled':
      return 'Automatic checks are off.';
    case 'idle':
      return 'Grantline is up to date.';
    case 'checking':
      return 'Checking for updates…';
    case 'downloading':
      return `Downloading Grantline ${status.version ?? ''} (${status.percent ?? 0}%)…`;
    case 'ready':
      return `Grantline ${status.version ?? ''} is downloaded and ready to install.`;
    case 'error':
      return status.message ?? 'The last check for updates failed.';
  }
}

/** Settings: the update status and the "Check for updates automatically" setting. */
export function UpdatesSection(): ReactElement | null {
  const [status, setStatus] = useUpdateStatus();
  const [error, setError] = useState<string>();
  if (!status) return null;
  const toggle = async (enabled: boolean): Promise<void> => {
    const result = await call('app:set-update-check', { enabled });
    if (result.ok) {
      setStatus(result.value);
      setError(undefined);
    } else {
      setError(`${result.error.message} The setting was not changed.`);
    }
  };
  return (
    <section className="card" aria-labelledby="updates-heading">
      <h2 id="updates-heading">Updates</h2>
      <p data-testid="update-status">{describe(status)}</p>
      {status.state !== 'unsupported' && (
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          <input
            type="checkbox"
            checked={status.checkAutomatically}
            onChange={(e) => void toggle(e.target.checked)}
          />
          <span>Check for updates automatically</span>
        </label>
      )}
      {error && <p role="alert">{error}</p>}
      {status.state === 'ready' && <RestartToUpdate />}
    </section>
  );
}
