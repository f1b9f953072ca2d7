import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Screenshots for review live outside test-results/, which Playwright wipes on every run. */
export const SCREENSHOT_DIR = join(process.cwd(), 'artifacts', 'screenshots');

export interface Host {
  url: string;
  origin: string;
  port: number;
  key: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the host printed so far, stdout and stderr (its logs). */
  output(): string;
}

/** Start `grantline serve` on a free port with its own temp data dir; resolves on its ready line. */
export async function startServe(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Host> {
  const child = spawn(
    process.execPath,
    ['bin/grantline.js', 'serve', '--port', '0', '--data-dir', dataDir],
    {
      cwd: process.cwd(),
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`grantline serve did not start: ${stderr}`)),
      15_000,
    );
    child.once('exit', (code) =>
      reject(new Error(`grantline serve exited with ${code}: ${stderr}`)),
    );
    lines.on('line', (line) => {
      const match = /^Grantline is running at (http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]+)$/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    key: parsed.hash.replace('#key=', ''),
    dataDir,
    process: child,
    output: () => output,
  };
}

/** Stop a host the way a user does (SIGTERM) and wait for it to exit. */
export async function stopServe(host: Host): Promise<number | null> {
  if (host.process.exitCode !== null) return host.process.exitCode;
  const exited = new Promise<number | null>((resolve) =>
    host.process.once('exit', (code) => resolve(code)),
  );
  host.process.kill('SIGTERM');
  return exited;
}

/** Open the app and wait for its readiness signal instead of sleeping. */
export async function openApp(page: Page, host: Host): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('html[data-ready="true"]')).toHaveCount(1);
}

/** Save a full-page screenshot for review under artifacts/screenshots/. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export const test = base.extend<{ dataDir: string; host: Host }>({
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'grantline-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ dataDir }, use) => {
    const host = await startServe(dataDir);
    await use(host);
    await stopServe(host);
  },
});

/** What a window.api call answers, as the page sees it. */
export type ApiResult =
  | { ok: true; value: unknown; error?: undefined }
  | { ok: false; error: { message: string; category: string; hint?: string }; value?: undefined };

/** Call window.api from the page, as the renderer's services (or a script skipping the forms) do. */
export async function callApi(page: Page, channel: string, args?: unknown): Promise<ApiResult> {
  return page.evaluate(
    ([c, a]) =>
      (window as unknown as { api: Record<string, (x: unknown) => Promise<ApiResult>> }).api[
        c as string
      ]!(a),
    [channel, args] as const,
  );
}

export { expect };

/** JSON opens in the pretty view; show it in the tree instead. */
export async function showTree(page: Page): Promise<void> {
  await page
    .getByRole('radiogroup', { name: 'Body view' })
    .getByRole('radio', { name: 'Tree' })
    .check();
}
