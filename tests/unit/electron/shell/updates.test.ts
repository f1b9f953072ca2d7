import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from './built-app.js';
import { startShell, type Shell, type ShellState } from './harness.js';

// Automatic updates on the built main entry under the fake Electron, against an update feed
// served on 127.0.0.1 (latest-linux.yml and a stub AppImage), as electron-updater sees a release.

interface UpdateStatus {
  state: string;
  version?: string;
  message?: string;
  checkAutomatically: boolean;
}

const ARTIFACT = Buffer.from('stub AppImage of Grantline 99.0.0\n'.repeat(64));
const sha512 = (data: Buffer): string => createHash('sha512').update(data).digest('base64');

let built: BuiltApp;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  built = await buildApp();
}, 120_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(() => built?.remove());

function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A feed that offers 99.0.0; `artifactSha512` is what latest-linux.yml claims. */
async function serveFeed(
  artifactSha512 = sha512(ARTIFACT),
): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const latest = [
    'version: 99.0.0',
    'files:',
    '  - url: Grantline-99.0.0-linux-x86_64.AppImage',
    `    sha512: ${artifactSha512}`,
    `    size: ${ARTIFACT.length}`,
    'path: Grantline-99.0.0-linux-x86_64.AppImage',
    `sha512: ${artifactSha512}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n');
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    hits.push(path);
    if (path === '/latest-linux.yml') {
      response.writeHead(200, { 'content-type': 'text/yaml' }).end(latest);
    } else if (path === '/Grantline-99.0.0-linux-x86_64.AppImage') {
      response
        .writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': ARTIFACT.length,
        })
        .end(ARTIFACT);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, hits };
}

/** A free port with nothing listening on it. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

/** Boot the app installed as an AppImage whose app-update.yml points at `feedUrl`. */
async function bootInstalled(
  feedUrl: string,
  options: { settings?: object } = {},
): Promise<{ shell: Shell; cache: string; userData: string }> {
  const userData = scratch('grantline-update-data-');
  const resources = scratch('grantline-update-resources-');
  const cache = scratch('grantline-update-cache-');
  writeFileSync(
    join(resources, 'app-update.yml'),
    `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: grantline-updater\n`,
  );
  const appImage = join(resources, 'Grantline-0.1.0.AppImage');
  writeFileSync(appImage, 'the installed AppImage\n');
  if (options.settings) {
    writeFileSync(join(userData, 'settings.json'), JSON.stringify(options.settings));
  }
  const shell = await startShell({
    mainPath: built.mainPath,
    env: { GRANTLINE_USER_DATA_DIR: userData, APPIMAGE: appImage, XDG_CACHE_HOME: cache },
  });
  cleanups.push(() => shell.close());
  await shell.call('configure', { resourcesPath: resources });
  await shell.call('boot');
  await shell.call('ready');
  await shell.call('waitFor', { what: 'window' });
  return { shell, cache, userData };
}

function statusEvents(state: ShellState): UpdateStatus[] {
  return state.sent
    .filter((s) => s.channel.includes('app:update-status'))
    .map((s) => s.payload as UpdateStatus);
}

async function waitForStatus(
  shell: Shell,
  done: (s: UpdateStatus) => boolean,
): Promise<ShellState> {
  const started = Date.now();
  for (;;) {
    const state = await shell.call<ShellState>('state');
    if (statusEvents(state).some(done)) return state;
    if (Date.now() - started > 15_000) {
      throw new Error(`no such status; got ${JSON.stringify(statusEvents(state))}`);
    }
    await shell.call('sleep', 50);
  }
}

async function currentStatus(shell: Shell): Promise<UpdateStatus> {
  const result = await shell.call<{ ok: true; value: UpdateStatus }>('invoke', {
    channel: 'app:update-status',
  });
  return result.value;
}

describe.runIf(process.platform === 'linux')('automatic updates (AppImage, local feed)', () => {
  it('finds a new version after start-up, downloads it, and offers Restart to Update', async () => {
    const feed = await serveFeed();
    const { shell, cache } = await bootInstalled(feed.url);
    const state = await waitForStatus(shell, (s) => s.state === 'ready');
    expect(statusEvents(state).map((s) => s.state)).toEqual(
      expect.arrayContaining(['checking', 'downloading', 'ready']),
    );
    expect(await currentStatus(shell)).toMatchObject({ state: 'ready', version: '99.0.0' });
    expect(feed.hits).toContain('/latest-linux.yml');
    expect(feed.hits).toContain('/Grantline-99.0.0-linux-x86_64.AppImage');
    const pending = join(cache, 'grantline-updater', 'pending');
    expect(readdirSync(pending)).toContain('Grantline-99.0.0-linux-x86_64.AppImage');
    expect(state.calls).toContain('net.request');
    expect(state.menuLabels).toContain('Restart to Update');
    expect(state.unknown).toEqual([]);
    expect(state.errors).toEqual([]);
  }, 30_000);

  it('refuses a download whose sha512 does not match the feed, and installs nothing', async () => {
    const feed = await serveFeed(sha512(Buffer.from('another file')));
    const { shell, cache } = await bootInstalled(feed.url);
    const state = await waitForStatus(shell, (s) => s.state === 'error');
    expect(feed.hits).toContain('/Grantline-99.0.0-linux-x86_64.AppImage');
    const status = await currentStatus(shell);
    expect(status.state).toBe('error');
    expect(status.message).toMatch(/integrity check.*nothing was installed/);
    expect(statusEvents(state).some((s) => s.state === 'ready')).toBe(false);
    expect(state.menuLabels).not.toContain('Restart to Update');
    const pending = join(cache, 'grantline-updater', 'pending');
    mkdirSync(pending, { recursive: true });
    expect(readdirSync(pending).filter((f) => f.endsWith('.AppImage'))).toEqual([]);
    const install = await shell.call<{ ok: true; value: { outcome: string } }>('invoke', {
      channel: 'app:install-update',
      args: {},
    });
    expect(install.value.outcome).toBe('not-ready');
    expect(state.calls).not.toContain('quit');
  }, 30_000);

  it('reports an unreachable feed once: one status, no dialog, no notice', async () => {
    const { shell } = await bootInstalled(await deadUrl());
    await waitForStatus(shell, (s) => s.state === 'error');
    await shell.call('sleep', 300);
    const state = await shell.call<ShellState>('state');
    const errors = statusEvents(state).filter((s) => s.state === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/could not be reached.*try again in 24 hours/);
    expect(state.calls.filter((c) => c.startsWith('dialog.'))).toEqual([]);
    expect(state.sent.filter((s) => s.channel.includes('app:notice'))).toEqual([]);
    expect(state.consoleErrors).toEqual([]);
  }, 30_000);

  it('does not check when "Check for updates automatically" is off', async () => {
    const feed = await serveFeed();
    const { shell } = await bootInstalled(feed.url, {
      settings: { checkForUpdates: false },
    });
    await shell.call('sleep', 500);
    expect(feed.hits).toEqual([]);
    expect(await currentStatus(shell)).toEqual({ state: 'disabled', checkAutomatically: false });
    const state = await shell.call<ShellState>('state');
    expect(state.calls).not.toContain('net.request');
  }, 30_000);

  it('checks as soon as the setting is turned on, and keeps it', async () => {
    const feed = await serveFeed();
    const { shell, userData } = await bootInstalled(feed.url, {
      settings: { checkForUpdates: false },
    });
    const result = await shell.call<{ ok: true; value: UpdateStatus }>('invoke', {
      channel: 'app:set-update-check',
      args: { enabled: true },
    });
    expect(result.value.checkAutomatically).toBe(true);
    await waitForStatus(shell, (s) => s.state === 'ready');
    expect(feed.hits).toContain('/latest-linux.yml');
    const saved = JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')) as object;
    expect(saved).toMatchObject({ checkForUpdates: true });
  }, 30_000);
});

describe('updates where the app cannot update itself', () => {
  it('are unsupported when the app was not installed from a release package', async () => {
    const userData = scratch('grantline-update-data-');
    const shell = await startShell({
      mainPath: built.mainPath,
      env: { GRANTLINE_USER_DATA_DIR: userData },
    });
    cleanups.push(() => shell.close());
    await shell.call('boot');
    await shell.call('ready');
    await shell.call('waitFor', { what: 'window' });
    expect(await currentStatus(shell)).toMatchObject({ state: 'unsupported' });
    const install = await shell.call<{ ok: true; value: { outcome: string } }>('invoke', {
      channel: 'app:install-update',
      args: {},
    });
    expect(install.value.outcome).toBe('unsupported');
    const state = await shell.call<ShellState>('state');
    expect(state.calls).not.toContain('net.request');
  }, 30_000);
});
