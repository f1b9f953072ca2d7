import type { Page } from '@playwright/test';
import { faultRoutes, startFaultServer, type FaultServer } from '../fixtures/fault-server/index.js';
import { expect, openApp, snap, test } from './fixtures.js';

// The composer against a server that misbehaves on purpose: while a request hangs or trickles the
// page keeps answering, Cancel works, and timeouts and size limits end in words a user understands.
let faults: FaultServer;

test.beforeAll(async () => {
  faults = await startFaultServer();
});
test.afterAll(async () => {
  await faults?.close();
});

/** A connection whose token and API are both on the fault server; the composer opened on it. */
async function composerOnFaultServer(page: Page): Promise<void> {
  await page.evaluate(
    async ({ origin }) => {
      type Result = { ok: true } | { ok: false; error: { message: string } };
      const api = (window as unknown as { api: Record<string, (a: unknown) => Promise<Result>> })
        .api;
      const result = await api['connections:save']!({
        connection: {
          name: 'Fault server',
          presetId: 'axway-platform',
          tokenUrl: `${origin}/token`,
          clientId: 'fault-client',
          apiBaseUrls: [
            { name: 'Central', url: origin },
            { name: 'Platform', url: origin },
          ],
        },
        secrets: { clientSecret: 'fault-secret' },
      });
      if (!result.ok) throw new Error(result.error.message);
    },
    { origin: faults.origin },
  );
  await page
    .getByRole('navigation', { name: 'Areas' })
    .getByRole('button', { name: 'Composer' })
    .click();
  await page.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'Fault server' });
  await expect(page.getByRole('list', { name: 'Catalog endpoints' })).toBeVisible();
}

const urlBox = (page: Page) => page.getByRole('textbox', { name: 'URL', exact: true });
const response = (page: Page) => page.getByRole('region', { name: 'Response' });

async function setOptions(
  page: Page,
  options: { timeoutS?: number; maxMb?: number },
): Promise<void> {
  await page.getByRole('tab', { name: /^Options/ }).click();
  if (options.timeoutS !== undefined)
    await page.getByLabel('Timeout in seconds').fill(String(options.timeoutS));
  if (options.maxMb !== undefined)
    await page.getByLabel('Maximum response size in megabytes').fill(String(options.maxMb));
}

/**
 * While a request is pending: type into the URL field and switch tabs, and measure the longest gap
 * between animation frames over a second (a blocked page would show gaps of seconds).
 */
async function expectResponsive(page: Page): Promise<number> {
  const frames = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let worst = 0;
        const end = last + 1_000;
        const tick = (now: number): void => {
          worst = Math.max(worst, now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(worst);
        };
        requestAnimationFrame(tick);
      }),
  );
  const before = await urlBox(page).inputValue();
  const typedAt = Date.now();
  await urlBox(page).press('End');
  await urlBox(page).pressSequentially('&x=1');
  await expect(urlBox(page)).toHaveValue(`${before}&x=1`);
  const typingMs = Date.now() - typedAt;
  await page.getByRole('tab', { name: /^Headers/ }).click();
  await expect(page.getByRole('tab', { name: /^Headers/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.getByRole('tab', { name: /^Params/ }).click();
  await expect(page.getByRole('tab', { name: /^Params/ })).toHaveAttribute('aria-selected', 'true');
  const worstFrameMs = await frames;
  console.log(
    `[ui] typing 4 keys: ${typingMs} ms; worst frame gap while pending: ${worstFrameMs.toFixed(0)} ms`,
  );
  expect(worstFrameMs).toBeLessThan(500);
  expect(typingMs).toBeLessThan(3_000);
  return worstFrameMs;
}

test.describe('composer under server faults', () => {
  test('a server that never answers: the page stays usable, then the timeout is explained', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await composerOnFaultServer(page);
    await setOptions(page, { timeoutS: 4 });
    await urlBox(page).fill('{{baseUrl}}/hang?wait=1');
    const sentAt = Date.now();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect(response(page).getByText('Waiting for the answer…')).toBeVisible();
    await expectResponsive(page);
    await snap(page, 'faults-hang-pending');
    const failed = response(page).getByRole('alert');
    await expect(failed.getByRole('heading', { name: 'The request failed' })).toBeVisible({
      timeout: 10_000,
    });
    expect(Date.now() - sentAt).toBeLessThan(4_000 + 5_000);
    await expect(failed).toContainText(/No answer from 127\.0\.0\.1:\d+ within 4 s\./);
    await expect(failed).toContainText('raise the timeout under Options');
    await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
    await snap(page, 'faults-hang-timeout');
  });

  test('a server that trickles: Cancel stops it at once; a short timeout stops it too', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await composerOnFaultServer(page);
    await setOptions(page, { timeoutS: 60 });
    faults.reset();
    await urlBox(page).fill(`{{baseUrl}}${faultRoutes.trickle}?ms=50`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(response(page).getByText('Downloading…')).toBeVisible({ timeout: 5_000 });
    await expectResponsive(page);
    await snap(page, 'faults-trickle-downloading');
    await page.getByRole('button', { name: 'Cancel' }).click();
    const cancelled = response(page).getByRole('alert');
    await expect(cancelled.getByRole('heading', { name: 'Cancelled' })).toBeVisible({
      timeout: 3_000,
    });
    await expect(cancelled).toContainText('The request was cancelled; nothing was kept.');
    expect((await faults.closedResponse(faultRoutes.trickle)).completed).toBe(false);

    await setOptions(page, { timeoutS: 2 });
    await urlBox(page).fill(`{{baseUrl}}${faultRoutes.trickle}?ms=50`);
    await page.getByRole('button', { name: 'Send' }).click();
    const failed = response(page).getByRole('alert');
    await expect(failed.getByRole('heading', { name: 'The request failed' })).toBeVisible({
      timeout: 8_000,
    });
    await expect(failed).toContainText(
      /The answer from 127\.0\.0\.1:\d+ did not finish within 2 s \([\d.]+ B arrived\); the download was stopped\./,
    );
    await expect(failed).toContainText('The timeout covers the whole download');
    await failed.scrollIntoViewIfNeeded();
    await snap(page, 'faults-trickle-timeout');
  });

  test('a gzip bomb and an endless body stop at the maximum response size, said plainly', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await composerOnFaultServer(page);
    await setOptions(page, { timeoutS: 20, maxMb: 2 });
    await urlBox(page).fill(`{{baseUrl}}${faultRoutes.gzipBomb}`);
    await page.getByRole('button', { name: 'Send' }).click();
    const failed = response(page).getByRole('alert');
    await expect(failed).toContainText(
      /The response expands to more than 2\.0 MB when decompressed \(gzip, [\d.]+ KB received\); the download was stopped at the maximum response size\./,
      { timeout: 10_000 },
    );
    await expect(failed).toContainText('Raise the maximum response size under Options');
    await failed.scrollIntoViewIfNeeded();
    await snap(page, 'faults-gzip-bomb');

    await urlBox(page).fill(`{{baseUrl}}${faultRoutes.hugeChunked}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(failed).toContainText(
      'The response is larger than the maximum response size of 2.0 MB; the download was stopped.',
      { timeout: 10_000 },
    );
    await failed.scrollIntoViewIfNeeded();
    await snap(page, 'faults-size-limit');
    await page.emulateMedia({ colorScheme: 'dark' });
    await snap(page, 'faults-size-limit-dark');
  });

  test('a 503 is the server’s answer: shown with its status and the Retry-After it asked for', async ({
    page,
    host,
  }) => {
    await openApp(page, host);
    await composerOnFaultServer(page);
    await urlBox(page).fill(`{{baseUrl}}${faultRoutes.status503}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByLabel('Status 503 Service Unavailable')).toBeVisible({
      timeout: 10_000,
    });
    await response(page)
      .getByRole('tab', { name: /^Timeline/ })
      .click();
    await expect(response(page)).toContainText(
      'The server asks to wait before trying again (Retry-After: 30)',
    );
    await snap(page, 'faults-503');
  });
});
