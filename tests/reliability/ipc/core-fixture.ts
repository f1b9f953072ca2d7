import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext, type AppContext } from '../../../electron/core/app-context.js';
import { createHandlers } from '../../../electron/core/handlers.js';
import type { CallContext, HandlerTable } from '../../../electron/core/ipc/dispatch.js';
import { KeyFileProtector } from '../../../electron/core/secrets/key-file-protector.js';
import { createCoreServices, type CoreServices } from '../../../electron/core/services.js';
import { openJsonStore } from '../../../electron/core/storage/conf-json-store.js';
import { channels, type Channel } from '../../../shared/ipc.js';

/** The real handler table on a temp data dir, each handler wrapped to count its calls. */
export interface CoreFixture {
  context: AppContext;
  services: CoreServices;
  handlers: HandlerTable;
  dataDir: string;
  rendererDir: string;
  /** Calls that reached each handler, i.e. got past validation. */
  calls: Map<Channel, number>;
  totalCalls(): number;
  /** Every file under the data dir with its size and mtime, to prove nothing was written. */
  files(): string[];
  close(): Promise<void>;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const stat = statSync(path);
    out.push(`${path} ${entry.isFile() ? stat.size : 'dir'} ${stat.mtimeMs}`);
  }
  return out.sort();
}

/** Build the fixture; close() removes the temp folders. */
export function createCoreFixture(): CoreFixture {
  const dataDir = mkdtempSync(join(tmpdir(), 'grantline-fuzz-data-'));
  const rendererDir = mkdtempSync(join(tmpdir(), 'grantline-fuzz-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Grantline</title>');
  const context = createAppContext({
    version: '0.0.0-fuzz',
    mode: 'browser',
    dataDir,
    platform: process.platform,
    secretProtection: { backend: 'key-file', label: 'Key file', secure: false },
  });
  const services = createCoreServices({
    dataDir,
    protector: new KeyFileProtector(dataDir),
    openStore: openJsonStore,
    events: context.events,
  });
  const real = createHandlers(context, services);
  const calls = new Map<Channel, number>();
  const wrapped: Record<string, unknown> = {};
  for (const channel of channels) {
    const handler = real[channel] as (args: unknown, ctx: CallContext) => Promise<unknown>;
    wrapped[channel] = (args: unknown, ctx: CallContext) => {
      calls.set(channel, (calls.get(channel) ?? 0) + 1);
      return handler(args, ctx);
    };
  }
  return {
    context,
    services,
    handlers: wrapped as HandlerTable,
    dataDir,
    rendererDir,
    calls,
    totalCalls: () => [...calls.values()].reduce((a, b) => a + b, 0),
    files: () => listFiles(dataDir),
    async close() {
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}
