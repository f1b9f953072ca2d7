import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { startOidcFixture, type OidcFixture } from '../../fixtures/oidc/oidc-fixture.js';
import { startBenchApi, type BenchApi } from '../lib/api-server.js';
import { createConnection, hasChannel, openApp } from '../lib/app-page.js';
import { newContext, pageSession } from '../lib/browser.js';
import { ComposerUnavailable, openComposer, type ComposerDriver } from '../lib/composer-driver.js';
import { installWsLog, readProbe, type PageProbe } from '../lib/in-page.js';
import { launchServe, tempDir, type LaunchedHost } from '../lib/processes.js';

/** Size of B5's large body, MiB. */
const BIG_MIB = 50;
const CONNECTION_NAME = 'Bench API';

/** Everything B4 and B5 share: IdP, API, one `grantline serve`, one app page with a connection. */
export interface ComposerRig {
  idp: OidcFixture;
  api: BenchApi;
  host: LaunchedHost;
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  connectionId: string;
  /** null when the composer UI is there and drivable; otherwise why not. */
  driver: ComposerDriver | null;
  unavailable: string | null;
  /** requests:send and requests:body-rows exist on window.api (the composer's back end). */
  bridge: boolean;
  /** Milliseconds since the last WebSocket frame between page and host. */
  quietMs(): number;
}

/**
 * Start the IdP, the API and `grantline serve`, open the app, save a connection through window.api
 * and open the composer on it (or note why it cannot be driven).
 */
export async function startRig(
  root: string,
  browser: Browser,
  profileDir: string | null,
): Promise<ComposerRig> {
  const idp = await startOidcFixture({ privateKeyJwtClient: false });
  const api = await startBenchApi(BIG_MIB);
  const nodeArgs =
    profileDir === null ? [] : ['--cpu-prof', '--cpu-prof-dir', join(profileDir, 'host-composer')];
  const host = await launchServe(root, tempDir('grantline-bench-composer-'), { nodeArgs });
  // bypassCSP: the B4 floor fetches the API from the app's own page, which connect-src forbids.
  const context = await newContext(browser, { bypassCSP: true });
  const page = await context.newPage();
  await page.addInitScript(installWsLog);
  let lastFrame = Date.now();
  page.on('websocket', (ws) => {
    ws.on('framereceived', () => (lastFrame = Date.now()));
    ws.on('framesent', () => (lastFrame = Date.now()));
  });
  await openApp(page, host.url);
  const connectionId = await createConnection(page, {
    name: CONNECTION_NAME,
    tokenUrl: idp.tokenUrl,
    clientId: idp.clients.basic.clientId,
    clientSecret: idp.clients.basic.clientSecret ?? '',
    apiBaseUrl: api.origin,
  });
  // Reload so every screen starts from the saved state, as after a restart.
  await openApp(page, host.url);
  const cdp = await pageSession(page);
  const bridge =
    (await hasChannel(page, 'requests:send')) && (await hasChannel(page, 'requests:body-rows'));
  let driver: ComposerDriver | null = null;
  let unavailable: string | null = null;
  try {
    driver = await openComposer(page, CONNECTION_NAME);
  } catch (error) {
    unavailable =
      error instanceof ComposerUnavailable
        ? error.message
        : `Could not drive the composer: ${(error as Error).message.split('\n')[0]}`;
  }
  return {
    idp,
    api,
    host,
    context,
    page,
    cdp,
    connectionId,
    driver,
    unavailable,
    bridge,
    quietMs: () => Date.now() - lastFrame,
  };
}

/** Stop everything startRig started. */
export async function closeRig(rig: ComposerRig): Promise<void> {
  await rig.context.close().catch(() => undefined);
  await rig.host.stop();
  await rig.api.close();
  await rig.idp.close();
}

/** Where screenshots of failed runs go: dist-bench/bench/ (this file is dist-bench/tests/bench/benches/). */
const failureDir = fileURLToPath(new URL('../../../bench/', import.meta.url));

let markerSeq = 0;
/** A marker new to this run: the page probe waits for exactly this text. */
export function newMarker(tag: string): string {
  markerSeq += 1;
  return `bench-${tag}-${markerSeq}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Wait until the probe saw the marker on screen; returns the probe. */
export async function waitSeen(page: Page, timeoutMs: number, what: string): Promise<PageProbe> {
  try {
    await page.waitForFunction(
      () => (window as unknown as { __benchProbe?: PageProbe }).__benchProbe?.seenAt != null,
      null,
      { timeout: timeoutMs, polling: 50 },
    );
  } catch {
    const shot = join(failureDir, `failure-${what.replace(/\W+/g, '-')}.png`);
    mkdirSync(failureDir, { recursive: true });
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    throw new Error(
      `${what}: the answer did not appear on screen within ${timeoutMs / 1000} s (screenshot: ${shot})`,
    );
  }
  const probe = await page.evaluate(readProbe);
  if (probe === null || probe.seenAt === null) throw new Error(`${what}: the probe was lost`);
  return probe;
}

/**
 * The composer's back end without its UI: send through window.api, read the first rows, write
 * them into the page. Starts the clock itself; the probe sees the rows appear.
 */
export function bridgeRoundTrip(args: { connectionId: string; url: string; rows: number }): void {
  type Api = Record<
    string,
    (a?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>
  >;
  const api = (window as unknown as { api: Api }).api;
  const probe = (window as unknown as { __benchProbe: { clickAt: number | null } }).__benchProbe;
  let out = document.getElementById('bench-bridge-out');
  if (out === null) {
    out = document.createElement('pre');
    out.id = 'bench-bridge-out';
    out.style.cssText =
      'position:fixed;left:8px;bottom:8px;z-index:2147483647;background:#fff;color:#000;max-height:120px;overflow:hidden;font:12px monospace';
    document.body.append(out);
  }
  const target = out;
  probe.clickAt = performance.now();
  const requestId = `bench-${Math.random().toString(36).slice(2)}`;
  void (async () => {
    const sent = await api['requests:send']!({
      requestId,
      connectionId: args.connectionId,
      draft: { method: 'GET', url: args.url },
      variables: [],
    });
    const responseId = (sent.value as { response?: { responseId?: string } } | undefined)?.response
      ?.responseId;
    if (!sent.ok || responseId === undefined) {
      target.textContent = `bench: send failed ${JSON.stringify(sent.error ?? sent.value).slice(0, 300)}`;
      return;
    }
    const rows = await api['requests:body-rows']!({ responseId, fromRow: 0, count: args.rows });
    target.textContent = ((rows.value as { rows?: string[] } | undefined)?.rows ?? []).join('\n');
    (window as unknown as { __benchLastResponse?: string }).__benchLastResponse = responseId;
  })();
}

export async function releaseLast(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const w = window as unknown as {
      __benchLastResponse?: string;
      api: Record<string, (a?: unknown) => Promise<unknown>>;
    };
    if (w.__benchLastResponse !== undefined)
      await w.api['requests:release']?.({ responseId: w.__benchLastResponse });
    w.__benchLastResponse = undefined;
  });
}
