import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EventBus } from '../../../electron/core/events.js';
import { KeyFileProtector } from '../../../electron/core/secrets/key-file-protector.js';
import { SecretStore } from '../../../electron/core/secrets/secret-store.js';
import { openJsonStore } from '../../../electron/core/storage/conf-json-store.js';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import { WorkspaceService } from '../../../electron/core/workspace/workspace-service.js';
import { emptyDraft } from '#shared/requests/schemas.js';
import { tempDir } from '../lib/processes.js';
import type { BenchResult, BenchSpec } from '../lib/result.js';
import { ratioOf, round, summarize } from '../lib/stats.js';
import { interleave, nowMs } from '../lib/time-box.js';

export const B10: BenchSpec = {
  id: 'B10',
  name: 'Open a workspace of 2,000 request files in 200 folders (main side) vs fs + YAML parse',
  unit: 'ms',
  goal: 'median ratio ≤ 2 (main side; the sidebar half is measured once the sidebar exists)',
};

const FOLDERS = 200;
const PER_FOLDER = 10;

/**
 * The workspace of B10: one request file written by the app itself (so the format is exactly
 * the app's), copied with another name and URL into 200 folders of 10.
 */
async function makeWorkspace(root: string, secrets: SecretStore): Promise<number> {
  const workspace = new Workspace(root, secrets);
  await workspace.ensure('Bench workspace');
  const first = await workspace.saveRequest({
    folder: '',
    name: 'Template',
    connectionId: 'bench-connection',
    draft: {
      ...emptyDraft(),
      method: 'POST',
      url: '{{baseUrl}}/items/0',
      headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
    },
  });
  const template = readFileSync(join(root, first.path), 'utf8');
  const extension = first.path.slice(first.path.indexOf('.'));
  let files = 0;
  for (let f = 0; f < FOLDERS; f++) {
    const folder = join(root, `folder-${String(f).padStart(3, '0')}`);
    mkdirSync(folder, { recursive: true });
    for (let r = 0; r < PER_FOLDER; r++) {
      const n = f * PER_FOLDER + r;
      const text = template.replace('Template', `Request ${n}`).replace('/items/0', `/items/${n}`);
      writeFileSync(join(folder, `request-${n}${extension}`), text);
      files++;
    }
  }
  return files;
}

/** The floor: every file read with fs and parsed with the same YAML library, nothing else. */
async function readAllYaml(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) count += await readAllYaml(path);
    else if (entry.name.endsWith('.yaml') || entry.name.endsWith('.yml')) {
      parse(await readFile(path, 'utf8'));
      count++;
    }
  }
  return count;
}

function countRequests(nodes: { kind: string; children?: unknown[] }[]): number {
  let n = 0;
  for (const node of nodes) {
    if (node.kind === 'request') n++;
    else if (Array.isArray(node.children))
      n += countRequests(node.children as { kind: string; children?: unknown[] }[]);
  }
  return n;
}

/**
 * B10, main side: a new WorkspaceService (as the app builds it) chooses the folder and answers
 * its tree (what workspace:open returns), watcher started; the floor reads and parses the same
 * files. The sidebar half (launch → sidebar interactive, filter keystrokes within a frame) needs
 * the workspace screen, which is not in this build.
 */
export async function runB10(budgetMs: number, scale: number): Promise<BenchResult> {
  const started = nowMs();
  const dataDir = tempDir('grantline-bench-b10-');
  const root = join(dataDir, 'workspace');
  const secrets = new SecretStore({ dataDir, protector: new KeyFileProtector(dataDir) });
  const files = await makeWorkspace(root, secrets);
  let seen = 0;
  const samples = await interleave(
    {
      ours: async () => {
        const serviceDir = tempDir('grantline-bench-b10-data-');
        const service = new WorkspaceService({
          dataDir: serviceDir,
          openStore: openJsonStore,
          secrets,
          events: new EventBus(),
          savedRequests: () => ({ allSaved: () => [], requestsFile: join(serviceDir, 'none') }),
        });
        const t0 = performance.now();
        const workspace = await service.choose(root);
        const tree = await workspace.tree();
        const ms = performance.now() - t0;
        seen = countRequests(tree.tree);
        await service.close();
        return ms;
      },
      floor: async () => {
        const t0 = performance.now();
        const n = await readAllYaml(root);
        const ms = performance.now() - t0;
        if (n < files) throw new Error(`B10 floor read ${n} files, expected at least ${files}`);
        return ms;
      },
    },
    { warmup: 1, runs: Math.max(3, Math.round(10 * scale)), budgetMs, minRuns: 3 },
  );
  const ours = summarize(samples.ours);
  const floor = summarize(samples.floor);
  const ratio = ratioOf(ours.median, floor.median);
  const folders = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).length;
  return {
    ...B10,
    oursMedian: round(ours.median),
    floorMedian: round(floor.median),
    ratio: round(ratio),
    judged: `ratio ${round(ratio)} (main side)`,
    runs: ours.n,
    met: ratio === null ? null : ratio <= 2,
    seconds: round((nowMs() - started) / 1000),
    notes: [
      `Workspace: ${files + 1} request files (${seen} in the tree answered) in ${folders} folders, written once with the app's own format.`,
      `Ours: a new WorkspaceService chooses the folder (settings written, watcher started) and answers its tree (workspace:open): median ${round(ours.median)} ms (p90 ${round(ours.p90)}, n ${ours.n}).`,
      `Floor: the same files read with fs and parsed with yaml, nothing else: median ${round(floor.median)} ms (p90 ${round(floor.p90)}, n ${floor.n}).`,
      'Not measured yet: launch → sidebar interactive and filter keystrokes, which need the workspace sidebar.',
    ],
  };
}
