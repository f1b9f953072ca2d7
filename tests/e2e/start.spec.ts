import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, snap, test } from './fixtures.js';

const electronDir = join(process.cwd(), 'node_modules', 'electron');
const pathFile = join(electronDir, 'path.txt');
const electronInstalled =
  existsSync(pathFile) &&
  existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));

test('npm start falls back to browser mode in one line when Electron cannot be obtained', async ({
  page,
}) => {
  test.skip(
    electronInstalled,
    'The Electron binary is installed here, so npm start launches Electron instead.',
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'grantline-start-'));
  // No display: start must print the URL rather than try to open a window.
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: process.cwd(),
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', GRANTLINE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const lines: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL printed; got:\n${lines.join('\n')}`)),
        25_000,
      );
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        const match = /^Grantline is running at (http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]+)$/.exec(
          line,
        );
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const notices = lines.filter((line) => /Electron/.test(line));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/browser mode/);

    await page.goto(url);
    await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
    const nav = page.getByRole('navigation', { name: 'Areas' });
    for (const name of ['Connections', 'Inspector', 'Composer']) {
      await expect(nav.getByRole('button', { name })).toBeVisible();
    }
    await snap(page, 'npm-start-browser-mode');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('grantline serve stops cleanly on SIGINT and SIGTERM', async ({ host }) => {
  const { startServe, stopServe } = await import('./fixtures.js');
  expect(await stopServe(host)).toBe(0);
  const again = await startServe(host.dataDir);
  const exited = new Promise<string>((resolve) =>
    again.process.once('exit', (code, signal) => resolve(`${code}/${signal}`)),
  );
  again.process.kill('SIGINT');
  expect(await exited).toBe('0/null');
});

test('a page opened without the launch key explains what to do', async ({ page, host }) => {
  await page.goto(host.origin + '/');
  await expect(page.getByRole('alert').first()).toContainText('without its launch key');
  await expect(page.locator('html[data-ready="error"]')).toHaveCount(1);
});

test('a page with a wrong launch key is refused by the host', async ({ page, host }) => {
  await page.goto(`${host.origin}/#key=${'x'.repeat(43)}`);
  await expect(page.getByRole('alert').first()).toContainText(
    /Could not reach|Lost the connection/,
  );
  await expect(page.locator('html[data-ready="error"]')).toHaveCount(1);
});
