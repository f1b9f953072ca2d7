import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { build } from 'vite';
import { preloadBuildConfig } from '../../../scripts/build.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, channels, eventIpcChannel } from '#shared/ipc/contract.js';

// The preload runs sandboxed: as one CommonJS file that may require only what Electron's sandbox
// offers. This bundles electron/preload.ts with scripts/build.mjs's own settings and runs the bundle in a
// bare VM context whose `require` knows nothing but a recording fake of 'electron', so the
// exposed API is checked without the Electron binary.

const outDir = mkdtempSync(join(tmpdir(), 'grantline-preload-'));

type Listener = (event: unknown, payload: unknown) => void;

interface Loaded {
  exposed: Map<string, unknown>;
  required: string[];
  invoked: unknown[][];
  listeners: Map<string, Set<Listener>>;
}

let bundle = '';

function load(): Loaded {
  const loaded: Loaded = { exposed: new Map(), required: [], invoked: [], listeners: new Map() };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => loaded.exposed.set(key, value),
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        loaded.invoked.push(args);
        return Promise.resolve({ ok: true, value: null });
      },
      on: (channel: string, listener: Listener) => {
        const set = loaded.listeners.get(channel) ?? new Set<Listener>();
        set.add(listener);
        loaded.listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: Listener) => {
        loaded.listeners.get(channel)?.delete(listener);
      },
    },
  };
  const module = { exports: {} };
  const require = (name: string): unknown => {
    loaded.required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  vm.runInNewContext(`(function (require, module, exports) {\n${bundle}\n})`, {})(
    require,
    module,
    module.exports,
  );
  return loaded;
}

beforeAll(async () => {
  // Exactly the settings that ship, from the build script.
  await build({ ...preloadBuildConfig(outDir), logLevel: 'silent' });
  bundle = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('preload', () => {
  it("requires nothing but 'electron' and exposes one global, window.api", () => {
    const loaded = load();
    expect([...new Set(loaded.required)]).toEqual(['electron']);
    expect([...loaded.exposed.keys()]).toEqual(['api']);
    const api = loaded.exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...apiKeys].sort());
    for (const key of apiKeys) expect(typeof api[key], key).toBe('function');
  });

  it('each method invokes its own channel with exactly one argument', async () => {
    const loaded = load();
    const api = loaded.exposed.get('api') as Record<string, (...args: unknown[]) => unknown>;
    for (const channel of channels) {
      await api[channel]?.({ some: 'arg' }, 'extra', 'ignored');
    }
    expect(loaded.invoked).toEqual(channels.map((channel) => [channel, { some: 'arg' }]));
  });

  it('on() subscribes to contract events only, strips the Electron event, and unsubscribes', () => {
    const loaded = load();
    const api = loaded.exposed.get('api') as {
      on: (name: string, handler: (...args: unknown[]) => void) => () => void;
    };
    expect(() => api.on('app:secret-leak', () => undefined)).toThrow(/Unknown event/);
    expect(() => api.on('ipc-main-internal', () => undefined)).toThrow(/Unknown event/);
    expect(loaded.listeners.size).toBe(0);

    const received: unknown[][] = [];
    const unsubscribe = api.on('app:notice', (...args) => received.push(args));
    const channel = eventIpcChannel('app:notice');
    const listeners = [...(loaded.listeners.get(channel) ?? [])];
    expect(listeners).toHaveLength(1);
    const payload = { level: 'info', message: 'hello' };
    listeners[0]?.({ sender: 'the Electron event object' }, payload);
    expect(received).toEqual([[payload]]);

    unsubscribe();
    expect(loaded.listeners.get(channel)?.size).toBe(0);
  });
});
