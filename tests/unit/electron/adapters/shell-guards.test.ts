import type { HandlerTable } from '../../../../electron/core/ipc/dispatch.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron adapters' security behaviour, driven through a recording fake of 'electron' (the
// binary cannot run here). The e2e smoke test covers the real thing where Electron exists.

type Handler = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => ({
  ipcHandlers: new Map<string, Handler>(),
  appListeners: new Map<string, Handler>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  opened: [] as string[],
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => fake.ipcHandlers.set(channel, handler),
    removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
  },
  app: { on: (name: string, handler: Handler) => fake.appListeners.set(name, handler) },
  shell: {
    openExternal: (url: string) => {
      fake.opened.push(url);
      return Promise.resolve();
    },
  },
  protocol: { registerSchemesAsPrivileged: () => undefined },
  Menu: {},
}));

const { registerIpcMain } = await import('../../../../electron/adapters/ipc-main.js');
const { installWebContentsGuards } =
  await import('../../../../electron/adapters/web-contents-guards.js');
const { serveRenderer } = await import('../../../../electron/adapters/app-protocol.js');
const { buildMenuTemplate } = await import('../../../../electron/adapters/menu.js');
const { EventBus } = await import('../../../../electron/core/events.js');
const { CONTENT_SECURITY_POLICY } = await import('../../../../electron/adapters/app-url.js');

const APP = 'app://grantline/index.html';

function fakeWindow(url = APP) {
  const mainFrame = { processId: 7, routingId: 1, parent: null, url };
  const sent: unknown[][] = [];
  const webContents = {
    mainFrame,
    getURL: () => mainFrame.url,
    send: (...args: unknown[]) => sent.push(args),
  };
  return { win: { webContents, isDestroyed: () => false }, mainFrame, sent };
}

const info = {
  name: 'Grantline' as const,
  version: '1.0.0',
  mode: 'electron' as const,
  dataDir: '/tmp/x',
  platform: 'linux',
  secretProtection: { backend: 'basic_text', label: 'x', secure: false },
  notices: [],
};

describe('ipc-main', () => {
  const { win, mainFrame, sent } = fakeWindow();
  const events = new EventBus();
  let unregister: () => void = () => undefined;
  beforeEach(() => {
    unregister();
    fake.ipcHandlers.clear();
    unregister = registerIpcMain({
      // Only app:info is exercised here; the wrapper is the same for every channel.
      handlers: { 'app:info': async () => info } as unknown as HandlerTable,
      events,
      getWindow: () => win as never,
    });
  });

  const call = (event: unknown, arg?: unknown) => fake.ipcHandlers.get('app:info')?.(event, arg);

  it('answers our window’s main frame through the dispatcher', async () => {
    const result = await call({ sender: win.webContents, senderFrame: mainFrame });
    expect(result).toEqual({ ok: true, value: info });
  });

  it('refuses other senders, subframes, foreign pages and vanished frames', async () => {
    const other = fakeWindow().win.webContents;
    const iframe = { processId: 7, routingId: 2, parent: mainFrame, url: APP };
    const foreign = { ...mainFrame, url: 'https://evil.example/' };
    for (const event of [
      { sender: other, senderFrame: mainFrame },
      { sender: win.webContents, senderFrame: iframe },
      { sender: win.webContents, senderFrame: foreign },
      { sender: win.webContents, senderFrame: null },
    ]) {
      const result = (await call(event)) as { ok: boolean; error?: { category: string } };
      expect(result.ok).toBe(false);
      expect(result.error?.category).toBe('forbidden');
    }
  });

  it('validates the argument (app:info takes none)', async () => {
    const result = (await call({ sender: win.webContents, senderFrame: mainFrame }, { x: 1 })) as {
      ok: boolean;
      error?: { category: string };
    };
    expect(result).toMatchObject({ ok: false, error: { category: 'validation' } });
  });

  it('forwards core events on their own channel, only to our page', () => {
    events.emit('app:notice', { level: 'info', message: 'hi' });
    expect(sent).toEqual([['event:app:notice', { level: 'info', message: 'hi' }]]);
    mainFrame.url = 'https://evil.example/';
    events.emit('app:notice', { level: 'info', message: 'again' });
    expect(sent).toHaveLength(1);
    mainFrame.url = APP;
  });
});

describe('web-contents guards', () => {
  installWebContentsGuards();
  const listeners = new Map<string, Handler>();
  let openHandler: Handler = () => undefined;
  const permissions: { request?: Handler; check?: Handler } = {};
  fake.appListeners.get('web-contents-created')?.(
    {},
    {
      on: (name: string, handler: Handler) => listeners.set(name, handler),
      setWindowOpenHandler: (handler: Handler) => (openHandler = handler),
      session: {
        setPermissionRequestHandler: (h: Handler) => (permissions.request = h),
        setPermissionCheckHandler: (h: Handler) => (permissions.check = h),
      },
    },
  );
  beforeEach(() => (fake.opened.length = 0));

  const navigate = (name: string, url: string): boolean => {
    let prevented = false;
    listeners.get(name)?.({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };

  it('blocks navigation and redirects away from app://grantline', () => {
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(navigate(name, 'app://grantline/index.html'), name).toBe(false);
      expect(navigate(name, 'https://evil.example/'), name).toBe(true);
      expect(navigate(name, 'file:///etc/passwd'), name).toBe(true);
    }
    // A clicked https link goes to the browser instead; anything else goes nowhere.
    expect(fake.opened).toEqual(['https://evil.example/']);
  });

  it('denies every new window and opens only https links externally', () => {
    for (const url of ['https://grantline.dev/docs', 'http://x.example', 'file:///etc/passwd']) {
      expect(openHandler({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.opened).toEqual(['https://grantline.dev/docs']);
  });

  it('refuses webviews and every permission', () => {
    let prevented = false;
    listeners.get('will-attach-webview')?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    const granted: boolean[] = [];
    const page = { getURL: () => 'app://grantline/index.html' };
    const details = { isMainFrame: true, requestingUrl: 'app://grantline/index.html' };
    permissions.request?.(page, 'media', (ok: boolean) => granted.push(ok), details);
    permissions.request?.(page, 'notifications', (ok: boolean) => granted.push(ok), details);
    expect(granted).toEqual([false, false]);
    expect(permissions.check?.(page, 'clipboard-read', APP, details)).toBe(false);
  });
});

describe('app protocol', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grantline-protocol-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Grantline</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  serveRenderer(
    {
      protocol: {
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
          fake.protocolHandlers.set(scheme, handler),
      },
    } as never,
    renderer,
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const get = (url: string, method = 'GET') =>
    fake.protocolHandlers.get('app')!(new Request(url, { method }));

  it('serves renderer files with the CSP header', async () => {
    const page = await get('app://grantline/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Grantline</title>');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const script = await get('app://grantline/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses files outside the folder, missing files and writes', async () => {
    expect((await get('app://grantline/..%2fsecret.txt')).status).toBe(404);
    expect((await get('app://grantline/assets/..%2f..%2fsecret.txt')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://grantline/nope.js')).status).toBe(404);
    const post = await get('app://grantline/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('application menu', () => {
  const roles = (template: ReturnType<typeof buildMenuTemplate>, label: string): string[] => {
    const menu = template.find((m) => m.label === label || m.role === label);
    return Array.isArray(menu?.submenu)
      ? menu.submenu.flatMap((i) => (i.role ? [i.role] : []))
      : [];
  };

  it('has an Edit menu with the clipboard roles (needed for Cmd+C/V on macOS)', () => {
    for (const isMac of [true, false]) {
      const template = buildMenuTemplate({ appName: 'Grantline', isMac, isDev: false });
      expect(roles(template, 'Edit')).toEqual(
        expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
      );
      expect(template.map((m) => m.label ?? m.role)).toEqual([
        ...(isMac ? ['Grantline'] : []),
        'File',
        'Edit',
        'View',
        'Window',
        'help',
      ]);
    }
  });

  it('offers reload and devtools only in development', () => {
    const dev = roles(buildMenuTemplate({ appName: 'G', isMac: false, isDev: true }), 'View');
    const prod = roles(buildMenuTemplate({ appName: 'G', isMac: false, isDev: false }), 'View');
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(prod).not.toContain('reload');
    expect(prod).not.toContain('toggleDevTools');
  });
});
