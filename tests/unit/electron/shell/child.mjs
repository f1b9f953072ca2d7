// The child process of the fake-Electron harness: loads the built main entry (argv[2]) with
// 'electron' replaced by fake-electron.mjs, then answers the test's requests over the IPC channel.
import { pathToFileURL } from 'node:url';
import { app, control, record } from './fake-electron.mjs';

const mainPath = process.argv[2];
const errors = [];
process.on('uncaughtException', (error) => errors.push(String(error?.stack ?? error)));
process.on('unhandledRejection', (error) => errors.push(String(error?.stack ?? error)));
// main.ts reports start-up failures with console.error before app.exit(1).
const consoleErrors = [];
console.error = (...args) => consoleErrors.push(args.map(String).join(' '));

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function windowState(win) {
  return {
    options: JSON.parse(JSON.stringify(win.options)),
    url: win.webContents.getURL(),
    visible: win.visible,
    maximized: win.maximized,
    shownBeforeContent: win.shownBeforeContent,
  };
}

/** Every labelled item of the application menu, depth first. */
function menuLabels(items) {
  return items.flatMap((item) => [
    ...(item.label ? [item.label] : []),
    ...menuLabels(Array.isArray(item.submenu) ? item.submenu : []),
  ]);
}

/** Every item of the application menu with a label, depth first, with what a test needs. */
function menuItems(items) {
  return items.flatMap((item) => [
    ...(item.label
      ? [
          {
            label: item.label,
            accelerator: item.accelerator ?? null,
            registerAccelerator: item.registerAccelerator ?? null,
          },
        ]
      : []),
    ...menuItems(Array.isArray(item.submenu) ? item.submenu : []),
  ]);
}

function findMenuItem(items, label) {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = findMenuItem(Array.isArray(item.submenu) ? item.submenu : [], label);
    if (inner) return inner;
  }
  return undefined;
}

function state() {
  return {
    calls: record.calls,
    unknown: [...new Set(record.unknown)],
    privileges: record.privileges,
    windows: record.windows.map(windowState),
    ipcChannels: [...record.ipcHandlers.keys()],
    ipcListeners: [...record.ipcListeners.keys()],
    protocols: [...record.protocolHandlers.keys()],
    sent: record.sent,
    exitCode: record.exitCode,
    errors,
    consoleErrors,
    saveDialogArgs: record.saveDialogArgs,
    clipboard: record.clipboard,
    menuLabels: menuLabels(record.menu?.template ?? []),
    menuItems: menuItems(record.menu?.template ?? []),
  };
}

/** A fake IPC event from the given kind of sender. */
function ipcEvent(from) {
  const win = record.windows[0];
  const contents = win.webContents;
  const main = contents.mainFrame;
  switch (from) {
    case 'main-frame':
      return { sender: contents, senderFrame: main };
    case 'child-frame':
      return { sender: contents, senderFrame: { ...main, routingId: 2, parent: main } };
    case 'foreign-url':
      return {
        sender: contents,
        senderFrame: { ...main, url: 'https://evil.example/' },
      };
    case 'other-contents':
      return {
        sender: { id: 999, mainFrame: main },
        senderFrame: { ...main, processId: 9999 },
      };
    default:
      throw new Error(`unknown sender ${from}`);
  }
}

const ops = {
  async configure(settings) {
    Object.assign(control, settings);
    return true;
  },
  async boot() {
    await import(pathToFileURL(mainPath).href);
    return true;
  },
  async ready() {
    app.__fireReady();
    return true;
  },
  async state() {
    return state();
  },
  async waitFor({ what, timeoutMs = 10_000 }) {
    const started = Date.now();
    const done = {
      window: () => record.windows.length > 0,
      'ready-to-show': () => record.windows[0]?.contentShown === true,
      ipc: () => record.ipcHandlers.size > 0,
      exit: () => record.exitCode !== undefined,
    }[what];
    while (!done()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await wait(10);
    }
    return state();
  },
  async sleep(ms) {
    await wait(ms);
    return true;
  },
  async emitApp({ event, args = [] }) {
    app.emit(event, {}, ...args);
    return true;
  },
  async protocol({ url, method = 'GET' }) {
    const handler = record.protocolHandlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) return { status: 'no handler' };
    const response = await handler(new Request(url, { method }));
    const body = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      length: body.length,
      text: body.subarray(0, 200).toString('utf8'),
    };
  },
  async permission({ permission, url, isMainFrame = true }) {
    const contents = record.windows[0].webContents;
    const origin = new URL(url).origin === 'null' ? url.replace(/\/.*$/, '') : new URL(url).origin;
    const checked = record.permission.check?.(contents, permission, origin, {
      isMainFrame,
      requestingUrl: url,
      embeddingOrigin: origin,
    });
    const requested = await new Promise((resolve) => {
      if (!record.permission.request) return resolve(undefined);
      record.permission.request(contents, permission, resolve, {
        isMainFrame,
        requestingUrl: url,
      });
    });
    return { checked, requested };
  },
  async invoke({ channel, args, from = 'main-frame' }) {
    const handler = record.ipcHandlers.get(channel);
    if (!handler) return { missing: channel };
    return handler(ipcEvent(from), args);
  },
  async menuClick({ label }) {
    const item = findMenuItem(record.menu?.template ?? [], label);
    if (!item?.click) throw new Error(`no menu item "${label}" with a click handler`);
    item.click(item, record.windows[0], {});
    return true;
  },
  async windowEvent({ index = 0, name, args = [] }) {
    record.windows[index].emit(name, {}, ...args);
    return true;
  },
  async navigate({ url, event = 'will-navigate' }) {
    let prevented = false;
    record.windows[0].webContents.emit(event, {
      url,
      preventDefault: () => (prevented = true),
    });
    return { prevented };
  },
};

process.on('message', async ({ id, op, arg }) => {
  try {
    const value = await ops[op](arg);
    process.send({ id, ok: true, value });
  } catch (error) {
    process.send({ id, ok: false, error: String(error?.stack ?? error) });
  }
});
process.send({ id: 0, ok: true, value: 'started' });
