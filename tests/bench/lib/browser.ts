import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
} from '@playwright/test';

/** Debian's Chromium, as in playwright.config.ts; Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env.GRANTLINE_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // No pre-started spare renderer: B8 finds a page's renderer as the process that appeared for it.
  '--disable-features=SpareRendererForSitePerProcess',
];

/** Launch headless Chromium for the browser benchmarks. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true });
}

/** A fresh context (cold cache) with the viewport the e2e tests use. */
export function newContext(
  browser: Browser,
  options: { bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1200, height: 780 },
    bypassCSP: options.bypassCSP ?? false,
  });
}

/** The renderer's JS heap in bytes, after a full GC when `gc` is set. */
export async function jsHeapUsed(cdp: CDPSession, gc = false): Promise<number> {
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
}

/** A CDP session on a page with the Performance domain on. */
export async function pageSession(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return cdp;
}

/** Sample the JS heap every `everyMs` until stopped; resolves to the largest value seen. */
export function sampleHeap(cdp: CDPSession, everyMs = 100): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        peak = Math.max(peak, await jsHeapUsed(cdp));
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peak;
    },
  };
}

/** Renderer process ids Chromium reports right now (CDP SystemInfo on the browser target). */
export async function rendererPids(browser: Browser): Promise<number[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const info = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    return info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await cdp.detach();
  }
}
