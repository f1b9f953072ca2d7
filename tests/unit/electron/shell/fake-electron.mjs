// A fake of Electron's main-process API, loaded in place of 'electron' by hooks.mjs when the
// harness runs the built main entry under plain Node. It follows Electron 45's documented
// behaviour where the shell depends on it (calls that are only valid before `ready` throw after
// it, maximize() shows a hidden window, safeStorage knows its Linux backend only after `ready`),
// records what the app does, and records every property the app reads that the fake does not
// define, so an API the code uses but the fake lacks shows up in the tests.
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';

export const record = {
  calls: [],
  unknown: [],
  privileges: [],
  windows: [],
  ipcHandlers: new Map(),
  ipcListeners: new Map(),
  protocolHandlers: new Map(),
  permission: { request: undefined, check: undefined },
  sent: [],
  exitCode: undefined,
};

let ready = false;
const log = (name) => record.calls.push(ready ? name : `${name} (before ready)`);
const beforeReadyOnly = (name) => {
  if (ready) throw new Error(`${name} can only be called before the app is ready`);
};

/** Wrap an API object so reads of members it lacks are recorded (and still return undefined). */
function watched(name, target) {
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (typeof key === 'string' && !(key in obj) && key !== 'then' && key !== 'toJSON') {
        record.unknown.push(`${name}.${key}`);
      }
      return Reflect.get(obj, key, receiver);
    },
  });
}

/** What the harness controls: the platform answers the fake gives. */
export const control = {
  backendAfterReady: 'gnome_libsecret',
  encryptionAvailable: true,
  /** When set, decryptStringAsync rejects with this message. */
  decryptError: undefined,
  /** Milliseconds isAsyncEncryptionAvailable takes (a keychain prompt). */
  keychainDelayMs: 0,
  saveDialogResult: { canceled: true, filePath: '' },
  /** process.resourcesPath: where a packaged app's resources (app-update.yml) are. */
  resourcesPath: '/tmp/grantline-fake-resources',
  paths: new Map([
    ['appData', '/tmp/grantline-fake-appdata'],
    ['downloads', '/tmp'],
    ['temp', '/tmp'],
    ['home', '/tmp'],
  ]),
};

class App extends EventEmitter {
  isPackaged = true;
  _name = 'Electron';
  _readyWaiters = [];
  setName(name) {
    log(`setName ${name}`);
    this._name = name;
  }
  getName() {
    return this._name;
  }
  getVersion() {
    return '45.4.1';
  }
  getPath(name) {
    const path = control.paths.get(name);
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  setPath(name, value) {
    log(`setPath ${name}`);
    control.paths.set(name, value);
  }
  requestSingleInstanceLock() {
    log('requestSingleInstanceLock');
    return true;
  }
  enableSandbox() {
    log('enableSandbox');
    beforeReadyOnly('app.enableSandbox');
  }
  isReady() {
    return ready;
  }
  whenReady() {
    return ready ? Promise.resolve() : new Promise((resolve) => this._readyWaiters.push(resolve));
  }
  on(event, listener) {
    log(`app.on ${event}`);
    return super.on(event, listener);
  }
  once(event, listener) {
    log(`app.once ${event}`);
    return super.once(event, listener);
  }
  getAppPath() {
    return process.cwd();
  }
  setAboutPanelOptions() {}
  quit() {
    log('quit');
  }
  exit(code = 0) {
    log('exit');
    record.exitCode = code;
  }
  relaunch() {
    log('relaunch');
  }
  /** Harness only: fire `ready` the way Electron does (will-finish-launching, ready, whenReady). */
  __fireReady() {
    ready = true;
    record.calls.push('READY');
    this.emit('ready', {}, {});
    for (const resolve of this._readyWaiters.splice(0)) resolve();
  }
}

export const app = watched('app', new App());

let nextId = 1;

class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.id = nextId++;
    this.win = win;
    this.session = session.defaultSession;
    this.mainFrame = { processId: 1000 + this.id, routingId: 1, url: '', parent: null, frames: [] };
    this.windowOpenHandler = undefined;
  }
  getURL() {
    return this.mainFrame.url;
  }
  setWindowOpenHandler(handler) {
    log('setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }
  send(channel, payload) {
    record.sent.push({ channel, payload });
  }
  isDestroyed() {
    return false;
  }
  focus() {}
}

class BrowserWindowImpl extends EventEmitter {
  static #all = [];
  static getAllWindows() {
    return BrowserWindowImpl.#all.filter((w) => !w.destroyed);
  }
  static fromWebContents(contents) {
    return BrowserWindowImpl.#all.find((w) => w.webContents === contents) ?? null;
  }
  constructor(options = {}) {
    super();
    log('new BrowserWindow');
    if (!ready) throw new Error('Cannot create BrowserWindow before app is ready');
    this.options = options;
    this.visible = options.show !== false;
    this.maximized = false;
    this.minimized = false;
    this.destroyed = false;
    this.contentShown = false;
    this.shownBeforeContent = this.visible;
    this.webContents = watched('webContents', new WebContents(this));
    this.entry = { options, self: this };
    BrowserWindowImpl.#all.push(this);
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  #markShown() {
    if (!this.contentShown) this.shownBeforeContent = true;
    this.visible = true;
  }
  show() {
    log('window.show');
    this.#markShown();
  }
  focus() {
    log('window.focus');
  }
  hide() {
    this.visible = false;
  }
  isVisible() {
    return this.visible;
  }
  // Electron: "maximize() also shows (but does not focus) the window if it isn't displayed".
  maximize() {
    log('window.maximize');
    this.maximized = true;
    this.#markShown();
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: 1200, height: 780 };
  }
  setProgressBar() {}
  close() {
    this.emit('close', {});
    this.destroyed = true;
    this.emit('closed');
  }
  loadURL(url) {
    log('loadURL');
    this.webContents.mainFrame.url = url;
    // The first paint: ready-to-show, after which showing the window shows its content.
    setTimeout(() => {
      if (this.destroyed) return;
      this.contentShown = true;
      this.shownBeforeContent = this.visible;
      this.emit('ready-to-show');
      this.webContents.emit('did-finish-load');
    }, 20);
    return Promise.resolve();
  }
}

export const BrowserWindow = new Proxy(BrowserWindowImpl, {
  get(target, key, receiver) {
    if (typeof key === 'string' && !(key in target)) record.unknown.push(`BrowserWindow.${key}`);
    return Reflect.get(target, key, receiver);
  },
  construct(target, args) {
    const win = new target(...args);
    return new Proxy(win, {
      get(obj, key) {
        if (typeof key === 'string' && !(key in obj) && key !== 'then') {
          record.unknown.push(`BrowserWindow#${key}`);
        }
        const value = Reflect.get(obj, key, obj);
        return typeof value === 'function' ? value.bind(obj) : value;
      },
    });
  },
});

function makeSession() {
  return {
    protocol: watched('session.protocol', {
      handle(scheme, handler) {
        log(`protocol.handle ${scheme}`);
        record.protocolHandlers.set(scheme, handler);
      },
      unhandle(scheme) {
        record.protocolHandlers.delete(scheme);
      },
      isProtocolHandled(scheme) {
        return record.protocolHandlers.has(scheme);
      },
    }),
    setPermissionRequestHandler(handler) {
      log('session.setPermissionRequestHandler');
      record.permission.request = handler;
    },
    setPermissionCheckHandler(handler) {
      log('session.setPermissionCheckHandler');
      record.permission.check = handler;
    },
    setDevicePermissionHandler() {},
  };
}

// Electron sets process.resourcesPath before the main entry runs; the harness chooses it.
Object.defineProperty(process, 'resourcesPath', {
  get: () => control.resourcesPath,
  configurable: true,
});

const partitions = new Map();

export const session = watched('session', {
  get defaultSession() {
    if (!ready) throw new Error('session.defaultSession is only available after app ready');
    return defaultSession;
  },
  fromPartition(partition, options) {
    if (!ready) throw new Error('session.fromPartition is only available after app ready');
    log(`session.fromPartition ${partition}`);
    if (!partitions.has(partition)) partitions.set(partition, { partition, options });
    return partitions.get(partition);
  },
});

/** Chromium's names for the network errors the harness can produce. */
const NET_ERRORS = {
  ECONNREFUSED: 'net::ERR_CONNECTION_REFUSED',
  ECONNRESET: 'net::ERR_CONNECTION_RESET',
  ENOTFOUND: 'net::ERR_NAME_NOT_RESOLVED',
  ETIMEDOUT: 'net::ERR_TIMED_OUT',
};

/**
 * net.request: Electron's ClientRequest, over Node's http here. With `redirect: 'manual'` a 3xx
 * answer emits 'redirect' instead of 'response'; errors carry Chromium's net::ERR_* messages.
 */
class ClientRequest extends EventEmitter {
  constructor(options) {
    super();
    const { session: requestSession, redirect, protocol = 'http:', ...rest } = options;
    if (requestSession !== undefined && !partitions.has(requestSession?.partition)) {
      throw new Error('net.request: session must be a Session');
    }
    this.redirectMode = redirect ?? 'follow';
    const transport = protocol === 'https:' ? https : http;
    this.request = transport.request({ ...rest, protocol });
    this.request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (this.redirectMode === 'manual') {
          this.emit('redirect', status, rest.method ?? 'GET', response.headers.location, {});
        } else {
          this.emit('error', new Error('net::ERR_UNSAFE_REDIRECT'));
        }
        return;
      }
      this.emit('response', response);
    });
    this.request.on('error', (error) => {
      if (this.aborted) return;
      this.emit('error', new Error(NET_ERRORS[error.code] ?? `net::ERR_FAILED (${error.message})`));
    });
  }
  setHeader(name, value) {
    this.request.setHeader(name, value);
  }
  write(chunk) {
    this.request.write(chunk);
  }
  end(chunk) {
    this.request.end(chunk);
  }
  abort() {
    this.aborted = true;
    this.request.destroy();
    this.emit('abort');
  }
  followRedirect() {
    throw new Error('followRedirect is not used by the app');
  }
}

export const net = watched('net', {
  request(options) {
    if (!ready) throw new Error('net.request is only available after app ready');
    log('net.request');
    return watched('ClientRequest', new ClientRequest(options));
  },
});
const defaultSession = watched('defaultSession', makeSession());

export const protocol = watched('protocol', {
  registerSchemesAsPrivileged(schemes) {
    log('registerSchemesAsPrivileged');
    beforeReadyOnly('protocol.registerSchemesAsPrivileged');
    record.privileges.push(...schemes);
  },
});

export const ipcMain = watched('ipcMain', {
  handle(channel, handler) {
    log(`ipcMain.handle ${channel}`);
    if (record.ipcHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    record.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    record.ipcHandlers.delete(channel);
  },
  on(channel, listener) {
    log(`ipcMain.on ${channel}`);
    record.ipcListeners.set(channel, listener);
  },
  removeListener(channel) {
    record.ipcListeners.delete(channel);
  },
});

export const Menu = watched('Menu', {
  buildFromTemplate(template) {
    return { template };
  },
  setApplicationMenu(menu) {
    log('setApplicationMenu');
    record.menu = menu;
  },
});

export const screen = watched('screen', {
  getAllDisplays() {
    if (!ready) throw new Error('screen cannot be used before the app is ready');
    return [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
  },
});

export const shell = watched('shell', {
  openExternal(url) {
    log(`shell.openExternal ${url}`);
    return Promise.resolve();
  },
  openPath() {
    return Promise.resolve('');
  },
  showItemInFolder() {},
});

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Electron on Linux chooses the safeStorage backend after `ready`, when the async encryption
// service first starts (the first *Async call); until then getSelectedStorageBackend() is 'unknown'.
let backendChosen = false;
export const safeStorage = watched('safeStorage', {
  getSelectedStorageBackend() {
    return ready && backendChosen ? control.backendAfterReady : 'unknown';
  },
  async isAsyncEncryptionAvailable() {
    if (!ready) return false;
    if (control.keychainDelayMs) await delay(control.keychainDelayMs);
    backendChosen = true;
    return control.encryptionAvailable;
  },
  async encryptStringAsync(text) {
    return Buffer.from(`fake-wrapped:${Buffer.from(text, 'utf8').toString('base64')}`);
  },
  async decryptStringAsync(buffer) {
    if (control.decryptError) throw new Error(control.decryptError);
    const text = Buffer.from(buffer).toString('utf8');
    if (!text.startsWith('fake-wrapped:')) throw new Error('Error while decrypting the ciphertext');
    const result = Buffer.from(text.slice('fake-wrapped:'.length), 'base64').toString('utf8');
    return { result, shouldReEncrypt: false };
  },
});

export const dialog = watched('dialog', {
  async showSaveDialog(...args) {
    log('dialog.showSaveDialog');
    record.saveDialogArgs = args;
    return control.saveDialogResult;
  },
  showErrorBox(title, content) {
    log(`dialog.showErrorBox ${title}`);
    record.errorBox = { title, content };
  },
  async showMessageBox() {
    return { response: 0, checkboxChecked: false };
  },
});

export const clipboard = watched('clipboard', {
  writeText(text) {
    record.clipboard = text;
  },
  readText() {
    return record.clipboard ?? '';
  },
});

export const nativeTheme = watched('nativeTheme', {
  shouldUseDarkColors: false,
  themeSource: 'system',
});

export default watched('electron', {
  app,
  BrowserWindow,
  session,
  protocol,
  ipcMain,
  Menu,
  screen,
  shell,
  safeStorage,
  dialog,
  clipboard,
  nativeTheme,
  net,
});
