import type { Page } from '@playwright/test';

/** Helpers for driving the Grantline page the way the e2e tests do: by role and name. */

/** Open the app from its printed URL and wait for the readiness signal (no sleeps). */
export async function openApp(page: Page, url: string, timeoutMs = 20_000): Promise<void> {
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  await waitReady(page, timeoutMs);
}

/** Wait for html[data-ready]; a value other than "true" is an error the bench reports. */
export async function waitReady(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.ready !== undefined, null, {
    timeout: timeoutMs,
    polling: 'raf',
  });
  const ready = await page.evaluate(() => document.documentElement.dataset.ready);
  if (ready !== 'true') throw new Error(`the app signalled data-ready="${ready}"`);
}

/** Call one channel of window.api in the page; throws with the error's message when not ok. */
export async function callApi<T>(page: Page, channel: string, args?: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ channel, args }) => {
      const api = (window as unknown as { api?: Record<string, (a?: unknown) => Promise<unknown>> })
        .api;
      const fn = api?.[channel];
      if (fn === undefined)
        return { ok: false, error: { message: `window.api has no ${channel}` } };
      return fn(args);
    },
    { channel, args },
  );
  const r = result as { ok: boolean; value?: T; error?: { message?: string } };
  if (!r.ok) throw new Error(`${channel}: ${r.error?.message ?? JSON.stringify(r)}`);
  return r.value as T;
}

/** Whether window.api offers a channel (the composer's requests:* arrive with the composer). */
export function hasChannel(page: Page, channel: string): Promise<boolean> {
  return page.evaluate(
    (name) =>
      typeof (window as unknown as { api?: Record<string, unknown> }).api?.[name] === 'function',
    channel,
  );
}

/** The four screens of the sidebar, in its order. */
export const SCREENS = ['Connections', 'Inspector', 'Composer', 'Settings'] as const;

/** Click a sidebar area and wait until it is the current page. */
export async function openScreen(page: Page, name: (typeof SCREENS)[number]): Promise<void> {
  const button = page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name });
  await button.click();
  await page.waitForFunction(
    (label) =>
      [...document.querySelectorAll('nav[aria-label="Areas"] button[aria-current="page"]')].some(
        (b) => b.textContent?.trim() === label,
      ),
    name,
    { timeout: 10_000 },
  );
}

/** A connection of the generic OAuth 2.0 preset, created through window.api as the wizard does. */
export async function createConnection(
  page: Page,
  input: {
    name: string;
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    apiBaseUrl: string;
  },
): Promise<string> {
  const view = await callApi<{ connection: { id: string } }>(page, 'connections:save', {
    connection: {
      name: input.name,
      presetId: 'generic-oauth2',
      fields: { tokenUrl: input.tokenUrl },
      clientId: input.clientId,
      scope: 'email',
      apiBaseUrls: [{ name: 'Bench API', url: input.apiBaseUrl }],
    },
    secrets: { clientSecret: input.clientSecret },
  });
  return view.connection.id;
}
