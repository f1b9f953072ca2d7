import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { apiKeys } from '#shared/ipc/contract.js';
import { snap } from './fixtures.js';

// Launches the real Electron app (dist/electron/main.js) where the Electron binary exists. Where
// it does not (it cannot be downloaded on our build machines), the test is reported as skipped
// with the reason, printed so CI logs show it.

const root = process.cwd();
const require = createRequire(import.meta.url);
const mainJs = join(root, 'dist', 'electron', 'main.js');

/** Why Electron cannot be launched here, or undefined when it can. */
function electronUnavailable(): string | undefined {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return 'the electron package is not installed';
  }
  const pathTxt = join(pkgDir, 'path.txt');
  if (!existsSync(pathTxt)) {
    return `the Electron binary was not downloaded (${relative(root, pathTxt)} is missing; the electron package's install script failed or was skipped)`;
  }
  const binary = join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  if (!existsSync(binary)) return `the Electron binary ${relative(root, binary)} is missing`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display to open a window on (run the e2e tests under xvfb-run)';
  }
  return undefined;
}

const unavailable = electronUnavailable();
if (unavailable) console.log(`Electron smoke test skipped: ${unavailable}.`);

test.describe('Electron shell', () => {
  test.skip(unavailable !== undefined, `Electron smoke test skipped: ${unavailable ?? ''}`);

  let app: ElectronApplication | undefined;
  let userData: string | undefined;

  test.afterEach(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens a locked-down window with exactly the contract API and the three areas', async () => {
    expect(existsSync(mainJs), `${mainJs} is missing: run npm run build first`).toBe(true);
    userData = mkdtempSync(join(tmpdir(), 'grantline-electron-'));
    const electronApp = await electron.launch({
      // Containers run CI as root, where Chromium refuses to start its OS sandbox at all. The
      // renderer is still Electron-sandboxed (no Node, no require), which is what we assert.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainJs],
      env: { ...process.env, GRANTLINE_USER_DATA_DIR: userData },
      timeout: 30_000,
    });
    app = electronApp;
    const page = await electronApp.firstWindow();
    await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
    expect(page.url()).toBe('app://grantline/index.html');

    // Only the main window exists: the page's window.open below must not add one.
    const windowCount = (): Promise<number> =>
      electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(await windowCount()).toBe(1);

    const seen = await page.evaluate(async () => {
      const g = globalThis as unknown as Record<string, unknown>;
      const api = window.api as unknown as Record<string, unknown> & {
        'app:info': () => Promise<{ ok: boolean; value?: { mode: string; dataDir: string } }>;
        on: (name: string, handler: () => void) => unknown;
      };
      const response = await fetch('app://grantline/index.html');
      return {
        keys: Object.keys(api).sort(),
        process: typeof g.process,
        require: typeof g.require,
        module: typeof g.module,
        // With contextIsolation the preload's own variables stay in its isolated world.
        ipcRenderer: typeof g.ipcRenderer,
        info: await api['app:info'](),
        unsubscribe: typeof api.on('app:notice', () => undefined),
        popup: window.open('file:///etc/passwd') === null,
        csp: response.headers.get('content-security-policy'),
      };
    });
    expect(seen.keys).toEqual([...apiKeys].sort());
    expect(seen.process).toBe('undefined');
    expect(seen.require).toBe('undefined');
    expect(seen.module).toBe('undefined');
    expect(seen.ipcRenderer).toBe('undefined');
    expect(seen.info.ok).toBe(true);
    expect(seen.info.value).toMatchObject({ mode: 'electron', dataDir: userData });
    expect(seen.unsubscribe).toBe('function');
    expect(seen.popup).toBe(true);
    expect(await windowCount()).toBe(1);
    expect(seen.csp).toContain("default-src 'self'");

    const nav = page.getByRole('navigation', { name: 'Areas' });
    for (const name of ['Connections', 'Inspector', 'Composer']) {
      await expect(nav.getByRole('button', { name })).toBeVisible();
    }
    await snap(page, 'electron-shell');
  });
});
