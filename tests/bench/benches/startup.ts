import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { waitReady } from '../lib/app-page.js';
import { newContext } from '../lib/browser.js';
import { launchServe, launchStaticHost, tempDir, type LaunchedHost } from '../lib/processes.js';
import { type BenchResult, type BenchSpec } from '../lib/result.js';
import { ratioOf, round, roundSummary, summarize } from '../lib/stats.js';
import { interleave, nowMs } from '../lib/time-box.js';
import { readNewestProfile, timeByPackage, summarizeCpuProfile } from '../lib/profile.js';

/** Navigation milestones of the app page, in ms from navigation start. */
interface PageTimes {
  html: number;
  script: number;
  scriptKB: number;
  dcl: number;
  ready: number;
}

/** Runs in the page once it is ready. */
function readPageTimes(): PageTimes {
  const nav = performance.getEntriesByType('navigation')[0] as
    PerformanceNavigationTiming | undefined;
  const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
    (e) => e.initiatorType === 'script' || e.name.endsWith('.js'),
  );
  const first = scripts[0];
  return {
    html: nav?.responseEnd ?? Number.NaN,
    script: first?.responseEnd ?? Number.NaN,
    scriptKB: (first?.decodedBodySize ?? Number.NaN) / 1024,
    dcl: nav?.domContentLoadedEventEnd ?? Number.NaN,
    ready: (window as unknown as { __benchReadyAt?: number }).__benchReadyAt ?? performance.now(),
  };
}

/** Init script: note when html[data-ready] first appears. */
function watchReady(): void {
  const w = window as unknown as { __benchReadyAt?: number };
  const observer = new MutationObserver(() => {
    if (document.documentElement?.dataset.ready !== undefined) {
      w.__benchReadyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
}

export const B6: BenchSpec = {
  id: 'B6',
  name: 'Start-up: grantline serve launched → app interactive vs static Node host → page loaded',
  unit: 'ms',
  goal: 'median ratio ≤ 1.5',
};

/**
 * B6. Each run: a new browser context (cold cache), then the clock starts, the host is spawned,
 * its printed URL opened, and the clock stops at html[data-ready="true"] (ours) or the load event
 * (floor). The data dir is kept between runs: a normal start, not the very first one.
 */
export async function runB6(
  root: string,
  browser: Browser,
  budgetMs: number,
  options: { profileDir: string | null; scale: number },
): Promise<BenchResult> {
  const started = nowMs();
  const dataDir = tempDir('grantline-bench-b6-');
  const split = { oursHost: [] as number[], floorHost: [] as number[] };
  const pageTimes: PageTimes[] = [];
  const run = async (
    launch: (t0: number) => Promise<LaunchedHost>,
    loaded: (host: LaunchedHost, page: Page) => Promise<void>,
    hostTimes: number[],
  ): Promise<number> => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.addInitScript(watchReady);
    let host: LaunchedHost | undefined;
    try {
      const t0 = performance.now();
      host = await launch(t0);
      await loaded(host, page);
      const total = performance.now() - t0;
      hostTimes.push(host.readyMs);
      return total;
    } finally {
      await context.close();
      await host?.stop();
    }
  };
  const samples = await interleave(
    {
      ours: () =>
        run(
          (t0) => launchServe(root, dataDir, { t0 }),
          async (host, page) => {
            await page.goto(host.url, { waitUntil: 'commit' });
            await waitReady(page);
            pageTimes.push(await page.evaluate(readPageTimes));
          },
          split.oursHost,
        ),
      floor: () =>
        run(
          (t0) => launchStaticHost(t0),
          async (host, page) => {
            await page.goto(host.url, { waitUntil: 'load' });
          },
          split.floorHost,
        ),
    },
    { warmup: 2, runs: 20 * options.scale + 2, budgetMs, minRuns: 5 },
  );
  const ours = summarize(samples.ours);
  const floor = summarize(samples.floor);
  // Warm-up runs pushed host times too: keep only the measured ones.
  const oursHost = summarize(split.oursHost.slice(-ours.n));
  const floorHost = summarize(split.floorHost.slice(-floor.n));
  const ratio = ratioOf(ours.median, floor.median);
  const notes = [
    `Grantline: spawn → ready line ${round(oursHost.median)} ms, → interactive ${round(ours.median)} ms (p90 ${round(ours.p90)}). Floor: spawn → ready line ${round(floorHost.median)} ms, → page loaded ${round(floor.median)} ms (p90 ${round(floor.p90)}).`,
    `So the page part (open URL → ready) is ${round(ours.median - oursHost.median)} ms for Grantline vs ${round(floor.median - floorHost.median)} ms for the one-line page, and the host part ${round(oursHost.median)} vs ${round(floorHost.median)} ms.`,
  ];
  const pt = pageTimes.slice(-ours.n);
  if (pt.length > 0) {
    const m = (k: keyof PageTimes): number | null => round(summarize(pt.map((t) => t[k])).median);
    notes.push(
      `Grantline's page, from navigation start (medians): HTML received ${m('html')} ms; eager JS (${m('scriptKB')} KB raw) received ${m('script')} ms; DOMContentLoaded (the bundle parsed and run) ${m('dcl')} ms; data-ready ${m('ready')} ms (WebSocket opened, app:info answered, first render).`,
    );
  }
  // Where the host's start-up goes: one more launch under --cpu-prof (not timed).
  const dir = join(options.profileDir ?? tempDir('grantline-bench-prof-'), 'host-startup');
  const profiled = await launchServe(root, dataDir, {
    nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
  });
  await profiled.stop();
  const profile = readNewestProfile(dir);
  let scripts = 0;
  if (profile !== null) {
    scripts = new Set(
      profile.nodes.map((n) => n.callFrame.url).filter((u) => /\/dist\/|node_modules/.test(u)),
    ).size;
    const origins = timeByPackage(profile)
      .slice(0, 10)
      .map((o) => `${o.origin} ${Math.round(o.ms)} ms`)
      .join(', ');
    notes.push(
      `Host CPU profile of one start (node --cpu-prof, start to stop), CPU time by the package being loaded or run: ${origins}.`,
    );
    if (options.profileDir !== null)
      notes.push(`Host start-up, top functions: ${summarizeCpuProfile(profile, 6)}`);
  }
  if (ratio !== null && ratio > 1.5) {
    notes.push(
      `What holds it back: the host imports its whole module graph before it listens (${scripts} app and package scripts in one start's profile: dist/ as ES modules, undici, conf (used only to name and atomically write the JSON files, yet it loads ajv, ajv-formats and semver), @readme/httpsnippet with qs and its get-intrinsic family, zod, ws, the keyring binding), so the ready line waits for all of it; the page then runs one eager bundle (react-dom, all of zod with every IPC schema because the bridge imports the contract for its channel names, and every screen but the editors) before it opens the WebSocket, and the first app:info and connections:list calls pay the stores' first read.`,
      "What would move it: in the host, listen and serve the page first and import the handler table and its libraries while the page loads (dynamic import(): undici and httpsnippet are needed only for the first request); write the JSON files with atomically (conf's own writer) instead of conf, which drops ajv; bundle the host into one file to cut module resolution and file reads (Node 22 also offers module.enableCompileCache()). In the renderer, give the bridge a plain list of channel names so zod and the schemas leave the eager bundle, and lazy-load the wizard, inspector and composer screens.",
    );
  }
  return {
    ...B6,
    oursMedian: round(ours.median),
    floorMedian: round(floor.median),
    ratio: round(ratio),
    runs: ours.n,
    met: ratio === null ? null : ratio <= 1.5,
    notes,
    seconds: round((nowMs() - started) / 1000),
    details: {
      ours: roundSummary(ours),
      floor: roundSummary(floor),
      oursHostReady: roundSummary(oursHost),
      floorHostReady: roundSummary(floorHost),
    },
  };
}
