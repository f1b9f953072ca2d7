import { jsHeapUsed, pageSession, sampleHeap } from '../lib/browser.js';
import { armProbe, readProbe, type PageProbe } from '../lib/in-page.js';
import { processMemoryMiB } from '../lib/processes.js';
import { type BenchResult, type BenchSpec } from '../lib/result.js';
import { ratioOf, round, summarize } from '../lib/stats.js';
import { nowMs } from '../lib/time-box.js';
import {
  bridgeRoundTrip,
  newMarker,
  releaseLast,
  waitSeen,
  type ComposerRig,
} from './composer-rig.js';

/** B5: a 50 MB JSON answer in the composer, against Chromium showing it as plain text. */

export const B5: BenchSpec = {
  id: 'B5',
  name: '50 MB JSON: first rows visible in the composer vs Chromium plain-text tab',
  unit: 'ms',
  goal: 'ratio ≤ 1.0; longest task ≤ 200 ms; JS heap growth ≤ 1× body',
};

interface LoadRun {
  firstRowsMs: number;
  longestTaskMs: number;
  heapGrowthBytes: number;
  retainedBytes: number;
  loadMs: number;
}

/** Longest long task that started inside [from, to] (page time); 0 when none (all < 50 ms). */
function longestTask(probe: PageProbe, from: number, to: number): number {
  return probe.longTasks
    .filter((t) => t.start + t.duration >= from && t.start <= to)
    .reduce((max, t) => Math.max(max, t.duration), 0);
}

/** Chromium opens the same URL in a new tab: plain text, nothing else. */
async function floorLoad(rig: ComposerRig, url: string): Promise<LoadRun> {
  const page = await rig.context.newPage();
  try {
    const marker = newMarker('b5-floor');
    rig.api.setMarker(marker);
    await page.addInitScript(armProbe, marker);
    const cdp = await pageSession(page);
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    const base = await jsHeapUsed(cdp);
    const sampler = sampleHeap(cdp);
    const probe0 = await waitSeen(page, 60_000, 'plain-text tab');
    await page.waitForLoadState('load', { timeout: 120_000 });
    const loadEnd = await page.evaluate(() => performance.now());
    const peak = await sampler.stop();
    const probe = (await page.evaluate(readProbe)) ?? probe0;
    const retained = await jsHeapUsed(cdp, true);
    return {
      firstRowsMs: probe0.seenAt ?? Number.NaN,
      longestTaskMs: longestTask(probe, 0, loadEnd),
      heapGrowthBytes: Math.max(0, peak - base),
      retainedBytes: retained - base,
      loadMs: loadEnd,
    };
  } finally {
    await page.close();
  }
}

/** Click Send (or call the back end), wait for the first rows, then for the page to go quiet. */
async function composerLoad(
  rig: ComposerRig,
  start: () => Promise<void>,
  tag: string,
): Promise<LoadRun> {
  const { page, cdp } = rig;
  const marker = newMarker(tag);
  rig.api.setMarker(marker);
  const base = await jsHeapUsed(cdp, true);
  await page.evaluate(armProbe, marker);
  const sampler = sampleHeap(cdp);
  await start();
  const seen = await waitSeen(page, 90_000, tag);
  // Loading is over when page and host stop talking (no WebSocket frame for 1.5 s), at most 60 s.
  const deadline = Date.now() + 60_000;
  while (rig.quietMs() < 1_500 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const end = await page.evaluate(() => performance.now());
  const peak = await sampler.stop();
  const probe = (await page.evaluate(readProbe)) ?? seen;
  const retained = await jsHeapUsed(cdp, true);
  const clickAt = seen.clickAt ?? 0;
  return {
    firstRowsMs: (seen.seenAt ?? Number.NaN) - clickAt,
    longestTaskMs: longestTask(probe, clickAt, end),
    heapGrowthBytes: Math.max(0, peak - base),
    retainedBytes: retained - base,
    loadMs: end - clickAt,
  };
}

function med(runs: LoadRun[], key: keyof LoadRun): number {
  return summarize(runs.map((r) => r[key])).median;
}

/** B5, on the composer rig, within `budgetMs`. */
export async function runB5(
  rig: ComposerRig,
  budgetMs: number,
  scale: number,
): Promise<BenchResult> {
  const started = nowMs();
  const url = `${rig.api.origin}/big.json`;
  const bodyBytes = rig.api.bigBytes(newMarker('size'));
  const mib = (bytes: number): number | null => round(bytes / 1024 / 1024);
  const runs = scale < 1 ? 2 : 4;
  const out: Record<'floor' | 'ours' | 'bridge', LoadRun[]> = { floor: [], ours: [], bridge: [] };
  const hostBefore = processMemoryMiB(rig.host.pid);
  const errors: string[] = [];
  const variants: [keyof typeof out, () => Promise<LoadRun>][] = [
    ['floor', () => floorLoad(rig, url)],
  ];
  if (rig.driver !== null) {
    const driver = rig.driver;
    variants.push([
      'ours',
      async () => {
        await driver.setUrl(url);
        return composerLoad(rig, () => driver.send(), 'b5-ours');
      },
    ]);
  }
  if (rig.bridge) {
    variants.push([
      'bridge',
      async () => {
        await releaseLast(rig.page);
        return composerLoad(
          rig,
          () =>
            rig.page.evaluate(bridgeRoundTrip, { connectionId: rig.connectionId, url, rows: 50 }),
          'b5-bridge',
        );
      },
    ]);
  }
  // One warm-up each, then interleaved runs until the count or the budget is reached.
  for (let i = 0; i <= runs; i++) {
    for (const [name, run] of i % 2 === 0 ? variants : [...variants].reverse()) {
      if (errors.some((e) => e.startsWith(name))) continue;
      try {
        const r = await run();
        if (i > 0) out[name].push(r);
      } catch (error) {
        errors.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    if (i >= 2 && nowMs() - started > budgetMs) break;
  }
  const hostAfter = processMemoryMiB(rig.host.pid);
  const floor = out.floor;
  const ours = out.ours.length > 0 ? out.ours : null;
  const bridge = out.bridge.length > 0 ? out.bridge : null;
  const notes: string[] = [];
  if (rig.driver === null)
    notes.push(`Not measured: ${rig.unavailable ?? 'the composer could not be driven'}`);
  for (const e of errors) notes.push(`Failed: ${e}`);
  const describe = (label: string, r: LoadRun[]): string =>
    `${label}: first rows visible ${round(med(r, 'firstRowsMs'))} ms, longest main-thread task ${round(med(r, 'longestTaskMs'))} ms, JS heap growth ${mib(med(r, 'heapGrowthBytes'))} MiB peak / ${mib(med(r, 'retainedBytes'))} MiB retained after GC, loading done after ${round(med(r, 'loadMs'))} ms (medians of ${r.length}).`;
  notes.push(
    `Body: ${mib(bodyBytes)} MiB of JSON, one item per line, served from memory on 127.0.0.1.`,
  );
  if (floor.length > 0) notes.push(describe('Floor, Chromium plain-text tab', floor));
  if (ours !== null) notes.push(describe('Composer', ours));
  if (bridge !== null) {
    notes.push(
      describe(
        'Composer back end without its UI (requests:send, then the first 50 rows via requests:body-rows)',
        bridge,
      ) +
        ` Ratio of first rows to the floor: ${round(ratioOf(med(bridge, 'firstRowsMs'), floor.length > 0 ? med(floor, 'firstRowsMs') : null))}.`,
    );
  }
  if (hostBefore !== null && hostAfter !== null) {
    notes.push(
      `Host RSS ${round(hostBefore.rss)} MiB before, ${round(hostAfter.rss)} MiB after the B5 runs.`,
    );
  }
  notes.push(
    'Long tasks are reported by the page’s PerformanceObserver only from 50 ms up: 0 means none that long.',
  );
  const oursFirst = ours === null ? null : med(ours, 'firstRowsMs');
  const floorFirst = floor.length > 0 ? med(floor, 'firstRowsMs') : null;
  const ratio = ratioOf(oursFirst, floorFirst);
  let met: boolean | null = null;
  let judged: string | undefined;
  if (ours !== null && ratio !== null) {
    const task = med(ours, 'longestTaskMs');
    const heap = med(ours, 'heapGrowthBytes');
    const parts = [ratio <= 1.0, task <= 200, heap <= bodyBytes];
    met = parts.every(Boolean);
    judged = `ratio ${round(ratio)}, task ${round(task)} ms, heap +${mib(heap)} MiB`;
    notes.push(
      `Goals: first-rows ratio ${round(ratio)} ${parts[0] ? '≤' : '>'} 1.0; longest task ${round(task)} ms ${parts[1] ? '≤' : '>'} 200 ms; heap growth ${mib(heap)} MiB ${parts[2] ? '≤' : '>'} ${mib(bodyBytes)} MiB.`,
    );
    if (!parts[0]) {
      notes.push(
        'First rows: requests:send resolves only when the whole body is on disk, and the viewer asks for its first page after that. Showing the first rows from the requests:progress stream (or a first-page event) would make the time independent of the body size.',
      );
    }
    if (!parts[1] || !parts[2]) {
      notes.push(
        'Long tasks and heap: the page should never hold the body; check for code that joins pages into one string, parses the JSON in the page, or renders rows that are off screen (the tree and raw views are meant to be paged and virtualised).',
      );
    }
  }
  const summary = (r: LoadRun[] | null): Record<string, number | null> | undefined =>
    r === null || r.length === 0
      ? undefined
      : Object.fromEntries(
          (
            ['firstRowsMs', 'longestTaskMs', 'heapGrowthBytes', 'retainedBytes', 'loadMs'] as const
          ).map((k) => [k, round(med(r, k))]),
        );
  return {
    ...B5,
    oursMedian: oursFirst === null ? null : round(oursFirst),
    floorMedian: floorFirst === null ? null : round(floorFirst),
    ratio: round(ratio),
    runs: ours?.length ?? 0,
    met,
    ...(judged !== undefined ? { judged } : {}),
    notes,
    seconds: round((nowMs() - started) / 1000),
    details: { bodyBytes, floor: summary(floor), ours: summary(ours), bridge: summary(bridge) },
  };
}
