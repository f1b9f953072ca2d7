import type { Browser, Page } from '@playwright/test';
import { startOidcFixture } from '../../fixtures/oidc/oidc-fixture.js';
import { createConnection, openApp, openScreen, SCREENS } from '../lib/app-page.js';
import { jsHeapUsed, newContext, pageSession, rendererPids } from '../lib/browser.js';
import {
  launchServe,
  launchStaticHost,
  processMemoryMiB,
  tempDir,
  type LaunchedHost,
} from '../lib/processes.js';
import { type BenchResult, type BenchSpec } from '../lib/result.js';
import { ratioOf, round, summarize } from '../lib/stats.js';
import { nowMs } from '../lib/time-box.js';

export const B8: BenchSpec = {
  id: 'B8',
  name: 'Host + renderer memory after opening every screen vs static host + empty page',
  unit: 'MiB',
  goal: 'report MB and ratio',
};

interface MemorySample {
  /** How many renderer processes appeared for the page (normally 1). */
  rendererProcesses: number;
  hostRss: number;
  rendererPss: number;
  rendererRss: number;
  jsHeap: number;
  total: number;
}

/** Memory of one host and the page it serves, after `visit` ran and a GC. */
async function measure(
  browser: Browser,
  host: LaunchedHost,
  visit: (page: Page) => Promise<void>,
): Promise<MemorySample> {
  const context = await newContext(browser);
  try {
    const before = new Set(await rendererPids(browser));
    const page = await context.newPage();
    await visit(page);
    await new Promise((r) => setTimeout(r, 1_000));
    const cdp = await pageSession(page);
    const jsHeap = (await jsHeapUsed(cdp, true)) / 1024 / 1024;
    const mine = (await rendererPids(browser)).filter((pid) => !before.has(pid));
    let rendererPss = 0;
    let rendererRss = 0;
    for (const pid of mine) {
      const mem = processMemoryMiB(pid);
      rendererPss += mem?.pss ?? 0;
      rendererRss += mem?.rss ?? 0;
    }
    const hostRss = processMemoryMiB(host.pid)?.rss ?? Number.NaN;
    if (mine.length === 0) throw new Error('could not find the page’s renderer process');
    const r = (v: number): number => round(v) ?? Number.NaN;
    return {
      rendererProcesses: mine.length,
      hostRss: r(hostRss),
      rendererPss: r(rendererPss),
      rendererRss: r(rendererRss),
      jsHeap: r(jsHeap),
      total: r(hostRss + rendererPss),
    };
  } finally {
    await context.close();
  }
}

/** B8: `grantline serve` + its page after every screen vs the static host + its one-line page. */
export async function runB8(
  root: string,
  browser: Browser,
  budgetMs: number,
): Promise<BenchResult> {
  const started = nowMs();
  const idp = await startOidcFixture({ privateKeyJwtClient: false });
  const ours: MemorySample[] = [];
  const floor: MemorySample[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const host = await launchServe(root, tempDir('grantline-bench-b8-'));
      try {
        ours.push(
          await measure(browser, host, async (page) => {
            await openApp(page, host.url);
            await createConnection(page, {
              name: 'Bench realm',
              tokenUrl: idp.tokenUrl,
              clientId: idp.clients.basic.clientId,
              clientSecret: idp.clients.basic.clientSecret ?? '',
              apiBaseUrl: 'http://127.0.0.1:9/',
            });
            await openApp(page, host.url);
            for (const screen of SCREENS) {
              await openScreen(page, screen);
              await new Promise((r) => setTimeout(r, 300));
            }
          }),
        );
      } finally {
        await host.stop();
      }
      const statics = await launchStaticHost();
      try {
        floor.push(
          await measure(browser, statics, async (page) => {
            await page.goto(statics.url, { waitUntil: 'load' });
          }),
        );
      } finally {
        await statics.stop();
      }
      if (nowMs() - started > budgetMs) break;
    }
  } finally {
    await idp.close();
  }
  const m = (samples: MemorySample[], key: keyof MemorySample): number =>
    summarize(samples.map((s) => s[key])).median;
  const ratio = ratioOf(m(ours, 'total'), m(floor, 'total'));
  const line = (label: string, s: MemorySample[]): string =>
    `${label}: host RSS ${round(m(s, 'hostRss'))} MiB + renderer PSS ${round(m(s, 'rendererPss'))} MiB = ${round(m(s, 'total'))} MiB (renderer RSS ${round(m(s, 'rendererRss'))} MiB, JS heap after GC ${round(m(s, 'jsHeap'))} MiB).`;
  return {
    ...B8,
    oursMedian: round(m(ours, 'total')),
    floorMedian: round(m(floor, 'total')),
    ratio: round(ratio),
    runs: ours.length,
    met: null,
    judged: `${round(m(ours, 'total'))} MiB vs ${round(m(floor, 'total'))} MiB`,
    notes: [
      'No threshold: reported only. Total = host VmRSS (/proc) + proportional set size of the page’s renderer process(es) (/proc/PID/smaps_rollup; the renderer found through CDP SystemInfo.getProcessInfo), medians of fresh hosts and contexts.',
      line(
        'Grantline after Connections, Inspector, Composer and Settings (one connection saved)',
        ours,
      ),
      line('Floor, the static Node host and its one-line page', floor),
      `Ratios: host ${round(ratioOf(m(ours, 'hostRss'), m(floor, 'hostRss')))}×, renderer ${round(ratioOf(m(ours, 'rendererPss'), m(floor, 'rendererPss')))}×, JS heap ${round(ratioOf(m(ours, 'jsHeap'), m(floor, 'jsHeap')))}×.`,
    ],
    seconds: round((nowMs() - started) / 1000),
    details: { ours, floor },
  };
}
