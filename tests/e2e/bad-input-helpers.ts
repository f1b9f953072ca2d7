import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { callApi as api, expect, snap } from './fixtures.js';

/** Helpers for bad-input.spec.ts: calls past the page, data-dir snapshots, pastes, checks. */

export const ONE_MB = 1024 * 1024;
export const TOKEN_URL = 'https://idp.example.com/oauth2/token';

/** Every file of the data dir and a hash of its bytes: "nothing saved" is "this did not change". */
export function dataDirState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        state[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return state;
}

/** Put text into the focused field the way a paste does (one input event, not keystrokes). */
export async function paste(page: Page, target: Locator, text: string): Promise<void> {
  await target.focus();
  await page.keyboard.insertText(text);
}

/** A field is marked invalid and its description (what a screen reader reads with it) says why. */
export async function expectInvalid(target: Locator, message: RegExp): Promise<void> {
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  await expect(target).toHaveAccessibleDescription(message);
}

/** The page still answers: a click on the navigation changes what is shown, quickly. */
export async function expectResponsive(page: Page): Promise<void> {
  const started = Date.now();
  await expect(page.getByRole('navigation', { name: 'Areas' })).toBeVisible();
  const heading = await page.evaluate(() => document.querySelector('h1')?.textContent ?? '');
  expect(heading.length).toBeGreaterThan(0);
  expect(Date.now() - started).toBeLessThan(5_000);
}

export async function area(
  page: Page,
  name: 'Connections' | 'Composer' | 'Inspector',
): Promise<void> {
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Light and dark screenshots; the app scrolls inside <main>, so the window grows to show it all. */
export async function snapThemes(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1200, height: 780 };
  await page.mouse.move(0, 0);
  const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await snap(page, `bad-input-${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(viewport);
}

/** A valid connection saved through the contract, for the screens that need one. */
export async function seed(page: Page, name: string): Promise<string> {
  const result = await api(page, 'connections:save', {
    connection: { name, presetId: 'generic-oauth2', clientId: 'sa-test', tokenUrl: TOKEN_URL },
    secrets: { clientSecret: 's3cret' },
  });
  expect(result.ok).toBe(true);
  return (result as { value: { connection: { id: string } } }).value.connection.id;
}

export async function listNames(page: Page): Promise<string[]> {
  const result = await api(page, 'connections:list');
  expect(result.ok).toBe(true);
  const { connections } = (result as { value: { connections: { connection: { name: string } }[] } })
    .value;
  return connections.map((c) => c.connection.name);
}
