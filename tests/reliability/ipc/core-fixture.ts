import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallContext, HandlerTable } from '../../../electron/core/ipc/dispatch.js';
import type { AppContext } from '../../../electron/core/app-context.js';
import type { AppCore } from '../../../electron/core/app-core.js';
import { channels, type Channel } from '#shared/ipc/contract.js';
import { createHandlerRig } from '../../fixtures/core/handler-rig.js';

/** The real handler table on a temp data dir, each handler wrapped to count its calls. */
export interface CoreFixture {
  context: AppContext;
  services: AppCore;
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
  const calls = new Map<Channel, number>();
  const rig = createHandlerRig({
    name: 'grantline-fuzz-data',
    wrap: (real) => {
      const wrapped: Record<string, unknown> = {};
      for (const channel of channels) {
        const handler = real[channel] as (args: unknown, ctx: CallContext) => Promise<unknown>;
        wrapped[channel] = (args: unknown, ctx: CallContext) => {
          calls.set(channel, (calls.get(channel) ?? 0) + 1);
          return handler(args, ctx);
        };
      }
      return wrapped as HandlerTable;
    },
  });
  const rendererDir = mkdtempSync(join(tmpdir(), 'grantline-fuzz-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Grantline</title>');
  return {
    context: rig.context,
    services: rig.services,
    handlers: rig.handlers,
    dataDir: rig.dataDir,
    rendererDir,
    calls,
    totalCalls: () => [...calls.values()].reduce((a, b) => a + b, 0),
    files: () => listFiles(rig.dataDir),
    async close() {
      await rig.close();
      rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}
