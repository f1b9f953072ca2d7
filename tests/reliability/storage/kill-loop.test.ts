import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { ConnectionRepository } from '../../../electron/core/connections/connection-repository.js';
import { KeyFileProtector } from '../../../electron/core/secrets/key-file-protector.js';
import { SecretStore } from '../../../electron/core/secrets/secret-store.js';
import { openJsonStore } from '../../../electron/core/storage/conf-json-store.js';
import type { StorageNotice } from '../../../electron/core/storage/json-store.js';

// kill -9 in the middle of saves, 200 times on one data dir: after every kill the files parse,
// every acknowledged connection is there with its secret, nothing was moved aside, and no temp
// file outlives the next start. The child runs the compiled app (dist/): run the build first.

const ROUNDS = 200;
const MAX_KILL_DELAY_MS = 120;
const CHILD = join(import.meta.dirname, 'save-loop-child.mjs');

interface Intent {
  id?: string;
  name: string;
  clientId: string;
  secret: string;
}

/** What the disk may hold for a connection: its last acknowledged save, or the one in flight. */
interface Expected {
  acked?: Intent;
  inFlight?: Intent;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Child {
  /** Start saving; resolves with every line it printed once it was killed. */
  run(acks?: number): Promise<string[]>;
}

/**
 * Spawn a child that loads the app code and waits. `run` lets it save and SIGKILLs it at a random
 * moment after it is ready (or right after `acks` acknowledged saves).
 */
function spawnChild(dataDir: string, seed: number): Child {
  const child = spawn(process.execPath, [CHILD, dataDir, String(seed)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  let acks: number | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    if (acks === undefined && line === 'ready') {
      setTimeout(() => child.kill('SIGKILL'), Math.random() * MAX_KILL_DELAY_MS);
    }
    if (acks !== undefined && lines.filter((l) => l.startsWith('ack ')).length === acks) {
      child.kill('SIGKILL');
    }
  });
  const closed = new Promise<string[]>((resolve, reject) => {
    child.once('error', reject);
    // 'close' waits for stdout to be drained, so every line the child wrote is in `lines`.
    child.once('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended by ${signal ?? code}: ${stderr}`));
      else resolve(lines);
    });
  });
  return {
    run: (untilAcks) => {
      acks = untilAcks;
      child.stdin.end('go\n');
      return closed;
    },
  };
}

function applyLines(expected: Map<string, Expected>, lines: readonly string[]): number {
  let pending: Intent | undefined;
  for (const line of lines) {
    if (line.startsWith('begin ')) pending = JSON.parse(line.slice(6)) as Intent;
    if (line.startsWith('ack ')) {
      const done = JSON.parse(line.slice(4)) as Intent;
      expected.set(done.id!, { acked: done });
      pending = undefined;
    }
  }
  // A save that began but was not acknowledged may or may not have reached the disk.
  if (pending?.id !== undefined) {
    expected.set(pending.id, { ...expected.get(pending.id), inFlight: pending });
  }
  return pending ? 1 : 0;
}

/**
 * Reopen the stores as a new app start would and check every acknowledged save. Returns what the
 * disk holds for each tracked connection, the baseline of the next round.
 */
async function verify(
  dataDir: string,
  expected: ReadonlyMap<string, Expected>,
): Promise<Map<string, Expected>> {
  for (const name of ['connections.json', 'secrets.json']) {
    const file = join(dataDir, name);
    if (existsSync(file)) expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
  }
  const notices: StorageNotice[] = [];
  const onNotice = (notice: StorageNotice): void => void notices.push(notice);
  const secrets = new SecretStore({
    dataDir,
    protector: new KeyFileProtector(dataDir),
    onNotice,
  });
  const repo = new ConnectionRepository(
    dataDir,
    (options) => openJsonStore({ ...options, onNotice }),
    secrets,
  );
  const onDisk = new Map(repo.list().map((c) => [c.id, c]));
  const settled = new Map<string, Expected>();
  for (const [id, { acked, inFlight }] of expected) {
    if (acked === undefined) continue;
    const stored = onDisk.get(id);
    expect(stored, `acknowledged connection ${acked.name}`).toBeDefined();
    // Each file holds the acknowledged value or the one in flight, never anything else.
    const allowed = [acked, inFlight].filter((x): x is Intent => x !== undefined);
    expect(allowed.map((x) => x.clientId)).toContain(stored!.clientId);
    expect(stored!.name).toBe(acked.name);
    expect(stored!.secretRef, `secret link of ${acked.name}`).toBeDefined();
    const secret = await secrets.get(stored!.secretRef!);
    expect(allowed.map((x) => x.secret)).toContain(secret);
    settled.set(id, { acked: { ...acked, clientId: stored!.clientId, secret } });
  }
  await secrets.ids();
  expect(notices).toEqual([]);
  const names = readdirSync(dataDir);
  expect(names.filter((n) => /\.(corrupt|newer)-/.test(n))).toEqual([]);
  expect(names.filter((n) => n.includes('.tmp-'))).toEqual([]);
  return settled;
}

describe('kill -9 in the middle of saves', () => {
  // About 45 s on an idle 2-core machine; the timeout leaves room for a busy one.
  it(
    `keeps every acknowledged connection and secret across ${ROUNDS} kills`,
    { timeout: 240_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'grantline-kill-'));
      dirs.push(dataDir);
      let expected = new Map<string, Expected>();
      const started = Date.now();
      let acks = 0;
      let killedMidSave = 0;
      let tempsLeftByKills = 0;
      let verifyMs = 0;
      // Two children load the app code ahead of their turn (start-up is mostly module loading), so
      // a round costs the save and the check, not a Node start.
      const queue = [spawnChild(dataDir, 1), spawnChild(dataDir, 2)];
      for (let round = 0; round < ROUNDS; round += 1) {
        const running = queue.shift()!.run();
        if (round + 2 < ROUNDS) queue.push(spawnChild(dataDir, round + 3));
        const lines = await running;
        acks += lines.filter((l) => l.startsWith('ack ')).length;
        killedMidSave += applyLines(expected, lines);
        tempsLeftByKills += readdirSync(dataDir).filter((n) => n.includes('.tmp-')).length;
        const checking = performance.now();
        expected = await verify(dataDir, expected);
        verifyMs += performance.now() - checking;
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `kill -9 loop: ${ROUNDS}/${ROUNDS} kills survived in ${seconds} s; ${acks} saves acknowledged, ` +
          `${expected.size} connections checked each round, ${killedMidSave} kills landed mid-save, ` +
          `${tempsLeftByKills} temp files left by kills were swept at the next start ` +
          `(checks took ${(verifyMs / ROUNDS).toFixed(0)} ms per round).`,
      );
      expect(expected.size).toBeGreaterThan(5);
      // Most kills must hit a save in progress, or the loop tests nothing.
      expect(killedMidSave).toBeGreaterThan(ROUNDS / 2);
    },
  );

  it('control: the check catches a torn (non-atomic) write', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grantline-kill-control-'));
    dirs.push(dataDir);
    const expected = new Map<string, Expected>();
    applyLines(expected, await spawnChild(dataDir, 99).run(2));
    const settled = await verify(dataDir, expected);
    expect(settled.size).toBeGreaterThan(0);
    const file = join(dataDir, 'connections.json');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    await expect(verify(dataDir, settled)).rejects.toThrow();
  });
});
