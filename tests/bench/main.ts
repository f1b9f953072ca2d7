import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { runB7 } from './benches/bundle.js';
import { runComposerBenches, B4, B5 } from './benches/composer.js';
import { runB8, B8 } from './benches/memory.js';
import { runB6, B6 } from './benches/startup.js';
import { runTokenBenches, B1, B2, B3 } from './benches/token.js';
import { runB10, B10 } from './benches/workspace.js';
import { launchBrowser } from './lib/browser.js';
import { cleanUp, snapshotApp } from './lib/processes.js';
import { formatTable, writeReport, type Machine } from './lib/report.js';
import { notMeasured, type BenchResult, type BenchSpec } from './lib/result.js';
import { round } from './lib/stats.js';
import { withTimeout } from './lib/time-box.js';

export interface MainContext {
  root: string;
  compileSeconds: number;
}

/** Budgets in ms at full scale; each benchmark stops itself, the timeout is the backstop. */
const BUDGET = {
  token: 60_000,
  composer: 150_000,
  startup: 70_000,
  memory: 45_000,
  workspace: 40_000,
};

/** Entry point of `npm run bench`; returns the exit code (non-zero only on a crash). */
export async function main(argv: string[], context: MainContext): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const { root } = context;
  const only = values.only?.split(',').map((s) => s.trim().toUpperCase());
  const wanted = (id: string): boolean => only === undefined || only.includes(id);
  const scale = values.quick ? 0.25 : 1;
  const profileDir = values.profile ? join(root, 'dist-bench', 'profiles') : null;
  if (profileDir !== null) rmSync(profileDir, { recursive: true, force: true });
  const started = performance.now();
  const results: BenchResult[] = [];
  const onSignal = (): void => {
    cleanUp();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  /** Run one group; a crash or timeout becomes a "not measured" row for each of its benchmarks. */
  const group = async <T extends BenchResult[]>(
    specs: BenchSpec[],
    budgetMs: number,
    run: () => Promise<T>,
  ): Promise<void> => {
    const ids = specs.map((s) => s.id);
    if (!ids.some(wanted)) return;
    console.log(`bench: ${ids.join(', ')} (budget ${Math.round(budgetMs / 1000)} s)…`);
    const t0 = performance.now();
    try {
      const out = await withTimeout(run(), budgetMs * 1.5 + 30_000, ids.join('/'));
      for (const r of out) if (wanted(r.id)) results.push(r);
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? String(error);
      for (const spec of specs)
        if (wanted(spec.id)) results.push(notMeasured(spec, `Did not finish: ${message}`));
    }
    console.log(
      `bench: ${ids.join(', ')} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  };

  const stale = staleBuild(root);
  let browser: Browser | undefined;
  let chromium = 'not used';
  const needBrowser = ['B4', 'B5', 'B6', 'B8'].some(wanted);
  try {
    await group([B1, B2, B3], BUDGET.token * scale, async () => {
      const r = await runTokenBenches(BUDGET.token * scale, profileDir !== null);
      return [r.b1, r.b2, r.b3];
    });
    await group([B10], BUDGET.workspace * scale, async () => [
      await runB10(BUDGET.workspace * scale, scale),
    ]);
    const built = existsSync(join(root, 'dist', 'host', 'cli.js'));
    // Everything below measures one private copy of dist/, taken now.
    const app = built ? snapshotApp(root) : root;
    if (wanted('B7')) results.push(runB7(app));
    if (needBrowser) {
      if (!built) {
        for (const spec of [B4, B5, B6, B8]) {
          if (wanted(spec.id))
            results.push(
              notMeasured(spec, 'The app is not built (dist/ is missing): run npm run build.'),
            );
        }
      } else {
        browser = await launchBrowser();
        chromium = browser.version();
        const b = browser;
        await group([B4, B5], BUDGET.composer * scale, async () => {
          const r = await runComposerBenches(app, b, BUDGET.composer * scale, {
            profileDir,
            scale,
          });
          return [r.b4, r.b5];
        });
        await group([B6], BUDGET.startup * scale, async () => [
          await runB6(app, b, BUDGET.startup * scale, { profileDir, scale }),
        ]);
        await group([B8], BUDGET.memory * scale, async () => [
          await runB8(app, b, BUDGET.memory * scale),
        ]);
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    cleanUp();
  }
  if (stale !== null) {
    for (const r of results) if (['B4', 'B5', 'B6', 'B7', 'B8'].includes(r.id)) r.notes.push(stale);
  }
  results.sort((a, b) => a.id.localeCompare(b.id));
  const machine: Machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: round(totalmem() / 1024 ** 3) ?? 0,
    os: `${type()} ${release()}`,
    node: process.version,
    chromium,
  };
  const report = {
    date: new Date().toISOString(),
    machine,
    totalSeconds: round((performance.now() - started) / 1000 + context.compileSeconds) ?? 0,
    results,
  };
  console.log('');
  console.log(formatTable(results));
  // Partial or profiled runs are not the published figures: they go to dist-bench/bench/.
  if (only === undefined && profileDir === null) {
    const files = writeReport(root, report);
    console.log(
      `\nWrote ${files.json}, ${files.md} and bench/README-section.md (${report.totalSeconds} s in all).`,
    );
  } else {
    const files = writeReport(join(root, 'dist-bench'), report);
    console.log(`\nWrote ${files.json} and ${files.md}; bench/results.* are left as they were.`);
  }
  return 0;
}

/** A warning when dist/ is older than the sources it is built from (host and renderer apart). */
function staleBuild(root: string): string | null {
  const newest = (path: string): number => {
    if (!existsSync(path)) return 0;
    const s = statSync(path);
    if (!s.isDirectory()) return s.mtimeMs;
    let max = s.mtimeMs;
    for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
    return max;
  };
  const parts: string[] = [];
  const check = (label: string, built: string, sources: string[]): void => {
    const file = join(root, built);
    if (!existsSync(file)) return;
    const at = statSync(file).mtimeMs;
    const latest = Math.max(...sources.map((p) => newest(join(root, p))));
    if (latest > at) {
      parts.push(
        `${label} (${built}, ${new Date(at).toISOString()}) is older than its sources (changed ${new Date(latest).toISOString()})`,
      );
    }
  };
  check('the host build', 'dist/host/cli.js', ['electron', 'shared']);
  check('the renderer build', 'dist/renderer/index.html', ['renderer', 'shared']);
  return parts.length === 0
    ? null
    : `Stale build: ${parts.join('; ')}. The browser benchmarks measured that build.`;
}
